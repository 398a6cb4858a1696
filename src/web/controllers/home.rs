//! The front page and the accessibility statement.

use askama::Template;
use axum::extract::State;
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

pub async fn show(State(state): State<AppState>, ctx: RequestContext) -> Result<Response> {
    let actor_count = state.store.live_actor_count().await?;
    html(&HomePage { page: Page::new(&ctx, "home-title"), actor_count })
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
