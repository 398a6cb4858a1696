//! The projector wall (notes by actor for one question, read aloud one by one) and the
//! facilitator's note management: add on behalf of an actor, edit, hide, move and merge.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kumppani_domain::actor::Tangibility;
use kumppani_domain::validation::FieldErrors;
use kumppani_domain::value_network::workshop::{NoteInput, Question};
use serde::Deserialize;

use super::participant::clock_text;
use super::{Party, answering_parties, facilitator, parties};
use crate::error::{Error, Result};
use crate::services;
use crate::services::workshops::{Board, NoteEdit, NoteWriter};
use crate::store::Timestamp;
use crate::store::workshops::StoredNote;
use crate::web::controllers::{html, html_with_status, parse_id};
use crate::web::forms::FormData;
use crate::web::page::Page;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WallParams {
    /// A question's code, or `all` for every question asked or answered so far; the one on the
    /// wall when empty.
    pub q: String,
    /// Read-aloud mode: the position (from 1) of the note read out.
    pub read: Option<usize>,
    pub notice: Option<String>,
}

/// One actor's sheet for the question: its notes in the order written.
struct Column {
    party: Party,
    notes: Vec<StoredNote>,
}

/// One question with every answering party's sheet.
struct Section {
    question: Question,
    columns: Vec<Column>,
}

#[derive(Template)]
#[template(path = "workshops/wall.html")]
struct WallPage {
    page: Page,
    board: Board,
    parties: Vec<Party>,
    /// The question shown, `None` for all asked so far.
    question: Option<Question>,
    /// Whether the wall follows the question the facilitator shows.
    following: bool,
    questions: &'static [Question],
    sections: Vec<Section>,
    /// The note read aloud with its position and the total.
    reading: Option<(usize, usize, StoredNote)>,
    now: Timestamp,
}

impl WallPage {
    fn party_name(&self, key: &str) -> String {
        self.parties.iter().find(|p| p.key == key).map(|p| p.name.clone()).unwrap_or_default()
    }

    fn party_colour(&self, key: &str) -> &'static str {
        self.parties.iter().find(|p| p.key == key).map_or("clients", |p| p.colour)
    }

    fn is_question(&self, question: &Question) -> bool {
        self.question == Some(*question)
    }

    fn remaining(&self) -> String {
        clock_text(self.board.record.workshop.timer.remaining_ms(self.now.get()))
    }

    fn about_name(&self, note: &StoredNote) -> Option<String> {
        note.note.details.about.map(|id| self.party_name(&id.to_string()))
    }

    fn showing_all(&self) -> bool {
        !self.following && self.question.is_none()
    }

    /// The `q=` part of this wall's links, so read-aloud stays on the same notes.
    fn question_link(&self) -> String {
        match (self.following, self.question) {
            (true, _) => String::new(),
            (false, Some(q)) => format!("q={}&", q.as_str()),
            (false, None) => "q=all&".into(),
        }
    }
}

pub async fn wall(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    Query(params): Query<WallParams>,
) -> Result<Response> {
    let record = facilitator(&state, &ctx, &id).await?;
    let board = services::workshops::board(&state.store, record.workshop.id).await?;
    let following = params.q.is_empty();
    let shown = board.record.workshop.question;
    let (question, questions): (Option<Question>, Vec<Question>) = if params.q == "all" {
        let asked_or_answered = |q: &Question| {
            shown.is_some_and(|s| *q <= s) || board.notes.iter().any(|n| n.note.details.question == *q)
        };
        (None, Question::ALL.iter().copied().filter(asked_or_answered).collect())
    } else {
        let question = Question::parse(&params.q).or(shown);
        (question, question.into_iter().collect())
    };
    let all = parties(&board.record.workshop.plan);
    let answering = answering_parties(&board.record.workshop.plan);
    let sections: Vec<Section> = questions
        .into_iter()
        .map(|question| Section {
            question,
            columns: answering
                .iter()
                .map(|party| Column {
                    notes: board
                        .notes
                        .iter()
                        .filter(|n| {
                            n.note.details.question == question && n.note.details.author.key() == party.key
                        })
                        .cloned()
                        .collect(),
                    party: party.clone(),
                })
                .collect(),
        })
        .collect();
    let in_order: Vec<&StoredNote> =
        sections.iter().flat_map(|s| s.columns.iter()).flat_map(|c| c.notes.iter()).collect();
    let reading = params
        .read
        .filter(|n| *n >= 1 && *n <= in_order.len())
        .map(|n| (n, in_order.len(), in_order[n - 1].clone()));
    let page = Page::new(&ctx, "workshop-wall-title").titled(board.record.workshop.plan.title.clone());
    html(&WallPage {
        page,
        parties: all,
        question,
        following,
        questions: Question::ALL,
        sections,
        reading,
        board,
        now: ctx.now,
    })
}

#[derive(Template)]
#[template(path = "workshops/notes.html")]
struct NotesPage {
    page: Page,
    workshop_id: uuid::Uuid,
    parties: Vec<Party>,
    writers: Vec<Party>,
    actors: Vec<Party>,
    questions: &'static [Question],
    tangibilities: &'static [Tangibility],
    notes: Vec<StoredNote>,
    input: NoteInput,
    errors: FieldErrors,
    /// The note whose form the errors belong to, if not the new note's.
    failed_note: Option<uuid::Uuid>,
}

impl NotesPage {
    fn party_name(&self, key: &str) -> String {
        self.parties.iter().find(|p| p.key == key).map(|p| p.name.clone()).unwrap_or_default()
    }

