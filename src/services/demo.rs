//! Loading the demonstration data set, once: the actors, then their partnerships.

use std::collections::HashMap;

use kumppani_domain::partnership::{EventKind, Phase, StaircaseLevel, Transition};
use serde_json::json;
use uuid::Uuid;

use super::Change;
use crate::error::{Error, Result};
use crate::store::partnerships::{self as partnership_store, NewEvent};
use crate::store::{Store, Tx};

/// What a run of the loader added.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Loaded {
    pub actors: usize,
    pub partnerships: usize,
}

/// Adds whatever part of the demonstration data is not there yet, in one transaction.
pub async fn load(store: &Store, change: Change) -> Result<Loaded> {
    let mut loaded = Loaded::default();
    let mut tx = store.begin().await?;
    let mut ids: HashMap<String, Uuid> = HashMap::new();
    if store.demo_actor_count().await? == 0 {
        for input in crate::demo::demo_actors() {
            let details = input.validate(true)?;
            let actor = super::actors::insert_in(&mut tx, &details, change).await?;
            ids.insert(actor.details.name_fi, actor.id);
            loaded.actors += 1;
        }
    }
    if store.demo_partnership_count().await? == 0 {
        for demo in crate::demo::demo_partnerships() {
            let mut input = demo.input.clone();
            for party in &mut input.parties {
                let id = match ids.get(&party.actor_id) {
                    Some(id) => *id,
                    None => store.actor_by_exact_name(&party.actor_id).await?.ok_or_else(|| {
                        Error::internal(format!("demo actor {} is missing", party.actor_id))
                    })?,
                };
                party.actor_id = id.to_string();
            }
            let details = input.validate(true)?;
            let partnership = super::partnerships::insert_in(&mut tx, &details, demo.phase(), change).await?;
            replay_history(&mut tx, partnership.id, &demo, change).await?;
            loaded.partnerships += 1;
        }
    }
    tx.commit().await?;
    Ok(loaded)
}

/// Records the dated transitions and staircase level that brought a demo partnership where it is.
async fn replay_history(
    tx: &mut Tx,
    id: Uuid,
    demo: &crate::demo::partnerships::DemoPartnership,
    change: Change,
) -> Result<()> {
    let mut phase = Phase::Exploration;
    for (event, on) in &demo.history {
        let to = phase.apply(*event).map_err(Error::internal)?;
        let transition = Transition { event: *event, from: phase, to, decided_on: *on, note: None };
        let event = NewEvent {
            partnership_id: id,
            on_date: *on,
            user_id: change.user_id,
            kind: EventKind::Transition,
            data: serde_json::to_value(&transition).map_err(Error::internal)?,
        };
        partnership_store::record_event(tx, change.now, event).await?;
        phase = to;
    }
    if let Some((level, on)) = demo.staircase {
        let level = StaircaseLevel::new(level).ok_or_else(|| Error::internal("demo staircase level"))?;
        partnership_store::set_staircase(tx, id, level, change.now).await?;
        let event = NewEvent {
            partnership_id: id,
            on_date: on,
            user_id: change.user_id,
            kind: EventKind::Staircase,
            data: json!({ "from": null, "to": level.get(), "note": null }),
        };
        partnership_store::record_event(tx, change.now, event).await?;
    }
    Ok(())
}
