//! Step 5, workshop II: the actions agreed for each challenge (steps, owner, follow-up, review
//! date, the value flows they create for the future map), how the whole is led, and starting
//! a partnership from the workshop.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kumppani_domain::actor::Tangibility;
use kumppani_domain::partnership::LeadershipModel;
use kumppani_domain::validation::FieldErrors;
use kumppani_domain::value_network::actions::{Action, ActionInput, GovernanceInput, PlannedFlowInput};
use uuid::Uuid;

use super::show::ShowParams;
use super::{Party, facilitator, parties};
use crate::error::{Error, Result};
use crate::services;
use crate::services::workshop_analysis::Analysis;
use crate::web::controllers::{html, html_with_status, parse_id};
use crate::web::forms::FormData;
use crate::web::page::Page;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

/// Blank flow rows offered under the ones filled in.
const BLANK_FLOWS: usize = 3;

fn action_form(form: &FormData) -> ActionInput {
    let field = |row: &[(String, String)], name: &str| {
        row.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
    };
    ActionInput {
        challenge_id: form.get("challenge_id").into(),
        title: form.get("title").into(),
        steps: form.get("steps").lines().map(str::to_owned).collect(),
        owner: form.get("owner").into(),
        follow_up_by: form.get("follow_up_by").into(),
        follow_up_how: form.get("follow_up_how").into(),
        review_on: form.get("review_on").into(),
        flows: form
            .rows("flows")
            .iter()
            .map(|r| PlannedFlowInput {
                from: field(r, "from"),
                to: field(r, "to"),
                value: field(r, "value"),
                tangibility: field(r, "tangibility"),
            })
            // Rows left blank are dropped here as the domain drops them, so the numbers in its
            // errors (`flows[1].to`) name the rows shown again.
            .filter(|r| ![&r.from, &r.to, &r.value].iter().all(|s| s.trim().is_empty()))
            .collect(),
    }
}

/// A stored action as the form that would produce it.
fn action_input(action: &Action) -> ActionInput {
    let d = &action.details;
    ActionInput {
        challenge_id: d.challenge_id.to_string(),
        title: d.title.clone(),
        steps: d.steps.clone(),
        owner: d.owner.to_string(),
        follow_up_by: d.follow_up_by.clone().unwrap_or_default(),
        follow_up_how: d.follow_up_how.clone().unwrap_or_default(),
        review_on: d.review_on.map(|date| date.to_string()).unwrap_or_default(),
        flows: d
            .flows
            .iter()
            .map(|f| PlannedFlowInput {
                from: f.from.key(),
                to: f.to.key(),
                value: f.value.clone(),
                tangibility: f.tangibility.as_str().into(),
            })
            .collect(),
    }
}

/// Which form on the page the errors belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Failed {
    None,
    Action,
    Governance,
    Partnership,
}

#[derive(Template)]
#[template(path = "workshops/actions.html")]
struct ActionsPage {
    page: Page,
    analysis: Analysis,
    parties: Vec<Party>,
    tangibilities: &'static [Tangibility],
    models: &'static [LeadershipModel],
    /// The action being edited, `None` on the page listing them with the new one's form.
    editing: Option<Uuid>,
    input: ActionInput,
    governance: GovernanceInput,
    errors: FieldErrors,
    failed: Failed,
    /// The partnership started from this workshop, if any, with its name.
    partnership: Option<(Uuid, String)>,
}

impl ActionsPage {
    fn errors_of(&self, form: Failed) -> FieldErrors {
        if self.failed == form { self.errors.clone() } else { FieldErrors::new() }
    }

    fn flow_error(&self, i: &usize, name: &str) -> Option<String> {
        self.page.error(&self.errors_of(Failed::Action), &format!("flows[{i}].{name}"))
    }

    fn steps_text(&self) -> String {
        self.input.steps.join("\n")
    }

    /// The flow rows filled in so far and a few blank ones.
    fn flow_rows(&self) -> Vec<PlannedFlowInput> {
        let mut rows = self.input.flows.clone();
        rows.extend(std::iter::repeat_n(PlannedFlowInput::default(), BLANK_FLOWS));
        rows
    }

