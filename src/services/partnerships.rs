//! Recording partnerships, moving them through the phases, the staircase and the checklists.

use kumppani_domain::partnership::{
    ChecklistEntry, EventKind, Partnership, PartnershipDetails, PartnershipInput, Phase, StaircaseInput,
    TransitionInput,
};
use kumppani_domain::role::{PartnershipAccess, Principal, is_staff, partnership_access};
use serde_json::json;
use uuid::Uuid;

use super::{Audit, Change, audit};
use crate::error::{Error, Result};
use crate::store::partnerships::{self as store, NewEvent};
use crate::store::{Store, Tx};

fn snapshot(p: &Partnership) -> Option<serde_json::Value> {
    serde_json::to_value(p).ok()
}

/// The partnership and what `by` may do with it; `NotFound` when it may not see it at all.
pub async fn load(
    store: &Store,
    by: Option<&Principal>,
    id: Uuid,
) -> Result<(Partnership, PartnershipAccess)> {
    let partnership = store.partnership(id).await?.ok_or(Error::NotFound)?;
    let access = partnership_access(
        by,
        &partnership.party_ids(),
        partnership.details.published,
        partnership.is_archived(),
    );
    if !access.view {
        return Err(Error::NotFound);
    }
    Ok((partnership, access))
}

/// Every party must be an actor on the register, so a pasted id cannot invent one.
async fn check_parties(store: &Store, details: &PartnershipDetails) -> Result<()> {
    let mut errors = kumppani_domain::validation::FieldErrors::new();
    for (i, party) in details.parties.iter().enumerate() {
        match store.actor(party.actor_id).await? {
            Some(actor) if !actor.is_archived() => {}
            _ => errors.add(format!("parties[{i}].actor_id"), "party-not-found"),
        }
    }
    errors.into_result(()).map_err(Error::from)
}

pub async fn create(
    store: &Store,
    by: Option<&Principal>,
    input: &PartnershipInput,
    change: Change,
) -> Result<Partnership> {
    if !is_staff(by) {
        return Err(Error::NotFound);
    }
    let details = input.validate(false)?;
    check_parties(store, &details).await?;
    let mut tx = store.begin().await?;
    let partnership = insert_in(&mut tx, &details, Phase::Exploration, change).await?;
    tx.commit().await?;
    Ok(partnership)
}

/// Inserts inside an existing transaction (demo data adds many at once).
pub async fn insert_in(
    tx: &mut Tx,
    details: &PartnershipDetails,
    phase: Phase,
    change: Change,
) -> Result<Partnership> {
    let partnership = store::insert(tx, Uuid::now_v7(), details, phase, change.now).await?;
    let event = NewEvent {
        partnership_id: partnership.id,
        on_date: change.now.finnish_date(),
        user_id: change.user_id,
        kind: EventKind::Created,
        data: json!({ "verbal": details.verbal, "phase": phase.as_str() }),
    };
    store::record_event(tx, change.now, event).await?;
    let entry = Audit {
        action: "create",
        entity_type: "partnership",
        entity_id: Some(partnership.id),
        summary: &partnership.details.name,
        before: None,
        after: snapshot(&partnership),
    };
    audit(tx, change, entry).await?;
    Ok(partnership)
}

/// Saves an edit made on top of `expected_version`; a newer save by someone else is reported
/// as [`Error::Conflict`] and nothing is overwritten.
pub async fn update(
    store: &Store,
    by: Option<&Principal>,
    id: Uuid,
    expected_version: i64,
    input: &PartnershipInput,
    change: Change,
) -> Result<Partnership> {
    let (current, access) = load(store, by, id).await?;
    if !access.manage {
        return Err(Error::Forbidden);
    }
    let details = input.validate(current.details.demo)?;
    check_parties(store, &details).await?;
    let mut tx = store.begin().await?;
    let updated =
        store::update(&mut tx, id, expected_version, &details, change.now).await?.ok_or(Error::Conflict)?;
    if current.details.verbal && !details.verbal {
        let event = NewEvent {
            partnership_id: id,
            on_date: change.now.finnish_date(),
            user_id: change.user_id,
            kind: EventKind::WrittenDown,
            data: json!({}),
        };
        store::record_event(&mut tx, change.now, event).await?;
    }
    let entry = Audit {
        action: "update",
        entity_type: "partnership",
        entity_id: Some(id),
        summary: &updated.details.name,
        before: snapshot(&current),
        after: snapshot(&updated),
    };
    audit(&mut tx, change, entry).await?;
    tx.commit().await?;
    Ok(updated)
}

