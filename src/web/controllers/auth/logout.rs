//! Signing out ends the session on the server, not just in the browser.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};

use crate::error::Result;
use crate::services::secrets;
use crate::web::forms::FormData;
use crate::web::session::{RequestContext, session_cookie};
use crate::web::state::AppState;

pub async fn submit(State(state): State<AppState>, ctx: RequestContext, _form: FormData) -> Result<Response> {
    state.store.delete_session(&secrets::token_hash(&ctx.session_token)).await?;
    let mut response = Redirect::to("/login?notice=signed-out").into_response();
    response.headers_mut().append(header::SET_COOKIE, session_cookie(&state, &secrets::random_token()));
    Ok(response)
}
