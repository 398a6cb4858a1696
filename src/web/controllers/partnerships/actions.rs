//! What moves a partnership along: phase transitions, staircase changes, checklist ticks and
//! archiving. A refused move shows the partnership again with the reason beside the form.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kumppani_domain::partnership::{ChecklistEntry, StaircaseInput, TransitionInput};

use super::show::render;
use crate::error::{Error, Result};
use crate::services;
use crate::web::controllers::{html_with_status, parse_id};
use crate::web::forms::FormData;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

/// Back to the partnership with a notice, or the page again with the errors (422).
async fn outcome(
    state: &AppState,
    ctx: &RequestContext,
    id: uuid::Uuid,
    result: Result<()>,
    notice: &str,
) -> Result<Response> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/partnerships/{id}?notice={notice}")).into_response()),
        Err(Error::Invalid(errors)) => {
            html_with_status(StatusCode::UNPROCESSABLE_ENTITY, &render(state, ctx, id, errors, None).await?)
        }
        Err(e) => Err(e),
    }
}

pub async fn transition(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response> {
    let id = parse_id(&id)?;
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    let input = TransitionInput {
        event: form.get("event").into(),
        decided_on: form.get("decided_on").into(),
        note: form.get("note").into(),
    };
    let result =
        services::partnerships::transition(&state.store, ctx.viewer(), id, &input, ctx.change()).await;
    outcome(&state, &ctx, id, result.map(|_| ()), "phase-changed").await
}

pub async fn staircase(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response> {
    let id = parse_id(&id)?;
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    let input = StaircaseInput {
        level: form.get("level").into(),
        changed_on: form.get("changed_on").into(),
        note: form.get("note").into(),
    };
    let result =
        services::partnerships::change_staircase(&state.store, ctx.viewer(), id, &input, ctx.change()).await;
    outcome(&state, &ctx, id, result.map(|_| ()), "staircase-changed").await
}

pub async fn checklist(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response> {
    let id = parse_id(&id)?;
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    let (partnership, _) = services::partnerships::load(&state.store, ctx.viewer(), id).await?;
    let result = match ChecklistEntry::new(
        partnership.phase,
        form.get("code"),
        form.checked("done"),
        form.get("note"),
    ) {
        Ok(entry) => {
            services::partnerships::tick_checklist(&state.store, ctx.viewer(), id, &entry, ctx.change()).await
        }
        Err(errors) => Err(Error::Invalid(errors)),
    };
    outcome(&state, &ctx, id, result, "checklist-saved").await
}

pub async fn archive(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    _form: FormData,
) -> Result<Response> {
    let id = parse_id(&id)?;
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    services::partnerships::archive(&state.store, ctx.viewer(), id, ctx.change()).await?;
    Ok(Redirect::to("/partnerships?notice=archived").into_response())
}
