//! Follow-up: commitments and their status, deliverables submitted by a party and reviewed by
//! staff, the yearly grant cycle of broad development partnerships, and the grants themselves.

use kumppani_domain::commitment::{
    Commitment, CommitmentDetails, CommitmentInput, CycleDates, Deliverable, DeliverableInput,
    DeliverableKind, GrantYearInput, NewDeliverable, ReviewEvent, ReviewInput, SubmissionInput, yearly_cycle,
};
use kumppani_domain::partnership::{EventKind, Partnership, PartnershipKind};
use kumppani_domain::role::{PartnershipAccess, Principal};
use serde_json::json;
use uuid::Uuid;

use super::{Audit, Change, audit};
use crate::error::{Error, Result};
use crate::store::followup as store;
use crate::store::partnerships::{self as partnership_store, NewEvent};
use crate::store::{Store, Tx};

async fn event(
    tx: &mut Tx,
    change: Change,
    partnership_id: Uuid,
    kind: EventKind,
    data: serde_json::Value,
) -> Result<()> {
    let event =
        NewEvent { partnership_id, on_date: change.now.finnish_date(), user_id: change.user_id, kind, data };
    partnership_store::record_event(tx, change.now, event).await?;
    Ok(())
}

async fn record(
    tx: &mut Tx,
    change: Change,
    action: &str,
    entity_type: &str,
    id: Uuid,
    summary: &str,
    after: impl serde::Serialize,
) -> Result<()> {
    let entry = Audit {
        action,
        entity_type,
        entity_id: Some(id),
        summary,
        before: None,
        after: serde_json::to_value(after).ok(),
    };
    audit(tx, change, entry).await
}

/// A party's member may act on what belongs to one of their actors, or to all parties.
fn acts_on(access: &PartnershipAccess, actor_id: Option<Uuid>) -> bool {
    access.manage || (access.is_party() && actor_id.is_none_or(|id| access.acts_for.contains(&id)))
}

pub async fn add_commitment(
    store: &Store,
    by: Option<&Principal>,
    partnership_id: Uuid,
    input: &CommitmentInput,
    change: Change,
) -> Result<Commitment> {
    let (partnership, access) = super::partnerships::load(store, by, partnership_id).await?;
    if !access.participate() {
        return Err(Error::Forbidden);
    }
    let details = input.validate(&partnership.party_ids())?.after_status_change();
    if !acts_on(&access, details.actor_id) {
        return Err(Error::invalid("actor_id", "not-your-party"));
    }
    let mut tx = store.begin().await?;
    let commitment = add_commitment_in(&mut tx, partnership_id, &details, change).await?;
    tx.commit().await?;
    Ok(commitment)
}

/// Records a validated commitment inside an existing transaction.
pub async fn add_commitment_in(
    tx: &mut Tx,
    partnership_id: Uuid,
    details: &CommitmentDetails,
    change: Change,
) -> Result<Commitment> {
    let commitment =
        store::insert_commitment(tx, Uuid::now_v7(), partnership_id, details, change.now).await?;
    let data = json!({ "commitment_id": commitment.id, "title": details.title });
    event(tx, change, partnership_id, EventKind::CommitmentAdded, data).await?;
    record(tx, change, "create", "commitment", commitment.id, &details.title, &commitment).await?;
    Ok(commitment)
}

pub async fn load_commitment(
    store: &Store,
    by: Option<&Principal>,
    id: Uuid,
) -> Result<(Commitment, Partnership, PartnershipAccess)> {
    let commitment = store.commitment(id).await?.ok_or(Error::NotFound)?;
    let (partnership, access) = super::partnerships::load(store, by, commitment.partnership_id).await?;
    if !access.view_private {
        return Err(Error::NotFound);
    }
    Ok((commitment, partnership, access))
}

/// Saves a commitment's new state; marking a yearly one done opens next year's occurrence.
pub async fn update_commitment(
    store: &Store,
    by: Option<&Principal>,
    id: Uuid,
    expected_version: i64,
    input: &CommitmentInput,
    change: Change,
) -> Result<Commitment> {
    let (current, partnership, access) = load_commitment(store, by, id).await?;
    if !acts_on(&access, current.details.actor_id) {
        return Err(Error::Forbidden);
    }
    let details = input.validate(&partnership.party_ids())?.after_status_change();
    if !acts_on(&access, details.actor_id) {
        return Err(Error::invalid("actor_id", "not-your-party"));
    }
    let mut tx = store.begin().await?;
    if !store::update_commitment(&mut tx, id, expected_version, &details, change.now).await? {
        return Err(Error::Conflict);
    }
    let data =
        json!({ "commitment_id": id, "title": details.title, "status": input.status, "note": details.notes });
    event(&mut tx, change, current.partnership_id, EventKind::CommitmentUpdated, data).await?;
    let updated = store::commitment_for_update(&mut tx, id).await?.ok_or(Error::NotFound)?;
    let entry = Audit {
        action: "update",
        entity_type: "commitment",
        entity_id: Some(id),
        summary: &details.title,
        before: serde_json::to_value(&current).ok(),
        after: serde_json::to_value(&updated).ok(),
    };
    audit(&mut tx, change, entry).await?;
    tx.commit().await?;
    Ok(updated)
}

