//! Loading the demonstration data set, once: the actors, their partnerships, and a completed
//! value network workshop.

use std::collections::HashMap;

use kumppani_domain::agreement::{AcceptanceMethod, AgreementInput, AgreementKind};
use kumppani_domain::attention::evaluation_due;
use kumppani_domain::commitment::{
    BudgetLineInput, CommitmentInput, DeliverableKind, GrantYear, IndicatorInput, ReviewEvent,
    SubmissionInput,
};
use kumppani_domain::partnership::{EventKind, Partnership, Phase, StaircaseLevel, Transition};
use kumppani_domain::value_network::linkku::Pilot;
use kumppani_domain::value_network::workshop::JoinCode;
use rand::RngCore;
use serde_json::json;
use uuid::Uuid;

use super::{Change, secrets};
use crate::demo::partnerships::{CycleState, DemoPartnership};
use crate::error::{Error, Result};
use crate::store::partnerships::{self as partnership_store, NewEvent};
use crate::store::{Store, Tx};

/// What a run of the loader added.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Loaded {
    pub actors: usize,
    pub partnerships: usize,
    pub workshops: usize,
}

/// The advisory lock that keeps two loads (the set-up page and `kumppani demo`) from both
/// finding the data missing and adding it twice.
const LOAD_LOCK: i64 = 0x6b75_6d70_6465_6d6f;

/// Adds whatever part of the demonstration data is not there yet, in one transaction.
pub async fn load(store: &Store, change: Change) -> Result<Loaded> {
    let mut loaded = Loaded::default();
    let mut tx = store.begin().await?;
    tx.serialise(LOAD_LOCK).await?;
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
            add_agreements(&mut tx, &partnership, &demo, change).await?;
            add_followup(&mut tx, &partnership, &demo, &ids, change).await?;
            loaded.partnerships += 1;
        }
    }
    if store.demo_workshop_count().await? == 0 {
        add_workshop(&mut tx, change).await?;
        loaded.workshops += 1;
    }
    tx.commit().await?;
    Ok(loaded)
}

/// The LINKKU pilot as a completed workshop, under ids of its own. Its actors stay the
/// workshop's own, unlinked: the pilot is from Päijät-Häme and none of them is on the
/// demonstration register.
async fn add_workshop(tx: &mut Tx, change: Change) -> Result<()> {
    let mut pilot = Pilot::completed()?.renumbered(Uuid::now_v7);
    // A code like any workshop's; joining is closed, and a clash with another workshop's code,
    // one in a billion, fails the load for the administrator to run it again.
    pilot.workshop.join_code = JoinCode::from_random(rand::rng().next_u64());
    let id = pilot.workshop.id;
    super::workshops::insert_in(tx, &pilot.workshop, true, change).await?;
    for participant in &pilot.participants {
        // Nobody holds the token: the demonstration's participants never come back to post.
        let token_hash = secrets::token_hash(&secrets::random_token());
        super::workshops::add_participant_in(tx, id, participant, &token_hash, change).await?;
    }
    let notes = pilot.notes.into_iter().map(|note| (note, None)).collect();
    super::workshops::save_notes_in(tx, id, notes, "create", change).await?;
    for challenge in &pilot.challenges {
        super::workshop_analysis::record_challenge_in(tx, id, challenge, None, change).await?;
    }
    for action in &pilot.actions {
        super::workshop_analysis::record_action_in(tx, id, action, None, change).await?;
    }
    Ok(())
}

/// The demo's agreement versions, each renewing the one before, signed on paper by every party.
async fn add_agreements(
    tx: &mut Tx,
    partnership: &Partnership,
    demo: &DemoPartnership,
    change: Change,
) -> Result<()> {
    let mut earlier: Vec<Uuid> = Vec::new();
    for version in &demo.agreements {
        let input = AgreementInput {
            kind: if earlier.is_empty() { AgreementKind::Original } else { AgreementKind::Renewal }
                .as_str()
                .into(),
            previous_id: earlier.last().map(Uuid::to_string).unwrap_or_default(),
            valid_from: version.valid_from.to_string(),
            valid_until: version.valid_until.map(|d| d.to_string()).unwrap_or_default(),
            notice_days: version.notice_days.to_string(),
            funder_condition: version.funder_condition.unwrap_or_default().into(),
            ..AgreementInput::from_partnership(&partnership.details, "fi")
        };
        let details = input.validate(&partnership.details, &earlier)?;
        let agreement = super::agreements::create_in(tx, partnership.id, &details, change).await?;
        if let Some(on) = version.signed_on {
            for actor in details.accepting_parties() {
                super::agreements::accept_in(tx, agreement.id, actor, on, AcceptanceMethod::Paper, change)
                    .await?;
            }
        }
        earlier.push(agreement.id);
    }
    Ok(())
}

