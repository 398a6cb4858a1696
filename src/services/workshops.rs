//! Value network workshops: the plan, the steps, workshop I's question, timer and joining, and
//! the notes; each write is one audited transaction, announced on the live hub after commit.

use std::sync::Arc;

use kumppani_domain::role::{Principal, is_staff};
use kumppani_domain::validation::FieldErrors;
use kumppani_domain::value_network::workshop::{
    JoinCode, JoinInput, Note, NoteInput, Participant, PlanInput, Question, Step, TimerError, Workshop,
    Writer, merge_notes as merge_in_domain,
};
use rand::RngCore;
use serde_json::json;
use time::Duration;
use uuid::Uuid;

use super::live::{Hub, LiveEvent};
use super::{Audit, Change, audit, secrets};
use crate::error::{Error, Result};
use crate::store::workshops::{self as store, StoredNote, WorkshopRecord};
use crate::store::{Store, Tx};

/// A new join code is drawn this many times before giving up on a taken one.
const CODE_ATTEMPTS: usize = 8;

/// The workshop as its facilitator (city staff) sees it; `NotFound` for anyone else.
pub async fn load(store: &Store, by: Option<&Principal>, id: Uuid) -> Result<WorkshopRecord> {
    if !is_staff(by) {
        return Err(Error::NotFound);
    }
    store.workshop(id).await?.ok_or(Error::NotFound)
}

/// All workshops not archived, for staff.
pub async fn list(store: &Store, by: Option<&Principal>) -> Result<Vec<WorkshopRecord>> {
    if !is_staff(by) {
        return Err(Error::NotFound);
    }
    Ok(store.workshops().await?)
}

/// The workshop and the participant whose cookie holds `token`, if it is this workshop's.
pub async fn participant(
    store: &Store,
    workshop_id: Uuid,
    token: &str,
) -> Result<Option<(WorkshopRecord, Participant)>> {
    let Some(participant) =
        store.workshop_participant_by_token(workshop_id, &secrets::token_hash(token)).await?
    else {
        return Ok(None);
    };
    Ok(store.workshop(workshop_id).await?.map(|record| (record, participant)))
}

/// What workshop I's pages show, read in one call: the workshop, its participants and its
/// visible notes (neither hidden nor merged). Callers check access first.
#[derive(Debug, Clone)]
pub struct Board {
    pub record: WorkshopRecord,
    pub participants: Vec<Participant>,
    pub notes: Vec<StoredNote>,
}

/// Loads a [`Board`]: the workshop, its participants and its visible notes.
pub async fn board(store: &Store, id: Uuid) -> Result<Board> {
    let record = store.workshop(id).await?.ok_or(Error::NotFound)?;
    let participants = store.workshop_participants(id).await?;
    let notes = store.workshop_notes(id).await?.into_iter().filter(|n| n.note.is_visible()).collect();
    Ok(Board { record, participants, notes })
}

/// The participant's own visible notes, for their phone page: read by participant, since
/// reading the whole wall on every post costs the server dearly in a room of 200 phones.
pub async fn own_notes(store: &Store, id: Uuid, participant: &Participant) -> Result<Vec<StoredNote>> {
    let notes = store.workshop_participant_notes(id, participant.id).await?;
    Ok(notes.into_iter().filter(|n| n.note.is_visible()).collect())
}

/// Every note, hidden and merged ones too, for the facilitator's note management.
pub async fn all_notes(store: &Store, by: Option<&Principal>, id: Uuid) -> Result<Vec<StoredNote>> {
    load(store, by, id).await?;
    Ok(store.workshop_notes(id).await?)
}

fn snapshot(workshop: &Workshop) -> Option<serde_json::Value> {
    serde_json::to_value(workshop).ok()
}

