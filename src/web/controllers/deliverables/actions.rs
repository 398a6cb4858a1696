//! Adding a deliverable, submitting it, reviewing it and attaching files to it. A refused
//! action shows the page again with the reason beside its form and what was typed kept.

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kumppani_domain::commitment::{DeliverableInput, ReviewInput, SubmissionInput};
use kumppani_domain::validation::FieldErrors;
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
    typed: Option<SubmissionInput>,
    result: Result<()>,
    notice: &str,
) -> Result<Response> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/deliverables/{id}?notice={notice}")).into_response()),
        Err(Error::Invalid(errors)) => html_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &render(state, ctx, id, typed, errors, None).await?,
        ),
        Err(Error::Conflict) => {
            let page = render(
                state,
                ctx,
                id,
                typed,
                {
                    let mut errors = FieldErrors::new();
                    errors.add("text", "edit-conflict");
                    errors
                },
                None,
            )
            .await?;
            html_with_status(StatusCode::CONFLICT, &page)
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
    let input = DeliverableInput {
        actor_id: form.get("actor_id").into(),
        title: form.get("title").into(),
        due_on: form.get("due_on").into(),
    };
    match services::followup::add_deliverable(
        &state.store,
        ctx.viewer(),
        partnership_id,
        &input,
        ctx.change(),
    )
    .await
    {
        Ok(id) => Ok(Redirect::to(&format!("/deliverables/{id}?notice=deliverable-created")).into_response()),
        Err(Error::Invalid(errors)) => {
            let mut page = crate::web::controllers::partnerships::show::render(
                &state,
                &ctx,
                partnership_id,
                errors,
                None,
            )
            .await?;
            page.failed_form = Some("new-deliverable".into());
            page.typed = form.0.clone();
            html_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => Err(e),
    }
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response> {
    let id = parse_id(&id)?;
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    let input = form.submission_input();
    let result =
        services::followup::submit(&state.store, ctx.viewer(), id, &input, ctx.change()).await.map(|_| ());
    outcome(&state, &ctx, id, Some(input), result, "submitted").await
}

pub async fn review(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response> {
    let id = parse_id(&id)?;
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    let input = ReviewInput { decision: form.get("decision").into(), comment: form.get("comment").into() };
    let result =
        services::followup::review(&state.store, ctx.viewer(), id, &input, ctx.change()).await.map(|_| ());
    outcome(&state, &ctx, id, None, result, "reviewed").await
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
    let (deliverable, _, access) =
        services::followup::load_deliverable(&state.store, ctx.viewer(), id).await?;
    if !(access.manage || services::followup::may_submit(&access, &deliverable)) {
        return Err(Error::Forbidden);
    }
    let result = if deliverable.status.is_locked() {
        Err(Error::invalid("file", "deliverable-locked"))
    } else {
        receive(&state, &ctx, multipart, deliverable.partnership_id, Owner::Deliverable(id)).await
    };
    outcome(&state, &ctx, id, None, result, "attached").await
}