    fn party_name(&self, key: &str) -> String {
        self.parties.iter().find(|p| p.key == key).map(|p| p.name.clone()).unwrap_or_default()
    }

    fn actors(&self) -> Vec<&Party> {
        self.parties.iter().filter(|p| p.colour != "clients").collect()
    }

    fn actions_of(&self, challenge: &Uuid) -> Vec<&Action> {
        self.analysis.actions.iter().filter(|a| a.details.challenge_id == *challenge).collect()
    }

    fn owner_name(&self, action: &Action) -> String {
        self.party_name(&action.details.owner.to_string())
    }

    /// Asks before deleting, naming the action as saved rather than as retyped in the form.
    fn delete_confirm(&self, action: &Uuid) -> String {
        let title = self.analysis.actions.iter().find(|a| a.id == *action).map(|a| a.details.title.as_str());
        self.page.t1("workshop-action-delete-confirm", "name", title.unwrap_or_default())
    }

    fn form_action(&self) -> String {
        let id = self.analysis.record.workshop.id;
        match self.editing {
            Some(action) => format!("/workshops/{id}/actions/{action}"),
            None => format!("/workshops/{id}/actions"),
        }
    }

    fn model_code(&self) -> &str {
        self.governance.model.as_str()
    }

    /// Actors on the register: a partnership needs two of them.
    fn register_actors(&self) -> usize {
        self.analysis.record.workshop.plan.actors.iter().filter(|a| a.register_id.is_some()).count()
    }
}

struct Form {
    editing: Option<Uuid>,
    input: Option<ActionInput>,
    governance: Option<GovernanceInput>,
    errors: FieldErrors,
    failed: Failed,
}

impl Form {
    fn fresh(editing: Option<Uuid>) -> Form {
        Form { editing, input: None, governance: None, errors: FieldErrors::new(), failed: Failed::None }
    }
}

async fn actions_page(state: &AppState, ctx: &RequestContext, id: Uuid, form: Form) -> Result<ActionsPage> {
    let analysis = services::workshop_analysis::analysis(&state.store, ctx.viewer(), id).await?;
    let input = match (form.input, form.editing) {
        (Some(input), _) => input,
        (None, Some(action)) => {
            analysis.actions.iter().find(|a| a.id == action).map(action_input).ok_or(Error::NotFound)?
        }
        (None, None) => ActionInput::default(),
    };
    let current = &analysis.record.workshop.governance;
    let governance = form.governance.unwrap_or_else(|| GovernanceInput {
        model: current.model.map(|m| m.as_str().to_owned()).unwrap_or_default(),
        description: current.description.clone().unwrap_or_default(),
    });
    let partnership = match analysis.record.partnership_id {
        Some(pid) => {
            let name = state.store.partnership(pid).await?.map(|p| p.details.name).unwrap_or_default();
            Some((pid, name))
        }
        None => None,
    };
    let plan = &analysis.record.workshop.plan;
    let title_key = if form.editing.is_some() { "workshop-action-edit" } else { "workshop-actions-title" };
    let page = Page::new(ctx, title_key)
        .crumb("nav-home", "/")
        .crumb("workshops-title", "/workshops")
        .crumb_text(plan.title.clone(), &format!("/workshops/{id}"));
    let page = if form.editing.is_some() {
        page.crumb("workshop-actions-title", &format!("/workshops/{id}/actions"))
    } else {
        page
    };
    Ok(ActionsPage {
        page,
        parties: parties(plan),
        tangibilities: Tangibility::ALL,
        models: LeadershipModel::ALL,
        analysis,
        editing: form.editing,
        input,
        governance,
        errors: form.errors,
        failed: form.failed,
        partnership,
    })
}

pub async fn list(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    Query(params): Query<ShowParams>,
) -> Result<Response> {
    let id = facilitator(&state, &ctx, &id).await?.workshop.id;
    let mut page = actions_page(&state, &ctx, id, Form::fresh(None)).await?;
    page.page = page.page.with_notice(params.notice.as_deref());
    html(&page)
}

