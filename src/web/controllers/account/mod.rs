//! A person's own settings: language, API tokens and the calendar feed.

pub mod calendar;
pub mod language;
pub mod tokens;
