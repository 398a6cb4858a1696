//! Drafting an agreement version, prefilled from the partnership's minimum contents (or, for an
//! amendment or renewal, from the version it follows).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kumppani_domain::agreement::{Agreement, AgreementInput, AgreementKind};
use kumppani_domain::validation::FieldErrors;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::services;
use crate::web::controllers::{html, html_with_status, parse_id};
use crate::web::forms::FormData;
use crate::web::page::Page;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "agreements/form.html")]
struct FormPage {
    page: Page,
    partnership_id: Uuid,
    input: AgreementInput,
    earlier: Vec<Agreement>,
    errors: FieldErrors,
    kinds: &'static [AgreementKind],
}

impl FormPage {
    fn err(&self, field: &str) -> Option<String> {
        self.page.error(&self.errors, field)
    }
}

async fn page(
    state: &AppState,
    ctx: &RequestContext,
    partnership_id: Uuid,
    input: Option<AgreementInput>,
    errors: FieldErrors,
) -> Result<FormPage> {
    let (partnership, access) =
        services::partnerships::load(&state.store, ctx.viewer(), partnership_id).await?;
    if !access.manage {
        return Err(if ctx.viewer().is_none() { Error::Unauthorized } else { Error::Forbidden });
    }
    let earlier = state.store.agreements_of(partnership_id).await?;
    let input = input.unwrap_or_else(|| {
        let mut input = AgreementInput::from_partnership(&partnership.details, ctx.lang.code());
        if let Some(latest) = earlier.last() {
            input.kind = AgreementKind::Renewal.as_str().into();
            input.previous_id = latest.id.to_string();
            input.notice_days = latest.details.notice_days.to_string();
            input.language = latest.details.language.clone();
            input.funder_condition = latest.details.funder_condition.clone().unwrap_or_default();
        }
        input
    });
    let page = Page::new(ctx, "agreement-new-title")
        .crumb("nav-home", "/")
        .crumb("nav-partnerships", "/partnerships")
        .crumb_text(&partnership.details.name, &format!("/partnerships/{partnership_id}"));
    Ok(FormPage { page, partnership_id, input, earlier, errors, kinds: AgreementKind::ALL })
}

pub async fn new(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response> {
    html(&page(&state, &ctx, parse_id(&id)?, None, FieldErrors::new()).await?)
}

pub async fn create(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response> {
    let partnership_id = parse_id(&id)?;
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    let input = AgreementInput {
        kind: form.get("kind").into(),
        previous_id: form.get("previous_id").into(),
        title: form.get("title").into(),
        valid_from: form.get("valid_from").into(),
        valid_until: form.get("valid_until").into(),
        notice_days: form.get("notice_days").into(),
        language: form.get("language").into(),
        aim: form.get("aim").into(),
        coordination: form.get("coordination").into(),
        information_flow: form.get("information_flow").into(),
        funder_condition: form.get("funder_condition").into(),
    };
    match services::agreements::create(&state.store, ctx.viewer(), partnership_id, &input, ctx.change()).await
    {
        Ok(agreement) => {
            Ok(Redirect::to(&format!("/agreements/{}?notice=agreement-created", agreement.id))
                .into_response())
        }
        Err(Error::Invalid(errors)) => {
            let view = page(&state, &ctx, partnership_id, Some(input), errors).await?;
            html_with_status(StatusCode::UNPROCESSABLE_ENTITY, &view)
        }
        Err(e) => Err(e),
    }
}
