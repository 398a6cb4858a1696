//! Who is asking, in which language: resolves the session cookie or bearer token once per
//! request into a [`RequestContext`], and renders errors as pages or JSON in that language.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use kumppani_domain::role::{Principal, Role};
use time::Duration;

use super::error::render_error;
use super::i18n::Lang;
use super::state::AppState;
use super::{csrf, error::Failure};
use crate::error::Error;
use crate::services::secrets;
use crate::store::Timestamp;

pub const SESSION_COOKIE: &str = "kumppani_session";
pub const LANG_COOKIE: &str = "kumppani_lang";
/// A workshop participant's token; its path is the workshop's, so each workshop has its own.
pub const PARTICIPANT_COOKIE: &str = "kumppani_participant";
pub const IDLE_TIMEOUT: Duration = Duration::minutes(30);
pub const ABSOLUTE_TIMEOUT: Duration = Duration::hours(12);
/// Sessions are touched at most this often, so a busy page does not write on every request.
const TOUCH_INTERVAL: Duration = Duration::seconds(60);

#[derive(Debug, Clone)]
pub struct SignedInUser {
    pub display_name: String,
    pub email: String,
}

#[derive(Debug, Clone)]
pub struct RequestContext {
    /// The session cookie's value; anonymous visitors get one too, for CSRF tokens.
    pub session_token: String,
    pub principal: Option<Principal>,
    pub user: Option<SignedInUser>,
    /// Authenticated by an API token rather than a cookie.
    pub bearer: bool,
    pub lang: Lang,
    pub now: Timestamp,
    pub csrf_token: String,
    /// Path and query of this request, for "back here after login or language change".
    pub path: String,
    pub client_address: String,
}

impl RequestContext {
    pub fn viewer(&self) -> Option<&Principal> {
        self.principal.as_ref()
    }

    pub fn is_staff(&self) -> bool {
        self.principal.as_ref().is_some_and(|p| matches!(p.role, Role::Admin | Role::Staff))
    }

    pub fn change(&self) -> crate::services::Change {
        crate::services::Change { user_id: self.principal.as_ref().map(|p| p.user_id), now: self.now }
    }
}

impl FromRequestParts<AppState> for RequestContext {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _state: &AppState) -> Result<Self, Error> {
        parts
            .extensions
            .get::<RequestContext>()
            .cloned()
            .ok_or_else(|| Error::internal("request context middleware is not installed"))
    }
}

pub fn cookie_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

pub fn session_cookie(state: &AppState, token: &str) -> HeaderValue {
    let secure = if state.config.https { "; Secure" } else { "" };
    HeaderValue::from_str(&format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax{secure}"))
        .unwrap_or_else(|_| HeaderValue::from_static("kumppani_session=; Path=/"))
}

pub fn lang_cookie(state: &AppState, lang: Lang) -> HeaderValue {
    let secure = if state.config.https { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}",
        lang.code()
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("kumppani_lang=fi; Path=/"))
}

/// Loads the session, then turns any error the handler returned into a page or JSON.
pub async fn context(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let client_address = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_string())
        .unwrap_or_else(|| "unknown".into());
    let path_and_query =
        request.uri().path_and_query().map(|pq| pq.as_str().to_owned()).unwrap_or_else(|| "/".into());
    let ctx = match resolve(&state, request.headers(), path_and_query, client_address).await {
        Ok(ctx) => ctx,
        Err(e) => {
            let lang = Lang::default();
            let failure = Failure::from_error(&e);
            return render_error(&failure, request.uri().path(), lang, None);
        }
    };
    let is_new_token = cookie_value(request.headers(), SESSION_COOKIE) != Some(ctx.session_token.as_str());
    let path = request.uri().path().to_owned();
    request.extensions_mut().insert(ctx.clone());
    let mut response = next.run(request).await;
    if let Some(failure) = response.extensions().get::<Failure>().cloned() {
        let status = response.status();
        let mut rendered = render_error(&failure, &path, ctx.lang, Some(&ctx));
        if !matches!(failure, Failure::Unauthorized) || path.starts_with("/api/") {
            *rendered.status_mut() = status;
        }
        for (name, value) in response.headers() {
            if name == header::SET_COOKIE || name == header::RETRY_AFTER {
                rendered.headers_mut().append(name, value.clone());
            }
        }
        response = rendered;
    }
    let sets_session = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|v| v.as_bytes().starts_with(SESSION_COOKIE.as_bytes()));
    if is_new_token && !ctx.bearer && !sets_session {
        response.headers_mut().append(header::SET_COOKIE, session_cookie(&state, &ctx.session_token));
    }
    response
}

async fn resolve(
    state: &AppState,
    headers: &HeaderMap,
    path: String,
    client_address: String,
) -> Result<RequestContext, Error> {
    let now = state.clock.now();

    let mut principal = None;
    let mut user = None;
    let mut locale = None;
    let mut bearer = false;
    let mut session_token = None;

    if let Some(auth) = headers.get(header::AUTHORIZATION) {
        let token = auth.to_str().ok().and_then(|v| v.strip_prefix("Bearer ")).ok_or(Error::Unauthorized)?;
        let user_id =
            state.store.token_user(&secrets::token_hash(token.trim())).await?.ok_or(Error::Unauthorized)?;
        let found = state.store.user_by_id(user_id).await?.ok_or(Error::Unauthorized)?;
        principal = Some(state.store.principal(&found).await?);
        user = Some(SignedInUser { display_name: found.display_name, email: found.email });
        locale = found.locale;
        bearer = true;
    } else if let Some(token) = cookie_value(headers, SESSION_COOKIE).filter(|t| t.len() == 43) {
        let hash = secrets::token_hash(token);
        if let Some(session) = state.store.session_user(&hash).await? {
            let idle = now.get() - session.last_seen_at.get();
            let age = now.get() - session.created_at.get();
            if idle > IDLE_TIMEOUT || age > ABSOLUTE_TIMEOUT {
                state.store.delete_session(&hash).await?;
            } else if let Some(role) = session.role() {
                if idle > TOUCH_INTERVAL {
                    state
                        .store
                        .touch_session(&hash, now, Timestamp::new(now.get() - ABSOLUTE_TIMEOUT))
                        .await?;
                }
                principal = Some(Principal { user_id: session.user_id, role, actor_ids: session.actor_ids });
                user = Some(SignedInUser { display_name: session.display_name, email: session.email });
                locale = session.locale;
                session_token = Some(token.to_owned());
            }
        } else {
            session_token = Some(token.to_owned());
        }
    }
    let session_token = session_token.unwrap_or_else(secrets::random_token);
    let lang = locale
        .as_deref()
        .and_then(Lang::parse)
        .or_else(|| cookie_value(headers, LANG_COOKIE).and_then(Lang::parse))
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or_default();
    Ok(RequestContext {
        csrf_token: csrf::token(&state.csrf_key, &session_token),
        session_token,
        principal,
        user,
        bearer,
        lang,
        now,
        path,
        client_address,
    })
}

/// Makes an error into a response the [`context`] middleware will render.
impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let failure = Failure::from_error(&self);
        let mut response = failure.status().into_response();
        if let Failure::TooManyAttempts(minutes) = failure
            && let Ok(value) = HeaderValue::from_str(&(minutes * 60).to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response.extensions_mut().insert(failure);
        response
    }
}
