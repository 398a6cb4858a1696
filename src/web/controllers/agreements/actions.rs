//! Acceptances, signed papers, funder decisions and attachments on an agreement. A refused
//! action shows the agreement again with the reason beside its form.

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kumppani_domain::agreement::FunderDecisionInput;
use uuid::Uuid;

use super::show::render;
use crate::error::{Error, Result};
use crate::services;
use crate::services::attachments::Owner;
use crate::web::controllers::attachments::receive;
use crate::web::controllers::{html_with_status, parse_id};
use crate::web::forms::FormData;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

async fn outcome(
    state: &AppState,
    ctx: &RequestContext,
    id: Uuid,
    result: Result<()>,
    notice: &str,
) -> Result<Response> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/agreements/{id}?notice={notice}")).into_response()),
        Err(Error::Invalid(errors)) => {
            html_with_status(StatusCode::UNPROCESSABLE_ENTITY, &render(state, ctx, id, errors, None).await?)
        }
        Err(e) => Err(e),
    }
}

pub async fn accept(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response> {
    let id = parse_id(&id)?;
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    let actor =
        Uuid::parse_str(form.get("actor_id")).map_err(|_| Error::invalid("actor_id", "invalid-choice"));
    let result = match actor {
        Ok(actor) => services::agreements::accept(&state.store, ctx.viewer(), id, actor, ctx.change())
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    outcome(&state, &ctx, id, result, "accepted").await
}

pub async fn paper(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response> {
    let id = parse_id(&id)?;
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    let result = services::agreements::record_paper(
        &state.store,
        ctx.viewer(),
        id,
        form.get("actor_id"),
        form.get("signed_on"),
        ctx.change(),
    )
    .await;
    outcome(&state, &ctx, id, result.map(|_| ()), "accepted").await
}

pub async fn funder_decision(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response> {
    let id = parse_id(&id)?;
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    let input = FunderDecisionInput {
        verdict: form.get("verdict").into(),
        decided_on: form.get("decided_on").into(),
        reference: form.get("reference").into(),
    };
    let result =
        services::agreements::record_funder_decision(&state.store, ctx.viewer(), id, &input, ctx.change())
            .await;
    outcome(&state, &ctx, id, result.map(|_| ()), "saved").await
}

pub async fn attach(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    multipart: std::result::Result<Multipart, MultipartRejection>,
) -> Result<Response> {
    let id = parse_id(&id)?;
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    let (agreement, _, access) = services::agreements::load(&state.store, ctx.viewer(), id).await?;
    if !access.participate() {
        return Err(Error::Forbidden);
    }
    let result = receive(&state, &ctx, multipart, agreement.partnership_id, Owner::Agreement(id)).await;
    outcome(&state, &ctx, id, result, "attached").await
}
