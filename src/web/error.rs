//! How an [`Error`] looks to people and programs: an HTML page in their language, or JSON
//! with a stable code. Internal causes are logged, never shown.

use askama::Template;
use axum::Json;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kumppani_domain::validation::FieldErrors;

use super::i18n::Lang;
use super::page::Page;
use super::session::RequestContext;
use crate::error::Error;

/// The part of an error that is safe to show, carried from handler to renderer.
#[derive(Debug, Clone)]
pub enum Failure {
    NotFound,
    Forbidden,
    Unauthorized,
    Invalid(FieldErrors),
    Conflict,
    BadRequest(String),
    PayloadTooLarge,
    Csrf,
    TooManyAttempts(i64),
    Internal,
}

impl Failure {
    pub fn from_error(error: &Error) -> Self {
        match error {
            Error::NotFound => Failure::NotFound,
            Error::Forbidden => Failure::Forbidden,
            Error::Unauthorized => Failure::Unauthorized,
            Error::Invalid(errors) => Failure::Invalid(errors.clone()),
            Error::EditConflict(_) | Error::Conflict => Failure::Conflict,
            Error::BadRequest(reason) => Failure::BadRequest(reason.clone()),
            Error::PayloadTooLarge => Failure::PayloadTooLarge,
            Error::Csrf => Failure::Csrf,
            Error::TooManyAttempts { retry_after_minutes } => Failure::TooManyAttempts(*retry_after_minutes),
            Error::Store(cause) => {
                tracing::error!(error = %cause, "database error");
                Failure::Internal
            }
            Error::Internal(cause) => {
                tracing::error!(error = %cause, "internal error");
                Failure::Internal
            }
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Failure::NotFound => StatusCode::NOT_FOUND,
            Failure::Forbidden | Failure::Csrf => StatusCode::FORBIDDEN,
            Failure::Unauthorized => StatusCode::UNAUTHORIZED,
            Failure::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Failure::Conflict => StatusCode::CONFLICT,
            Failure::BadRequest(_) => StatusCode::BAD_REQUEST,
            Failure::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Failure::TooManyAttempts(_) => StatusCode::TOO_MANY_REQUESTS,
            Failure::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Stable machine-readable code for API clients; also the translation key suffix.
    pub fn code(&self) -> &'static str {
        match self {
            Failure::NotFound => "not-found",
            Failure::Forbidden => "forbidden",
            Failure::Unauthorized => "unauthorized",
            Failure::Invalid(_) => "invalid-input",
            Failure::Conflict => "edit-conflict",
            Failure::BadRequest(_) => "bad-request",
            Failure::PayloadTooLarge => "payload-too-large",
            Failure::Csrf => "csrf",
            Failure::TooManyAttempts(_) => "too-many-attempts",
            Failure::Internal => "internal",
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    page: Page,
    message: String,
}

#[derive(serde::Serialize)]
struct ApiError<'a> {
    code: &'a str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fields: Vec<ApiFieldError>,
}

#[derive(serde::Serialize)]
struct ApiFieldError {
    field: String,
    code: &'static str,
    message: String,
}

pub fn render_error(failure: &Failure, path: &str, lang: Lang, ctx: Option<&RequestContext>) -> Response {
    let message = lang.t(&format!("failure-{}", failure.code()));
    if path.starts_with("/api/") {
        let fields = match failure {
            Failure::Invalid(errors) => errors
                .0
                .iter()
                .map(|e| ApiFieldError {
                    field: e.field.clone(),
                    code: e.code,
                    message: field_message(lang, e),
                })
                .collect(),
            _ => Vec::new(),
        };
        let reason = match failure {
            Failure::BadRequest(reason) => Some(reason.clone()),
            _ => None,
        };
        let body = ApiError { code: failure.code(), message, reason, fields };
        return (failure.status(), Json(body)).into_response();
    }
    if let (Failure::Unauthorized, Some(ctx)) = (failure, ctx) {
        let next = form_urlencoded_component(&ctx.path);
        return Redirect::to(&format!("/login?next={next}")).into_response();
    }
    let page = match ctx {
        Some(ctx) => Page::new(ctx, &format!("failure-{}-title", failure.code())),
        None => Page::bare(lang, &format!("failure-{}-title", failure.code())),
    };
    let body = ErrorPage { page, message }.render().unwrap_or_else(|e| {
        tracing::error!(error = %e, "error page failed to render");
        String::from("Error")
    });
    let mut response = (failure.status(), Html(body)).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    response
}

/// The translated message for one field error, with its parameters.
pub fn field_message(lang: Lang, error: &kumppani_domain::validation::FieldError) -> String {
    lang.try_t_args(&format!("error-{}", error.code), &error.params)
        .unwrap_or_else(|| lang.t("error-invalid"))
}

/// Percent-encodes a value for a query string.
pub fn form_urlencoded_component(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}
