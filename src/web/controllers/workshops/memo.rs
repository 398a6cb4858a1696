//! The workshop memo everyone gets (seed 004 §7.1): purpose, participants, notes, the matrix,
//! the current and future maps with their flow tables, the actions and governance; printable
//! and downloadable. Also re-running a workshop.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use kumppani_domain::value_network::NodeRef;
use kumppani_domain::value_network::actions::Action;
use kumppani_domain::value_network::analysis::{ChallengeMatrix, MatrixRow};
use kumppani_domain::value_network::map::{FlowRow, compare};
use kumppani_domain::value_network::svg::{SvgOptions, SvgText, render};
use kumppani_domain::value_network::workshop::{Participant, Question};
use uuid::Uuid;

use super::{Party, facilitator, participant_of, parties};
use crate::error::{Error, Result};
use crate::services;
use crate::services::workshop_analysis::Memo;
use crate::store::attachments::WorkshopAttachment;
use crate::web::controllers::{html, parse_id};
use crate::web::forms::FormData;
use crate::web::page::Page;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

/// The stylesheet written into a downloaded memo, which is opened away from the server.
const STYLESHEET: &str = include_str!("../../../../static/app.css");

/// One party's notes for a question.
struct Sheet {
    party: Party,
    notes: Vec<String>,
}

struct QuestionNotes {
    question: Question,
    sheets: Vec<Sheet>,
}

/// A map drawn for the memo with its flows as a table.
struct MapView {
    heading: &'static str,
    svg: String,
    rows: Vec<FlowRow>,
}

#[derive(Template)]
#[template(path = "workshops/memo.html")]
struct MemoPage {
    page: Page,
    memo: Memo,
    parties: Vec<Party>,
    questions: Vec<QuestionNotes>,
    matrix: ChallengeMatrix,
    maps: Vec<MapView>,
    /// The staff see the way back to the workshop, and the background files, which
    /// participants do not.
    staff: bool,
    background_files: Vec<WorkshopAttachment>,
    /// A downloaded memo carries its stylesheet.
    download: bool,
}

impl MemoPage {
    fn party_name(&self, node: &NodeRef) -> String {
        let key = node.key();
        self.parties.iter().find(|p| p.key == key).map(|p| p.name.clone()).unwrap_or_default()
    }

