//! Integration tests: the real server on a random port, against SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

#[path = "../support/mod.rs"]
mod support;

mod access;
mod accessibility;
mod actors;
mod agreements;
mod api;
mod attention;
mod auth;
mod demo;
mod followup;
mod partnerships;
mod platform;
mod transfer;
mod workshop_analysis;
mod workshop_attachments;
mod workshop_maps;
mod workshops;
