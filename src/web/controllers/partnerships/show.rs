//! One partnership: its content as the viewer may see it, the phase with what the method asks
//! of it, Turku's five steps, the staircase and the timeline of everything that happened.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use kumppani_domain::actor::Actor;
use kumppani_domain::agreement::{Agreement, AgreementStatus};
use kumppani_domain::partnership::{
    ChecklistEntry, Partnership, PartnershipField, Phase, PhaseEvent, TurkuStep,
};
use kumppani_domain::role::PartnershipAccess;
use kumppani_domain::validation::FieldErrors;
use serde::Deserialize;

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
    pub actor: Option<Actor>,
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
    pub turku_steps: &'static [TurkuStep],
    pub events: Vec<PhaseEvent>,
    pub checklist: Vec<ChecklistRow>,
    pub timeline: Vec<TimelineEvent>,
    /// Agreement versions with where each stands today, newest first.
    pub agreements: Vec<(Agreement, AgreementStatus)>,
    /// Errors of a refused transition or staircase change, shown beside their forms.
    pub errors: FieldErrors,
    pub today: String,
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
        self.page.error(&self.errors, field)
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

pub async fn render(
    state: &AppState,
    ctx: &RequestContext,
    id: uuid::Uuid,
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
    let actors = state.store.actors_in_order(&partnership.party_ids()).await?;
    let parties = partnership
        .details
        .parties
        .iter()
        .map(|party| PartyView {
            actor: actors
                .iter()
                .find(|a| a.id == party.actor_id && (a.details.published || access.view_private))
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
        turku_steps: TurkuStep::ALL,
        checklist,
        timeline,
        agreements,
        errors,
        today: today.to_string(),
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
