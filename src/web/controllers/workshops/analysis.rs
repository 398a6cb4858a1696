//! Step 4, the analysis: challenges grouping the challenge notes with the capabilities they
//! need and the strengths linked to them (checkbox lists by actor), and figure 7's challenge ×
//! actor matrix with the suggested lead and the roles the facilitator records.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kumppani_domain::validation::FieldErrors;
use kumppani_domain::value_network::NodeRef;
use kumppani_domain::value_network::analysis::{
    ChallengeInput, ChallengeMatrix, ChallengeRole, LeadReason, MatrixRow, RoleInput,
};
use kumppani_domain::value_network::workshop::{Note, Plan};
use uuid::Uuid;

use super::show::ShowParams;
use super::{Party, facilitator, parties};
use crate::error::{Error, Result};
use crate::services;
use crate::services::workshop_analysis::{Analysis, ChallengeEdit, challenge_input};
use crate::web::controllers::{html, html_with_status, parse_id};
use crate::web::forms::FormData;
use crate::web::page::Page;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

/// One party's notes of a kind (challenges or strengths), for a checkbox list.
pub struct NoteGroup {
    pub party: Party,
    pub notes: Vec<Note>,
}

/// Visible notes the `wanted` questions got, grouped by the party that wrote them.
pub fn note_groups(plan: &Plan, notes: &[Note], wanted: fn(&Note) -> bool) -> Vec<NoteGroup> {
    parties(plan)
        .into_iter()
        .map(|party| NoteGroup {
            notes: notes
                .iter()
                .filter(|n| n.is_visible() && wanted(n) && n.details.author.key() == party.key)
                .cloned()
                .collect(),
            party,
        })
        .filter(|g| !g.notes.is_empty())
        .collect()
}

fn is_challenge(note: &Note) -> bool {
    note.details.question.is_challenge()
}

fn is_strength(note: &Note) -> bool {
    note.details.question.is_strength()
}

/// The challenge form's fields: needs one per line, notes as ticked checkboxes.
fn challenge_form(form: &FormData) -> ChallengeInput {
    ChallengeInput {
        name: form.get("name").into(),
        needs: form.get("needs").lines().map(str::to_owned).collect(),
        challenge_notes: form.all("challenge_notes"),
        strengths: form.all("strengths"),
        roles: Vec::new(),
    }
}

#[derive(Template)]
#[template(path = "workshops/analysis.html")]
struct AnalysisPage {
    page: Page,
    analysis: Analysis,
    challenge_groups: Vec<NoteGroup>,
    strength_groups: Vec<NoteGroup>,
    /// The challenge being edited, `None` on the page listing them with the new one's form.
    editing: Option<Uuid>,
    input: ChallengeInput,
    errors: FieldErrors,
}

impl AnalysisPage {
    fn picked(list: &[String], note: &Note) -> bool {
        let id = note.id.to_string();
        list.contains(&id)
    }

    fn needs_text(&self) -> String {
        self.input.needs.join("\n")
    }

    /// Errors on one list's entries (`strengths[2]`), shown once beside the list.
    fn list_errors(&self, list: &str) -> Vec<String> {
        let prefix = format!("{list}-");
        let mut messages: Vec<String> = self
            .page
            .error_summary(&self.errors)
            .into_iter()
            .filter(|(anchor, _)| *anchor == list || anchor.starts_with(&prefix))
            .map(|(_, message)| message)
            .collect();
        messages.dedup();
        messages
    }

    /// Asks before deleting, naming the challenge as saved rather than as retyped in the form.
    fn delete_confirm(&self, challenge: &Uuid) -> String {
        let name =
            self.analysis.challenges.iter().find(|c| c.id == *challenge).map(|c| c.details.name.as_str());
        self.page.t1("workshop-challenge-delete-confirm", "name", name.unwrap_or_default())
    }

    fn form_action(&self) -> String {
        let id = self.analysis.record.workshop.id;
        match self.editing {
            Some(challenge) => format!("/workshops/{id}/challenges/{challenge}"),
            None => format!("/workshops/{id}/challenges"),
        }
    }
}