/// Moves the partnership to the phase the event leads to, if the model allows it from the
/// phase it is in now (read inside the transaction, so two people cannot both move it).
pub async fn transition(
    store: &Store,
    by: Option<&Principal>,
    id: Uuid,
    input: &TransitionInput,
    change: Change,
) -> Result<Partnership> {
    let (_, access) = load(store, by, id).await?;
    if !access.manage {
        return Err(Error::Forbidden);
    }
    let mut tx = store.begin().await?;
    let updated = transition_in(&mut tx, id, input, change).await?;
    tx.commit().await?;
    Ok(updated)
}

/// Moves the partnership to another phase inside an existing transaction, with its timeline
/// event and audit entry (a workshop starting a partnership establishes it at once).
pub async fn transition_in(
    tx: &mut Tx,
    id: Uuid,
    input: &TransitionInput,
    change: Change,
) -> Result<Partnership> {
    let current = store::get_for_update(tx, id).await?.ok_or(Error::NotFound)?;
    let today = change.now.finnish_date();
    let transition = input.validate(current.phase, today)?;
    let decision_on = Phase::is_decision(transition.event).then_some(transition.decided_on);
    store::set_phase(tx, id, transition.to, decision_on, change.now).await?;
    let event = NewEvent {
        partnership_id: id,
        on_date: transition.decided_on,
        user_id: change.user_id,
        kind: EventKind::Transition,
        data: serde_json::to_value(&transition).map_err(Error::internal)?,
    };
    store::record_event(tx, change.now, event).await?;
    let updated = store::get_for_update(tx, id).await?.ok_or(Error::NotFound)?;
    let entry = Audit {
        action: "transition",
        entity_type: "partnership",
        entity_id: Some(id),
        summary: &updated.details.name,
        before: snapshot(&current),
        after: snapshot(&updated),
    };
    audit(tx, change, entry).await?;
    Ok(updated)
}

pub async fn change_staircase(
    store: &Store,
    by: Option<&Principal>,
    id: Uuid,
    input: &StaircaseInput,
    change: Change,
) -> Result<Partnership> {
    let (current, access) = load(store, by, id).await?;
    if !access.manage {
        return Err(Error::Forbidden);
    }
    let step = input.validate(change.now.finnish_date())?;
    let mut tx = store.begin().await?;
    store::set_staircase(&mut tx, id, step.level, change.now).await?;
    let event = NewEvent {
        partnership_id: id,
        on_date: step.changed_on,
        user_id: change.user_id,
        kind: EventKind::Staircase,
        data: json!({
            "from": current.staircase.map(|l| l.get()),
            "to": step.level.get(),
            "note": step.note,
        }),
    };
    store::record_event(&mut tx, change.now, event).await?;
    let updated = store::get_for_update(&mut tx, id).await?.ok_or(Error::NotFound)?;
    let entry = Audit {
        action: "staircase",
        entity_type: "partnership",
        entity_id: Some(id),
        summary: &updated.details.name,
        before: snapshot(&current),
        after: snapshot(&updated),
    };
    audit(&mut tx, change, entry).await?;
    tx.commit().await?;
    Ok(updated)
}

/// Parties and staff tick and annotate what the method asks each phase to find out.
pub async fn tick_checklist(
    store: &Store,
    by: Option<&Principal>,
    id: Uuid,
    entry: &ChecklistEntry,
    change: Change,
) -> Result<()> {
    let (partnership, access) = load(store, by, id).await?;
    if !access.participate() {
        return Err(Error::Forbidden);
    }
    let mut tx = store.begin().await?;
    store::save_checklist_entry(&mut tx, id, entry, change.user_id, change.now).await?;
    let summary = format!("{}: {}", partnership.details.name, entry.code);
    let record = Audit {
        action: "checklist",
        entity_type: "partnership",
        entity_id: Some(id),
        summary: &summary,
        before: None,
        after: serde_json::to_value(entry).ok(),
    };
    audit(&mut tx, change, record).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn archive(store: &Store, by: Option<&Principal>, id: Uuid, change: Change) -> Result<()> {
    let (current, access) = load(store, by, id).await?;
    if !access.manage {
        return Err(Error::Forbidden);
    }
    let mut tx = store.begin().await?;
    store::archive(&mut tx, id, change.now).await?;
    let entry = Audit {
        action: "archive",
        entity_type: "partnership",
        entity_id: Some(id),
        summary: &current.details.name,
        before: snapshot(&current),
        after: None,
    };
    audit(&mut tx, change, entry).await?;
    tx.commit().await?;
    Ok(())
}
