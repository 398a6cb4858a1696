//! The partnership list: filters by kind, phase, theme, area, actor, staircase level, ending
//! date and verbal agreements, with sorting and pages.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use kumppani_domain::actor::Actor;
use kumppani_domain::actor_index::ActorName;
use kumppani_domain::partnership::{PartnershipKind, PartnershipSummary, Phase, StaircaseLevel};
use kumppani_domain::role::summary_as_seen_by;
use kumppani_domain::validation::parse_date;
use serde::Deserialize;
use uuid::Uuid;

use super::scope;
use crate::error::Result;
use crate::store::partnerships::{PartnershipQuery, PartnershipSort};
use crate::web::controllers::html;
use crate::web::error::form_urlencoded_component;
use crate::web::page::Page;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

pub const PER_PAGE: i64 = 25;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListParams {
    pub q: String,
    pub kind: String,
    pub phase: String,
    pub theme: String,
    pub area: String,
    pub actor: String,
    pub staircase: String,
    pub ending_before: String,
    pub verbal: String,
    pub sort: String,
    pub page: String,
    pub notice: Option<String>,
}

impl ListParams {
    /// Loose query parameters to a store query; unknown values are ignored, not errors.
    pub fn to_query(&self, signed_in: bool) -> PartnershipQuery {
        let tag = |value: &str| Some(value.trim().to_owned()).filter(|v| !v.is_empty());
        let page: i64 = self.page.parse().unwrap_or(1).clamp(1, 100_000);
        PartnershipQuery {
            text: tag(&self.q).map(|q| q.chars().take(200).collect()),
            kind: PartnershipKind::parse(&self.kind),
            // The public catalogue shows name, parties, aim, kind and validity only.
            phase: Phase::parse(&self.phase).filter(|_| signed_in),
            theme: tag(&self.theme),
            area: tag(&self.area),
            actor: Uuid::parse_str(self.actor.trim()).ok(),
            staircase: self.staircase.parse().ok().and_then(StaircaseLevel::new).filter(|_| signed_in),
            ending_before: parse_date(&self.ending_before),
            verbal_only: signed_in && self.verbal == "1",
            sort: PartnershipSort::parse(&self.sort),
            offset: (page - 1) * PER_PAGE,
            limit: PER_PAGE,
        }
    }

    fn page_number(&self) -> i64 {
        self.page.parse().unwrap_or(1).clamp(1, 100_000)
    }
}

#[derive(Template)]
#[template(path = "partnerships/list.html")]
struct ListPage {
    page: Page,
    params: ListParams,
    rows: Vec<(PartnershipSummary, Vec<ActorName>)>,
    total: i64,
    current_page: i64,
    page_count: i64,
    kinds: &'static [PartnershipKind],
    phases: &'static [Phase],
    filtered_actor: Option<Actor>,
    base_query: String,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: RequestContext,
    Query(params): Query<ListParams>,
) -> Result<Response> {
    let query = params.to_query(ctx.viewer().is_some());
    let result = state.store.list_partnerships(&query, &scope(ctx.viewer())).await?;
    let seen: Vec<PartnershipSummary> =
        result.partnerships.iter().filter_map(|p| summary_as_seen_by(ctx.viewer(), p)).collect();
    let mut ids: Vec<Uuid> = seen.iter().flat_map(|p| p.parties.iter().copied()).collect();
    ids.sort();
    ids.dedup();
    let actors = state.store.actor_names(&ids).await?;
    let rows = seen
        .into_iter()
        .map(|p| {
            let parties =
                p.parties.iter().filter_map(|id| actors.iter().find(|a| a.id == *id).cloned()).collect();
            (p, parties)
        })
        .collect();
    let filtered_actor = match query.actor {
        Some(id) => state.store.actor(id).await?.filter(|a| a.details.published || ctx.is_staff()),
        None => None,
    };
    let base_query = [
        ("q", &params.q),
        ("kind", &params.kind),
        ("phase", &params.phase),
        ("theme", &params.theme),
        ("area", &params.area),
        ("actor", &params.actor),
        ("staircase", &params.staircase),
        ("ending_before", &params.ending_before),
        ("verbal", &params.verbal),
        ("sort", &params.sort),
    ]
    .iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{k}={}", form_urlencoded_component(v)))
    .collect::<Vec<_>>()
    .join("&");
    let page =
        Page::new(&ctx, "partnerships-title").crumb("nav-home", "/").with_notice(params.notice.as_deref());
    html(&ListPage {
        page,
        current_page: params.page_number(),
        params,
        rows,
        total: result.total,
        page_count: ((result.total + PER_PAGE - 1) / PER_PAGE).max(1),
        kinds: PartnershipKind::ALL,
        phases: Phase::ALL,
        filtered_actor,
        base_query,
    })
}
