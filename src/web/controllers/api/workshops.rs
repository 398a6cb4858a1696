//! /api/v1/workshops (staff): the workshops, one with its participants and live state, and
//! every note with its change sequence number; the analysis's challenges, matrix and actions;
//! the planning's background files.

use axum::Json;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::services;
use crate::services::workshop_attachments::Upload;
use crate::store::attachments::WorkshopAttachment;
use crate::store::workshops::WorkshopRecord;
use crate::web::controllers::attachments::read_checked;
use crate::web::controllers::parse_id;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

/// Workshops are staff work: a call without a token is told to authenticate.
fn signed_in(ctx: &RequestContext) -> Result<()> {
    if ctx.viewer().is_none() { Err(Error::Unauthorized) } else { Ok(()) }
}

fn summary(record: &WorkshopRecord) -> Value {
    let w = &record.workshop;
    json!({
        "id": w.id,
        "title": w.plan.title,
        "step": w.step.as_str(),
        "date": w.plan.date,
        "version": record.version,
        "updated_at": record.updated_at.get().unix_timestamp(),
    })
}

pub async fn list(State(state): State<AppState>, ctx: RequestContext) -> Result<Response> {
    signed_in(&ctx)?;
    let workshops = services::workshops::list(&state.store, ctx.viewer()).await?;
    Ok(Json(json!({ "items": workshops.iter().map(summary).collect::<Vec<_>>() })).into_response())
}

pub async fn get(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response> {
    signed_in(&ctx)?;
    let record = services::workshops::load(&state.store, ctx.viewer(), parse_id(&id)?).await?;
    let board = services::workshops::board(&state.store, record.workshop.id).await?;
    Ok(Json(json!({
        "workshop": board.record.workshop,
        "version": board.record.version,
        "change_seq": board.record.change_seq,
        "state": services::workshops::state_json(&board.record, board.participants.len(), ctx.now),
        "participants": board.participants,
    }))
    .into_response())
}

pub async fn notes(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response> {
    signed_in(&ctx)?;
    let id = parse_id(&id)?;
    let notes = services::workshops::all_notes(&state.store, ctx.viewer(), id).await?;
    let record = services::workshops::load(&state.store, ctx.viewer(), id).await?;
    let items: Vec<Value> =
        notes.iter().map(|n| services::workshops::note_json(&record.workshop, n)).collect();
    Ok(Json(json!({ "items": items })).into_response())
}

/// The analysis of a workshop for its facilitator, after the token check.
async fn analysis(
    state: &AppState,
    ctx: &RequestContext,
    id: &str,
) -> Result<services::workshop_analysis::Analysis> {
    signed_in(ctx)?;
    services::workshop_analysis::analysis(&state.store, ctx.viewer(), parse_id(id)?).await
}

pub async fn challenges(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response> {
    let analysis = analysis(&state, &ctx, &id).await?;
    Ok(Json(json!({ "items": analysis.challenges })).into_response())
}

/// Figure 7's matrix: columns, a row per challenge with each column's strengths, the suggested
/// lead with its reasons (codes) and the recorded roles.
pub async fn matrix(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response> {
    let analysis = analysis(&state, &ctx, &id).await?;
    Ok(Json(analysis.matrix()).into_response())
}

pub async fn actions(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response> {
    let analysis = analysis(&state, &ctx, &id).await?;
    // Review dates as ISO 8601 text, not the stored (year, day of year) pair.
    let items: Vec<Value> = analysis
        .actions
        .iter()
        .map(|action| {
            let mut item = json!(action);
            item["review_on"] = json!(action.details.review_on.map(|d| d.to_string()));
            item
        })
        .collect();
    Ok(Json(json!({
        "items": items,
        "governance": analysis.record.workshop.governance,
    }))
    .into_response())
}

/// The current value network map: parties, flows and their values with tangibility.
pub async fn map(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response> {
    signed_in(&ctx)?;
    let (_, map) = services::workshop_maps::current(&state.store, ctx.viewer(), parse_id(&id)?).await?;
    Ok(Json(json!({ "nodes": map.nodes, "flows": map.flows, "value_count": map.value_count() }))
        .into_response())
}

/// A background file with the address to download it from.
fn attachment_json(file: &WorkshopAttachment) -> Value {
    let mut item = json!(file);
    item["download"] = json!(format!("/api/v1/workshops/{}/attachments/{}", file.workshop_id, file.id));
    item
}

pub async fn attachments(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response> {
    signed_in(&ctx)?;
    let files = services::workshop_attachments::list(&state.store, ctx.viewer(), parse_id(&id)?).await?;
    Ok(Json(json!({ "items": files.iter().map(attachment_json).collect::<Vec<_>>() })).into_response())
}

/// Adds a background file: multipart/form-data with `description` and `file`.
pub async fn attach(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    multipart: std::result::Result<Multipart, MultipartRejection>,
) -> Result<Response> {
    signed_in(&ctx)?;
    let id = parse_id(&id)?;
    services::workshops::load(&state.store, ctx.viewer(), id).await?;
    let upload = read_checked(&state, &ctx, multipart).await?;
    let file =
        Upload { description: upload.field("description"), filename: &upload.filename, bytes: &upload.bytes };
    let data_dir = &state.config.data_dir;
    let added =
        services::workshop_attachments::add(&state.store, data_dir, ctx.viewer(), id, file, ctx.change())
            .await?;
    Ok((StatusCode::CREATED, Json(attachment_json(&added))).into_response())
}

/// The file itself, as the planning page offers it.
pub async fn attachment(
    state: State<AppState>,
    ctx: RequestContext,
    path: Path<(String, String)>,
) -> Result<Response> {
    signed_in(&ctx)?;
    crate::web::controllers::workshops::attachments::download(state, ctx, path).await
}

pub async fn detach(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path((id, attachment_id)): Path<(String, String)>,
) -> Result<Response> {
    signed_in(&ctx)?;
    services::workshop_attachments::delete(
        &state.store,
        &state.config.data_dir,
        ctx.viewer(),
        parse_id(&id)?,
        parse_id(&attachment_id)?,
        ctx.change(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
