//! One workshop: the method's five steps as a stepper saying what each asks, moves forward and
//! back, and the printable invitation with the join link, its code and a QR code.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kumppani_domain::validation::FieldErrors;
use kumppani_domain::value_network::workshop::Step;
use serde::Deserialize;

use super::{Party, facilitator, join_url, parties, qr_svg};
use crate::error::{Error, Result};
use crate::services;
use crate::store::workshops::WorkshopRecord;
use crate::web::controllers::{html, html_with_status, parse_id};
use crate::web::forms::FormData;
use crate::web::page::Page;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ShowParams {
    pub notice: Option<String>,
}

#[derive(Template)]
#[template(path = "workshops/show.html")]
struct ShowPage {
    page: Page,
    record: WorkshopRecord,
    parties: Vec<Party>,
    steps: &'static [Step],
    errors: FieldErrors,
    /// The earlier run this workshop renews, with its title.
    previous: Option<(uuid::Uuid, String)>,
    /// The partnership started from this workshop, with its name.
    partnership: Option<(uuid::Uuid, String)>,
}

impl ShowPage {
    fn is_done(&self, step: &Step) -> bool {
        *step < self.record.workshop.step
    }

    fn is_current(&self, step: &Step) -> bool {
        *step == self.record.workshop.step
    }
}

fn show_page(ctx: &RequestContext, record: WorkshopRecord, errors: FieldErrors) -> ShowPage {
    let page = Page::new(ctx, "workshop-title")
        .titled(record.workshop.plan.title.clone())
        .crumb("nav-home", "/")
        .crumb("workshops-title", "/workshops");
    ShowPage {
        page,
        parties: parties(&record.workshop.plan),
        record,
        steps: Step::ALL,
        errors,
        previous: None,
        partnership: None,
    }
}

pub async fn show(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    Query(params): Query<ShowParams>,
) -> Result<Response> {
    let record = facilitator(&state, &ctx, &id).await?;
    let previous = match record.previous_workshop_id {
        Some(previous) => state.store.workshop(previous).await?.map(|r| (previous, r.workshop.plan.title)),
        None => None,
    };
    let partnership = match record.partnership_id {
        Some(id) => state.store.partnership(id).await?.map(|p| (id, p.details.name)),
        None => None,
    };
    let mut page = show_page(&ctx, record, FieldErrors::new());
    page.previous = previous;
    page.partnership = partnership;
    page.page = page.page.with_notice(params.notice.as_deref());
    html(&page)
}

/// Moves the workshop one step forward or back; a refused move comes back as an error.
pub async fn step(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response> {
    let id = parse_id(&id)?;
    match services::workshops::go_to(
        &state.store,
        &state.live,
        ctx.viewer(),
        id,
        form.get("step"),
        ctx.change(),
    )
    .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/workshops/{id}?notice=step-changed")).into_response()),
        Err(Error::Invalid(errors)) => {
            let record = services::workshops::load(&state.store, ctx.viewer(), id).await?;
            html_with_status(StatusCode::UNPROCESSABLE_ENTITY, &show_page(&ctx, record, errors))
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "workshops/invitation.html")]
struct InvitationPage {
    page: Page,
    record: WorkshopRecord,
    parties: Vec<Party>,
    join_url: String,
    qr: String,
}

impl InvitationPage {
    /// Where a code is typed: the join link without its code.
    fn join_page(&self) -> String {
        self.join_url.rsplit_once('/').map_or_else(|| self.join_url.clone(), |(page, _)| page.to_owned())
    }
}

pub async fn invitation(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response> {
    let record = facilitator(&state, &ctx, &id).await?;
    let page = Page::new(&ctx, "workshop-invitation-title")
        .crumb("nav-home", "/")
        .crumb("workshops-title", "/workshops")
        .crumb_text(record.workshop.plan.title.clone(), &format!("/workshops/{}", record.workshop.id));
    let join_url = join_url(&state, &record);
    let qr = qr_svg(&join_url, &page.t1("workshop-qr-label", "url", &join_url))
        .ok_or_else(|| Error::internal("the join link does not fit a QR code"))?;
    html(&InvitationPage { parties: parties(&record.workshop.plan), page, record, join_url, qr })
}
