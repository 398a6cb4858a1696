//! Agreement versions: drafting from the partnership's contents, acceptance by every party (in
//! the app or as a signed paper), the funder's decision, and what follows when one comes into force.

use kumppani_domain::agreement::{
    AcceptanceMethod, Agreement, AgreementInput, AgreementStatus, FunderDecisionInput, paper_signed_on,
};
use kumppani_domain::commitment::CycleDates;
use kumppani_domain::partnership::{EventKind, Partnership, PartnershipKind};
use kumppani_domain::role::{PartnershipAccess, Principal};
use kumppani_domain::validation::FieldErrors;
use serde_json::json;
use time::Date;
use uuid::Uuid;

use super::{Audit, Change, audit};
use crate::error::{Error, Result};
use crate::store::agreements as store;
use crate::store::partnerships::{self as partnership_store, NewEvent};
use crate::store::{Store, Tx};

/// The agreement with its partnership and what `by` may do; agreements are non-public, so only
/// parties and staff reach them.
pub async fn load(
    store: &Store,
    by: Option<&Principal>,
    id: Uuid,
) -> Result<(Agreement, Partnership, PartnershipAccess)> {
    let agreement = store.agreement(id).await?.ok_or(Error::NotFound)?;
    let (partnership, access) = super::partnerships::load(store, by, agreement.partnership_id).await?;
    if !access.view_private {
        return Err(Error::NotFound);
    }
    Ok((agreement, partnership, access))
}

fn snapshot(agreement: &Agreement) -> Option<serde_json::Value> {
    serde_json::to_value(agreement).ok()
}

async fn event(
    tx: &mut Tx,
    change: Change,
    partnership_id: Uuid,
    on: Date,
    kind: EventKind,
    data: serde_json::Value,
) -> Result<()> {
    let event = NewEvent { partnership_id, on_date: on, user_id: change.user_id, kind, data };
    partnership_store::record_event(tx, change.now, event).await?;
    Ok(())
}

pub async fn create(
    store: &Store,
    by: Option<&Principal>,
    partnership_id: Uuid,
    input: &AgreementInput,
    change: Change,
) -> Result<Agreement> {
    let (partnership, access) = super::partnerships::load(store, by, partnership_id).await?;
    if !access.manage {
        return Err(Error::Forbidden);
    }
    let earlier: Vec<Uuid> = store.agreements_of(partnership_id).await?.iter().map(|a| a.id).collect();
    let details = input.validate(&partnership.details, &earlier)?;
    let mut tx = store.begin().await?;
    let agreement = create_in(&mut tx, partnership_id, &details, change).await?;
    tx.commit().await?;
    Ok(agreement)
}

/// Records a validated version inside an existing transaction (demo data adds many at once).
pub async fn create_in(
    tx: &mut Tx,
    partnership_id: Uuid,
    details: &kumppani_domain::agreement::AgreementDetails,
    change: Change,
) -> Result<Agreement> {
    let agreement =
        store::insert(tx, Uuid::now_v7(), partnership_id, details, change.user_id, change.now).await?;
    let today = change.now.finnish_date();
    let data = json!({ "agreement_id": agreement.id, "number": agreement.number, "kind": details.kind.as_str(), "title": details.title });
    event(tx, change, partnership_id, today, EventKind::AgreementCreated, data).await?;
    // A written agreement ends the partnership's life as a verbal one.
    let current = partnership_store::get_for_update(tx, partnership_id).await?.ok_or(Error::NotFound)?;
    if current.details.verbal {
        let written =
            kumppani_domain::partnership::PartnershipDetails { verbal: false, ..current.details.clone() };
        partnership_store::update(tx, partnership_id, current.version, &written, change.now)
            .await?
            .ok_or(Error::Conflict)?;
        event(tx, change, partnership_id, today, EventKind::WrittenDown, json!({})).await?;
    }
    refresh_validity(tx, partnership_id, today).await?;
    let entry = Audit {
        action: "create",
        entity_type: "agreement",
        entity_id: Some(agreement.id),
        summary: &agreement.details.title,
        before: None,
        after: snapshot(&agreement),
    };
    audit(tx, change, entry).await?;
    Ok(agreement)
}