pub async fn add_deliverable(
    store: &Store,
    by: Option<&Principal>,
    partnership_id: Uuid,
    input: &DeliverableInput,
    change: Change,
) -> Result<Uuid> {
    let (partnership, access) = super::partnerships::load(store, by, partnership_id).await?;
    if !access.manage {
        return Err(Error::Forbidden);
    }
    let new = input.validate(&partnership.party_ids())?;
    let mut tx = store.begin().await?;
    let id = insert_deliverable(&mut tx, partnership_id, &new, change).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn insert_deliverable(
    tx: &mut Tx,
    partnership_id: Uuid,
    new: &NewDeliverable,
    change: Change,
) -> Result<Uuid> {
    let id = Uuid::now_v7();
    store::insert_deliverable(tx, id, partnership_id, new, change.now).await?;
    let data =
        json!({ "deliverable_id": id, "kind": new.kind.as_str(), "title": new.title, "year": new.year });
    event(tx, change, partnership_id, EventKind::DeliverableAdded, data).await?;
    record(
        tx,
        change,
        "create",
        "deliverable",
        id,
        &new.title,
        json!({ "kind": new.kind.as_str(), "year": new.year, "due_on": new.due_on.to_string() }),
    )
    .await?;
    Ok(id)
}

/// Creates the year's grant report and action and financial plan for a broad development
/// partnership, unless they exist; returns how many were created.
pub async fn create_cycle_in(
    tx: &mut Tx,
    partnership: &Partnership,
    year: i32,
    dates: CycleDates,
    change: Change,
) -> Result<usize> {
    if partnership.details.kind != PartnershipKind::BroadDevelopment {
        return Err(Error::invalid("year", "cycle-only-for-development"));
    }
    // The organisation reports; the city, as coordinator, reviews.
    let organisation = partnership
        .details
        .parties
        .iter()
        .find(|p| p.role != kumppani_domain::partnership::PartyRole::Coordinator)
        .map(|p| p.actor_id);
    let mut created = 0;
    for new in yearly_cycle(year, dates, organisation) {
        let grant_year = new.year.unwrap_or(year);
        if !store::has_cycle_document(tx, partnership.id, new.kind, grant_year).await? {
            insert_deliverable(tx, partnership.id, &new, change).await?;
            created += 1;
        }
    }
    Ok(created)
}

pub async fn create_cycle(
    store: &Store,
    by: Option<&Principal>,
    partnership_id: Uuid,
    year: &str,
    dates: CycleDates,
    change: Change,
) -> Result<usize> {
    let (partnership, access) = super::partnerships::load(store, by, partnership_id).await?;
    if !access.manage {
        return Err(Error::Forbidden);
    }
    let year = year
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (2000..=2100).contains(y))
        .ok_or_else(|| Error::invalid("year", "invalid-year"))?;
    let mut tx = store.begin().await?;
    let created = create_cycle_in(&mut tx, &partnership, year, dates, change).await?;
    tx.commit().await?;
    Ok(created)
}

pub async fn load_deliverable(
    store: &Store,
    by: Option<&Principal>,
    id: Uuid,
) -> Result<(Deliverable, Partnership, PartnershipAccess)> {
    let deliverable = store.deliverable(id).await?.ok_or(Error::NotFound)?;
    let (partnership, access) = super::partnerships::load(store, by, deliverable.partnership_id).await?;
    if !access.view_private {
        return Err(Error::NotFound);
    }
    Ok((deliverable, partnership, access))
}

/// Whether `access` may submit this deliverable (its party's member), regardless of state.
pub fn may_submit(access: &PartnershipAccess, deliverable: &Deliverable) -> bool {
    access.is_party() && deliverable.actor_id.is_none_or(|id| access.acts_for.contains(&id))
}