async fn analysis_page(
    state: &AppState,
    ctx: &RequestContext,
    id: Uuid,
    editing: Option<Uuid>,
    input: Option<ChallengeInput>,
    errors: FieldErrors,
) -> Result<AnalysisPage> {
    let analysis = services::workshop_analysis::analysis(&state.store, ctx.viewer(), id).await?;
    let input = match (input, editing) {
        (Some(input), _) => input,
        (None, Some(challenge)) => analysis
            .challenges
            .iter()
            .find(|c| c.id == challenge)
            .map(challenge_input)
            .ok_or(Error::NotFound)?,
        (None, None) => ChallengeInput::default(),
    };
    let plan = &analysis.record.workshop.plan;
    let title_key = if editing.is_some() { "workshop-challenge-edit" } else { "workshop-analysis-title" };
    let page = Page::new(ctx, title_key)
        .crumb("nav-home", "/")
        .crumb("workshops-title", "/workshops")
        .crumb_text(plan.title.clone(), &format!("/workshops/{id}"));
    let page = if editing.is_some() {
        page.crumb("workshop-analysis-title", &format!("/workshops/{id}/analysis"))
    } else {
        page
    };
    Ok(AnalysisPage {
        page,
        challenge_groups: note_groups(plan, &analysis.notes, is_challenge),
        strength_groups: note_groups(plan, &analysis.notes, is_strength),
        analysis,
        editing,
        input,
        errors,
    })
}

pub async fn show(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    Query(params): Query<ShowParams>,
) -> Result<Response> {
    let id = facilitator(&state, &ctx, &id).await?.workshop.id;
    let mut page = analysis_page(&state, &ctx, id, None, None, FieldErrors::new()).await?;
    page.page = page.page.with_notice(params.notice.as_deref());
    html(&page)
}

pub async fn edit(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path((id, challenge)): Path<(String, String)>,
) -> Result<Response> {
    let id = facilitator(&state, &ctx, &id).await?.workshop.id;
    html(&analysis_page(&state, &ctx, id, Some(parse_id(&challenge)?), None, FieldErrors::new()).await?)
}

/// Saves the new or edited challenge; errors come back beside the fields with what was typed.
async fn save(
    state: &AppState,
    ctx: &RequestContext,
    id: Uuid,
    editing: Option<Uuid>,
    form: &FormData,
) -> Result<Response> {
    let input = challenge_form(form);
    let edit = ChallengeEdit::Details(input.clone());
    match services::workshop_analysis::save_challenge(
        &state.store,
        ctx.viewer(),
        id,
        editing,
        edit,
        ctx.change(),
    )
    .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/workshops/{id}/analysis?notice=saved")).into_response()),
        Err(Error::Invalid(errors)) => {
            let page = analysis_page(state, ctx, id, editing, Some(input), errors).await?;
            html_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => Err(e),
    }
}

