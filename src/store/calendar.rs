//! Secret calendar feed addresses: one per user, kept as a hash, replaced or revoked at will.

use uuid::Uuid;

use super::{Store, StoreError, Timestamp, Tx, on_pool, on_tx};

impl Store {
    pub async fn calendar_user(&self, token_hash: &str) -> Result<Option<Uuid>, StoreError> {
        let user = on_pool!(&self.db, |pool| {
            sqlx::query_scalar::<_, Uuid>(
                "SELECT c.user_id FROM calendar_tokens c JOIN users u ON u.id = c.user_id
                 WHERE c.token_hash = $1 AND u.disabled_at IS NULL",
            )
            .bind(token_hash)
            .fetch_optional(pool)
            .await
        })?;
        Ok(user)
    }

    pub async fn calendar_created_at(&self, user_id: Uuid) -> Result<Option<Timestamp>, StoreError> {
        let at = on_pool!(&self.db, |pool| {
            sqlx::query_scalar::<_, Timestamp>("SELECT created_at FROM calendar_tokens WHERE user_id = $1")
                .bind(user_id)
                .fetch_optional(pool)
                .await
        })?;
        Ok(at)
    }
}

/// Gives the user a new address; the old one stops working at once.
pub async fn replace(tx: &mut Tx, user_id: Uuid, token_hash: &str, now: Timestamp) -> Result<(), StoreError> {
    on_tx!(tx, |conn| {
        sqlx::query(
            "INSERT INTO calendar_tokens (user_id, token_hash, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at",
        )
        .bind(user_id)
        .bind(token_hash)
        .bind(now)
        .execute(conn)
        .await
        .map(|_| ())
    })?;
    Ok(())
}

pub async fn revoke(tx: &mut Tx, user_id: Uuid) -> Result<bool, StoreError> {
    let removed = on_tx!(tx, |conn| {
        sqlx::query("DELETE FROM calendar_tokens WHERE user_id = $1")
            .bind(user_id)
            .execute(conn)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(removed > 0)
}