/// A party's member accepts in the app for one of the actors they represent.
pub async fn accept(
    store: &Store,
    by: Option<&Principal>,
    id: Uuid,
    actor_id: Uuid,
    change: Change,
) -> Result<Agreement> {
    let (agreement, _, access) = load(store, by, id).await?;
    if !access.acts_for.contains(&actor_id) {
        return Err(Error::Forbidden);
    }
    if !agreement.awaits_acceptance_of(actor_id) {
        return Err(Error::invalid("actor_id", "already-accepted"));
    }
    let today = change.now.finnish_date();
    record_acceptance(store, id, actor_id, today, AcceptanceMethod::InApp, change).await
}

/// Staff record a paper signed by a party on a given day.
pub async fn record_paper(
    store: &Store,
    by: Option<&Principal>,
    id: Uuid,
    actor_id: &str,
    signed_on: &str,
    change: Change,
) -> Result<Agreement> {
    let (agreement, _, access) = load(store, by, id).await?;
    if !access.manage {
        return Err(Error::Forbidden);
    }
    let mut errors = FieldErrors::new();
    let actor = Uuid::parse_str(actor_id.trim()).ok().filter(|a| agreement.awaits_acceptance_of(*a));
    if actor.is_none() {
        errors.add("actor_id", "invalid-choice");
    }
    let signed = paper_signed_on(&mut errors, signed_on, change.now.finnish_date());
    let (Some(actor), Some(signed), true) = (actor, signed, errors.is_empty()) else {
        return Err(Error::Invalid(errors));
    };
    record_acceptance(store, id, actor, signed, AcceptanceMethod::Paper, change).await
}

async fn record_acceptance(
    store: &Store,
    id: Uuid,
    actor_id: Uuid,
    on: Date,
    method: AcceptanceMethod,
    change: Change,
) -> Result<Agreement> {
    let mut tx = store.begin().await?;
    let after = accept_in(&mut tx, id, actor_id, on, method, change).await?;
    tx.commit().await?;
    Ok(after)
}

/// Records one party's acceptance inside an existing transaction, and what follows from it.
pub async fn accept_in(
    tx: &mut Tx,
    id: Uuid,
    actor_id: Uuid,
    on: Date,
    method: AcceptanceMethod,
    change: Change,
) -> Result<Agreement> {
    let before = store::get_in(tx, id).await?.ok_or(Error::NotFound)?;
    if !store::accept(tx, id, actor_id, on, method, change.user_id, change.now).await? {
        return Err(Error::invalid("actor_id", "already-accepted"));
    }
    let data = json!({ "agreement_id": id, "number": before.number, "actor_id": actor_id, "method": method.as_str() });
    event(tx, change, before.partnership_id, on, EventKind::Accepted, data).await?;
    let after = settle(tx, id, change).await?;
    let entry = Audit {
        action: "accept",
        entity_type: "agreement",
        entity_id: Some(id),
        summary: &after.details.title,
        before: snapshot(&before),
        after: snapshot(&after),
    };
    audit(tx, change, entry).await?;
    Ok(after)
}

pub async fn record_funder_decision(
    store: &Store,
    by: Option<&Principal>,
    id: Uuid,
    input: &FunderDecisionInput,
    change: Change,
) -> Result<Agreement> {
    let (agreement, _, access) = load(store, by, id).await?;
    if !access.manage {
        return Err(Error::Forbidden);
    }
    if !agreement.awaits_funder() {
        return Err(Error::invalid("verdict", "no-funder-decision-pending"));
    }
    let decision = input.validate(change.now.finnish_date())?;
    let mut tx = store.begin().await?;
    let after = decide_in(&mut tx, &agreement, &decision, change).await?;
    tx.commit().await?;
    Ok(after)
}

