//! The register and public catalogue: search, filters, sorting and pages.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use kumppani_domain::actor::{Actor, Sector};
use serde::Deserialize;

use super::visibility;
use crate::error::Result;
use crate::store::actors::{ActorQuery, SortOrder};
use crate::web::controllers::html;
use crate::web::error::form_urlencoded_component;
use crate::web::page::Page;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListParams {
    pub q: String,
    pub sector: String,
    pub theme: String,
    pub target_group: String,
    pub area: String,
    pub sort: String,
    pub page: String,
    pub archived: String,
    pub notice: Option<String>,
}

impl ListParams {
    /// Turns loose query parameters into a store query; unknown values are ignored, not errors.
    pub fn to_query(&self, ctx: &RequestContext) -> ActorQuery {
        let mut query = ActorQuery::new(visibility(ctx.viewer()));
        query.text = self.q.chars().take(200).collect();
        query.sector = Sector::parse(&self.sector);
        let tag = |value: &str| Some(value.trim().to_owned()).filter(|v| !v.is_empty());
        query.theme = tag(&self.theme);
        query.target_group = tag(&self.target_group);
        query.area = tag(&self.area);
        query.sort = SortOrder::parse(&self.sort).unwrap_or_default();
        query.page = self.page.parse().unwrap_or(1).clamp(1, 100_000);
        query.include_archived = ctx.is_staff() && self.archived == "1";
        query
    }
}

#[derive(Template)]
#[template(path = "actors/list.html")]
struct ListPage {
    page: Page,
    params: ListParams,
    actors: Vec<Actor>,
    total: i64,
    current_page: u32,
    page_count: u32,
    sectors: &'static [Sector],
    sorts: [&'static str; 4],
    /// The query string without `page`, for pagination links.
    base_query: String,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: RequestContext,
    Query(params): Query<ListParams>,
) -> Result<Response> {
    let query = params.to_query(&ctx);
    let result = state.store.list_actors(&query).await?;
    let page_count =
        u32::try_from((result.total + i64::from(query.per_page) - 1) / i64::from(query.per_page))
            .unwrap_or(u32::MAX)
            .max(1);
    let base_query = [
        ("q", &params.q),
        ("sector", &params.sector),
        ("theme", &params.theme),
        ("target_group", &params.target_group),
        ("area", &params.area),
        ("sort", &params.sort),
        ("archived", &params.archived),
    ]
    .iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{k}={}", form_urlencoded_component(v)))
    .collect::<Vec<_>>()
    .join("&");
    let page = Page::new(&ctx, "actors-title").crumb("nav-home", "/").with_notice(params.notice.as_deref());
    html(&ListPage {
        page,
        current_page: query.page,
        params,
        actors: result.actors,
        total: result.total,
        page_count,
        sectors: Sector::ALL,
        sorts: ["name", "name_desc", "updated", "newest"],
        base_query,
    })
}
