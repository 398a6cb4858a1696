//! Commitments on the partnership page: adding one, and updating its status, evidence and notes.
//! A refused change shows the partnership again with the reason beside the form.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kumppani_domain::commitment::CommitmentInput;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::services;
use crate::web::controllers::partnerships::show::render;
use crate::web::controllers::{html_with_status, parse_id};
use crate::web::forms::FormData;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

fn input(form: &FormData) -> CommitmentInput {
    CommitmentInput {
        actor_id: form.get("actor_id").into(),
        title: form.get("title").into(),
        description: form.get("description").into(),
        due_on: form.get("due_on").into(),
        yearly: form.checked("yearly"),
        owner: form.get("owner").into(),
        status: form.get("status").into(),
        evidence: form.get("evidence").into(),
        notes: form.get("notes").into(),
    }
}

/// Back to the partnership's commitments, or the page again with the errors under `form_id`.
async fn outcome(
    state: &AppState,
    ctx: &RequestContext,
    partnership_id: Uuid,
    form_id: String,
    form: &FormData,
    result: Result<()>,
) -> Result<Response> {
    match result {
        Ok(()) => {
            Ok(Redirect::to(&format!("/partnerships/{partnership_id}?notice=saved#commitments"))
                .into_response())
        }
        Err(Error::Invalid(errors)) => {
            let mut page = render(state, ctx, partnership_id, errors, None).await?;
            page.failed_form = Some(form_id);
            page.typed = form.0.clone();
            html_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => Err(e),
    }
}

pub async fn create(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response> {
    let partnership_id = parse_id(&id)?;
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    let result = services::followup::add_commitment(
        &state.store,
        ctx.viewer(),
        partnership_id,
        &input(&form),
        ctx.change(),
    )
    .await
    .map(|_| ());
    outcome(&state, &ctx, partnership_id, "new-commitment".into(), &form, result).await
}

pub async fn update(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response> {
    let id = parse_id(&id)?;
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    let (commitment, _, _) = services::followup::load_commitment(&state.store, ctx.viewer(), id).await?;
    let version: i64 = form.get("version").parse().map_err(|_| Error::BadRequest("version".into()))?;
    let result = match services::followup::update_commitment(
        &state.store,
        ctx.viewer(),
        id,
        version,
        &input(&form),
        ctx.change(),
    )
    .await
    {
        Err(Error::Conflict) => Err(Error::invalid("version", "edit-conflict")),
        other => other.map(|_| ()),
    };
    outcome(&state, &ctx, commitment.partnership_id, format!("commitment-{id}"), &form, result).await
}