/// Records the funder's decision inside an existing transaction, and what follows from it.
pub async fn decide_in(
    tx: &mut Tx,
    agreement: &Agreement,
    decision: &kumppani_domain::agreement::FunderDecision,
    change: Change,
) -> Result<Agreement> {
    let id = agreement.id;
    store::record_funder_decision(tx, id, decision).await?;
    let data = json!({ "agreement_id": id, "number": agreement.number, "verdict": decision.verdict.as_str(), "reference": decision.reference });
    event(tx, change, agreement.partnership_id, decision.decided_on, EventKind::FunderDecision, data).await?;
    let after = settle(tx, id, change).await?;
    let entry = Audit {
        action: "funder_decision",
        entity_type: "agreement",
        entity_id: Some(id),
        summary: &after.details.title,
        before: snapshot(agreement),
        after: snapshot(&after),
    };
    audit(tx, change, entry).await?;
    Ok(after)
}

/// After an acceptance or a decision: an agreement that has come into force replaces the version
/// it amends or renews, and the partnership's validity follows it.
async fn settle(tx: &mut Tx, id: Uuid, change: Change) -> Result<Agreement> {
    let today = change.now.finnish_date();
    let agreement = store::get_in(tx, id).await?.ok_or(Error::NotFound)?;
    if let Some(last) = agreement.acceptances.iter().map(|a| a.accepted_on).max().flatten()
        && agreement.all_accepted()
    {
        store::mark_accepted(tx, id, last).await?;
    }
    let status = agreement.status(today);
    if matches!(status, AgreementStatus::InForce | AgreementStatus::NotYetValid | AgreementStatus::Expired) {
        if let Some(previous) = agreement.details.previous_id {
            store::supersede(tx, previous, id).await?;
        }
        // Dated by the last signature or decision, which may be on paper long before it is recorded.
        let agreed_on = agreement
            .acceptances
            .iter()
            .filter_map(|a| a.accepted_on)
            .chain(agreement.funder_decision.as_ref().map(|d| d.decided_on))
            .max()
            .unwrap_or(today);
        let data = json!({ "agreement_id": id, "number": agreement.number });
        event(tx, change, agreement.partnership_id, agreed_on, EventKind::InForce, data).await?;
        // Broad development partnerships get this year's grant cycle as soon as they are agreed.
        let partnership =
            partnership_store::get_for_update(tx, agreement.partnership_id).await?.ok_or(Error::NotFound)?;
        if partnership.details.kind == PartnershipKind::BroadDevelopment {
            super::followup::create_cycle_in(tx, &partnership, today.year(), CycleDates::default(), change)
                .await?;
        }
    }
    refresh_validity(tx, agreement.partnership_id, today).await?;
    store::get_in(tx, id).await?.ok_or(Error::NotFound)
}

/// The partnership shows the validity of its agreement in force, or else of its newest
/// version still in play.
async fn refresh_validity(tx: &mut Tx, partnership_id: Uuid, today: Date) -> Result<()> {
    let ids = store::ids_of(tx, partnership_id).await?;
    let mut agreements = Vec::with_capacity(ids.len());
    for id in ids {
        agreements.extend(store::get_in(tx, id).await?);
    }
    let live =
        |a: &&Agreement| !matches!(a.status(today), AgreementStatus::Rejected | AgreementStatus::Superseded);
    let chosen = agreements
        .iter()
        .rev()
        .find(|a| a.status(today) == AgreementStatus::InForce)
        .or_else(|| agreements.iter().rev().find(live));
    partnership_store::set_validity(
        tx,
        partnership_id,
        chosen.map(|a| a.details.valid_from),
        chosen.and_then(|a| a.details.valid_until),
    )
    .await?;
    Ok(())
}
