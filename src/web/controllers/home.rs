//! The front page and the accessibility statement.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;

use super::html;
use crate::error::Result;
use crate::web::page::Page;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    page: Page,
    actor_count: i64,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct HomeParams {
    notice: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    ctx: RequestContext,
    Query(params): Query<HomeParams>,
) -> Result<Response> {
    let actor_count = state.store.live_actor_count().await?;
    let page = Page::new(&ctx, "home-title").with_notice(params.notice.as_deref());
    html(&HomePage { page, actor_count })
}

#[derive(Template)]
#[template(path = "accessibility.html")]
struct AccessibilityPage {
    page: Page,
}

pub async fn accessibility(ctx: RequestContext) -> Result<Response> {
    let page = Page::new(&ctx, "accessibility-title").crumb("nav-home", "/");
    html(&AccessibilityPage { page })
}