pub async fn edit(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path((id, action)): Path<(String, String)>,
) -> Result<Response> {
    let id = facilitator(&state, &ctx, &id).await?.workshop.id;
    html(&actions_page(&state, &ctx, id, Form::fresh(Some(parse_id(&action)?))).await?)
}

/// Back to the actions, or the page again with the errors beside the failed form's fields.
async fn after<T>(
    state: &AppState,
    ctx: &RequestContext,
    id: Uuid,
    failed: Form,
    result: Result<T>,
) -> Result<Response> {
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/workshops/{id}/actions?notice=saved")).into_response()),
        Err(Error::Invalid(errors)) => {
            let page = actions_page(state, ctx, id, Form { errors, ..failed }).await?;
            html_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => Err(e),
    }
}

async fn save(
    state: &AppState,
    ctx: &RequestContext,
    id: Uuid,
    editing: Option<Uuid>,
    form: &FormData,
) -> Result<Response> {
    let input = action_form(form);
    let result = services::workshop_analysis::save_action(
        &state.store,
        ctx.viewer(),
        id,
        editing,
        &input,
        ctx.change(),
    )
    .await;
    let failed = Form { input: Some(input), failed: Failed::Action, ..Form::fresh(editing) };
    after(state, ctx, id, failed, result).await
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
    Path((id, action)): Path<(String, String)>,
    form: FormData,
) -> Result<Response> {
    let id = facilitator(&state, &ctx, &id).await?.workshop.id;
    save(&state, &ctx, id, Some(parse_id(&action)?), &form).await
}

pub async fn delete(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path((id, action)): Path<(String, String)>,
    _form: FormData,
) -> Result<Response> {
    let id = facilitator(&state, &ctx, &id).await?.workshop.id;
    let action = parse_id(&action)?;
    let result =
        services::workshop_analysis::delete_action(&state.store, ctx.viewer(), id, action, ctx.change())
            .await;
    let failed = Form { failed: Failed::Action, ..Form::fresh(Some(action)) };
    after(&state, &ctx, id, failed, result).await
}

pub async fn governance(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response> {
    let id = facilitator(&state, &ctx, &id).await?.workshop.id;
    let input =
        GovernanceInput { model: form.get("model").into(), description: form.get("description").into() };
    let result =
        services::workshop_analysis::save_governance(&state.store, ctx.viewer(), id, &input, ctx.change())
            .await;
    let failed = Form { governance: Some(input), failed: Failed::Governance, ..Form::fresh(None) };
    after(&state, &ctx, id, failed, result).await
}

/// Starts the partnership and opens it; a refusal is shown beside the button.
pub async fn start_partnership(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    _form: FormData,
) -> Result<Response> {
    let id = facilitator(&state, &ctx, &id).await?.workshop.id;
    match services::workshop_analysis::start_partnership(&state.store, ctx.viewer(), id, ctx.change()).await {
        Ok(p) => {
            Ok(Redirect::to(&format!("/partnerships/{}?notice=partnership-created", p.id)).into_response())
        }
        Err(e) => {
            let failed = Form { failed: Failed::Partnership, ..Form::fresh(None) };
            after(&state, &ctx, id, failed, Err::<(), _>(e)).await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(fields: &[(&str, &str)]) -> FormData {
        FormData(fields.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect())
    }

    /// Blank rows go before validation, so `flows[1]` in an error is the second row shown again.
    #[test]
    fn blank_flow_rows_are_dropped_and_steps_are_lines() {
        let form = pairs(&[
            ("steps", "Vuorolista\nReitit"),
            ("flows[0].from", ""),
            ("flows[0].to", ""),
            ("flows[0].value", " "),
            ("flows[1].from", "clients"),
            ("flows[1].value", "Neuvonta"),
            ("flows[2].tangibility", "tangible"),
        ]);
        let input = action_form(&form);
        assert_eq!(input.steps, ["Vuorolista", "Reitit"]);
        assert_eq!(input.flows.len(), 1);
        assert_eq!((input.flows[0].from.as_str(), input.flows[0].value.as_str()), ("clients", "Neuvonta"));
    }
}
