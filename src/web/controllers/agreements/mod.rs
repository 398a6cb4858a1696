//! Agreement pages: drafting a version, the printable agreement with its acceptances, and the
//! acceptances, papers, funder decisions and attachments recorded on it.

pub mod actions;
pub mod form;
pub mod show;
