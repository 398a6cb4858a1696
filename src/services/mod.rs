//! Use cases shared by the pages, the JSON API and the command line: each checks access,
//! validates, writes in one transaction and records the change in the audit log.

pub mod accounts;
pub mod actors;
pub mod agreements;
pub mod attachments;
pub mod attention;
pub mod demo;
pub mod followup;
pub mod live;
pub mod partnerships;
pub mod secrets;
pub mod transfer;
pub mod workshop_analysis;
pub mod workshop_attachments;
pub mod workshop_maps;
pub mod workshops;

use uuid::Uuid;

use crate::error::Result;
use crate::store::{Timestamp, Tx, audit};

/// Who did it, and when: every write takes one.
#[derive(Debug, Clone, Copy)]
pub struct Change {
    pub user_id: Option<Uuid>,
    pub now: Timestamp,
}

/// What one audit entry says; the who and when come from the [`Change`].
pub struct Audit<'a> {
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: Option<Uuid>,
    pub summary: &'a str,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// Records one audit entry inside the caller's transaction.
pub async fn audit(tx: &mut Tx, change: Change, entry: Audit<'_>) -> Result<()> {
    let entry = audit::NewEntry {
        user_id: change.user_id,
        action: entry.action,
        entity_type: entry.entity_type,
        entity_id: entry.entity_id,
        summary: entry.summary,
        before: entry.before,
        after: entry.after,
    };
    audit::record(tx, Uuid::now_v7(), change.now, entry).await?;
    Ok(())
}
