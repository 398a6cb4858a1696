//! /api/v1/partnerships: list with the page's filters, get, create, update (with the version
//! read), phase transitions, staircase changes and the timeline.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kumppani_domain::partnership::{Partnership, PartnershipInput, StaircaseInput, TransitionInput};
use kumppani_domain::role::partnership_as_seen_by;
use serde::{Deserialize, Serialize};

use super::ApiJson;
use crate::error::{Error, Result};
use crate::services;
use crate::store::partnerships::TimelineEvent;
use crate::web::controllers::parse_id;
use crate::web::controllers::partnerships::list::{ListParams, PER_PAGE};
use crate::web::controllers::partnerships::scope;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

/// A partnership as this viewer may see it: whole, redacted or the catalogue entry.
fn view(ctx: &RequestContext, partnership: Partnership) -> Result<Partnership> {
    partnership_as_seen_by(ctx.viewer(), partnership).ok_or(Error::NotFound)
}

#[derive(Serialize)]
struct PartnershipList {
    total: i64,
    page: i64,
    per_page: i64,
    items: Vec<Partnership>,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: RequestContext,
    Query(params): Query<ListParams>,
) -> Result<Response> {
    let query = params.to_query(ctx.viewer().is_some());
    let result = state.store.list_partnerships(&query, &scope(ctx.viewer())).await?;
    let ids: Vec<_> = result.partnerships.iter().map(|p| p.id).collect();
    let items = state
        .store
        .partnerships_by_ids(&ids)
        .await?
        .into_iter()
        .filter_map(|p| partnership_as_seen_by(ctx.viewer(), p))
        .collect();
    let page = query.offset / PER_PAGE + 1;
    Ok(Json(PartnershipList { total: result.total, page, per_page: PER_PAGE, items }).into_response())
}

pub async fn get(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response> {
    let (partnership, _) = services::partnerships::load(&state.store, ctx.viewer(), parse_id(&id)?).await?;
    Ok(Json(view(&ctx, partnership)?).into_response())
}

pub async fn create(
    State(state): State<AppState>,
    ctx: RequestContext,
    ApiJson(input): ApiJson<PartnershipInput>,
) -> Result<Response> {
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    let partnership =
        services::partnerships::create(&state.store, ctx.viewer(), &input, ctx.change()).await?;
    Ok((StatusCode::CREATED, Json(view(&ctx, partnership)?)).into_response())
}

#[derive(Deserialize)]
pub struct UpdateBody {
    version: i64,
    #[serde(flatten)]
    input: PartnershipInput,
}

pub async fn update(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<UpdateBody>,
) -> Result<Response> {
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    let id = parse_id(&id)?;
    let partnership = services::partnerships::update(
        &state.store,
        ctx.viewer(),
        id,
        body.version,
        &body.input,
        ctx.change(),
    )
    .await?;
    Ok(Json(view(&ctx, partnership)?).into_response())
}

pub async fn transition(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<TransitionInput>,
) -> Result<Response> {
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    let partnership =
        services::partnerships::transition(&state.store, ctx.viewer(), parse_id(&id)?, &input, ctx.change())
            .await?;
    Ok((StatusCode::CREATED, Json(view(&ctx, partnership)?)).into_response())
}

pub async fn staircase(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<StaircaseInput>,
) -> Result<Response> {
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    let partnership = services::partnerships::change_staircase(
        &state.store,
        ctx.viewer(),
        parse_id(&id)?,
        &input,
        ctx.change(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(view(&ctx, partnership)?)).into_response())
}

/// Everything that happened, newest first; only for those who see the non-public record.
pub async fn timeline(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response> {
    let id = parse_id(&id)?;
    let (_, access) = services::partnerships::load(&state.store, ctx.viewer(), id).await?;
    if !access.view_private {
        return Err(Error::NotFound);
    }
    let events: Vec<TimelineEvent> = state.store.partnership_events(id).await?;
    Ok(Json(events).into_response())
}
