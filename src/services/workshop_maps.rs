//! A workshop's value network maps: the current map from workshop I's visible notes, the
//! future map with workshop II's actions, the changes since the previous run, the parties'
//! saved places and the retagging of values.

use std::collections::BTreeMap;

use kumppani_domain::actor::Tangibility;
use kumppani_domain::role::Principal;
use kumppani_domain::search::normalise;
use kumppani_domain::value_network::NodeRef;
use kumppani_domain::value_network::actions::{Action, PlannedFlow};
use kumppani_domain::value_network::layout::Point;
use kumppani_domain::value_network::map::{MapComparison, ValueMap, compare, same_party};
use kumppani_domain::value_network::workshop::Note;
use serde_json::json;
use uuid::Uuid;

use super::live::Hub;
use super::workshop_analysis::record_action_in;
use super::workshops::{self, write_notes};
use super::{Audit, Change, audit};
use crate::error::{Error, Result};
use crate::store::workshop_analysis as analysis_store;
use crate::store::workshop_maps::{self as store, SavedPosition};
use crate::store::workshops::{self as workshop_store, StoredNote, WorkshopRecord};
use crate::store::{Store, Tx};

/// Saved places further than this from the drawing's origin are refused as nonsense.
const COORDINATE_MAX: f64 = 100_000.0;

/// Which of a workshop's maps: its own saved places are kept per map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapKind {
    Current,
    Future,
}

impl MapKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MapKind::Current => "current",
            MapKind::Future => "future",
        }
    }

    pub fn parse(code: &str) -> Option<MapKind> {
        match code {
            "current" => Some(MapKind::Current),
            "future" => Some(MapKind::Future),
            _ => None,
        }
    }
}

/// The current map of a loaded workshop, from its participants and visible notes.
pub async fn current_of(store: &Store, record: &WorkshopRecord) -> Result<ValueMap> {
    let id = record.workshop.id;
    let participants = store.workshop_participants(id).await?;
    let notes: Vec<Note> = store.workshop_notes(id).await?.into_iter().map(|n| n.note).collect();
    Ok(ValueMap::current(&record.workshop.plan, &participants, &notes))
}

/// The workshop and its current map, for its facilitator (staff); `NotFound` for others.
pub async fn current(store: &Store, by: Option<&Principal>, id: Uuid) -> Result<(WorkshopRecord, ValueMap)> {
    let record = workshops::load(store, by, id).await?;
    let map = current_of(store, &record).await?;
    Ok((record, map))
}

/// The future map of a loaded workshop (its current map with the values workshop II's
/// actions agreed to create) and how it compares with `current`.
pub async fn future_of(
    store: &Store,
    record: &WorkshopRecord,
    current: &ValueMap,
) -> Result<(ValueMap, MapComparison)> {
    let actions = store.workshop_actions(record.workshop.id).await?;
    let future = current.future(&record.workshop.plan, &actions);
    let comparison = compare(current, &future);
    Ok((future, comparison))
}

/// What changed since the previous run of the workshop: its current map with the parties
/// matched to this run's, and how this run's current map compares with it. `None` when the
/// workshop is no renewal.
pub async fn changes(
    store: &Store,
    record: &WorkshopRecord,
    now: &ValueMap,
) -> Result<Option<(WorkshopRecord, ValueMap, MapComparison)>> {
    let Some(previous_id) = record.previous_workshop_id else { return Ok(None) };
    let Some(previous) = store.workshop(previous_id).await? else { return Ok(None) };
    let (before_plan, plan) = (&previous.workshop.plan, &record.workshop.plan);
    let before = current_of(store, &previous).await?.renamed(|node| same_party(before_plan, plan, node));
    let comparison = compare(&before, now);
    Ok(Some((previous, before, comparison)))
}

/// The saved places of one map by party; parties no longer in the map are left for the
/// layout to ignore.
pub async fn positions(store: &Store, id: Uuid, kind: MapKind) -> Result<BTreeMap<NodeRef, Point>> {
    Ok(store
        .workshop_map_positions(id, kind.as_str())
        .await?
        .into_iter()
        .filter_map(|p| Some((NodeRef::parse(&p.node_key)?, Point::new(p.x, p.y))))
        .collect())
}

/// A party's place as the map page's script sends it: node key, x and y as typed.
#[derive(Debug, Clone, Default)]
pub struct PositionInput {
    pub node: String,
    pub x: String,
    pub y: String,
}

/// Checks the places sent: parties of the workshop, each once, at finite coordinates within
/// [`COORDINATE_MAX`].
fn valid_positions(record: &WorkshopRecord, input: &[PositionInput]) -> Result<Vec<SavedPosition>> {
    let plan = &record.workshop.plan;
    let mut seen = BTreeMap::new();
    for position in input {
        let node = NodeRef::parse(&position.node).filter(|n| plan.node_name(*n).is_some());
        let coordinate =
            |raw: &str| raw.trim().parse::<f64>().ok().filter(|v| v.is_finite() && v.abs() <= COORDINATE_MAX);
        let (Some(node), Some(x), Some(y)) = (node, coordinate(&position.x), coordinate(&position.y)) else {
            return Err(Error::invalid("positions", "invalid-choice"));
        };
        if seen.insert(node, (x, y)).is_some() {
            return Err(Error::invalid("positions", "invalid-choice"));
        }
    }
    if seen.is_empty() {
        return Err(Error::invalid("positions", "required"));
    }
    Ok(seen.into_iter().map(|(node, (x, y))| SavedPosition { node_key: node.key(), x, y }).collect())
}

