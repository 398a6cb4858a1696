//! CSRF defence: a token bound to the session cookie by HMAC, required in every form post,
//! plus a same-origin check on the Origin and Sec-Fetch-Site headers of every unsafe request.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::state::AppState;
use crate::error::Error;

pub const FIELD: &str = "csrf_token";

pub fn token(key: &[u8], session_token: &str) -> String {
    bound_token(key, b"csrf:", session_token)
}

/// The token of a workshop participant's forms, bound to their participant cookie: they have
/// no account, and their cookie is scoped to the workshop's pages.
pub fn participant_token(key: &[u8], participant_token: &str) -> String {
    bound_token(key, b"participant-csrf:", participant_token)
}

pub fn verify_participant(key: &[u8], participant_token: &str, submitted: &str) -> bool {
    verify_bound(key, b"participant-csrf:", participant_token, submitted)
}

fn bound_token(key: &[u8], purpose: &[u8], bound_to: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap_or_else(|_| unreachable_key());
    mac.update(purpose);
    mac.update(bound_to.as_bytes());
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

/// HMAC accepts keys of any length, so this cannot happen.
fn unreachable_key() -> Hmac<Sha256> {
    panic!("HMAC-SHA256 accepts any key length")
}

pub fn verify(key: &[u8], session_token: &str, submitted: &str) -> bool {
    verify_bound(key, b"csrf:", session_token, submitted)
}

fn verify_bound(key: &[u8], purpose: &[u8], bound_to: &str, submitted: &str) -> bool {
    let Ok(submitted) = URL_SAFE_NO_PAD.decode(submitted) else { return false };
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap_or_else(|_| unreachable_key());
    mac.update(purpose);
    mac.update(bound_to.as_bytes());
    mac.verify_slice(&submitted).is_ok()
}

/// Refuses unsafe requests sent from another site. Requests with a bearer token carry no
/// ambient credentials and are exempt.
pub async fn same_origin(State(_state): State<AppState>, request: Request, next: Next) -> Response {
    let unsafe_method = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if unsafe_method
        && !request.headers().contains_key(header::AUTHORIZATION)
        && !is_same_origin(request.headers())
    {
        return Error::Csrf.into_response();
    }
    next.run(request).await
}

fn is_same_origin(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return false;
    }
    match (headers.get(header::ORIGIN), headers.get(header::HOST)) {
        (Some(origin), Some(host)) => {
            let origin = origin.to_str().unwrap_or("");
            let host = host.to_str().unwrap_or("");
            origin.split_once("://").is_some_and(|(_, rest)| rest == host)
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_is_bound_to_the_session() {
        let key = b"0123456789abcdef";
        let t = token(key, "session-a");
        assert!(verify(key, "session-a", &t));
        assert!(!verify(key, "session-b", &t));
        assert!(!verify(key, "session-a", "forged"));
        let p = participant_token(key, "session-a");
        assert_ne!(p, t, "a participant token is not a session token");
        assert!(verify_participant(key, "session-a", &p));
        assert!(!verify_participant(key, "session-a", &t));
        assert!(!verify(key, "session-a", &p));
    }

    #[test]
    fn cross_site_requests_are_refused() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, "127.0.0.1:8080".parse().unwrap_or_else(|_| unreachable!()));
        headers.insert(header::ORIGIN, "https://evil.example".parse().unwrap_or_else(|_| unreachable!()));
        assert!(!is_same_origin(&headers));
        headers.insert(header::ORIGIN, "http://127.0.0.1:8080".parse().unwrap_or_else(|_| unreachable!()));
        assert!(is_same_origin(&headers));
        headers.insert("sec-fetch-site", "cross-site".parse().unwrap_or_else(|_| unreachable!()));
        assert!(!is_same_origin(&headers));
    }
}