    fn colour(&self, node: &NodeRef) -> &'static str {
        let key = node.key();
        self.parties.iter().find(|p| p.key == key).map_or("clients", |p| p.colour)
    }

    fn represents(&self, participant: &Participant) -> String {
        self.party_name(&participant.details.represents)
    }

    fn leads(&self, row: &MatrixRow) -> String {
        row.suggestion.leads.iter().map(|n| self.party_name(n)).collect::<Vec<_>>().join(", ")
    }

    fn roles_text(&self, row: &MatrixRow) -> String {
        row.roles
            .iter()
            .map(|r| {
                format!(
                    "{}: {}",
                    self.page.label("challenge-role", r.role.as_str()),
                    self.party_name(&r.node)
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn actions_of(&self, challenge: &Uuid) -> Vec<&Action> {
        self.memo.analysis.actions.iter().filter(|a| a.details.challenge_id == *challenge).collect()
    }

    fn owner_name(&self, action: &Action) -> String {
        self.party_name(&NodeRef::Actor(action.details.owner))
    }

    fn stylesheet(&self) -> &'static str {
        STYLESHEET
    }
}

/// Lets the workshop's facilitator (staff) or one of its participants read the memo; `NotFound`
/// for everyone else. Returns whether the reader is staff.
async fn reader(state: &AppState, ctx: &RequestContext, headers: &HeaderMap, id: Uuid) -> Result<bool> {
    match services::workshops::load(&state.store, ctx.viewer(), id).await {
        Ok(_) => Ok(true),
        Err(Error::NotFound) => match participant_of(state, headers, id).await? {
            Some(_) => Ok(false),
            None => Err(Error::NotFound),
        },
        Err(e) => Err(e),
    }
}

async fn memo_page(
    state: &AppState,
    ctx: &RequestContext,
    headers: &HeaderMap,
    id: &str,
    download: bool,
) -> Result<MemoPage> {
    let id = parse_id(id)?;
    let staff = reader(state, ctx, headers, id).await?;
    let memo = services::workshop_analysis::memo(&state.store, id).await?;
    // A downloaded memo is passed on to the participants, so it leaves the files out.
    let background_files = if staff && !download {
        services::workshop_attachments::list(&state.store, ctx.viewer(), id).await?
    } else {
        Vec::new()
    };
    let plan = &memo.analysis.record.workshop.plan;
    let all = parties(plan);
    let visible: Vec<_> = memo.analysis.notes.iter().filter(|n| n.is_visible()).collect();
    let questions = Question::ALL
        .iter()
        .map(|question| QuestionNotes {
            question: *question,
            sheets: all
                .iter()
                .map(|party| Sheet {
                    party: party.clone(),
                    notes: visible
                        .iter()
                        .filter(|n| n.details.question == *question && n.details.author.key() == party.key)
                        .map(|n| n.details.text.clone())
                        .collect(),
                })
                .filter(|s| !s.notes.is_empty())
                .collect(),
        })
        .filter(|q: &QuestionNotes| !q.sheets.is_empty())
        .collect();
    let mut page = Page::new(ctx, "workshop-memo-title").titled(plan.title.clone());
    if download {
        // The file is passed on: the reader's session token stays out of it.
        page.csrf_token = String::new();
    }
    let lang = page.lang;
    let comparison = compare(&memo.current, &memo.future);
    let draw = |heading: &'static str, prefix: &str, map, comparison| {
        let title = lang.t(heading);
        let description = lang.t("memo-map-description");
        let (tangible, intangible) = (lang.t("tangibility-tangible"), lang.t("tangibility-intangible"));
        let (new_flow, strengthened_flow) =
            (lang.t("memo-map-new-flow"), lang.t("memo-map-strengthened-flow"));
        let text = SvgText {
            title: &title,
            description: &description,
            tangible: &tangible,
            intangible: &intangible,
            new_flow: &new_flow,
            strengthened_flow: &strengthened_flow,
        };
        render(map, &SvgOptions { id_prefix: prefix, text, comparison, focusable: false })
    };
    let maps = vec![
        MapView {
            heading: "memo-current-map",
            svg: draw("memo-current-map", "memo-current", &memo.current, None),
            rows: memo.current.rows(),
        },
        MapView {
            heading: "memo-future-map",
            svg: draw("memo-future-map", "memo-future", &memo.future, Some(&comparison)),
            rows: memo.future.rows(),
        },
    ];
    Ok(MemoPage {
        page,
        parties: all,
        questions,
        matrix: memo.analysis.matrix(),
        maps,
        memo,
        staff,
        background_files,
        download,
    })
}

pub async fn show(
    State(state): State<AppState>,
    ctx: RequestContext,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response> {
    html(&memo_page(&state, &ctx, &headers, &id, false).await?)
}

/// The memo as an HTML file to send on, its stylesheet inside.
pub async fn download(
    State(state): State<AppState>,
    ctx: RequestContext,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response> {
    let page = memo_page(&state, &ctx, &headers, &id, true).await?;
    let body = page.render().map_err(Error::internal)?;
    let file = format!("attachment; filename=\"memo-{}.html\"", page.memo.analysis.record.workshop.id);
    let disposition = HeaderValue::from_str(&file).map_err(Error::internal)?;
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8")),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}

/// Re-runs the workshop: a new one with the same plan, opened at its page.
pub async fn rerun(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    _form: FormData,
) -> Result<Response> {
    let id = facilitator(&state, &ctx, &id).await?.workshop.id;
    let record = services::workshop_analysis::rerun(&state.store, ctx.viewer(), id, ctx.change()).await?;
    Ok(Redirect::to(&format!("/workshops/{}?notice=workshop-rerun", record.workshop.id)).into_response())
}
