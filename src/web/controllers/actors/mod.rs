//! The actor register's pages.

pub mod archive;
pub mod export;
pub mod form;
pub mod import;
pub mod list;
pub mod show;

use kumppani_domain::role::Principal;

use crate::store::actors::Visibility;

/// Staff see the whole register; others see published actors and their own.
pub fn visibility(viewer: Option<&Principal>) -> Visibility {
    match viewer {
        Some(p)
            if matches!(p.role, kumppani_domain::role::Role::Admin | kumppani_domain::role::Role::Staff) =>
        {
            Visibility::Everything
        }
        Some(p) => Visibility::PublishedOr(p.actor_ids.clone()),
        None => Visibility::PublishedOr(Vec::new()),
    }
}