/// Creates a workshop from the planning form, in the planning step, with a fresh join code.
pub async fn create(
    store: &Store,
    by: Option<&Principal>,
    input: &PlanInput,
    change: Change,
) -> Result<WorkshopRecord> {
    if !is_staff(by) {
        return Err(Error::NotFound);
    }
    let plan = input.validate(None, Uuid::now_v7)?;
    let id = Uuid::now_v7();
    for _ in 0..CODE_ATTEMPTS {
        let workshop = Workshop::new(id, plan.clone(), JoinCode::from_random(rand::rng().next_u64()));
        let mut tx = store.begin().await?;
        match insert_in(&mut tx, &workshop, false, change).await {
            Err(Error::Store(e)) if e.unique_violation().is_some() => continue,
            result => result?,
        }
        tx.commit().await?;
        return store.workshop(id).await?.ok_or(Error::NotFound);
    }
    Err(Error::internal("no free join code after several attempts"))
}

/// Records a new workshop and audits it in the caller's transaction; a taken join code fails
/// as the store's unique violation.
pub(crate) async fn insert_in(tx: &mut Tx, workshop: &Workshop, demo: bool, change: Change) -> Result<()> {
    store::insert(tx, workshop, demo, change.user_id, None, change.now).await?;
    let entry = Audit {
        action: "create",
        entity_type: "workshop",
        entity_id: Some(workshop.id),
        summary: &workshop.plan.title,
        before: None,
        after: snapshot(workshop),
    };
    audit(tx, change, entry).await
}

/// Reads the workshop in a transaction, applies `apply`, saves and audits it; the caller
/// commits. `expected_version` guards a form that was filled in over an older version.
async fn change_in(
    tx: &mut Tx,
    id: Uuid,
    expected_version: Option<i64>,
    action: &str,
    change: Change,
    apply: impl FnOnce(&mut Workshop) -> Result<()>,
) -> Result<WorkshopRecord> {
    let before = store::get_for_update(tx, id).await?.ok_or(Error::NotFound)?;
    if expected_version.is_some_and(|v| v != before.version) {
        return Err(Error::Conflict);
    }
    let mut workshop = before.workshop.clone();
    apply(&mut workshop)?;
    if !store::update(tx, &workshop, before.version, change.now).await? {
        return Err(Error::Conflict);
    }
    let entry = Audit {
        action,
        entity_type: "workshop",
        entity_id: Some(id),
        summary: &workshop.plan.title,
        before: snapshot(&before.workshop),
        after: snapshot(&workshop),
    };
    audit(tx, change, entry).await?;
    Ok(WorkshopRecord { workshop, version: before.version + 1, updated_at: change.now, ..before })
}

/// Staff change to the workshop's state, committed and then announced to live streams.
async fn change_state(
    store: &Store,
    hub: &Hub,
    by: Option<&Principal>,
    id: Uuid,
    (action, expected_version): (&str, Option<i64>),
    change: Change,
    apply: impl FnOnce(&mut Workshop) -> Result<()>,
) -> Result<WorkshopRecord> {
    load(store, by, id).await?;
    let mut tx = store.begin().await?;
    let record = change_in(&mut tx, id, expected_version, action, change, apply).await?;
    tx.commit().await?;
    publish_state(store, hub, &record, change).await?;
    Ok(record)
}

/// Saves the planning form over `expected_version`; actors already planned keep their colour.
pub async fn update_plan(
    store: &Store,
    hub: &Hub,
    by: Option<&Principal>,
    id: Uuid,
    expected_version: i64,
    input: &PlanInput,
    change: Change,
) -> Result<WorkshopRecord> {
    change_state(store, hub, by, id, ("update", Some(expected_version)), change, |w| {
        w.plan = input.validate(Some(&w.plan), Uuid::now_v7)?;
        Ok(())
    })
    .await
}

/// Moves to the next or previous step (`step` is its code); other moves are refused.
pub async fn go_to(
    store: &Store,
    hub: &Hub,
    by: Option<&Principal>,
    id: Uuid,
    step: &str,
    change: Change,
) -> Result<WorkshopRecord> {
    load(store, by, id).await?;
    let step = Step::parse(step).ok_or_else(|| Error::invalid("step", "invalid-choice"))?;
    change_state(store, hub, by, id, ("step", None), change, |w| Ok(w.go_to(step)?)).await
}

