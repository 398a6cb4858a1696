//! Signing in and out, and the one-time set-up of the first administrator.

pub mod login;
pub mod logout;
pub mod setup;

use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use uuid::Uuid;

use crate::error::Result;
use crate::services::secrets;
use crate::web::session::session_cookie;
use crate::web::state::AppState;

/// Starts a session under a fresh token (never the one used before login) and redirects.
pub async fn start_session(
    state: &AppState,
    user_id: Uuid,
    now: crate::store::Timestamp,
    to: &str,
) -> Result<Response> {
    let token = secrets::random_token();
    state.store.create_session(&secrets::token_hash(&token), user_id, now).await?;
    let mut response = Redirect::to(to).into_response();
    response.headers_mut().append(header::SET_COOKIE, session_cookie(state, &token));
    Ok(response)
}
