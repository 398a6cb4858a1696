//! Administration: the audit log and user accounts.

pub mod audit;
pub mod users;
