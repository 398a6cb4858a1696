//! Login sessions, stored by the hash of their cookie token so a copy of the database
//! does not hand out live sessions.

use kumppani_domain::role::Role;
use sqlx::FromRow;
use uuid::Uuid;

use super::{Store, StoreError, Timestamp, on_pool};

#[derive(Debug, Clone)]
pub struct SessionUser {
    pub user_id: Uuid,
    pub created_at: Timestamp,
    pub last_seen_at: Timestamp,
    pub role: String,
    pub display_name: String,
    pub email: String,
    pub locale: Option<String>,
    /// The actors the user acts for, in id order.
    pub actor_ids: Vec<Uuid>,
}

/// One row per actor the user acts for (or one with none), so a request needs one query.
#[derive(FromRow)]
struct SessionRow {
    user_id: Uuid,
    created_at: Timestamp,
    last_seen_at: Timestamp,
    role: String,
    display_name: String,
    email: String,
    locale: Option<String>,
    actor_id: Option<Uuid>,
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

    /// The session's user with the actors they act for, unless the account is disabled.
    pub async fn session_user(&self, token_hash: &str) -> Result<Option<SessionUser>, StoreError> {
        let rows = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, SessionRow>(
                "SELECT s.user_id, s.created_at, s.last_seen_at, u.role, u.display_name, u.email, u.locale,
                        ua.actor_id
                 FROM sessions s JOIN users u ON u.id = s.user_id
                 LEFT JOIN user_actors ua ON ua.user_id = u.id
                 WHERE s.token_hash = $1 AND u.disabled_at IS NULL
                 ORDER BY ua.actor_id",
            )
            .bind(token_hash)
            .fetch_all(pool)
            .await
        })?;
        let actor_ids = rows.iter().filter_map(|r| r.actor_id).collect();
        Ok(rows.into_iter().next().map(|r| SessionUser {
            user_id: r.user_id,
            created_at: r.created_at,
            last_seen_at: r.last_seen_at,
            role: r.role,
            display_name: r.display_name,
            email: r.email,
            locale: r.locale,
            actor_ids,
        }))
    }

    /// Marks the session used at `now`, unless it is gone or was started before
    /// `started_after`; `false` means there is no live session to keep.
    pub async fn touch_session(
        &self,
        token_hash: &str,
        now: Timestamp,
        started_after: Timestamp,
    ) -> Result<bool, StoreError> {
        let touched = on_pool!(&self.db, |pool| {
            sqlx::query("UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1 AND created_at > $3")
                .bind(token_hash)
                .bind(now)
                .bind(started_after)
                .execute(pool)
                .await
                .map(|r| r.rows_affected() > 0)
        })?;
        Ok(touched)
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
