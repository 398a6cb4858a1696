//! Partnership pages: the list with its filters, one partnership with its phases and timeline,
//! the form, and the actions that move it along.

pub mod actions;
pub mod form;
pub mod list;
pub mod show;

use kumppani_domain::role::{Principal, Role};
use uuid::Uuid;

use crate::error::Result;
use crate::store::Store;
use crate::store::partnerships::ListScope;

/// Staff see every partnership; members the published ones and their own actors'.
pub fn scope(viewer: Option<&Principal>) -> ListScope {
    match viewer {
        Some(p) if matches!(p.role, Role::Admin | Role::Staff) => ListScope::Everything,
        Some(p) => ListScope::PublishedAnd(p.actor_ids.clone()),
        None => ListScope::Published,
    }
}

/// A party as typed in the form: an actor id, an actor page address, or an actor's exact name.
/// Anything else is passed on unchanged for validation to report.
pub async fn resolve_actor(store: &Store, typed: &str) -> Result<String> {
    let typed = typed.trim();
    let candidate = typed.trim_end_matches('/').rsplit('/').next().unwrap_or(typed);
    if Uuid::parse_str(candidate).is_ok() || typed.is_empty() {
        return Ok(candidate.to_owned());
    }
    Ok(store.actor_by_exact_name(typed).await?.map(|id| id.to_string()).unwrap_or_else(|| typed.to_owned()))
}
