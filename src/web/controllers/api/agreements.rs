//! /api/v1 agreements: a partnership's versions, one version with its status, drafting,
//! acceptances (in the app, or a signed paper recorded by staff) and funder decisions.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kumppani_domain::agreement::{Agreement, AgreementInput, AgreementStatus, FunderDecisionInput};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::ApiJson;
use crate::error::{Error, Result};
use crate::services;
use crate::web::controllers::parse_id;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

/// An agreement with where it stands on the day of the request.
#[derive(Serialize)]
struct AgreementView {
    #[serde(flatten)]
    agreement: Agreement,
    status: AgreementStatus,
    notice_from: Option<time::Date>,
}

fn view(ctx: &RequestContext, agreement: Agreement) -> AgreementView {
    let today = ctx.now.finnish_date();
    AgreementView { status: agreement.status(today), notice_from: agreement.notice_from(), agreement }
}

pub async fn list(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response> {
    let id = parse_id(&id)?;
    let (_, access) = services::partnerships::load(&state.store, ctx.viewer(), id).await?;
    if !access.view_private {
        return Err(Error::NotFound);
    }
    let items: Vec<AgreementView> =
        state.store.agreements_of(id).await?.into_iter().map(|a| view(&ctx, a)).collect();
    Ok(Json(items).into_response())
}

pub async fn get(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response> {
    let (agreement, _, _) = services::agreements::load(&state.store, ctx.viewer(), parse_id(&id)?).await?;
    Ok(Json(view(&ctx, agreement)).into_response())
}

pub async fn create(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<AgreementInput>,
) -> Result<Response> {
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    let agreement =
        services::agreements::create(&state.store, ctx.viewer(), parse_id(&id)?, &input, ctx.change())
            .await?;
    Ok((StatusCode::CREATED, Json(view(&ctx, agreement))).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AcceptanceBody {
    actor_id: String,
    /// Present when staff record a paper signed on this day.
    signed_on: Option<String>,
}

pub async fn accept(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<AcceptanceBody>,
) -> Result<Response> {
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    let id = parse_id(&id)?;
    let agreement = match &body.signed_on {
        Some(signed_on) => {
            services::agreements::record_paper(
                &state.store,
                ctx.viewer(),
                id,
                &body.actor_id,
                signed_on,
                ctx.change(),
            )
            .await?
        }
        None => {
            let actor = Uuid::parse_str(body.actor_id.trim())
                .map_err(|_| Error::invalid("actor_id", "invalid-choice"))?;
            services::agreements::accept(&state.store, ctx.viewer(), id, actor, ctx.change()).await?
        }
    };
    Ok((StatusCode::CREATED, Json(view(&ctx, agreement))).into_response())
}

pub async fn funder_decision(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<FunderDecisionInput>,
) -> Result<Response> {
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    let agreement = services::agreements::record_funder_decision(
        &state.store,
        ctx.viewer(),
        parse_id(&id)?,
        &input,
        ctx.change(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(view(&ctx, agreement))).into_response())
}
