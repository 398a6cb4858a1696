//! One partnership: its content as the viewer may see it, the phase with what the method asks
//! of it, Turku's five steps, the staircase and the timeline of everything that happened.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use kumppani_domain::actor_index::ActorName;
use kumppani_domain::agreement::{Agreement, AgreementStatus};
use kumppani_domain::commitment::{
    Commitment, CommitmentStatus, CycleDates, Deliverable, DeliverableKind, GrantYear, yearly_cycle,
};
use kumppani_domain::partnership::{
    ChecklistEntry, Partnership, PartnershipField, Phase, PhaseEvent, TurkuStep,
};
use kumppani_domain::role::{PartnershipAccess, is_staff};
use kumppani_domain::validation::FieldErrors;
use serde::Deserialize;
use time::Date;
use uuid::Uuid;

use crate::error::Result;
use crate::services;
use crate::store::partnerships::TimelineEvent;
use crate::web::controllers::{html, parse_id};
use crate::web::page::Page;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct ShowParams {
    notice: Option<String>,
}

/// A party with its actor record, as far as the viewer may see it.
pub struct PartyView {
    pub actor: Option<ActorName>,
    pub party: kumppani_domain::partnership::Party,
}

pub struct ChecklistRow {
    pub code: &'static str,
    pub done: bool,
    pub note: String,
}

#[derive(Template)]
#[template(path = "partnerships/show.html")]
pub struct ShowPage {
    pub page: Page,
    pub partnership: Partnership,
    pub access: PartnershipAccess,
    pub parties: Vec<PartyView>,
    pub phases: &'static [Phase],
    pub commitment_statuses: &'static [CommitmentStatus],
    pub turku_steps: &'static [TurkuStep],
    pub events: Vec<PhaseEvent>,
    pub checklist: Vec<ChecklistRow>,
    pub timeline: Vec<TimelineEvent>,
    /// Agreement versions with where each stands today, newest first.
    pub agreements: Vec<(Agreement, AgreementStatus)>,
    /// Errors of a refused change, shown beside the form that was sent.
    pub errors: FieldErrors,
    /// Which of the page's forms failed (`None` for the phase forms), and what was typed in it.
    pub failed_form: Option<String>,
    pub typed: Vec<(String, String)>,
    pub commitments: Vec<Commitment>,
    pub deliverables: Vec<Deliverable>,
    pub grants: Vec<GrantYear>,
    pub today_date: Date,
    /// The year and default due dates offered for creating a yearly cycle.
    pub cycle_year: i32,
    pub cycle_report_due: String,
    pub cycle_plan_due: String,
    pub today: String,
    /// The value network workshops it was started from (staff only, as workshops are).
    pub workshops: Vec<crate::store::workshop_analysis::WorkshopLink>,
}

impl ShowPage {
    fn is_private(&self, field: &str) -> bool {
        PartnershipField::parse(field).is_some_and(|f| self.partnership.details.private_fields.contains(&f))
    }

    fn phase_reached(&self, phase: &Phase) -> bool {
        *phase <= self.partnership.phase
    }

    fn step_current(&self, step: &TurkuStep) -> bool {
        self.partnership.phase.turku_steps().contains(step)
    }

    fn staircase_is(&self, level: &u8) -> bool {
        self.partnership.staircase.is_some_and(|l| l.get() == *level)
    }

    fn err(&self, field: &str) -> Option<String> {
        if self.failed_form.is_some() { None } else { self.page.error(&self.errors, field) }
    }

    /// The error of a field in one of the page's repeated forms, if that form was the one sent.
    fn form_err(&self, form_id: &str, field: &str) -> Option<String> {
        (self.failed_form.as_deref() == Some(form_id)).then(|| self.page.error(&self.errors, field)).flatten()
    }

    /// What was typed in a field of the form that failed, else the saved value.
    fn value(&self, form_id: &str, field: &str, saved: &str) -> String {
        if self.failed_form.as_deref() == Some(form_id) {
            self.typed.iter().find(|(k, _)| k == field).map(|(_, v)| v.clone()).unwrap_or_default()
        } else {
            saved.to_owned()
        }
    }

    fn checked(&self, form_id: &str, field: &str, saved: bool) -> bool {
        if self.failed_form.as_deref() == Some(form_id) {
            self.typed.iter().any(|(k, v)| k == field && !v.is_empty())
        } else {
            saved
        }
    }

    /// The yearly-cycle form's fields: name, label, input type and suggested value.
    fn cycle_fields(&self) -> Vec<(&'static str, &'static str, &'static str, String)> {
        vec![
            ("year", "field-year", "number", self.cycle_year.to_string()),
            ("report_due", "field-report-due", "date", self.cycle_report_due.clone()),
            ("plan_due", "field-plan-due", "date", self.cycle_plan_due.clone()),
        ]
    }

    fn commitment_overdue(&self, commitment: &Commitment) -> bool {
        commitment.details.is_overdue(self.today_date)
    }

    fn deliverable_overdue(&self, deliverable: &Deliverable) -> bool {
        deliverable.is_overdue(self.today_date)
    }

    /// An optional id or date as a form field's value.
    fn text_of<T: ToString>(value: &Option<T>) -> String {
        value.as_ref().map(ToString::to_string).unwrap_or_default()
    }

    fn party_name(&self, actor_id: &Option<Uuid>) -> String {
        match actor_id {
            None => self.page.t("all-parties"),
            Some(id) => self.actor_name(id),
        }
    }

