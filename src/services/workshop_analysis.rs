//! The analysis (challenges, linked strengths, the challenge × actor matrix, roles), workshop
//! II's actions and governance, the partnership started from a workshop, the memo and re-runs.

use kumppani_domain::commitment::CommitmentInput;
use kumppani_domain::partnership::{Partnership, PartnershipInput, PartyInput, Phase, TransitionInput};
use kumppani_domain::role::Principal;
use kumppani_domain::value_network::actions::{Action, ActionInput, Governance, GovernanceInput};
use kumppani_domain::value_network::analysis::{
    Challenge, ChallengeInput, ChallengeMatrix, RoleInput, challenge_matrix,
};
use kumppani_domain::value_network::map::ValueMap;
use kumppani_domain::value_network::workshop::{JoinCode, Note, Participant, Workshop};
use rand::RngCore;
use uuid::Uuid;

use super::workshops::load;
use super::{Audit, Change, audit};
use crate::error::{Error, Result};
use crate::store::workshop_analysis as store;
use crate::store::workshops::{self as workshop_store, WorkshopRecord};
use crate::store::{Store, Tx};

/// A new join code is drawn this many times before giving up on a taken one.
const CODE_ATTEMPTS: usize = 8;

/// What the analysis pages work on: the workshop, every note (merged and hidden ones too, so
/// links to them resolve), the challenges and the actions.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub record: WorkshopRecord,
    pub notes: Vec<Note>,
    pub challenges: Vec<Challenge>,
    pub actions: Vec<Action>,
}

impl Analysis {
    pub fn matrix(&self) -> ChallengeMatrix {
        challenge_matrix(&self.record.workshop, &self.notes, &self.challenges)
    }
}

/// Reads an [`Analysis`]; callers check access first.
async fn read(store: &Store, id: Uuid) -> Result<Analysis> {
    let record = store.workshop(id).await?.ok_or(Error::NotFound)?;
    let notes = store.workshop_notes(id).await?.into_iter().map(|n| n.note).collect();
    let challenges = store.workshop_challenges(id).await?;
    let actions = store.workshop_actions(id).await?;
    Ok(Analysis { record, notes, challenges, actions })
}

/// The analysis for the workshop's facilitator (staff); `NotFound` for anyone else.
pub async fn analysis(store: &Store, by: Option<&Principal>, id: Uuid) -> Result<Analysis> {
    load(store, by, id).await?;
    read(store, id).await
}

/// A challenge's stored details as the form that would produce them.
pub fn challenge_input(challenge: &Challenge) -> ChallengeInput {
    let d = &challenge.details;
    ChallengeInput {
        name: d.name.clone(),
        needs: d.needs.clone(),
        challenge_notes: d.challenge_notes.iter().map(Uuid::to_string).collect(),
        strengths: d.strengths.iter().map(Uuid::to_string).collect(),
        roles: d
            .roles
            .iter()
            .map(|r| RoleInput { node: r.node.key(), role: r.role.as_str().into() })
            .collect(),
    }
}

/// What a challenge form changes: its name, needs and notes (the analysis page), or the roles
/// the facilitator records on the matrix; the other part stays as it was.
#[derive(Debug, Clone)]
pub enum ChallengeEdit {
    Details(ChallengeInput),
    Roles(Vec<RoleInput>),
}

async fn locked(tx: &mut Tx, id: Uuid) -> Result<WorkshopRecord> {
    workshop_store::get_for_update(tx, id).await?.ok_or(Error::NotFound)
}

