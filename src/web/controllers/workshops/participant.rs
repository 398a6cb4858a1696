//! The participant's phone page: the question on the wall in their language, the timer, one
//! note per post, and their own notes. Posting is open only in workshop I; then it is read-only.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use kumppani_domain::validation::FieldErrors;
use kumppani_domain::value_network::workshop::{NoteInput, Participant, Question, Step};
use serde::Deserialize;

use super::{Party, participant_of, parties};
use crate::error::{Error, Result};
use crate::services;
use crate::services::workshops::NoteWriter;
use crate::store::workshops::{StoredNote, WorkshopRecord};
use crate::web::controllers::{html, html_with_status, parse_id};
use crate::web::csrf;
use crate::web::forms::ParticipantForm;
use crate::web::page::Page;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MeParams {
    pub notice: Option<String>,
}

#[derive(Template)]
#[template(path = "workshops/participant.html")]
struct MePage {
    page: Page,
    record: WorkshopRecord,
    me: Participant,
    party: Option<Party>,
    /// Other actors a 1a/2a answer can be about.
    others: Vec<Party>,
    asked: Vec<Question>,
    own: Vec<StoredNote>,
    input: NoteInput,
    errors: FieldErrors,
    csrf: String,
    now: crate::store::Timestamp,
}

impl MePage {
    fn all_questions(&self) -> &'static [Question] {
        Question::ALL
    }

    fn can_post(&self) -> bool {
        self.record.workshop.step == Step::WorkshopOne
    }

    fn party_name(&self, key: &str) -> String {
        parties(&self.record.workshop.plan)
            .into_iter()
            .find(|p| p.key == key)
            .map(|p| p.name)
            .unwrap_or_default()
    }

    fn about_name(&self, note: &StoredNote) -> Option<String> {
        note.note.details.about.map(|id| self.party_name(&id.to_string()))
    }

    fn remaining(&self) -> String {
        let w = &self.record.workshop;
        clock_text(w.timer.remaining_ms(self.now.get()))
    }
}

/// Minutes and seconds left, rounded up as a countdown shows them: 9:05.
pub fn clock_text(remaining_ms: i64) -> String {
    let seconds = (remaining_ms + 999) / 1000;
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

async fn me_page(
    state: &AppState,
    ctx: &RequestContext,
    record: WorkshopRecord,
    me: Participant,
    token: &str,
    input: NoteInput,
    errors: FieldErrors,
) -> Result<MePage> {
    let own = services::workshops::own_notes(&state.store, record.workshop.id, &me).await?;
    let plan = &record.workshop.plan;
    let all = parties(plan);
    let party = all.iter().find(|p| p.key == me.details.represents.key()).cloned();
    let others = all
        .into_iter()
        .filter(|p| {
            p.key != me.details.represents.key()
                && p.key != kumppani_domain::value_network::NodeRef::CLIENTS_KEY
        })
        .collect();
    let current = record.workshop.question;
    let asked = Question::ALL.iter().copied().filter(|q| current.is_some_and(|c| *q <= c)).collect();
    let page = Page::new(ctx, "participant-title").titled(plan.title.clone());
    let csrf = csrf::participant_token(&state.csrf_key, token);
    Ok(MePage { page, record, me, party, others, asked, own, input, errors, csrf, now: ctx.now })
}

pub async fn show(
    State(state): State<AppState>,
    ctx: RequestContext,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(params): Query<MeParams>,
) -> Result<Response> {
    let id = parse_id(&id)?;
    let (record, me, token) = participant_of(&state, &headers, id).await?.ok_or(Error::NotFound)?;
    let input = NoteInput {
        question: record.workshop.question.map(|q| q.as_str().to_owned()).unwrap_or_default(),
        ..NoteInput::default()
    };
    let mut page = me_page(&state, &ctx, record, me, &token, input, FieldErrors::new()).await?;
    page.page = page.page.with_notice(params.notice.as_deref());
    html(&page)
}

/// Posts one note; without script the page comes back, with script the form is sent by fetch.
pub async fn post(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    form: ParticipantForm,
) -> Result<Response> {
    let id = parse_id(&id)?;
    let (record, me) = services::workshops::participant(&state.store, id, &form.participant_token)
        .await?
        .ok_or(Error::NotFound)?;
    let input = form.form.note_input();
    match services::workshops::post_note(
        &state.store,
        &state.live,
        id,
        NoteWriter::Participant(&me),
        &input,
        ctx.change(),
    )
    .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/workshops/{id}/me?notice=note-posted")).into_response()),
        Err(Error::Invalid(errors)) => {
            let page = me_page(&state, &ctx, record, me, &form.participant_token, input, errors).await?;
            html_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::clock_text;

    #[test]
    fn the_countdown_rounds_up_to_whole_seconds() {
        assert_eq!(clock_text(600_000), "10:00");
        assert_eq!(clock_text(360_001), "6:01");
        assert_eq!(clock_text(59_000), "0:59");
        assert_eq!(clock_text(0), "0:00");
    }
}
