//! The yearly cycle of broad development partnerships on the partnership page: creating a
//! year's report and plan with the due dates the city sets, and recording the year's grant.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kumppani_domain::commitment::{CycleDates, GrantYearInput};
use kumppani_domain::validation::{FieldErrors, required_date};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::services;
use crate::web::controllers::partnerships::show::render;
use crate::web::controllers::{html_with_status, parse_id};
use crate::web::forms::FormData;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

async fn outcome(
    state: &AppState,
    ctx: &RequestContext,
    id: Uuid,
    form_id: &str,
    form: &FormData,
    result: Result<()>,
) -> Result<Response> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/partnerships/{id}?notice=saved#cycle")).into_response()),
        Err(Error::Invalid(errors)) => {
            let mut page = render(state, ctx, id, errors, None).await?;
            page.failed_form = Some(form_id.to_owned());
            page.typed = form.0.clone();
            html_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => Err(e),
    }
}

pub async fn grant(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response> {
    let id = parse_id(&id)?;
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    let input = GrantYearInput {
        year: form.get("year").into(),
        applied: form.get("applied").into(),
        granted: form.get("granted").into(),
        paid: form.get("paid").into(),
        decision_reference: form.get("decision_reference").into(),
        decided_on: form.get("decided_on").into(),
    };
    let result = services::followup::save_grant(&state.store, ctx.viewer(), id, &input, ctx.change()).await;
    outcome(&state, &ctx, id, "grant", &form, result).await
}

/// The due dates typed in the form, as the month and day they fall on every year.
fn cycle_dates(form: &FormData) -> std::result::Result<CycleDates, FieldErrors> {
    let mut errors = FieldErrors::new();
    let report = required_date(&mut errors, "report_due", form.get("report_due"));
    let plan = required_date(&mut errors, "plan_due", form.get("plan_due"));
    match (report, plan) {
        (Some(report), Some(plan)) => Ok(CycleDates {
            report_due: (report.month(), report.day()),
            plan_due: (plan.month(), plan.day()),
        }),
        _ => Err(errors),
    }
}

pub async fn create(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response> {
    let id = parse_id(&id)?;
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    // Access first: someone who may not create cycles learns nothing from the validation.
    let (_, access) = services::partnerships::load(&state.store, ctx.viewer(), id).await?;
    if !access.manage {
        return Err(Error::Forbidden);
    }
    let result = match cycle_dates(&form) {
        Ok(dates) => services::followup::create_cycle(
            &state.store,
            ctx.viewer(),
            id,
            form.get("year"),
            dates,
            ctx.change(),
        )
        .await
        .map(|_| ()),
        Err(errors) => Err(Error::Invalid(errors)),
    };
    outcome(&state, &ctx, id, "cycle", &form, result).await
}
