//! The secret address of a person's deadline calendar: created (or replaced) and shown once,
//! revocable at any time.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};

use crate::error::{Error, Result};
use crate::services;
use crate::store::Timestamp;
use crate::web::controllers::html;
use crate::web::forms::FormData;
use crate::web::page::Page;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "account/calendar.html")]
struct CalendarPage {
    page: Page,
    created_at: Option<Timestamp>,
    new_address: Option<String>,
}

async fn render(state: &AppState, ctx: &RequestContext, new_address: Option<String>) -> Result<Response> {
    let viewer = ctx.viewer().ok_or(Error::Unauthorized)?;
    let created_at = state.store.calendar_created_at(viewer.user_id).await?;
    let page = Page::new(ctx, "calendar-title").crumb("nav-home", "/").crumb("attention-title", "/attention");
    html(&CalendarPage { page, created_at, new_address })
}

pub async fn show(State(state): State<AppState>, ctx: RequestContext) -> Result<Response> {
    render(&state, &ctx, None).await
}

pub async fn renew(State(state): State<AppState>, ctx: RequestContext, _form: FormData) -> Result<Response> {
    let viewer = ctx.viewer().ok_or(Error::Unauthorized)?;
    let token = services::attention::renew_calendar(&state.store, viewer.user_id, ctx.change()).await?;
    let address = format!("{}/calendar/{token}.ics", state.config.public_url);
    render(&state, &ctx, Some(address)).await
}

pub async fn revoke(State(state): State<AppState>, ctx: RequestContext, _form: FormData) -> Result<Response> {
    let viewer = ctx.viewer().ok_or(Error::Unauthorized)?;
    services::attention::revoke_calendar(&state.store, viewer.user_id, ctx.change()).await?;
    Ok(Redirect::to("/account/calendar").into_response())
}