pub async fn create(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response> {
    let id = facilitator(&state, &ctx, &id).await?.workshop.id;
    save(&state, &ctx, id, None, &form).await
}

pub async fn update(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path((id, challenge)): Path<(String, String)>,
    form: FormData,
) -> Result<Response> {
    let id = facilitator(&state, &ctx, &id).await?.workshop.id;
    save(&state, &ctx, id, Some(parse_id(&challenge)?), &form).await
}

pub async fn delete(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path((id, challenge)): Path<(String, String)>,
    _form: FormData,
) -> Result<Response> {
    let id = facilitator(&state, &ctx, &id).await?.workshop.id;
    let challenge = parse_id(&challenge)?;
    match services::workshop_analysis::delete_challenge(
        &state.store,
        ctx.viewer(),
        id,
        challenge,
        ctx.change(),
    )
    .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/workshops/{id}/analysis?notice=deleted")).into_response()),
        Err(Error::Invalid(errors)) => {
            let page = analysis_page(&state, &ctx, id, Some(challenge), None, errors).await?;
            html_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "workshops/matrix.html")]
struct MatrixPage {
    page: Page,
    workshop_id: Uuid,
    parties: Vec<Party>,
    matrix: ChallengeMatrix,
    roles: &'static [ChallengeRole],
    /// The challenge whose roles form failed, with its errors.
    failed: Option<(Uuid, FieldErrors)>,
}

impl MatrixPage {
    fn colour(&self, node: &NodeRef) -> &'static str {
        let key = node.key();
        self.parties.iter().find(|p| p.key == key).map_or("clients", |p| p.colour)
    }

    fn name(&self, node: &NodeRef) -> String {
        let key = node.key();
        self.parties.iter().find(|p| p.key == key).map(|p| p.name.clone()).unwrap_or_default()
    }

    fn leads(&self, row: &MatrixRow) -> String {
        row.suggestion.leads.iter().map(|n| self.name(n)).collect::<Vec<_>>().join(", ")
    }

    /// A reason for the suggestion in the reader's language.
    fn reason(&self, reason: &LeadReason) -> String {
        let lang = self.page.lang;
        match reason {
            LeadReason::Strengths { count, runner_up } => {
                let text = lang.t_args("lead-reason-strengths", &[("count", count.to_string())]);
                match runner_up {
                    Some(next) => {
                        format!(
                            "{text} {}",
                            lang.t_args("lead-reason-runner-up", &[("count", next.to_string())])
                        )
                    }
                    None => text,
                }
            }
            LeadReason::MatchesNeeds { matches } => {
                let pairs: Vec<String> =
                    matches.iter().map(|m| format!("{} → {}", m.strength, m.need)).collect();
                lang.t_args("lead-reason-matches-needs", &[("matches", pairs.join("; "))])
            }
            LeadReason::Tied { count } => lang.t_args("lead-reason-tied", &[("count", count.to_string())]),
            LeadReason::NoStrengths => lang.t("lead-reason-no-strengths"),
        }
    }

    fn role_of(&self, row: &MatrixRow, node: &NodeRef) -> &'static str {
        row.roles.iter().find(|r| r.node == *node).map_or("", |r| r.role.as_str())
    }

    fn roles_text(&self, row: &MatrixRow) -> String {
        row.roles
            .iter()
            .map(|r| {
                format!("{}: {}", self.page.label("challenge-role", r.role.as_str()), self.name(&r.node))
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn errors_for(&self, row: &MatrixRow) -> Vec<String> {
        match &self.failed {
            Some((id, errors)) if *id == row.challenge_id => {
                self.page.error_summary(errors).into_iter().map(|(_, m)| m).collect()
            }
            _ => Vec::new(),
        }
    }
}

async fn matrix_page(
    state: &AppState,
    ctx: &RequestContext,
    id: Uuid,
    failed: Option<(Uuid, FieldErrors)>,
) -> Result<MatrixPage> {
    let analysis = services::workshop_analysis::analysis(&state.store, ctx.viewer(), id).await?;
    let plan = &analysis.record.workshop.plan;
    let page = Page::new(ctx, "workshop-matrix-title")
        .crumb("nav-home", "/")
        .crumb("workshops-title", "/workshops")
        .crumb_text(plan.title.clone(), &format!("/workshops/{id}"))
        .crumb("workshop-analysis-title", &format!("/workshops/{id}/analysis"));
    Ok(MatrixPage {
        page,
        workshop_id: id,
        parties: parties(plan),
        matrix: analysis.matrix(),
        roles: ChallengeRole::ALL,
        failed,
    })
}

pub async fn matrix(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    Query(params): Query<ShowParams>,
) -> Result<Response> {
    let id = facilitator(&state, &ctx, &id).await?.workshop.id;
    let mut page = matrix_page(&state, &ctx, id, None).await?;
    page.page = page.page.with_notice(params.notice.as_deref());
    html(&page)
}

/// Records the roles for one challenge: a `role-<party key>` choice per party, blank for none.
pub async fn roles(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path((id, challenge)): Path<(String, String)>,
    form: FormData,
) -> Result<Response> {
    let id = facilitator(&state, &ctx, &id).await?.workshop.id;
    let challenge = parse_id(&challenge)?;
    let roles: Vec<RoleInput> = form
        .0
        .iter()
        .filter_map(|(key, value)| {
            let node = key.strip_prefix("role-")?;
            (!value.trim().is_empty()).then(|| RoleInput { node: node.to_owned(), role: value.clone() })
        })
        .collect();
    let edit = ChallengeEdit::Roles(roles);
    match services::workshop_analysis::save_challenge(
        &state.store,
        ctx.viewer(),
        id,
        Some(challenge),
        edit,
        ctx.change(),
    )
    .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/workshops/{id}/matrix?notice=saved#challenge-{challenge}"))
            .into_response()),
        Err(Error::Invalid(errors)) => {
            let page = matrix_page(&state, &ctx, id, Some((challenge, errors))).await?;
            html_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => Err(e),
    }
}
