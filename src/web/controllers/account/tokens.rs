//! API tokens a person creates for scripts; shown once, revocable.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use kumppani_domain::validation::FieldErrors;

use crate::error::{Error, Result};
use crate::services::accounts;
use crate::store::tokens::ApiToken;
use crate::web::controllers::{html, parse_id};
use crate::web::forms::FormData;
use crate::web::page::Page;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "account/tokens.html")]
struct TokensPage {
    page: Page,
    tokens: Vec<ApiToken>,
    new_token: Option<String>,
    errors: FieldErrors,
}

async fn render(
    state: &AppState,
    ctx: &RequestContext,
    new_token: Option<String>,
    errors: FieldErrors,
) -> Result<Response> {
    let principal = ctx.viewer().ok_or(Error::Unauthorized)?;
    let tokens = state.store.user_tokens(principal.user_id).await?;
    let page = Page::new(ctx, "tokens-title").crumb("nav-home", "/");
    html(&TokensPage { page, tokens, new_token, errors })
}

pub async fn list(State(state): State<AppState>, ctx: RequestContext) -> Result<Response> {
    render(&state, &ctx, None, FieldErrors::new()).await
}

pub async fn create(State(state): State<AppState>, ctx: RequestContext, form: FormData) -> Result<Response> {
    let principal = ctx.viewer().ok_or(Error::Unauthorized)?;
    match accounts::create_token(&state.store, principal.user_id, form.get("name"), ctx.change()).await {
        Ok(token) => render(&state, &ctx, Some(token), FieldErrors::new()).await,
        Err(Error::Invalid(errors)) => render(&state, &ctx, None, errors).await,
        Err(e) => Err(e),
    }
}

pub async fn revoke(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    _form: FormData,
) -> Result<Response> {
    let principal = ctx.viewer().ok_or(Error::Unauthorized)?;
    accounts::revoke_token(&state.store, principal.user_id, parse_id(&id)?, ctx.change()).await?;
    Ok(Redirect::to("/account/tokens").into_response())
}