/// Adds a challenge (`challenge_id` `None`) or changes one.
pub async fn save_challenge(
    store: &Store,
    by: Option<&Principal>,
    id: Uuid,
    challenge_id: Option<Uuid>,
    edit: ChallengeEdit,
    change: Change,
) -> Result<Challenge> {
    load(store, by, id).await?;
    let mut tx = store.begin().await?;
    let record = locked(&mut tx, id).await?;
    let before = match challenge_id {
        Some(challenge_id) => Some(
            store::challenges_for_update(&mut tx, id)
                .await?
                .into_iter()
                .find(|c| c.id == challenge_id)
                .ok_or(Error::NotFound)?,
        ),
        None => None,
    };
    let input = match (edit, &before) {
        (ChallengeEdit::Details(mut input), Some(before)) => {
            input.roles = challenge_input(before).roles;
            input
        }
        (ChallengeEdit::Details(input), None) => input,
        (ChallengeEdit::Roles(roles), Some(before)) => ChallengeInput { roles, ..challenge_input(before) },
        (ChallengeEdit::Roles(_), None) => return Err(Error::NotFound),
    };
    let notes: Vec<Note> =
        workshop_store::notes_for_update(&mut tx, id).await?.into_iter().map(|n| n.note).collect();
    let details = input.validate(&record.workshop, &notes)?;
    let challenge = Challenge { id: challenge_id.unwrap_or_else(Uuid::now_v7), details };
    record_challenge_in(&mut tx, id, &challenge, before.as_ref(), change).await?;
    tx.commit().await?;
    Ok(challenge)
}

/// Saves a new challenge after the others (`before` `None`) or a changed one, and audits it
/// in the caller's transaction.
pub(crate) async fn record_challenge_in(
    tx: &mut Tx,
    workshop_id: Uuid,
    challenge: &Challenge,
    before: Option<&Challenge>,
    change: Change,
) -> Result<()> {
    if before.is_some() {
        store::update_challenge(tx, workshop_id, challenge, change.now).await?;
    } else {
        store::insert_challenge(tx, workshop_id, challenge, change.now).await?;
    }
    let entry = Audit {
        action: if before.is_some() { "update" } else { "create" },
        entity_type: "workshop_challenge",
        entity_id: Some(challenge.id),
        summary: &challenge.details.name,
        before: before.and_then(|b| serde_json::to_value(b).ok()),
        after: serde_json::to_value(challenge).ok(),
    };
    audit(tx, change, entry).await
}

/// Removes a challenge; one with agreed actions is kept until they are removed, so no action
/// loses what it answers.
pub async fn delete_challenge(
    store: &Store,
    by: Option<&Principal>,
    id: Uuid,
    challenge_id: Uuid,
    change: Change,
) -> Result<()> {
    load(store, by, id).await?;
    let mut tx = store.begin().await?;
    let record = locked(&mut tx, id).await?;
    if !record.workshop.analysis_open() {
        return Err(Error::invalid("step", "workshop-wrong-step"));
    }
    let before = store::challenges_for_update(&mut tx, id)
        .await?
        .into_iter()
        .find(|c| c.id == challenge_id)
        .ok_or(Error::NotFound)?;
    if store::actions_for_update(&mut tx, id).await?.iter().any(|a| a.details.challenge_id == challenge_id) {
        return Err(Error::invalid("challenge", "workshop-challenge-has-actions"));
    }
    store::delete_challenge(&mut tx, id, challenge_id).await?;
    let entry = Audit {
        action: "delete",
        entity_type: "workshop_challenge",
        entity_id: Some(challenge_id),
        summary: &before.details.name,
        before: serde_json::to_value(&before).ok(),
        after: None,
    };
    audit(&mut tx, change, entry).await?;
    tx.commit().await?;
    Ok(())
}

/// Adds an agreed action (`action_id` `None`) or changes one.
pub async fn save_action(
    store: &Store,
    by: Option<&Principal>,
    id: Uuid,
    action_id: Option<Uuid>,
    input: &ActionInput,
    change: Change,
) -> Result<Action> {
    load(store, by, id).await?;
    let mut tx = store.begin().await?;
    let record = locked(&mut tx, id).await?;
    let before = match action_id {
        Some(action_id) => Some(
            store::actions_for_update(&mut tx, id)
                .await?
                .into_iter()
                .find(|a| a.id == action_id)
                .ok_or(Error::NotFound)?,
        ),
        None => None,
    };
    let challenges = store::challenges_for_update(&mut tx, id).await?;
    let details = input.validate(&record.workshop, &challenges)?;
    let action = Action { id: action_id.unwrap_or_else(Uuid::now_v7), details };
    record_action_in(&mut tx, id, &action, before.as_ref(), change).await?;
    tx.commit().await?;
    Ok(action)
}

