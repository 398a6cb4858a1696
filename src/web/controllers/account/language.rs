//! The language switch on every page: remembered in a cookie, and on the account if signed in.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};

use crate::error::{Error, Result};
use crate::web::controllers::safe_next;
use crate::web::forms::FormData;
use crate::web::i18n::Lang;
use crate::web::session::{RequestContext, lang_cookie};
use crate::web::state::AppState;

pub async fn switch(State(state): State<AppState>, ctx: RequestContext, form: FormData) -> Result<Response> {
    let lang = Lang::parse(form.get("lang")).ok_or_else(|| Error::BadRequest("lang".into()))?;
    if let Some(principal) = ctx.viewer() {
        state.store.set_user_locale(principal.user_id, lang.code()).await?;
    }
    let mut response = Redirect::to(safe_next(form.get("next"))).into_response();
    response.headers_mut().append(header::SET_COOKIE, lang_cookie(&state, lang));
    Ok(response)
}
