//! Persistence: one store over SQLite or PostgreSQL, running the same SQL text on either.
//! Migrations live in `migrations/sqlite` and `migrations/postgres` under the same names.

pub mod actors;
pub mod agreements;
pub mod attachments;
pub mod attention;
pub mod audit;
pub mod calendar;
pub mod followup;
pub mod partnerships;
pub mod register;
pub mod sessions;
pub mod settings;
pub mod timestamp;
pub mod tokens;
pub mod users;
pub mod workshop_analysis;
pub mod workshop_maps;
pub mod workshops;

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Postgres, Sqlite, Transaction};

pub use timestamp::Timestamp;

/// Runs `$body` with `$pool` bound to whichever pool the store has; the body is written once
/// and compiled for both databases.
macro_rules! on_pool {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $db {
            $crate::store::Db::Sqlite($pool) => $body,
            $crate::store::Db::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

/// Like [`on_pool`], inside a transaction: `$conn` is the transaction's connection.
macro_rules! on_tx {
    ($tx:expr, |$conn:ident| $body:expr) => {
        match $tx {
            $crate::store::Tx::Sqlite(tx) => {
                let $conn = &mut **tx;
                $body
            }
            $crate::store::Tx::Postgres(tx) => {
                let $conn = &mut **tx;
                $body
            }
        }
    };
}
pub(crate) use on_tx;

#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// A write transaction; dropping it without [`Tx::commit`] rolls everything back.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Tx {
    /// Waits for any other transaction holding the same lock to end, so that what this one
    /// read afterwards includes that one's writes. SQLite transactions already run one at a
    /// time (`BEGIN IMMEDIATE`); PostgreSQL takes a transaction-scoped advisory lock.
    pub async fn serialise(&mut self, lock: i64) -> Result<(), StoreError> {
        if let Tx::Postgres(tx) = self {
            sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(lock).execute(&mut **tx).await?;
        }
        Ok(())
    }

    pub async fn commit(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await?,
            Tx::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlx(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    #[error("unsupported database URL (use sqlite:… or postgres://…)")]
    UnsupportedUrl,
}

impl StoreError {
    /// The name of the unique constraint a write broke, so callers can turn it into a field error.
    pub fn unique_violation(&self) -> Option<String> {
        match self {
            StoreError::Sqlx(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                Some(e.constraint().map(str::to_owned).unwrap_or_else(|| e.message().to_owned()))
            }
            _ => None,
        }
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}

#[derive(Clone, Debug)]
pub struct Store {
    pub db: Db,
    /// The actor register's in-memory index, shared by every clone of the store.
    register: std::sync::Arc<register::RegisterIndex>,
    /// Attention lists by viewer scope, valid until the partnership records next change.
    attention: std::sync::Arc<attention::AttentionCache>,
}

/// How long a PostgreSQL connection may sit idle before it is checked on its next use.
const PG_IDLE_CHECK: Duration = Duration::from_secs(30);

impl Store {
    /// Opens (and for SQLite creates) the database named by `url` and applies migrations.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let store = Self::open(url).await?;
        store.migrate().await?;
        Ok(store)
    }

    pub async fn open(url: &str) -> Result<Self, StoreError> {
        let db = if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                .pragma("cache_size", "-16384")
                .pragma("temp_store", "memory");
            // A connection to a file cannot go stale, and the check before each use would cost
            // a round trip to the connection's thread, as much as the query itself.
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .min_connections(1)
                .test_before_acquire(false)
                .connect_with(options)
                .await?;
            Db::Sqlite(pool)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = PgConnectOptions::from_str(url)?;
            // A connection busy a moment ago is alive; checking it before every query would
            // double the round trips. One idle for a while (the server may have restarted) is
            // checked, and replaced if it does not answer.
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .test_before_acquire(false)
                .before_acquire(|conn, meta| {
                    Box::pin(async move {
                        if meta.idle_for > PG_IDLE_CHECK {
                            sqlx::Connection::ping(conn).await?;
                        }
                        Ok(true)
                    })
                })
                .connect_with(options)
                .await?;
            Db::Postgres(pool)
        } else {
            return Err(StoreError::UnsupportedUrl);
        };
        Ok(Self { db, register: std::sync::Arc::default(), attention: std::sync::Arc::default() })
    }

    pub async fn migrate(&self) -> Result<(), StoreError> {
        match &self.db {
            Db::Sqlite(pool) => sqlx::migrate!("./migrations/sqlite").run(pool).await?,
            Db::Postgres(pool) => sqlx::migrate!("./migrations/postgres").run(pool).await?,
        }
        Ok(())
    }

    /// Starts a write transaction. SQLite takes its write lock at once (`BEGIN IMMEDIATE`) so
    /// concurrent writers queue on the busy timeout instead of failing with "database is locked".
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        Ok(match &self.db {
            Db::Sqlite(pool) => Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    pub fn backend_name(&self) -> &'static str {
        match self.db {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// A cheap round trip for /readyz.
    pub async fn ping(&self) -> Result<(), StoreError> {
        on_pool!(&self.db, |pool| sqlx::query("SELECT 1").execute(pool).await.map(|_| ()))?;
        Ok(())
    }

    pub async fn close(&self) {
        on_pool!(&self.db, |pool| pool.close().await);
    }
}
