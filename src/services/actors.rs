//! Creating, editing and archiving actors, and finding the ones that overlap.

use kumppani_domain::actor::{Actor, ActorInput};
use kumppani_domain::actor_index::ActorName;
use kumppani_domain::role::{Principal, actor_access, can_create_actor};
use kumppani_domain::similarity::SimilarActor;
use uuid::Uuid;

use super::{Audit, Change, audit};
use crate::error::{Error, Result};
use crate::store::actors::{self as actor_store, UpdateOutcome};
use crate::store::{Store, StoreError, Tx};

/// A unique-constraint failure on the business ID is the user's problem, not the server's.
fn business_id_taken(e: StoreError) -> Error {
    match e.unique_violation() {
        Some(constraint) if constraint.contains("business_id") => {
            Error::invalid("business_id", "business-id-taken")
        }
        _ => e.into(),
    }
}

fn snapshot(actor: &Actor) -> Option<serde_json::Value> {
    serde_json::to_value(&actor.details).ok()
}

pub async fn create(
    store: &Store,
    by: Option<&Principal>,
    input: &ActorInput,
    change: Change,
) -> Result<Actor> {
    if !can_create_actor(by) {
        return Err(Error::NotFound);
    }
    let details = input.validate(false)?;
    let mut tx = store.begin().await?;
    let actor = insert_in(&mut tx, &details, change).await?;
    tx.commit().await?;
    Ok(actor)
}

/// Inserts inside an existing transaction (imports and demo data add many at once).
pub async fn insert_in(
    tx: &mut Tx,
    details: &kumppani_domain::actor::ActorDetails,
    change: Change,
) -> Result<Actor> {
    let actor =
        actor_store::insert(tx, Uuid::now_v7(), details, change.now).await.map_err(business_id_taken)?;
    let entry = Audit {
        action: "create",
        entity_type: "actor",
        entity_id: Some(actor.id),
        summary: &actor.details.name_fi,
        before: None,
        after: snapshot(&actor),
    };
    audit(tx, change, entry).await?;
    Ok(actor)
}

/// Saves an edit made on top of `expected_version`; a newer save by someone else is reported
/// as [`Error::EditConflict`] and nothing is overwritten.
pub async fn update(
    store: &Store,
    by: Option<&Principal>,
    id: Uuid,
    expected_version: i64,
    input: &ActorInput,
    change: Change,
) -> Result<Actor> {
    let current = store.actor(id).await?.ok_or(Error::NotFound)?;
    let access = actor_access(by, id, current.details.published, current.is_archived());
    if !access.view {
        return Err(Error::NotFound);
    }
    if !access.edit {
        return Err(Error::Forbidden);
    }
    let details = input.validate(current.details.demo)?;
    let mut tx = store.begin().await?;
    let updated = update_in(&mut tx, id, expected_version, &details, change).await?;
    tx.commit().await?;
    Ok(updated)
}

pub async fn update_in(
    tx: &mut Tx,
    id: Uuid,
    expected_version: i64,
    details: &kumppani_domain::actor::ActorDetails,
    change: Change,
) -> Result<Actor> {
    let before = actor_store::get_for_update(tx, id).await?.ok_or(Error::NotFound)?;
    match actor_store::update(tx, id, expected_version, details, change.now)
        .await
        .map_err(business_id_taken)?
    {
        UpdateOutcome::Updated(actor) => {
            let entry = Audit {
                action: "update",
                entity_type: "actor",
                entity_id: Some(id),
                summary: &actor.details.name_fi,
                before: snapshot(&before),
                after: snapshot(&actor),
            };
            audit(tx, change, entry).await?;
            Ok(actor)
        }
        UpdateOutcome::Conflict(current) => Err(Error::EditConflict(Box::new(current))),
        UpdateOutcome::NotFound => Err(Error::NotFound),
    }
}

/// Archiving hides an actor from listings but keeps it, and everything that refers to it.
pub async fn archive(store: &Store, by: Option<&Principal>, id: Uuid, change: Change) -> Result<Actor> {
    let current = store.actor(id).await?.ok_or(Error::NotFound)?;
    let access = actor_access(by, id, current.details.published, current.is_archived());
    if !access.view {
        return Err(Error::NotFound);
    }
    if !access.archive {
        return Err(Error::Forbidden);
    }
    let mut tx = store.begin().await?;
    let archived = actor_store::archive(&mut tx, id, change.now).await?.ok_or(Error::NotFound)?;
    let entry = Audit {
        action: "archive",
        entity_type: "actor",
        entity_id: Some(id),
        summary: &archived.details.name_fi,
        before: snapshot(&current),
        after: snapshot(&archived),
    };
    audit(&mut tx, change, entry).await?;
    tx.commit().await?;
    Ok(archived)
}

/// Published actors whose public themes, target groups, areas and activities overlap with
/// `actor`'s, best first, with the shared values as reasons.
pub async fn similar(store: &Store, actor: &Actor, limit: usize) -> Result<Vec<(ActorName, SimilarActor)>> {
    Ok(store.similar_actors(actor.id, limit).await?)
}
