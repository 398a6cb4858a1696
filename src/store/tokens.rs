//! API bearer tokens: stored hashed, scoped to their owner's role, revocable.

use sqlx::FromRow;
use uuid::Uuid;

use super::{Store, StoreError, Timestamp, Tx, on_pool, on_tx};

#[derive(Debug, Clone, FromRow)]
pub struct ApiToken {
    pub id: Uuid,
    pub user_id: Uuid,
    pub name: String,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
    pub revoked_at: Option<Timestamp>,
}

impl Store {
    /// The owner of a live token.
    pub async fn token_user(&self, token_hash: &str) -> Result<Option<Uuid>, StoreError> {
        let user = on_pool!(&self.db, |pool| {
            sqlx::query_scalar::<_, Uuid>(
                "SELECT t.user_id FROM api_tokens t JOIN users u ON u.id = t.user_id
                 WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled_at IS NULL",
            )
            .bind(token_hash)
            .fetch_optional(pool)
            .await
        })?;
        Ok(user)
    }

    pub async fn user_tokens(&self, user_id: Uuid) -> Result<Vec<ApiToken>, StoreError> {
        let tokens = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, ApiToken>(
                "SELECT id, user_id, name, created_at, last_used_at, revoked_at FROM api_tokens
                 WHERE user_id = $1 ORDER BY created_at DESC",
            )
            .bind(user_id)
            .fetch_all(pool)
            .await
        })?;
        Ok(tokens)
    }
}

pub async fn insert(
    tx: &mut Tx,
    id: Uuid,
    user_id: Uuid,
    name: &str,
    token_hash: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    on_tx!(tx, |conn| {
        sqlx::query(
            "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(user_id)
        .bind(name)
        .bind(token_hash)
        .bind(now)
        .execute(conn)
        .await
        .map(|_| ())
    })?;
    Ok(())
}

/// Revokes one of the user's own tokens; `false` when there was no such live token.
pub async fn revoke(tx: &mut Tx, id: Uuid, user_id: Uuid, now: Timestamp) -> Result<bool, StoreError> {
    let done = on_tx!(tx, |conn| {
        sqlx::query(
            "UPDATE api_tokens SET revoked_at = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL",
        )
        .bind(id)
        .bind(user_id)
        .bind(now)
        .execute(conn)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(done == 1)
}
