//! Joining a workshop without an account: type the code (or open the link), give a name and the
//! party you speak for, and get a participant cookie for that workshop's pages.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use kumppani_domain::validation::FieldErrors;
use kumppani_domain::value_network::workshop::{JoinCode, JoinInput};
use serde::Deserialize;

use super::{Party, answering_parties, participant_cookie};
use crate::error::{Error, Result};
use crate::services;
use crate::store::workshops::WorkshopRecord;
use crate::web::controllers::{html, html_with_status};
use crate::web::forms::FormData;
use crate::web::page::Page;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CodeParams {
    pub code: String,
}

#[derive(Template)]
#[template(path = "workshops/join.html")]
struct CodePage {
    page: Page,
    code: String,
    errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "workshops/join_details.html")]
struct DetailsPage {
    page: Page,
    record: WorkshopRecord,
    parties: Vec<Party>,
    input: JoinInput,
    errors: FieldErrors,
}

fn code_page(ctx: &RequestContext, code: &str, errors: FieldErrors) -> CodePage {
    CodePage { page: Page::new(ctx, "join-title"), code: code.into(), errors }
}

fn details_page(
    ctx: &RequestContext,
    record: WorkshopRecord,
    input: JoinInput,
    errors: FieldErrors,
) -> DetailsPage {
    let page = Page::new(ctx, "join-title").titled(record.workshop.plan.title.clone());
    DetailsPage { page, parties: answering_parties(&record.workshop.plan), record, input, errors }
}

/// The workshop open to joining with `typed`, or the reason it cannot be joined.
async fn find(state: &AppState, typed: &str) -> Result<WorkshopRecord, FieldErrors> {
    let mut errors = FieldErrors::new();
    let Some(code) = JoinCode::parse(typed) else {
        errors.add("code", "join-code-invalid");
        return Err(errors);
    };
    match state.store.workshop_by_code(code.as_str()).await {
        Ok(Some(record)) => Ok(record),
        _ => {
            errors.add("code", "join-code-unknown");
            Err(errors)
        }
    }
}

pub async fn form(ctx: RequestContext, Query(params): Query<CodeParams>) -> Result<Response> {
    html(&code_page(&ctx, &params.code, FieldErrors::new()))
}

/// The typed code leads to the workshop's own join page.
pub async fn submit_code(
    State(state): State<AppState>,
    ctx: RequestContext,
    form: FormData,
) -> Result<Response> {
    let typed = form.get("code");
    match find(&state, typed).await {
        Ok(record) => {
            Ok(Redirect::to(&format!("/join/{}", record.workshop.join_code.as_str())).into_response())
        }
        Err(errors) => html_with_status(StatusCode::UNPROCESSABLE_ENTITY, &code_page(&ctx, typed, errors)),
    }
}

pub async fn details(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(code): Path<String>,
) -> Result<Response> {
    match find(&state, &code).await {
        Ok(record) => {
            let input = JoinInput { code: record.workshop.join_code.as_str().into(), ..JoinInput::default() };
            html(&details_page(&ctx, record, input, FieldErrors::new()))
        }
        Err(errors) => html_with_status(StatusCode::NOT_FOUND, &code_page(&ctx, &code, errors)),
    }
}

pub async fn join(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(code): Path<String>,
    form: FormData,
) -> Result<Response> {
    let input = form.join_input(&code);
    match services::workshops::join(&state.store, &state.live, &input, ctx.change()).await {
        Ok(joined) => {
            let id = joined.workshop.workshop.id;
            let mut response = Redirect::to(&format!("/workshops/{id}/me")).into_response();
            response.headers_mut().append(header::SET_COOKIE, participant_cookie(&state, id, &joined.token));
            Ok(response)
        }
        Err(Error::Invalid(errors)) => match find(&state, &code).await {
            Ok(record) => {
                html_with_status(StatusCode::UNPROCESSABLE_ENTITY, &details_page(&ctx, record, input, errors))
            }
            Err(code_errors) => {
                html_with_status(StatusCode::UNPROCESSABLE_ENTITY, &code_page(&ctx, &code, code_errors))
            }
        },
        Err(e) => Err(e),
    }
}
