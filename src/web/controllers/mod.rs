//! Request handlers, one folder per resource and one file per action.

pub mod account;
pub mod actors;
pub mod admin;
pub mod agreements;
pub mod api;
pub mod assets;
pub mod attachments;
pub mod attention;
pub mod auth;
pub mod commitments;
pub mod cycle;
pub mod deliverables;
pub mod health;
pub mod home;
pub mod partnerships;
pub mod workshops;

use askama::Template;
use axum::response::{Html, IntoResponse, Response};

use crate::error::{Error, Result};

/// Renders a page template into a response.
pub fn html(template: &impl Template) -> Result<Response> {
    Ok(Html(template.render().map_err(Error::internal)?).into_response())
}

/// Like [`html`], with a status (422 for a form with errors, 409 for an edit conflict).
pub fn html_with_status(status: axum::http::StatusCode, template: &impl Template) -> Result<Response> {
    Ok((status, Html(template.render().map_err(Error::internal)?)).into_response())
}

/// Parses a record id from the URL; anything malformed is simply not found.
pub fn parse_id(raw: &str) -> Result<uuid::Uuid> {
    uuid::Uuid::parse_str(raw).map_err(|_| Error::NotFound)
}

/// Only local paths are followed after login or a language change (no open redirects).
pub fn safe_next(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.starts_with("/\\") { next } else { "/" }
}
