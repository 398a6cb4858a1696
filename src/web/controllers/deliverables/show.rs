//! One deliverable: what is due, what the party submitted (text, budget, indicators), the
//! review and its history, attachments, and the forms the viewer may use now.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use kumppani_domain::commitment::{
    BudgetLineInput, Deliverable, DeliverableKind, IndicatorInput, IndicatorKind, SubmissionInput,
};
use kumppani_domain::partnership::Partnership;
use kumppani_domain::role::PartnershipAccess;
use kumppani_domain::validation::FieldErrors;
use serde::Deserialize;
use uuid::Uuid;

use crate::error::Result;
use crate::services;
use crate::store::attachments::Attachment;
use crate::store::partnerships::TimelineEvent;
use crate::web::controllers::partnerships::show::deliverable_title;
use crate::web::controllers::{html, parse_id};
use crate::web::page::Page;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

/// Blank budget and indicator rows offered after the filled ones.
const SPARE_ROWS: usize = 3;

#[derive(Debug, Default, Deserialize)]
pub struct ShowParams {
    notice: Option<String>,
}

#[derive(Template)]
#[template(path = "deliverables/show.html")]
pub struct ShowPage {
    pub page: Page,
    pub deliverable: Deliverable,
    pub partnership: Partnership,
    pub access: PartnershipAccess,
    pub party: String,
    pub history: Vec<TimelineEvent>,
    pub attachments: Vec<Attachment>,
    pub may_submit: bool,
    /// The submission form's content: what was typed, or what was submitted before.
    pub input: SubmissionInput,
    pub budget_rows: Vec<BudgetLineInput>,
    pub indicator_rows: Vec<IndicatorInput>,
    pub indicator_kinds: &'static [IndicatorKind],
    pub errors: FieldErrors,
    pub overdue: bool,
}

impl ShowPage {
    fn err(&self, field: &str) -> Option<String> {
        self.page.error(&self.errors, field)
    }

    fn is_plan(&self) -> bool {
        self.deliverable.kind == DeliverableKind::ActionPlan
    }

    fn event_line(&self, event: &TimelineEvent) -> String {
        let decision = event.data.get("decision").and_then(|v| v.as_str()).unwrap_or_default();
        if decision.is_empty() {
            self.page.label("timeline", &event.kind)
        } else {
            self.page.label("review-decision", decision)
        }
    }

    fn note(&self, event: &TimelineEvent) -> Option<String> {
        event.data.get("note").and_then(|v| v.as_str()).map(str::to_owned)
    }
}

pub async fn render(
    state: &AppState,
    ctx: &RequestContext,
    id: Uuid,
    typed: Option<SubmissionInput>,
    errors: FieldErrors,
    notice: Option<&str>,
) -> Result<ShowPage> {
    let (deliverable, partnership, access) =
        services::followup::load_deliverable(&state.store, ctx.viewer(), id).await?;
    let party = match deliverable.actor_id {
        Some(actor) => state
            .store
            .actor(actor)
            .await?
            .map(|a| a.details.name(ctx.lang.code()).to_owned())
            .unwrap_or_default(),
        None => ctx.lang.t("all-parties"),
    };
    let history = state
        .store
        .partnership_events(partnership.id)
        .await?
        .into_iter()
        .filter(|e| e.data.get("deliverable_id").and_then(|v| v.as_str()) == Some(id.to_string().as_str()))
        .collect();
    let attachments = state.store.attachments_of("deliverable", id).await?;
    let input = typed.unwrap_or_else(|| SubmissionInput {
        text: deliverable.text.clone().unwrap_or_default(),
        budget_lines: deliverable
            .budget_lines
            .iter()
            .map(|l| BudgetLineInput {
                description: l.description.clone(),
                amount: format!("{},{:02}", l.amount_cents / 100, l.amount_cents % 100),
            })
            .collect(),
        indicators: deliverable
            .indicators
            .iter()
            .map(|i| IndicatorInput {
                name: i.name.clone(),
                kind: i.kind.as_str().into(),
                target: i.target.clone(),
            })
            .collect(),
    });
    let mut budget_rows = input.budget_lines.clone();
    budget_rows.extend(std::iter::repeat_n(BudgetLineInput::default(), SPARE_ROWS));
    let mut indicator_rows = input.indicators.clone();
    indicator_rows.extend(std::iter::repeat_n(IndicatorInput::default(), SPARE_ROWS));
    let page = Page::new(ctx, "deliverables-heading")
        .crumb("nav-home", "/")
        .crumb("nav-partnerships", "/partnerships")
        .crumb_text(&partnership.details.name, &format!("/partnerships/{}#deliverables", partnership.id))
        .with_notice(notice);
    let page = {
        let title = deliverable_title(&page, &deliverable);
        page.titled(title)
    };
    Ok(ShowPage {
        may_submit: services::followup::may_submit(&access, &deliverable) && !deliverable.status.is_locked(),
        overdue: deliverable.is_overdue(ctx.now.finnish_date()),
        page,
        deliverable,
        partnership,
        access,
        party,
        history,
        attachments,
        input,
        budget_rows,
        indicator_rows,
        indicator_kinds: IndicatorKind::ALL,
        errors,
    })
}

pub async fn show(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    Query(params): Query<ShowParams>,
) -> Result<Response> {
    html(&render(&state, &ctx, parse_id(&id)?, None, FieldErrors::new(), params.notice.as_deref()).await?)
}
