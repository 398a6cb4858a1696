//! Deliverables: adding one to a partnership, the deliverable's page with its submission and
//! review history, and submitting, reviewing and attaching files.

pub mod actions;
pub mod show;
