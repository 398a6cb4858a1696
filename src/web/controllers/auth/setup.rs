//! First start: the console prints a one-time link; its page creates the first administrator
//! and can load the demonstration data. No default password exists.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use kumppani_domain::validation::FieldErrors;

use super::start_session;
use crate::error::{Error, Result};
use crate::services::{self, Change, accounts, secrets};
use crate::web::controllers::{html, html_with_status};
use crate::web::forms::FormData;
use crate::web::page::Page;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

pub const SETUP_TOKEN_SETTING: &str = "setup_token_hash";

#[derive(Template)]
#[template(path = "auth/setup.html")]
struct SetupPage {
    page: Page,
    action: String,
    email: String,
    display_name: String,
    load_demo: bool,
    errors: FieldErrors,
}

/// The link works only while no account exists and only with the token printed at start-up.
async fn check_token(state: &AppState, token: &str) -> Result<()> {
    let expected = state.store.setting(SETUP_TOKEN_SETTING).await?;
    let valid = expected.is_some_and(|hash| hash == secrets::token_hash(token));
    if !valid || state.store.user_count().await? > 0 {
        return Err(Error::NotFound);
    }
    Ok(())
}

pub async fn form(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(token): Path<String>,
) -> Result<Response> {
    check_token(&state, &token).await?;
    html(&SetupPage {
        page: Page::new(&ctx, "setup-title"),
        action: format!("/setup/{token}"),
        email: String::new(),
        display_name: String::new(),
        load_demo: true,
        errors: FieldErrors::new(),
    })
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(token): Path<String>,
    form: FormData,
) -> Result<Response> {
    check_token(&state, &token).await?;
    let input = accounts::NewAccount {
        email: form.get("email").into(),
        display_name: form.get("display_name").into(),
        password: form.get("password").into(),
        password_again: form.get("password_again").into(),
        ..accounts::NewAccount::default()
    };
    let load_demo = form.checked("load_demo");
    match accounts::create_first_admin(&state.store, &input, ctx.now).await {
        Ok(user_id) => {
            state.store.delete_setting(SETUP_TOKEN_SETTING).await?;
            if load_demo {
                services::demo::load(&state.store, Change { user_id: Some(user_id), now: ctx.now }).await?;
            }
            start_session(
                &state,
                user_id,
                ctx.now,
                if load_demo { "/actors?notice=demo-loaded" } else { "/?notice=signed-in" },
            )
            .await
        }
        Err(Error::Invalid(errors)) => html_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &SetupPage {
                page: Page::new(&ctx, "setup-title"),
                action: format!("/setup/{token}"),
                email: input.email,
                display_name: input.display_name,
                load_demo,
                errors,
            },
        ),
        Err(e) => Err(e),
    }
}
