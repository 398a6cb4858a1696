//! Login sessions, stored by the hash of their cookie token so a copy of the database
//! does not hand out live sessions.

use kumppani_domain::role::Role;
use sqlx::FromRow;
use uuid::Uuid;

use super::{Store, StoreError, Timestamp, on_pool};

#[derive(Debug, Clone, FromRow)]
pub struct SessionUser {
    pub user_id: Uuid,
    pub created_at: Timestamp,
    pub last_seen_at: Timestamp,
    pub role: String,
    pub display_name: String,
    pub email: String,
    pub locale: Option<String>,
}

impl SessionUser {
    pub fn role(&self) -> Option<Role> {
        Role::parse(&self.role)
    }
}

impl Store {
    pub async fn create_session(
        &self,
        token_hash: &str,
        user_id: Uuid,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        on_pool!(&self.db, |pool| {
            sqlx::query(
                "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)",
            )
            .bind(token_hash)
            .bind(user_id)
            .bind(now)
            .execute(pool)
            .await.map(|_| ())
        })?;
        Ok(())
    }

    /// The session's user, unless the account is disabled.
    pub async fn session_user(&self, token_hash: &str) -> Result<Option<SessionUser>, StoreError> {
        let row = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, SessionUser>(
                "SELECT s.user_id, s.created_at, s.last_seen_at, u.role, u.display_name, u.email, u.locale
                 FROM sessions s JOIN users u ON u.id = s.user_id
                 WHERE s.token_hash = $1 AND u.disabled_at IS NULL",
            )
            .bind(token_hash)
            .fetch_optional(pool)
            .await
        })?;
        Ok(row)
    }

    pub async fn touch_session(&self, token_hash: &str, now: Timestamp) -> Result<(), StoreError> {
        on_pool!(&self.db, |pool| {
            sqlx::query("UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1")
                .bind(token_hash)
                .bind(now)
                .execute(pool)
                .await
                .map(|_| ())
        })?;
        Ok(())
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        on_pool!(&self.db, |pool| {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                .bind(token_hash)
                .execute(pool)
                .await
                .map(|_| ())
        })?;
        Ok(())
    }

    /// Removes sessions idle since `idle_before` or started before `started_before`.
    pub async fn delete_expired_sessions(
        &self,
        idle_before: Timestamp,
        started_before: Timestamp,
    ) -> Result<u64, StoreError> {
        let done = on_pool!(&self.db, |pool| {
            sqlx::query("DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2")
                .bind(idle_before)
                .bind(started_before)
                .execute(pool)
                .await
                .map(|r| r.rows_affected())
        })?;
        Ok(done)
    }
}
