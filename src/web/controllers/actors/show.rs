//! One actor's page, with the actors whose work overlaps.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use kumppani_domain::actor::{Actor, ActorDetails, ActorField};
use kumppani_domain::actor_index::ActorName;
use kumppani_domain::partnership::PartnershipSummary;
use kumppani_domain::role::{ActorAccess, actor_access, partnership_access, summary_as_seen_by};
use kumppani_domain::similarity::SimilarActor;
use serde::Deserialize;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::services;
use crate::store::partnerships::PartnershipQuery;
use crate::web::controllers::partnerships::scope as partnership_scope;
use crate::web::controllers::{html, parse_id};
use crate::web::page::Page;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

const SIMILAR_SHOWN: usize = 8;
/// Partnerships listed on the page; the partnership list filtered by the actor has them all.
const PARTNERSHIPS_SHOWN: i64 = 20;

#[derive(Debug, Default, Deserialize)]
pub struct ShowParams {
    notice: Option<String>,
}

#[derive(Template)]
#[template(path = "actors/show.html")]
struct ShowPage {
    page: Page,
    actor: Actor,
    details: ActorDetails,
    access: ActorAccess,
    similar: Vec<(ActorName, SimilarActor)>,
    /// The first of the actor's partnerships the viewer may see, each with the other parties.
    partnerships: Vec<(PartnershipSummary, Vec<ActorName>)>,
    /// How many partnerships the viewer may see in all.
    partnership_total: i64,
}

impl ShowPage {
    fn is_private(&self, field: &str) -> bool {
        ActorField::parse(field).is_some_and(|f| !self.details.is_public(f))
    }
}

pub async fn show(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    Query(params): Query<ShowParams>,
) -> Result<Response> {
    let actor = state.store.actor(parse_id(&id)?).await?.ok_or(Error::NotFound)?;
    let access = actor_access(ctx.viewer(), actor.id, actor.details.published, actor.is_archived());
    if !access.view {
        return Err(Error::NotFound);
    }
    let details = if access.view_private { actor.details.clone() } else { actor.details.redacted() };
    let similar = services::actors::similar(&state.store, &actor, SIMILAR_SHOWN).await?;
    let query =
        PartnershipQuery { actor: Some(actor.id), limit: PARTNERSHIPS_SHOWN, ..PartnershipQuery::default() };
    let found = state.store.list_partnerships(&query, &partnership_scope(ctx.viewer())).await?;
    let mut ids: Vec<Uuid> = found.partnerships.iter().flat_map(|p| p.parties.iter().copied()).collect();
    ids.sort();
    ids.dedup();
    let names = state.store.actor_names(&ids).await?;
    let mut partnerships = Vec::new();
    for partnership in &found.partnerships {
        let insider = partnership_access(
            ctx.viewer(),
            &partnership.parties,
            partnership.published,
            partnership.archived,
        )
        .view_private;
        if let Some(seen) = summary_as_seen_by(ctx.viewer(), partnership) {
            let counterparts = seen
                .parties
                .iter()
                .filter(|id| **id != actor.id)
                .filter_map(|id| names.iter().find(|n| n.id == *id && (n.published || insider)).cloned())
                .collect();
            partnerships.push((seen, counterparts));
        }
    }
    let page = Page::new(&ctx, "actors-title")
        .titled(details.name(ctx.lang.code()))
        .crumb("nav-home", "/")
        .crumb("nav-actors", "/actors")
        .with_notice(params.notice.as_deref());
    html(&ShowPage { page, actor, details, access, similar, partnerships, partnership_total: found.total })
}
