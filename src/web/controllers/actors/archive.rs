//! Archiving an actor: hidden from listings, kept for everything that refers to it.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};

use crate::error::Result;
use crate::services;
use crate::web::controllers::parse_id;
use crate::web::forms::FormData;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

pub async fn archive(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    _form: FormData,
) -> Result<Response> {
    let id = parse_id(&id)?;
    services::actors::archive(&state.store, ctx.viewer(), id, ctx.change()).await?;
    Ok(Redirect::to(&format!("/actors/{id}?notice=archived")).into_response())
}