/// Saves a new agreed action after the others (`before` `None`) or a changed one, and audits
/// it in the caller's transaction.
pub(crate) async fn record_action_in(
    tx: &mut Tx,
    workshop_id: Uuid,
    action: &Action,
    before: Option<&Action>,
    change: Change,
) -> Result<()> {
    if before.is_some() {
        store::update_action(tx, workshop_id, action, change.now).await?;
    } else {
        store::insert_action(tx, workshop_id, action, change.now).await?;
    }
    let entry = Audit {
        action: if before.is_some() { "update" } else { "create" },
        entity_type: "workshop_action",
        entity_id: Some(action.id),
        summary: &action.details.title,
        before: before.and_then(|b| serde_json::to_value(b).ok()),
        after: serde_json::to_value(action).ok(),
    };
    audit(tx, change, entry).await
}

pub async fn delete_action(
    store: &Store,
    by: Option<&Principal>,
    id: Uuid,
    action_id: Uuid,
    change: Change,
) -> Result<()> {
    load(store, by, id).await?;
    let mut tx = store.begin().await?;
    let record = locked(&mut tx, id).await?;
    if !record.workshop.analysis_open() {
        return Err(Error::invalid("step", "workshop-wrong-step"));
    }
    let before = store::actions_for_update(&mut tx, id)
        .await?
        .into_iter()
        .find(|a| a.id == action_id)
        .ok_or(Error::NotFound)?;
    store::delete_action(&mut tx, id, action_id).await?;
    let entry = Audit {
        action: "delete",
        entity_type: "workshop_action",
        entity_id: Some(action_id),
        summary: &before.details.title,
        before: serde_json::to_value(&before).ok(),
        after: None,
    };
    audit(&mut tx, change, entry).await?;
    tx.commit().await?;
    Ok(())
}

/// Saves how the whole is led (workshop II).
pub async fn save_governance(
    store: &Store,
    by: Option<&Principal>,
    id: Uuid,
    input: &GovernanceInput,
    change: Change,
) -> Result<Governance> {
    load(store, by, id).await?;
    let mut tx = store.begin().await?;
    let before = locked(&mut tx, id).await?;
    if !before.workshop.analysis_open() {
        return Err(Error::invalid("step", "workshop-wrong-step"));
    }
    let governance = input.validate()?;
    let workshop = Workshop { governance: governance.clone(), ..before.workshop.clone() };
    if !workshop_store::update(&mut tx, &workshop, before.version, change.now).await? {
        return Err(Error::Conflict);
    }
    let entry = Audit {
        action: "governance",
        entity_type: "workshop",
        entity_id: Some(id),
        summary: &workshop.plan.title,
        before: serde_json::to_value(&before.workshop.governance).ok(),
        after: serde_json::to_value(&governance).ok(),
    };
    audit(&mut tx, change, entry).await?;
    tx.commit().await?;
    Ok(governance)
}

