//! The facilitator's live control of workshop I: the question on the wall, the timer, joining,
//! and who has joined. Each action posts a form; script only follows the live stream.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kumppani_domain::validation::FieldErrors;
use kumppani_domain::value_network::workshop::{Question, TimerStatus};
use serde::Deserialize;

use super::participant::clock_text;
use super::{Party, facilitator, join_url, parties};
use crate::error::{Error, Result};
use crate::services;
use crate::services::workshops::{Board, TimerAction};
use crate::store::Timestamp;
use crate::web::controllers::{html, html_with_status};
use crate::web::forms::FormData;
use crate::web::page::Page;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LiveParams {
    pub notice: Option<String>,
}

#[derive(Template)]
#[template(path = "workshops/live.html")]
struct LivePage {
    page: Page,
    board: Board,
    parties: Vec<Party>,
    questions: &'static [Question],
    join_url: String,
    errors: FieldErrors,
    now: Timestamp,
}

impl LivePage {
    fn party_name(&self, key: &str) -> String {
        self.parties.iter().find(|p| p.key == key).map(|p| p.name.clone()).unwrap_or_default()
    }

    fn status(&self) -> TimerStatus {
        self.board.record.workshop.timer.status(self.now.get())
    }

    fn remaining(&self) -> String {
        clock_text(self.board.record.workshop.timer.remaining_ms(self.now.get()))
    }

    fn ends_at(&self) -> String {
        self.board
            .record
            .workshop
            .timer
            .view(self.now.get())
            .ends_at
            .map(|t| (t.unix_timestamp_nanos() / 1_000_000).to_string())
            .unwrap_or_default()
    }

    fn is_shown(&self, question: &Question) -> bool {
        self.board.record.workshop.question == Some(*question)
    }
}

async fn live_page(
    state: &AppState,
    ctx: &RequestContext,
    id: uuid::Uuid,
    errors: FieldErrors,
) -> Result<LivePage> {
    let board = services::workshops::board(&state.store, id).await?;
    let page = Page::new(ctx, "workshop-live-title")
        .crumb("nav-home", "/")
        .crumb("workshops-title", "/workshops")
        .crumb_text(board.record.workshop.plan.title.clone(), &format!("/workshops/{id}"));
    Ok(LivePage {
        page,
        parties: parties(&board.record.workshop.plan),
        join_url: join_url(state, &board.record),
        board,
        questions: Question::ALL,
        errors,
        now: ctx.now,
    })
}

pub async fn show(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    Query(params): Query<LiveParams>,
) -> Result<Response> {
    let record = facilitator(&state, &ctx, &id).await?;
    let mut page = live_page(&state, &ctx, record.workshop.id, FieldErrors::new()).await?;
    page.page = page.page.with_notice(params.notice.as_deref());
    html(&page)
}

/// Back to the live page, or the page again with the refusal beside the control.
async fn done(
    state: &AppState,
    ctx: &RequestContext,
    id: uuid::Uuid,
    result: Result<crate::store::workshops::WorkshopRecord>,
) -> Result<Response> {
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/workshops/{id}/live")).into_response()),
        Err(Error::Invalid(errors)) => {
            html_with_status(StatusCode::UNPROCESSABLE_ENTITY, &live_page(state, ctx, id, errors).await?)
        }
        Err(e) => Err(e),
    }
}

/// Shows a question: `question` is its code, or `next` / `previous` from the one shown.
pub async fn question(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response> {
    let record = facilitator(&state, &ctx, &id).await?;
    let id = record.workshop.id;
    let shown = record.workshop.question;
    let position = |q: Question| Question::ALL.iter().position(|x| *x == q);
    let chosen = match form.get("question") {
        "next" => shown.and_then(Question::next),
        "previous" => shown
            .and_then(position)
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| Question::ALL.get(i).copied()),
        code => Question::parse(code),
    };
    let code = chosen.map(Question::as_str).unwrap_or("");
    let result =
        services::workshops::show_question(&state.store, &state.live, ctx.viewer(), id, code, ctx.change())
            .await;
    done(&state, &ctx, id, result).await
}

pub async fn timer(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response> {
    let id = facilitator(&state, &ctx, &id).await?.workshop.id;
    let action =
        TimerAction::parse(form.get("action")).ok_or_else(|| Error::invalid("timer", "invalid-choice"))?;
    let result =
        services::workshops::timer(&state.store, &state.live, ctx.viewer(), id, action, ctx.change()).await;
    done(&state, &ctx, id, result).await
}

pub async fn joining(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response> {
    let id = facilitator(&state, &ctx, &id).await?.workshop.id;
    let open = form.get("open") == "1";
    let result =
        services::workshops::set_joining(&state.store, &state.live, ctx.viewer(), id, open, ctx.change())
            .await;
    done(&state, &ctx, id, result).await
}
