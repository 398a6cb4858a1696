//! /api/v1/actors: list, search and filter; get; create; update (with the version read);
//! archive.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kumppani_domain::actor::{Actor, ActorInput};
use kumppani_domain::role::actor_as_seen_by;
use serde::{Deserialize, Serialize};

use super::ApiJson;
use crate::error::{Error, Result};
use crate::services;
use crate::web::controllers::actors::list::ListParams;
use crate::web::controllers::parse_id;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

/// An actor as the API shows it to this viewer: non-public fields only for those allowed.
fn view(ctx: &RequestContext, actor: Actor) -> Result<Actor> {
    actor_as_seen_by(ctx.viewer(), actor).ok_or(Error::NotFound)
}

#[derive(Serialize)]
struct ActorList {
    total: i64,
    page: u32,
    per_page: u32,
    items: Vec<Actor>,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: RequestContext,
    Query(params): Query<ListParams>,
) -> Result<Response> {
    let query = params.to_query(&ctx);
    let result = state.store.list_actors(&query).await?;
    // Listings only hold records the viewer may see; redaction is per record.
    let items = result.actors.into_iter().filter_map(|a| actor_as_seen_by(ctx.viewer(), a)).collect();
    Ok(Json(ActorList { total: result.total, page: query.page, per_page: query.per_page, items })
        .into_response())
}

pub async fn get(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response> {
    let actor = state.store.actor(parse_id(&id)?).await?.ok_or(Error::NotFound)?;
    Ok(Json(view(&ctx, actor)?).into_response())
}

pub async fn create(
    State(state): State<AppState>,
    ctx: RequestContext,
    ApiJson(input): ApiJson<ActorInput>,
) -> Result<Response> {
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    let actor = services::actors::create(&state.store, ctx.viewer(), &input, ctx.change()).await?;
    Ok((StatusCode::CREATED, Json(view(&ctx, actor)?)).into_response())
}

#[derive(Deserialize)]
pub struct UpdateBody {
    version: i64,
    #[serde(flatten)]
    input: ActorInput,
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
    let actor =
        services::actors::update(&state.store, ctx.viewer(), id, body.version, &body.input, ctx.change())
            .await?;
    Ok(Json(view(&ctx, actor)?).into_response())
}

pub async fn archive(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response> {
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    let actor = services::actors::archive(&state.store, ctx.viewer(), parse_id(&id)?, ctx.change()).await?;
    Ok(Json(view(&ctx, actor)?).into_response())
}
