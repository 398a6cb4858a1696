//! The audit log: who changed which record when, with the values before and after.
//! Entries are written in the same transaction as the change they describe.

use serde_json::Value;
use sqlx::FromRow;
use sqlx::types::Json;
use uuid::Uuid;

use super::{Store, StoreError, Timestamp, Tx, on_pool, on_tx};

pub struct NewEntry<'a> {
    pub user_id: Option<Uuid>,
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: Option<Uuid>,
    pub summary: &'a str,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

#[derive(Debug, Clone, FromRow)]
pub struct Entry {
    pub id: Uuid,
    pub at: Timestamp,
    pub user_id: Option<Uuid>,
    pub user_email: Option<String>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<Uuid>,
    pub summary: String,
    pub before_value: Option<Json<Value>>,
    pub after_value: Option<Json<Value>>,
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub entity_type: Option<String>,
    pub entity_id: Option<Uuid>,
    pub user_id: Option<Uuid>,
    pub action: Option<String>,
    pub page: u32,
    pub per_page: u32,
}

pub async fn record(tx: &mut Tx, id: Uuid, at: Timestamp, entry: NewEntry<'_>) -> Result<(), StoreError> {
    on_tx!(tx, |conn| {
        sqlx::query(
            "INSERT INTO audit_log (id, at, user_id, action, entity_type, entity_id, summary, before_value, after_value)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(id)
        .bind(at)
        .bind(entry.user_id)
        .bind(entry.action)
        .bind(entry.entity_type)
        .bind(entry.entity_id)
        .bind(entry.summary)
        .bind(entry.before.map(Json))
        .bind(entry.after.map(Json))
        .execute(conn)
        .await.map(|_| ())
    })?;
    Ok(())
}

impl Store {
    /// Newest first; returns one page and whether more follow.
    pub async fn audit_entries(&self, filter: &Filter) -> Result<(Vec<Entry>, bool), StoreError> {
        let per_page = filter.per_page.clamp(1, 200);
        let limit = i64::from(per_page) + 1;
        let offset = i64::from(filter.page.saturating_sub(1)) * i64::from(per_page);
        let mut rows = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, Entry>(
                "SELECT a.id, a.at, a.user_id, u.email AS user_email, a.action, a.entity_type, a.entity_id,
                        a.summary, a.before_value, a.after_value
                 FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
                 WHERE ($1 IS NULL OR a.entity_type = $1)
                   AND ($2 IS NULL OR a.entity_id = $2)
                   AND ($3 IS NULL OR a.user_id = $3)
                   AND ($4 IS NULL OR a.action = $4)
                 ORDER BY a.at DESC, a.id DESC
                 LIMIT $5 OFFSET $6",
            )
            .bind(filter.entity_type.as_deref())
            .bind(filter.entity_id)
            .bind(filter.user_id)
            .bind(filter.action.as_deref())
            .bind(limit)
            .bind(offset)
            .fetch_all(pool)
            .await
        })?;
        let more = rows.len() as i64 > i64::from(per_page);
        rows.truncate(per_page as usize);
        Ok((rows, more))
    }
}
