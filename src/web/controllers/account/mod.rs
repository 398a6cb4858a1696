//! A person's own settings: language and API tokens.

pub mod language;
pub mod tokens;