/// Starts a partnership from the workshop in one transaction: recorded in exploration, where
/// the workshops did their work, then established by the workshop's agreement (both on its
/// timeline); its parties are the workshop's actors on the register, its aim the challenges
/// met, and each agreed action a commitment of its owner, due when progress is checked.
pub async fn start_partnership(
    store: &Store,
    by: Option<&Principal>,
    id: Uuid,
    change: Change,
) -> Result<Partnership> {
    load(store, by, id).await?;
    let mut tx = store.begin().await?;
    let record = locked(&mut tx, id).await?;
    if record.partnership_id.is_some() {
        return Err(Error::invalid("partnership", "workshop-partnership-started"));
    }
    let workshop = &record.workshop;
    if !workshop.analysis_open() {
        return Err(Error::invalid("partnership", "workshop-wrong-step"));
    }
    let mut parties: Vec<Uuid> = Vec::new();
    for register_id in workshop.plan.actors.iter().filter_map(|a| a.register_id) {
        let on_register = store.actor(register_id).await?.is_some_and(|a| !a.is_archived());
        if on_register && !parties.contains(&register_id) {
            parties.push(register_id);
        }
    }
    if parties.len() < 2 {
        return Err(Error::invalid("partnership", "workshop-partnership-two-register-actors"));
    }
    let challenges = store::challenges_for_update(&mut tx, id).await?;
    let actions = store::actions_for_update(&mut tx, id).await?;
    let aim = challenges.iter().map(|c| c.details.name.as_str()).collect::<Vec<_>>().join("; ");
    let input = PartnershipInput {
        name: workshop.plan.title.clone(),
        description: workshop.plan.background.clone().unwrap_or_default(),
        kind: "other".into(),
        leadership: workshop.governance.model.map(|m| m.as_str().to_owned()).unwrap_or_default(),
        aim,
        coordination: workshop.governance.description.clone().unwrap_or_default(),
        parties: parties
            .iter()
            .map(|id| PartyInput { actor_id: id.to_string(), ..PartyInput::default() })
            .collect(),
        ..PartnershipInput::default()
    };
    let details = input.validate(false)?;
    let created = super::partnerships::insert_in(&mut tx, &details, Phase::Exploration, change).await?;
    let establish = TransitionInput {
        event: "establish".into(),
        decided_on: String::new(),
        note: workshop.plan.title.clone(),
    };
    let partnership = super::partnerships::transition_in(&mut tx, created.id, &establish, change).await?;
    for action in &actions {
        let d = &action.details;
        let owner =
            workshop.plan.actor(d.owner).and_then(|a| a.register_id).filter(|id| parties.contains(id));
        let mut description = d.steps.join("\n");
        if let Some(how) = &d.follow_up_how {
            description = [description, how.clone()].join("\n\n").trim().to_owned();
        }
        let input = CommitmentInput {
            actor_id: owner.map(|id| id.to_string()).unwrap_or_default(),
            title: d.title.clone(),
            description,
            due_on: d.review_on.map(|date| date.to_string()).unwrap_or_default(),
            owner: d.follow_up_by.clone().unwrap_or_default(),
            ..CommitmentInput::default()
        };
        let details = input.validate(&parties)?;
        super::followup::add_commitment_in(&mut tx, partnership.id, &details, change).await?;
    }
    if !store::link_partnership(&mut tx, id, partnership.id).await? {
        return Err(Error::invalid("partnership", "workshop-partnership-started"));
    }
    let entry = Audit {
        action: "start_partnership",
        entity_type: "workshop",
        entity_id: Some(id),
        summary: &workshop.plan.title,
        before: None,
        after: Some(serde_json::json!({ "partnership_id": partnership.id })),
    };
    audit(&mut tx, change, entry).await?;
    tx.commit().await?;
    Ok(partnership)
}

/// Everything the memo shows; callers check that the reader is the facilitator or one of
/// this workshop's participants.
#[derive(Debug, Clone)]
pub struct Memo {
    pub analysis: Analysis,
    pub participants: Vec<Participant>,
    pub current: ValueMap,
    pub future: ValueMap,
}

pub async fn memo(store: &Store, id: Uuid) -> Result<Memo> {
    let analysis = read(store, id).await?;
    let participants = store.workshop_participants(id).await?;
    let plan = &analysis.record.workshop.plan;
    let current = ValueMap::current(plan, &participants, &analysis.notes);
    let future = current.future(plan, &analysis.actions);
    Ok(Memo { analysis, participants, current, future })
}

/// Re-runs the workshop (renewal): a new workshop in planning with the same plan, actors
/// keeping their ids and colours so the maps of both runs compare, linked to this one.
pub async fn rerun(
    store: &Store,
    by: Option<&Principal>,
    id: Uuid,
    change: Change,
) -> Result<WorkshopRecord> {
    let previous = load(store, by, id).await?;
    let new_id = Uuid::now_v7();
    for _ in 0..CODE_ATTEMPTS {
        let code = JoinCode::from_random(rand::rng().next_u64());
        let workshop = Workshop::new(new_id, previous.workshop.plan.clone(), code);
        let mut tx = store.begin().await?;
        match workshop_store::insert(&mut tx, &workshop, false, change.user_id, Some(id), change.now).await {
            Err(e) if e.unique_violation().is_some() => continue,
            result => result?,
        }
        let entry = Audit {
            action: "rerun",
            entity_type: "workshop",
            entity_id: Some(new_id),
            summary: &workshop.plan.title,
            before: None,
            after: serde_json::json!({ "previous_workshop_id": id, "workshop": workshop }).into(),
        };
        audit(&mut tx, change, entry).await?;
        tx.commit().await?;
        return store.workshop(new_id).await?.ok_or(Error::NotFound);
    }
    Err(Error::internal("no free join code after several attempts"))
}
