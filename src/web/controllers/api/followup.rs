//! /api/v1 follow-up: a partnership's commitments, deliverables and grants; updating a
//! commitment; submitting and reviewing a deliverable.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kumppani_domain::commitment::{
    CommitmentInput, DeliverableInput, GrantYearInput, ReviewInput, SubmissionInput,
};
use serde::Deserialize;
use uuid::Uuid;

use super::ApiJson;
use crate::error::{Error, Result};
use crate::services;
use crate::web::controllers::parse_id;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

/// The partnership, if the caller sees its non-public records.
async fn private_partnership(state: &AppState, ctx: &RequestContext, id: &str) -> Result<Uuid> {
    let id = parse_id(id)?;
    let (_, access) = services::partnerships::load(&state.store, ctx.viewer(), id).await?;
    if !access.view_private {
        return Err(Error::NotFound);
    }
    Ok(id)
}

fn signed_in(ctx: &RequestContext) -> Result<()> {
    if ctx.viewer().is_none() { Err(Error::Unauthorized) } else { Ok(()) }
}

pub async fn commitments(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response> {
    let id = private_partnership(&state, &ctx, &id).await?;
    Ok(Json(state.store.commitments_of(id).await?).into_response())
}

pub async fn add_commitment(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<CommitmentInput>,
) -> Result<Response> {
    signed_in(&ctx)?;
    let commitment =
        services::followup::add_commitment(&state.store, ctx.viewer(), parse_id(&id)?, &input, ctx.change())
            .await?;
    Ok((StatusCode::CREATED, Json(commitment)).into_response())
}

#[derive(Deserialize)]
pub struct CommitmentUpdate {
    version: i64,
    #[serde(flatten)]
    input: CommitmentInput,
}

pub async fn update_commitment(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<CommitmentUpdate>,
) -> Result<Response> {
    signed_in(&ctx)?;
    let commitment = services::followup::update_commitment(
        &state.store,
        ctx.viewer(),
        parse_id(&id)?,
        body.version,
        &body.input,
        ctx.change(),
    )
    .await?;
    Ok(Json(commitment).into_response())
}

pub async fn deliverables(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response> {
    let id = private_partnership(&state, &ctx, &id).await?;
    Ok(Json(state.store.deliverables_of(id).await?).into_response())
}

pub async fn add_deliverable(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<DeliverableInput>,
) -> Result<Response> {
    signed_in(&ctx)?;
    let id =
        services::followup::add_deliverable(&state.store, ctx.viewer(), parse_id(&id)?, &input, ctx.change())
            .await?;
    let deliverable = state.store.deliverable(id).await?.ok_or(Error::NotFound)?;
    Ok((StatusCode::CREATED, Json(deliverable)).into_response())
}

pub async fn deliverable(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response> {
    let (deliverable, _, _) =
        services::followup::load_deliverable(&state.store, ctx.viewer(), parse_id(&id)?).await?;
    Ok(Json(deliverable).into_response())
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<SubmissionInput>,
) -> Result<Response> {
    signed_in(&ctx)?;
    let deliverable =
        services::followup::submit(&state.store, ctx.viewer(), parse_id(&id)?, &input, ctx.change()).await?;
    Ok((StatusCode::CREATED, Json(deliverable)).into_response())
}

pub async fn review(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<ReviewInput>,
) -> Result<Response> {
    signed_in(&ctx)?;
    let deliverable =
        services::followup::review(&state.store, ctx.viewer(), parse_id(&id)?, &input, ctx.change()).await?;
    Ok((StatusCode::CREATED, Json(deliverable)).into_response())
}

pub async fn grants(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response> {
    let id = private_partnership(&state, &ctx, &id).await?;
    Ok(Json(state.store.grant_years_of(id).await?).into_response())
}

pub async fn save_grant(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<GrantYearInput>,
) -> Result<Response> {
    signed_in(&ctx)?;
    let id = parse_id(&id)?;
    services::followup::save_grant(&state.store, ctx.viewer(), id, &input, ctx.change()).await?;
    Ok((StatusCode::CREATED, Json(state.store.grant_years_of(id).await?)).into_response())
}