    fn actor_name(&self, id: &Uuid) -> String {
        self.parties
            .iter()
            .find(|p| p.party.actor_id == *id)
            .and_then(|p| p.actor.as_ref())
            .map(|a| a.name(self.page.lang_code()).to_owned())
            .unwrap_or_else(|| self.page.t("actor-not-public"))
    }

    /// Parties the viewer may assign a commitment to: all of them for staff, their own for members.
    fn assignable(&self) -> Vec<&PartyView> {
        self.parties
            .iter()
            .filter(|p| self.access.manage || self.access.acts_for.contains(&p.party.actor_id))
            .collect()
    }

    fn can_update(&self, commitment: &Commitment) -> bool {
        self.access.manage
            || (self.access.is_party()
                && commitment.details.actor_id.is_none_or(|id| self.access.acts_for.contains(&id)))
    }

    fn deliverable_title(&self, deliverable: &Deliverable) -> String {
        deliverable_title(&self.page, deliverable)
    }

    fn euros(&self, cents: &Option<i64>) -> String {
        cents.map(|c| self.page.euros(c)).unwrap_or_default()
    }

    /// A timeline entry in words, in the viewer's language.
    fn describe(&self, event: &TimelineEvent) -> String {
        let text = |key: &str| event.data.get(key).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
        match event.kind.as_str() {
            "transition" => format!(
                "{} → {}",
                self.page.label("phase", &text("from")),
                self.page.label("phase", &text("to"))
            ),
            "staircase" => {
                let to = event.data.get("to").and_then(|v| v.as_u64()).unwrap_or_default();
                self.page.t1("timeline-staircase", "level", to)
            }
            kind => self.page.label("timeline", kind),
        }
    }

    fn note(&self, event: &TimelineEvent) -> Option<String> {
        event.data.get("note").and_then(|v| v.as_str()).map(str::to_owned)
    }
}

/// A deliverable's name: the cycle documents are named by kind and grant year.
pub fn deliverable_title(page: &Page, deliverable: &Deliverable) -> String {
    match (deliverable.kind, deliverable.year) {
        (DeliverableKind::General, _) | (_, None) => deliverable.title.clone(),
        (kind, Some(year)) => page.t1(&format!("deliverable-kind-{}", kind.as_str()), "year", year),
    }
}

pub async fn render(
    state: &AppState,
    ctx: &RequestContext,
    id: Uuid,
    errors: FieldErrors,
    notice: Option<&str>,
) -> Result<ShowPage> {
    let (partnership, access) = services::partnerships::load(&state.store, ctx.viewer(), id).await?;
    let partnership = if access.view_private {
        partnership
    } else if access.view_public_fields {
        partnership.redacted()
    } else {
        partnership.catalogue_entry()
    };
    let actors = state.store.actor_names(&partnership.party_ids()).await?;
    let parties = partnership
        .details
        .parties
        .iter()
        .map(|party| PartyView {
            actor: actors
                .iter()
                .find(|a| a.id == party.actor_id && (a.published || access.view_private))
                .cloned(),
            party: party.clone(),
        })
        .collect();
    let (checklist, timeline) = if access.view_private {
        let saved: Vec<ChecklistEntry> = state.store.checklist(id).await?;
        let rows = partnership
            .phase
            .checklist()
            .iter()
            .map(|code| {
                let entry = saved.iter().find(|e| e.phase == partnership.phase && e.code == *code);
                ChecklistRow {
                    code,
                    done: entry.is_some_and(|e| e.done),
                    note: entry.and_then(|e| e.note.clone()).unwrap_or_default(),
                }
            })
            .collect();
        (rows, state.store.partnership_events(id).await?)
    } else {
        (Vec::new(), Vec::new())
    };
    let today = ctx.now.finnish_date();
    let (commitments, deliverables, grants) = if access.view_private {
        (
            state.store.commitments_of(id).await?,
            state.store.deliverables_of(id).await?,
            state.store.grant_years_of(id).await?,
        )
    } else {
        (Vec::new(), Vec::new(), Vec::new())
    };
    let cycle = yearly_cycle(today.year(), CycleDates::default(), None);
    let agreements = if access.view_private {
        let mut versions = state.store.agreements_of(id).await?;
        versions.reverse();
        versions
            .into_iter()
            .map(|a| {
                let status = a.status(today);
                (a, status)
            })
            .collect()
    } else {
        Vec::new()
    };
    let workshops =
        if is_staff(ctx.viewer()) { state.store.workshops_of_partnership(id).await? } else { Vec::new() };
    let page = Page::new(ctx, "partnerships-title")
        .titled(partnership.details.name.clone())
        .crumb("nav-home", "/")
        .crumb("nav-partnerships", "/partnerships")
        .with_notice(notice);
    Ok(ShowPage {
        page,
        events: if access.manage { partnership.phase.allowed_events() } else { Vec::new() },
        partnership,
        access,
        parties,
        phases: Phase::ALL,
        commitment_statuses: CommitmentStatus::ALL,
        turku_steps: TurkuStep::ALL,
        checklist,
        timeline,
        agreements,
        errors,
        failed_form: None,
        typed: Vec::new(),
        commitments,
        deliverables,
        grants,
        today_date: today,
        cycle_year: today.year(),
        cycle_report_due: cycle.first().map(|d| d.due_on.to_string()).unwrap_or_default(),
        cycle_plan_due: cycle.get(1).map(|d| d.due_on.to_string()).unwrap_or_default(),
        today: today.to_string(),
        workshops,
    })
}

pub async fn show(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    Query(params): Query<ShowParams>,
) -> Result<Response> {
    let page = render(&state, &ctx, parse_id(&id)?, FieldErrors::new(), params.notice.as_deref()).await?;
    html(&page)
}