/// Puts a question (its code) on the wall with a fresh timer.
pub async fn show_question(
    store: &Store,
    hub: &Hub,
    by: Option<&Principal>,
    id: Uuid,
    question: &str,
    change: Change,
) -> Result<WorkshopRecord> {
    load(store, by, id).await?;
    let question = Question::parse(question).ok_or_else(|| Error::invalid("question", "invalid-choice"))?;
    change_state(store, hub, by, id, ("question", None), change, |w| Ok(w.show_question(question)?)).await
}

/// What the facilitator does to the question timer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimerAction {
    Start,
    Pause,
    Resume,
    /// Minutes more (or, negative, fewer).
    Adjust(i64),
}

impl TimerAction {
    /// The action a control button posts: `start`, `pause`, `resume`, `add`, `subtract`.
    pub fn parse(action: &str) -> Option<TimerAction> {
        match action {
            "start" => Some(TimerAction::Start),
            "pause" => Some(TimerAction::Pause),
            "resume" => Some(TimerAction::Resume),
            "add" => Some(TimerAction::Adjust(1)),
            "subtract" => Some(TimerAction::Adjust(-1)),
            _ => None,
        }
    }
}

fn timer_error(e: TimerError) -> Error {
    let mut errors = FieldErrors::new();
    errors.add("timer", e.code());
    Error::Invalid(errors)
}

/// Starts, pauses, resumes or adjusts the question timer (workshop I only).
pub async fn timer(
    store: &Store,
    hub: &Hub,
    by: Option<&Principal>,
    id: Uuid,
    action: TimerAction,
    change: Change,
) -> Result<WorkshopRecord> {
    let now = change.now.get();
    change_state(store, hub, by, id, ("timer", None), change, |w| {
        if w.step != Step::WorkshopOne {
            return Err(Error::invalid("step", "workshop-wrong-step"));
        }
        match action {
            TimerAction::Start => w.timer.start(now),
            TimerAction::Pause => w.timer.pause(now),
            TimerAction::Resume => w.timer.resume(now),
            TimerAction::Adjust(minutes) => w.timer.adjust(Duration::minutes(minutes)),
        }
        .map_err(timer_error)
    })
    .await
}

/// Opens or closes joining with the code.
pub async fn set_joining(
    store: &Store,
    hub: &Hub,
    by: Option<&Principal>,
    id: Uuid,
    open: bool,
    change: Change,
) -> Result<WorkshopRecord> {
    change_state(store, hub, by, id, ("joining", None), change, |w| {
        w.joining_open = open;
        Ok(())
    })
    .await
}

/// A participant who has just joined, with the token for their cookie (only its hash is kept).
#[derive(Debug, Clone)]
pub struct Joined {
    pub workshop: WorkshopRecord,
    pub participant: Participant,
    pub token: String,
}

/// Joins the workshop whose code was typed, speaking for one of its actors.
pub async fn join(store: &Store, hub: &Hub, input: &JoinInput, change: Change) -> Result<Joined> {
    let Some(code) = JoinCode::parse(&input.code) else {
        return Err(Error::invalid("code", "join-code-invalid"));
    };
    let record = store.workshop_by_code(code.as_str()).await?.ok_or_else(|| {
        let mut errors = FieldErrors::new();
        errors.add("code", "join-code-unknown");
        Error::Invalid(errors)
    })?;
    let details = input.validate(&record.workshop)?;
    let participant = Participant { id: Uuid::now_v7(), details };
    let token = secrets::random_token();
    let mut tx = store.begin().await?;
    add_participant_in(&mut tx, record.workshop.id, &participant, &secrets::token_hash(&token), change)
        .await?;
    tx.commit().await?;
    publish_state(store, hub, &record, change).await?;
    Ok(Joined { workshop: record, participant, token })
}

