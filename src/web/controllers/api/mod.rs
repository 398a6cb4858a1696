//! The JSON API under /api/v1: the same services as the pages, bearer tokens for writes.

pub mod actors;
pub mod agreements;
pub mod followup;
pub mod openapi;
pub mod partnerships;
pub mod workshops;

use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::web::state::AppState;

/// A JSON body whose problems become 400 (with the parser's reason) or 413, never a 500.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for ApiJson<T> {
    type Rejection = Error;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Error> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                Err(Error::PayloadTooLarge)
            }
            Err(rejection) => Err(Error::BadRequest(rejection.body_text())),
        }
    }
}
