//! Kumppani: the partnership register and workbench of a city and its civic organisations.
//! Layers: `kumppani_domain` (rules, no IO) ← [`store`] (SQL on SQLite or PostgreSQL) ← [`web`].

pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod error;
pub mod services;
pub mod store;
pub mod web;
