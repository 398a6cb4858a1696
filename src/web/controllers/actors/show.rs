//! One actor's page, with the actors whose work overlaps.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use kumppani_domain::actor::{Actor, ActorDetails, ActorField};
use kumppani_domain::partnership::Partnership;
use kumppani_domain::role::{ActorAccess, actor_access, partnership_access, partnership_as_seen_by};
use kumppani_domain::similarity::SimilarActor;
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::services;
use crate::web::controllers::{html, parse_id};
use crate::web::page::Page;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

const SIMILAR_SHOWN: usize = 8;

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
    similar: Vec<(Actor, SimilarActor)>,
    /// The actor's partnerships the viewer may see, each with the other parties.
    partnerships: Vec<(Partnership, Vec<Actor>)>,
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
    let mut partnerships = Vec::new();
    for partnership in state.store.partnerships_of_actor(actor.id).await? {
        let insider = partnership_access(
            ctx.viewer(),
            &partnership.party_ids(),
            partnership.details.published,
            partnership.is_archived(),
        )
        .view_private;
        if let Some(seen) = partnership_as_seen_by(ctx.viewer(), partnership) {
            let others: Vec<_> = seen.party_ids().into_iter().filter(|id| *id != actor.id).collect();
            let counterparts = state.store.actors_in_order(&others).await?;
            let counterparts = counterparts.into_iter().filter(|a| a.details.published || insider).collect();
            partnerships.push((seen, counterparts));
        }
    }
    let page = Page::new(&ctx, "actors-title")
        .titled(details.name(ctx.lang.code()))
        .crumb("nav-home", "/")
        .crumb("nav-actors", "/actors")
        .with_notice(params.notice.as_deref());
    html(&ShowPage { page, actor, details, access, similar, partnerships })
}