    fn party_colour(&self, key: &str) -> &'static str {
        self.parties.iter().find(|p| p.key == key).map_or("clients", |p| p.colour)
    }

    fn about_key(note: &StoredNote) -> String {
        note.note.details.about.map(|id| id.to_string()).unwrap_or_default()
    }

    fn notes_of(&self, question: &Question) -> Vec<&StoredNote> {
        self.notes.iter().filter(|n| n.note.details.question == *question).collect()
    }

    /// Other notes on the same sheet still standing on their own: what this one can merge into.
    fn merge_targets(&self, note: &StoredNote) -> Vec<&StoredNote> {
        let d = &note.note.details;
        self.notes
            .iter()
            .filter(|n| {
                n.note.id != note.note.id
                    && n.note.merged_into.is_none()
                    && (n.note.details.question, n.note.details.author, n.note.details.about)
                        == (d.question, d.author, d.about)
            })
            .collect()
    }

    fn errors_for(&self, note: &StoredNote) -> Option<&FieldErrors> {
        (self.failed_note == Some(note.note.id)).then_some(&self.errors)
    }

    fn new_errors(&self) -> FieldErrors {
        if self.failed_note.is_none() { self.errors.clone() } else { FieldErrors::new() }
    }
}

async fn notes_page(
    state: &AppState,
    ctx: &RequestContext,
    id: uuid::Uuid,
    input: NoteInput,
    errors: FieldErrors,
    failed_note: Option<uuid::Uuid>,
) -> Result<NotesPage> {
    let notes = services::workshops::all_notes(&state.store, ctx.viewer(), id).await?;
    let record = services::workshops::load(&state.store, ctx.viewer(), id).await?;
    let plan = &record.workshop.plan;
    let page = Page::new(ctx, "workshop-notes-title")
        .crumb("nav-home", "/")
        .crumb("workshops-title", "/workshops")
        .crumb_text(plan.title.clone(), &format!("/workshops/{id}"));
    let all = parties(plan);
    Ok(NotesPage {
        page,
        workshop_id: id,
        writers: answering_parties(plan),
        actors: all.iter().filter(|p| p.colour != "clients").cloned().collect(),
        parties: all,
        questions: Question::ALL,
        tangibilities: Tangibility::ALL,
        notes,
        input,
        errors,
        failed_note,
    })
}

pub async fn notes(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response> {
    let record = facilitator(&state, &ctx, &id).await?;
    let question = record.workshop.question.map(|q| q.as_str().to_owned()).unwrap_or_default();
    let input = NoteInput { question, ..NoteInput::default() };
    html(&notes_page(&state, &ctx, record.workshop.id, input, FieldErrors::new(), None).await?)
}

/// After a note action: back to the notes page, or the page with the errors beside that form.
async fn after(
    state: &AppState,
    ctx: &RequestContext,
    id: uuid::Uuid,
    failed: (NoteInput, Option<uuid::Uuid>),
    result: Result<()>,
) -> Result<Response> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/workshops/{id}/notes?notice=saved")).into_response()),
        Err(Error::Invalid(errors)) => {
            let page = notes_page(state, ctx, id, failed.0, errors, failed.1).await?;
            html_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => Err(e),
    }
}

/// The facilitator adds a note on behalf of an actor.
pub async fn add(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response> {
    let id = facilitator(&state, &ctx, &id).await?.workshop.id;
    let input = form.note_input();
    let writer = NoteWriter::Facilitator(ctx.viewer());
    let result = services::workshops::post_note(&state.store, &state.live, id, writer, &input, ctx.change())
        .await
        .map(|_| ());
    after(&state, &ctx, id, (input, None), result).await
}

/// Edits (`action=edit`: text, tangibility), moves (`action=move`: question, author, about),
/// hides or shows again one note.
pub async fn change(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path((id, note_id)): Path<(String, String)>,
    form: FormData,
) -> Result<Response> {
    let id = facilitator(&state, &ctx, &id).await?.workshop.id;
    let note_id = parse_id(&note_id)?;
    let current = state
        .store
        .workshop_notes(id)
        .await?
        .into_iter()
        .find(|n| n.note.id == note_id)
        .ok_or(Error::NotFound)?;
    let input = form.note_edit(NoteInput::from(&current.note.details));
    let edit = match form.get("action") {
        "hide" => NoteEdit::Hide,
        "unhide" => NoteEdit::Unhide,
        _ => NoteEdit::Revise(input.clone()),
    };
    let result = services::workshops::edit_note(
        &state.store,
        &state.live,
        ctx.viewer(),
        id,
        note_id,
        edit,
        ctx.change(),
    )
    .await
    .map(|_| ());
    let question = input.question.clone();
    after(&state, &ctx, id, (NoteInput { question, ..NoteInput::default() }, Some(note_id)), result).await
}

/// Merges the duplicate `source` into `target`.
pub async fn merge(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response> {
    let id = facilitator(&state, &ctx, &id).await?.workshop.id;
    let ids = (parse_id(form.get("target")), parse_id(form.get("source")));
    let (Ok(target), Ok(source)) = ids else {
        return after(
            &state,
            &ctx,
            id,
            (NoteInput::default(), None),
            Err(Error::invalid("target", "invalid-choice")),
        )
        .await;
    };
    let result = services::workshops::merge_notes(
        &state.store,
        &state.live,
        ctx.viewer(),
        id,
        target,
        source,
        ctx.change(),
    )
    .await
    .map(|_| ());
    after(&state, &ctx, id, (NoteInput::default(), Some(source)), result).await
}
