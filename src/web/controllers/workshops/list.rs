//! The staff list of workshops.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::services;
use crate::store::workshops::WorkshopRecord;
use crate::web::controllers::html;
use crate::web::page::Page;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListParams {
    pub notice: Option<String>,
}

#[derive(Template)]
#[template(path = "workshops/list.html")]
struct ListPage {
    page: Page,
    workshops: Vec<WorkshopRecord>,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: RequestContext,
    Query(params): Query<ListParams>,
) -> Result<Response> {
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    let workshops = services::workshops::list(&state.store, ctx.viewer()).await?;
    let page =
        Page::new(&ctx, "workshops-title").crumb("nav-home", "/").with_notice(params.notice.as_deref());
    html(&ListPage { page, workshops })
}
