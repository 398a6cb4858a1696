//! The one error type of the application; the web layer renders it as a page or as JSON.

use kumppani_domain::actor::Actor;
use kumppani_domain::validation::FieldErrors;

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not found")]
    NotFound,
    /// The viewer may see the record but not do this to it.
    #[error("forbidden")]
    Forbidden,
    #[error("login required")]
    Unauthorized,
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// Someone else saved the record first; it holds the current version.
    #[error("edit conflict")]
    EditConflict(Box<Actor>),
    /// Someone else changed the record first; reload and try again.
    #[error("conflict")]
    Conflict,
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("CSRF check failed")]
    Csrf,
    #[error("too many attempts")]
    TooManyAttempts { retry_after_minutes: i64 },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    pub fn invalid(field: &str, code: &'static str) -> Self {
        let mut errors = FieldErrors::new();
        errors.add(field, code);
        Error::Invalid(errors)
    }

    pub fn internal(cause: impl std::fmt::Display) -> Self {
        Error::Internal(cause.to_string())
    }
}

impl From<FieldErrors> for Error {
    fn from(errors: FieldErrors) -> Self {
        Error::Invalid(errors)
    }
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        Error::Store(StoreError::Sqlx(e))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