/// Commitments, this year's grant cycle as far as the demo has it, and grants.
async fn add_followup(
    tx: &mut Tx,
    partnership: &Partnership,
    demo: &DemoPartnership,
    ids: &HashMap<String, Uuid>,
    change: Change,
) -> Result<()> {
    for commitment in &demo.commitments {
        let input = CommitmentInput {
            actor_id: commitment
                .party
                .and_then(|name| ids.get(name))
                .map(Uuid::to_string)
                .unwrap_or_default(),
            title: commitment.title.into(),
            due_on: commitment.due_on.map(|d| d.to_string()).unwrap_or_default(),
            yearly: commitment.yearly,
            status: commitment.status.into(),
            ..CommitmentInput::default()
        };
        let details = input.validate(&partnership.party_ids())?;
        super::followup::add_commitment_in(tx, partnership.id, &details, change).await?;
    }
    for (year, applied, granted, paid, decision) in &demo.grants {
        let grant = GrantYear {
            year: *year,
            applied_cents: Some(applied * 100),
            granted_cents: Some(granted * 100),
            paid_cents: Some(paid * 100),
            decision_reference: Some((*decision).to_owned()),
            decided_on: None,
        };
        super::followup::save_grant_in(tx, partnership.id, &grant, change).await?;
    }
    for deliverable in crate::store::followup::deliverables_in(tx, partnership.id).await? {
        let plan = deliverable.kind == DeliverableKind::ActionPlan;
        if plan && demo.cycle == CycleState::PlanOverdue {
            continue;
        }
        let submission = SubmissionInput {
            text: if plan {
                "Toimintaa jatketaan nykyisessä laajuudessa; painopisteenä yksinäisyyden vähentäminen. (Esittelyaineisto.)"
            } else {
                "Avustus käytettiin suunnitelman mukaisesti; kävijämäärät kasvoivat. (Esittelyaineisto.)"
            }
            .into(),
            budget_lines: if plan {
                vec![
                    BudgetLineInput { description: "Henkilöstökulut".into(), amount: "38 000".into() },
                    BudgetLineInput { description: "Toimitilat".into(), amount: "9 000".into() },
                    BudgetLineInput { description: "Vapaaehtoistoiminta".into(), amount: "3 000".into() },
                ]
            } else {
                Vec::new()
            },
            indicators: if plan {
                vec![IndicatorInput { name: "Kävijäkerrat".into(), kind: "volume".into(), target: "6 000".into() }]
            } else {
                Vec::new()
            },
        };
        let submitted =
            super::followup::submit_in(tx, &deliverable, submission.validate(deliverable.kind)?, change)
                .await?;
        if !(plan && demo.cycle == CycleState::PlanInReview) {
            super::followup::review_in(tx, &submitted, ReviewEvent::Accept, None, change).await?;
        }
    }
    Ok(())
}

/// Records the dated transitions and staircase level that brought a demo partnership where it is.
async fn replay_history(tx: &mut Tx, id: Uuid, demo: &DemoPartnership, change: Change) -> Result<()> {
    let mut phase = Phase::Exploration;
    let mut last_decision = None;
    for (event, on) in &demo.history {
        let to = phase.apply(*event).map_err(Error::internal)?;
        if Phase::is_decision(*event) {
            last_decision = Some(*on);
        }
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
    if let Some(first) = demo.history.first().map(|(_, on)| *on) {
        let due = (phase != Phase::Ended).then(|| evaluation_due(last_decision, first));
        if let Some(decided) = last_decision {
            partnership_store::set_phase(tx, id, phase, Some(decided), change.now).await?;
        }
        partnership_store::set_evaluation_due(tx, id, due).await?;
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
