//! The login form, throttled per account and per address.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use kumppani_domain::validation::FieldErrors;
use serde::Deserialize;

use super::start_session;
use crate::error::{Error, Result};
use crate::services::accounts;
use crate::web::controllers::{html, html_with_status, safe_next};
use crate::web::forms::FormData;
use crate::web::page::Page;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "auth/login.html")]
struct LoginPage {
    page: Page,
    email: String,
    next: String,
    errors: FieldErrors,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginParams {
    next: String,
    notice: Option<String>,
}

pub async fn form(ctx: RequestContext, Query(params): Query<LoginParams>) -> Result<Response> {
    let page = Page::new(&ctx, "login-title").crumb("nav-home", "/").with_notice(params.notice.as_deref());
    html(&LoginPage {
        page,
        email: String::new(),
        next: safe_next(&params.next).to_owned(),
        errors: FieldErrors::new(),
    })
}

pub async fn submit(State(state): State<AppState>, ctx: RequestContext, form: FormData) -> Result<Response> {
    let email = form.get("email").trim().to_owned();
    let next = safe_next(form.get("next")).to_owned();
    if let Some(minutes) = state.throttle.blocked_for(&email, &ctx.client_address, ctx.now) {
        return Err(Error::TooManyAttempts { retry_after_minutes: minutes });
    }
    match accounts::verify_login(&state.store, &email, form.get("password")).await? {
        Some(user) => {
            state.throttle.clear_account(&email);
            let to = if next == "/" { "/?notice=signed-in".to_owned() } else { next };
            start_session(&state, user.id, ctx.now, &to).await
        }
        None => {
            state.throttle.record_failure(&email, &ctx.client_address, ctx.now);
            let mut errors = FieldErrors::new();
            errors.add("password", "login-failed");
            let page = Page::new(&ctx, "login-title").crumb("nav-home", "/");
            html_with_status(StatusCode::UNPROCESSABLE_ENTITY, &LoginPage { page, email, next, errors })
        }
    }
}