/// The party submits; the deliverable is then locked until staff review it.
pub async fn submit(
    store: &Store,
    by: Option<&Principal>,
    id: Uuid,
    input: &SubmissionInput,
    change: Change,
) -> Result<Deliverable> {
    let (current, _, access) = load_deliverable(store, by, id).await?;
    if !may_submit(&access, &current) {
        return Err(Error::Forbidden);
    }
    if current.status.is_locked() {
        return Err(Error::invalid("text", "deliverable-locked"));
    }
    let submission = input.validate(current.kind)?;
    let mut tx = store.begin().await?;
    let submitted = submit_in(&mut tx, &current, submission, change).await?;
    tx.commit().await?;
    Ok(submitted)
}

/// Records a validated submission inside an existing transaction; the deliverable is locked.
pub async fn submit_in(
    tx: &mut Tx,
    current: &Deliverable,
    submission: kumppani_domain::commitment::Submission,
    change: Change,
) -> Result<Deliverable> {
    let id = current.id;
    let next = current
        .status
        .apply(ReviewEvent::Submit)
        .ok_or_else(|| Error::invalid("text", "deliverable-locked"))?;
    let submitted = Deliverable {
        status: next,
        text: Some(submission.text),
        budget_lines: submission.budget_lines,
        indicators: submission.indicators,
        submitted_at: Some(change.now.get()),
        version: current.version + 1,
        ..current.clone()
    };
    if !store::save_deliverable(tx, &submitted, current.version, change.now).await? {
        return Err(Error::Conflict);
    }
    let data = json!({ "deliverable_id": id, "kind": current.kind.as_str(), "title": current.title, "year": current.year });
    event(tx, change, current.partnership_id, EventKind::DeliverableSubmitted, data).await?;
    record(tx, change, "submit", "deliverable", id, &current.title, &submitted).await?;
    Ok(submitted)
}

/// Staff accept, or return with comments saying what to fix.
pub async fn review(
    store: &Store,
    by: Option<&Principal>,
    id: Uuid,
    input: &ReviewInput,
    change: Change,
) -> Result<Deliverable> {
    let (current, _, access) = load_deliverable(store, by, id).await?;
    if !access.manage {
        return Err(Error::Forbidden);
    }
    let (decision, comment) = input.validate()?;
    let mut tx = store.begin().await?;
    let reviewed = review_in(&mut tx, &current, decision, comment, change).await?;
    tx.commit().await?;
    Ok(reviewed)
}

/// Records a review decision inside an existing transaction.
pub async fn review_in(
    tx: &mut Tx,
    current: &Deliverable,
    decision: ReviewEvent,
    comment: Option<String>,
    change: Change,
) -> Result<Deliverable> {
    let id = current.id;
    let next =
        current.status.apply(decision).ok_or_else(|| Error::invalid("decision", "nothing-to-review"))?;
    let reviewed = Deliverable {
        status: next,
        review_comment: comment.clone(),
        reviewed_at: Some(change.now.get()),
        version: current.version + 1,
        ..current.clone()
    };
    if !store::save_deliverable(tx, &reviewed, current.version, change.now).await? {
        return Err(Error::Conflict);
    }
    if decision == ReviewEvent::Accept && current.kind == DeliverableKind::ActionPlan {
        store::replace_plan_indicators(tx, &reviewed).await?;
    }
    let data = json!({
        "deliverable_id": id, "kind": current.kind.as_str(), "title": current.title, "year": current.year,
        "decision": decision.as_str(), "note": comment,
    });
    event(tx, change, current.partnership_id, EventKind::DeliverableReviewed, data).await?;
    record(tx, change, "review", "deliverable", id, &current.title, &reviewed).await?;
    Ok(reviewed)
}

pub async fn save_grant(
    store: &Store,
    by: Option<&Principal>,
    partnership_id: Uuid,
    input: &GrantYearInput,
    change: Change,
) -> Result<()> {
    let (_, access) = super::partnerships::load(store, by, partnership_id).await?;
    if !access.manage {
        return Err(Error::Forbidden);
    }
    let grant = input.validate()?;
    let mut tx = store.begin().await?;
    save_grant_in(&mut tx, partnership_id, &grant, change).await?;
    tx.commit().await?;
    Ok(())
}

/// Records a year's grant inside an existing transaction.
pub async fn save_grant_in(
    tx: &mut Tx,
    partnership_id: Uuid,
    grant: &kumppani_domain::commitment::GrantYear,
    change: Change,
) -> Result<()> {
    store::save_grant_year(tx, partnership_id, grant).await?;
    let data =
        json!({ "year": grant.year, "granted_cents": grant.granted_cents, "paid_cents": grant.paid_cents });
    event(tx, change, partnership_id, EventKind::GrantRecorded, data).await?;
    record(tx, change, "grant", "partnership", partnership_id, &grant.year.to_string(), grant).await?;
    Ok(())
}