/// Saves where the facilitator placed the parties of one map (all of them replace what was
/// saved), or with `None` forgets the places so the automatic layout returns.
pub async fn save_positions(
    store: &Store,
    by: Option<&Principal>,
    id: Uuid,
    kind: MapKind,
    input: Option<&[PositionInput]>,
    change: Change,
) -> Result<()> {
    let record = workshops::load(store, by, id).await?;
    let positions = match input {
        Some(input) => valid_positions(&record, input)?,
        None => Vec::new(),
    };
    let mut tx = store.begin().await?;
    workshop_store::get_for_update(&mut tx, id).await?.ok_or(Error::NotFound)?;
    let before = store::positions_for_update(&mut tx, id, kind.as_str()).await?;
    store::replace_positions(&mut tx, id, kind.as_str(), &positions).await?;
    let as_json = |positions: &[SavedPosition]| {
        let places: serde_json::Map<String, serde_json::Value> =
            positions.iter().map(|p| (p.node_key.clone(), json!([p.x, p.y]))).collect();
        json!({ "map": kind.as_str(), "positions": places })
    };
    let summary = format!("{}: {}", record.workshop.plan.title, kind.as_str());
    let entry = Audit {
        action: if positions.is_empty() { "reset_layout" } else { "save_layout" },
        entity_type: "workshop_map",
        entity_id: Some(id),
        summary: &summary,
        before: Some(as_json(&before)),
        after: Some(as_json(&positions)),
    };
    audit(&mut tx, change, entry).await?;
    tx.commit().await?;
    Ok(())
}

/// A value of a map to retag: the flow's ends (node keys), the value as the map shows it and
/// the new tangibility code.
#[derive(Debug, Clone, Default)]
pub struct RetagInput {
    pub from: String,
    pub to: String,
    pub value: String,
    pub tangibility: String,
}

/// The visible notes that make `value` flow from `from` to `to` on the current map.
fn sources<'a>(notes: &'a [StoredNote], from: NodeRef, to: NodeRef, value: &str) -> Vec<&'a StoredNote> {
    let value = normalise(value);
    notes
        .iter()
        .filter(|n| {
            n.note.is_visible()
                && n.note.details.flow() == Some((from, to))
                && normalise(&n.note.details.text) == value
        })
        .collect()
}

/// The actions whose planned flows name `value` from `from` to `to`, with those flows retagged.
fn retagged_actions(
    actions: Vec<Action>,
    (from, to): (NodeRef, NodeRef),
    value: &str,
    tangibility: Tangibility,
) -> Vec<(Action, Action)> {
    let value = normalise(value);
    actions
        .into_iter()
        .filter_map(|before| {
            let mut after = before.clone();
            let named: Vec<&mut PlannedFlow> = after
                .details
                .flows
                .iter_mut()
                .filter(|f| f.from == from && f.to == to && normalise(&f.value) == value)
                .collect();
            if named.is_empty() {
                return None;
            }
            for flow in named {
                flow.tangibility = tangibility;
            }
            Some((before, after))
        })
        .collect()
}

/// Tags a value tangible or intangible wherever it comes from: every visible note naming it
/// on that flow (announced like any note edit) and every agreed action planning it, so the
/// current and the future map, which count a value tangible when any source says so, show the
/// new tag. Each change is audited. Allowed in any step, since it changes no answer, only how
/// it is read.
pub async fn retag(
    store: &Store,
    hub: &Hub,
    by: Option<&Principal>,
    id: Uuid,
    input: &RetagInput,
    change: Change,
) -> Result<()> {
    workshops::load(store, by, id).await?;
    let tangibility = Tangibility::parse(input.tangibility.trim())
        .ok_or_else(|| Error::invalid("tangibility", "invalid-choice"))?;
    let (Some(from), Some(to)) = (NodeRef::parse(&input.from), NodeRef::parse(&input.to)) else {
        return Err(Error::NotFound);
    };
    let mut tx: Tx = store.begin().await?;
    let record = workshop_store::get_for_update(&mut tx, id).await?.ok_or(Error::NotFound)?;
    let notes = workshop_store::notes_for_update(&mut tx, id).await?;
    let named = sources(&notes, from, to, &input.value);
    let actions = analysis_store::actions_for_update(&mut tx, id).await?;
    let planned = retagged_actions(actions, (from, to), &input.value, tangibility);
    if named.is_empty() && planned.is_empty() {
        return Err(Error::NotFound);
    }
    for (before, after) in planned.iter().filter(|(before, after)| before != after) {
        record_action_in(&mut tx, id, after, Some(before), change).await?;
    }
    let changed: Vec<(Note, Option<StoredNote>)> = named
        .into_iter()
        .filter(|n| n.note.details.tangibility != tangibility)
        .map(|n| {
            let mut note = n.note.clone();
            note.details.tangibility = tangibility;
            (note, Some(n.clone()))
        })
        .collect();
    write_notes(hub, tx, &record.workshop, changed, "retag", change).await?;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn map_kinds_read_back() {
        for kind in [MapKind::Current, MapKind::Future] {
            assert_eq!(MapKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(MapKind::parse("past"), None);
    }
}