/// Records a participant, known by the hash of their cookie's token, and audits it in the
/// caller's transaction.
pub(crate) async fn add_participant_in(
    tx: &mut Tx,
    workshop_id: Uuid,
    participant: &Participant,
    token_hash: &str,
    change: Change,
) -> Result<()> {
    store::insert_participant(tx, workshop_id, participant, token_hash, change.now).await?;
    let entry = Audit {
        action: "join",
        entity_type: "workshop_participant",
        entity_id: Some(participant.id),
        summary: &participant.details.name,
        before: None,
        after: serde_json::to_value(participant).ok(),
    };
    audit(tx, change, entry).await
}

/// Who writes or changes a note.
#[derive(Debug, Clone, Copy)]
pub enum NoteWriter<'a> {
    Participant(&'a Participant),
    Facilitator(Option<&'a Principal>),
}

/// Writes each note (with what it was before, if anything) under the workshop's next change
/// sequence number, audits it, commits, and only then announces it.
pub(crate) async fn write_notes(
    hub: &Hub,
    tx: Tx,
    workshop: &Workshop,
    notes: Vec<(Note, Option<StoredNote>)>,
    action: &str,
    change: Change,
) -> Result<Vec<StoredNote>> {
    let mut tx = tx;
    let written = save_notes_in(&mut tx, workshop.id, notes, action, change).await?;
    tx.commit().await?;
    for stored in &written {
        publish_note(hub, workshop, stored);
    }
    Ok(written)
}

/// Writes and audits each note in the caller's transaction, each under the workshop's next
/// change sequence number; announcing them is the caller's, after commit.
pub(crate) async fn save_notes_in(
    tx: &mut Tx,
    workshop_id: Uuid,
    notes: Vec<(Note, Option<StoredNote>)>,
    action: &str,
    change: Change,
) -> Result<Vec<StoredNote>> {
    let mut written = Vec::new();
    for (note, before) in notes {
        let seq = store::next_change_seq(tx, workshop_id).await?;
        store::save_note(tx, workshop_id, &note, seq, change.now).await?;
        let entry = Audit {
            action,
            entity_type: "workshop_note",
            entity_id: Some(note.id),
            summary: &note.details.text,
            before: before.as_ref().and_then(|b| serde_json::to_value(&b.note).ok()),
            after: serde_json::to_value(&note).ok(),
        };
        audit(tx, change, entry).await?;
        let created_at = before.map_or(change.now, |b| b.created_at);
        written.push(StoredNote { note, change_seq: seq, created_at, updated_at: change.now });
    }
    Ok(written)
}

/// Posts a new note: a participant for the party they represent, in workshop I, on the
/// questions asked so far; the facilitator for any sheet in workshop I or the analysis.
pub async fn post_note(
    store: &Store,
    hub: &Hub,
    id: Uuid,
    writer: NoteWriter<'_>,
    input: &NoteInput,
    change: Change,
) -> Result<StoredNote> {
    if let NoteWriter::Facilitator(by) = writer {
        load(store, by, id).await?;
    }
    let mut tx = store.begin().await?;
    let record = store::get_for_update(&mut tx, id).await?.ok_or(Error::NotFound)?;
    let (domain_writer, participant_id) = match writer {
        NoteWriter::Participant(p) => (Writer::Participant(p), Some(p.id)),
        NoteWriter::Facilitator(_) => (Writer::Facilitator, None),
    };
    let details = input.validate(&record.workshop, domain_writer)?;
    let note = Note { id: Uuid::now_v7(), participant_id, hidden: false, merged_into: None, details };
    let mut written = write_notes(hub, tx, &record.workshop, vec![(note, None)], "create", change).await?;
    written.pop().ok_or_else(|| Error::internal("a written note went missing"))
}

/// How the facilitator changes a note.
#[derive(Debug, Clone)]
pub enum NoteEdit {
    /// New text and tangibility, or a new question, author and about: the note as a form with
    /// those fields replaced, checked again like a new note.
    Revise(NoteInput),
    Hide,
    Unhide,
}

/// Edits, moves, hides or shows again one note (facilitator, workshop I or the analysis).
pub async fn edit_note(
    store: &Store,
    hub: &Hub,
    by: Option<&Principal>,
    id: Uuid,
    note_id: Uuid,
    edit: NoteEdit,
    change: Change,
) -> Result<StoredNote> {
    load(store, by, id).await?;
    let mut tx = store.begin().await?;
    let record = store::get_for_update(&mut tx, id).await?.ok_or(Error::NotFound)?;
    let before = store::notes_for_update(&mut tx, id)
        .await?
        .into_iter()
        .find(|n| n.note.id == note_id)
        .ok_or(Error::NotFound)?;
    let mut note = before.note.clone();
    let action = match edit {
        NoteEdit::Revise(input) => {
            note.details = input.validate(&record.workshop, Writer::Facilitator)?;
            "update"
        }
        NoteEdit::Hide => {
            note.hidden = true;
            "hide"
        }
        NoteEdit::Unhide => {
            note.hidden = false;
            "unhide"
        }
    };
    let mut written =
        write_notes(hub, tx, &record.workshop, vec![(note, Some(before))], action, change).await?;
    written.pop().ok_or_else(|| Error::internal("a written note went missing"))
}

/// Merges the duplicate `source` into `target` on the same sheet; notes merged into `source`
/// earlier follow it.
pub async fn merge_notes(
    store: &Store,
    hub: &Hub,
    by: Option<&Principal>,
    id: Uuid,
    target: Uuid,
    source: Uuid,
    change: Change,
) -> Result<Vec<StoredNote>> {
    load(store, by, id).await?;
    let mut tx = store.begin().await?;
    let record = store::get_for_update(&mut tx, id).await?.ok_or(Error::NotFound)?;
    if !matches!(record.workshop.step, Step::WorkshopOne | Step::Analysis) {
        return Err(Error::invalid("step", "workshop-wrong-step"));
    }
    let before = store::notes_for_update(&mut tx, id).await?;
    let mut after: Vec<Note> = before.iter().map(|n| n.note.clone()).collect();
    merge_in_domain(&mut after, target, source)?;
    let changed: Vec<(Note, Option<StoredNote>)> =
        after.into_iter().zip(before).filter(|(a, b)| *a != b.note).map(|(a, b)| (a, Some(b))).collect();
    write_notes(hub, tx, &record.workshop, changed, "merge", change).await
}

/// A note as live streams and the API send it, with the names of its parties.
pub fn note_json(workshop: &Workshop, stored: &StoredNote) -> serde_json::Value {
    let note = &stored.note;
    json!({
        "id": note.id,
        "participant_id": note.participant_id,
        "question": note.details.question.as_str(),
        "author": note.details.author.key(),
        "author_name": workshop.plan.node_name(note.details.author),
        "about": note.details.about,
        "about_name": note.details.about.and_then(|id| workshop.plan.actor(id)).map(|a| a.name.as_str()),
        "text": note.details.text,
        "tangibility": note.details.tangibility.as_str(),
        "hidden": note.hidden,
        "merged_into": note.merged_into,
        "visible": note.is_visible(),
        "change_seq": stored.change_seq,
    })
}

/// The live state: step, question, timer (with when it runs out), joining and participants.
pub fn state_json(
    record: &WorkshopRecord,
    participants: usize,
    now: crate::store::Timestamp,
) -> serde_json::Value {
    let w = &record.workshop;
    json!({
        "step": w.step.as_str(),
        "question": w.question.map(Question::as_str),
        "timer": w.timer.view(now.get()),
        "joining_open": w.joining_open,
        "participants": participants,
        "server_now": now.get().unix_timestamp_nanos() / 1_000_000,
        "change_seq": record.change_seq,
    })
}

fn publish_note(hub: &Hub, workshop: &Workshop, stored: &StoredNote) {
    let note = Arc::new(note_json(workshop, stored));
    hub.publish(workshop.id, LiveEvent::Note { seq: stored.change_seq, note });
}

async fn publish_state(store: &Store, hub: &Hub, record: &WorkshopRecord, change: Change) -> Result<()> {
    let participants = store.workshop_participants(record.workshop.id).await?.len();
    hub.publish(record.workshop.id, LiveEvent::State(Arc::new(state_json(record, participants, change.now))));
    Ok(())
}
