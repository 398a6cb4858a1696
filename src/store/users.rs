//! Accounts and which actors each organisation member represents.

use kumppani_domain::role::{Principal, Role};
use sqlx::FromRow;
use uuid::Uuid;

use super::{Store, StoreError, Timestamp, Tx, on_pool, on_tx};

#[derive(Debug, Clone, FromRow)]
struct UserRow {
    id: Uuid,
    email: String,
    display_name: String,
    password_hash: String,
    role: String,
    locale: Option<String>,
    created_at: Timestamp,
    disabled_at: Option<Timestamp>,
}

#[derive(Debug, Clone)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: Role,
    pub locale: Option<String>,
    pub created_at: Timestamp,
    pub disabled: bool,
}

impl TryFrom<UserRow> for User {
    type Error = StoreError;

    fn try_from(row: UserRow) -> Result<Self, StoreError> {
        Ok(User {
            role: Role::parse(&row.role)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown role {}", row.role)))?,
            id: row.id,
            email: row.email,
            display_name: row.display_name,
            password_hash: row.password_hash,
            locale: row.locale,
            created_at: row.created_at,
            disabled: row.disabled_at.is_some(),
        })
    }
}

pub struct NewUser<'a> {
    pub id: Uuid,
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub locale: Option<&'a str>,
}

const USER_COLUMNS: &str = "id, email, display_name, password_hash, role, locale, created_at, disabled_at";

impl Store {
    pub async fn user_count(&self) -> Result<i64, StoreError> {
        let count = on_pool!(&self.db, |pool| {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM users").fetch_one(pool).await
        })?;
        Ok(count)
    }

    pub async fn user_by_email(&self, email: &str) -> Result<Option<User>, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1");
        let row = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, UserRow>(sqlx::AssertSqlSafe(sql))
                .bind(email.trim().to_lowercase())
                .fetch_optional(pool)
                .await
        })?;
        row.map(User::try_from).transpose()
    }

    pub async fn user_by_id(&self, id: Uuid) -> Result<Option<User>, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
        let row = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, UserRow>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await
        })?;
        row.map(User::try_from).transpose()
    }

    pub async fn list_users(&self) -> Result<Vec<User>, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users ORDER BY email");
        let rows = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, UserRow>(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await
        })?;
        rows.into_iter().map(User::try_from).collect()
    }

    pub async fn user_actor_ids(&self, user_id: Uuid) -> Result<Vec<Uuid>, StoreError> {
        let ids = on_pool!(&self.db, |pool| {
            sqlx::query_scalar::<_, Uuid>(
                "SELECT actor_id FROM user_actors WHERE user_id = $1 ORDER BY actor_id",
            )
            .bind(user_id)
            .fetch_all(pool)
            .await
        })?;
        Ok(ids)
    }

    pub async fn principal(&self, user: &User) -> Result<Principal, StoreError> {
        Ok(Principal { user_id: user.id, role: user.role, actor_ids: self.user_actor_ids(user.id).await? })
    }

    pub async fn set_user_locale(&self, user_id: Uuid, locale: &str) -> Result<(), StoreError> {
        on_pool!(&self.db, |pool| {
            sqlx::query("UPDATE users SET locale = $2 WHERE id = $1")
                .bind(user_id)
                .bind(locale)
                .execute(pool)
                .await
                .map(|_| ())
        })?;
        Ok(())
    }
}

pub async fn insert(tx: &mut Tx, user: &NewUser<'_>, now: Timestamp) -> Result<(), StoreError> {
    on_tx!(tx, |conn| {
        sqlx::query(
            "INSERT INTO users (id, email, display_name, password_hash, role, locale, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(user.id)
        .bind(user.email.trim().to_lowercase())
        .bind(user.display_name)
        .bind(user.password_hash)
        .bind(user.role.as_str())
        .bind(user.locale)
        .bind(now)
        .execute(conn)
        .await
        .map(|_| ())
    })?;
    Ok(())
}

pub async fn link_actor(tx: &mut Tx, user_id: Uuid, actor_id: Uuid) -> Result<(), StoreError> {
    on_tx!(tx, |conn| {
        sqlx::query("INSERT INTO user_actors (user_id, actor_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(user_id)
            .bind(actor_id)
            .execute(conn)
            .await
            .map(|_| ())
    })?;
    Ok(())
}

pub async fn count_in_tx(tx: &mut Tx) -> Result<i64, StoreError> {
    let count = on_tx!(tx, |conn| {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM users").fetch_one(conn).await
    })?;
    Ok(count)
}
