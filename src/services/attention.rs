//! The attention list for a viewer (the whole city for staff, their own partnerships for an
//! organisation member) and the secret calendar feed of its deadlines.

use std::sync::Arc;

use kumppani_domain::attention::{AttentionItem, AttentionKind};
use kumppani_domain::role::{Principal, Role};
use time::Date;
use uuid::Uuid;

use super::{Audit, Change, audit, secrets};
use crate::error::{Error, Result};
use crate::store::Store;
use crate::store::attention::{AttentionList, AttentionScope};
use crate::store::calendar;

pub fn scope(viewer: &Principal) -> AttentionScope {
    match viewer.role {
        Role::Admin | Role::Staff => AttentionScope::Everything,
        Role::Member => {
            let mut actors = viewer.actor_ids.clone();
            actors.sort();
            AttentionScope::Actors(actors)
        }
    }
}

/// The overview: the first lines of each kind and how many there are.
pub async fn list(store: &Store, viewer: Option<&Principal>, today: Date) -> Result<Arc<AttentionList>> {
    let viewer = viewer.ok_or(Error::Unauthorized)?;
    Ok(store.attention(&scope(viewer), today).await?)
}

/// Lines on one page of one kind, 1-based.
pub const LINES_PER_PAGE: i64 = 50;

pub async fn list_kind(
    store: &Store,
    viewer: Option<&Principal>,
    today: Date,
    kind: AttentionKind,
    page: i64,
) -> Result<AttentionList> {
    let viewer = viewer.ok_or(Error::Unauthorized)?;
    let offset = (page.max(1) - 1).saturating_mul(LINES_PER_PAGE);
    Ok(store.attention_of_kind(&scope(viewer), today, kind, offset, LINES_PER_PAGE).await?)
}

/// Deadlines a calendar shows at most per kind; far more than anyone follows in a calendar.
const FEED_LINES_PER_KIND: i64 = 500;

/// Every dated line of the owner's list, for the calendar feed.
pub async fn deadlines(store: &Store, owner: &Principal, today: Date) -> Result<Vec<AttentionItem>> {
    let scope = scope(owner);
    let mut items = Vec::new();
    for kind in AttentionKind::ALL {
        let list = store.attention_of_kind(&scope, today, *kind, 0, FEED_LINES_PER_KIND).await?;
        items.extend(list.items.into_iter().filter(|item| item.date.is_some()));
    }
    Ok(items)
}

/// A new secret feed address for the user; returns the token, shown once.
pub async fn renew_calendar(store: &Store, user_id: Uuid, change: Change) -> Result<String> {
    let token = secrets::random_token();
    let mut tx = store.begin().await?;
    calendar::replace(&mut tx, user_id, &secrets::token_hash(&token), change.now).await?;
    let entry = Audit {
        action: "calendar_renew",
        entity_type: "user",
        entity_id: Some(user_id),
        summary: "calendar feed",
        before: None,
        after: None,
    };
    audit(&mut tx, change, entry).await?;
    tx.commit().await?;
    Ok(token)
}

pub async fn revoke_calendar(store: &Store, user_id: Uuid, change: Change) -> Result<()> {
    let mut tx = store.begin().await?;
    if calendar::revoke(&mut tx, user_id).await? {
        let entry = Audit {
            action: "calendar_revoke",
            entity_type: "user",
            entity_id: Some(user_id),
            summary: "calendar feed",
            before: None,
            after: None,
        };
        audit(&mut tx, change, entry).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The user behind a feed address, as a principal with their chosen language; unknown or
/// revoked addresses are not found.
pub async fn calendar_owner(store: &Store, token: &str) -> Result<(Principal, Option<String>)> {
    let user_id = store.calendar_user(&secrets::token_hash(token)).await?.ok_or(Error::NotFound)?;
    let user = store.user_by_id(user_id).await?.ok_or(Error::NotFound)?;
    Ok((store.principal(&user).await?, user.locale))
}
