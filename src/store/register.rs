//! Listing, search and the overlap finder, answered from an in-memory [`ActorIndex`] kept in
//! step with the database by a change counter that every actor write bumps in its transaction,
//! so changes made by any process (server, import, demo) show up at the next request.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{PoisonError, RwLock};

use kumppani_domain::actor::Actor;
use kumppani_domain::actor_index::{ActorIndex, ActorName, ActorQuery};
use kumppani_domain::similarity::SimilarActor;
use sqlx::{AssertSqlSafe, FromRow};
use uuid::Uuid;

use super::actors::{ACTOR_COLUMNS, ActorRow};
use super::{Store, StoreError, Tx, on_pool, on_tx};

/// The index and the counter value it reflects.
#[derive(Debug)]
pub struct RegisterIndex {
    index: RwLock<ActorIndex>,
    /// Highest change sequence applied; -1 before the first load.
    synced: AtomicI64,
    loading: tokio::sync::Mutex<()>,
    /// Overlap-finder results by actor, valid until the register next changes.
    similar: std::sync::Mutex<std::collections::HashMap<(Uuid, usize), Vec<SimilarActor>>>,
}

impl Default for RegisterIndex {
    fn default() -> Self {
        Self {
            index: RwLock::default(),
            synced: AtomicI64::new(-1),
            loading: tokio::sync::Mutex::new(()),
            similar: std::sync::Mutex::default(),
        }
    }
}

#[derive(Debug)]
pub struct ActorPage {
    pub actors: Vec<Actor>,
    pub total: i64,
}

#[derive(FromRow)]
struct ChangedRow {
    #[sqlx(flatten)]
    actor: ActorRow,
    change_seq: i64,
}

/// Takes the next change number inside a write transaction; stamp it on every changed row.
/// The row lock on the counter also orders concurrent writers, so sequence order is commit order.
pub async fn next_change(tx: &mut Tx) -> Result<i64, StoreError> {
    let seq = on_tx!(tx, |conn| {
        sqlx::query_scalar::<_, i64>(
            "UPDATE change_counters SET value = value + 1 WHERE name = 'actors' RETURNING value",
        )
        .fetch_one(conn)
        .await
    })?;
    Ok(seq)
}

impl Store {
    /// Brings the index up to date: one small query when nothing changed.
    pub async fn sync_register(&self) -> Result<(), StoreError> {
        let current = self.register_counter().await?;
        if current <= self.register.synced.load(Ordering::Acquire) {
            return Ok(());
        }
        let _loading = self.register.loading.lock().await;
        let synced = self.register.synced.load(Ordering::Acquire);
        if current <= synced {
            return Ok(());
        }
        let sql = format!("SELECT {ACTOR_COLUMNS}, a.change_seq FROM actors a WHERE a.change_seq > $1");
        let rows = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, ChangedRow>(AssertSqlSafe(sql)).bind(synced).fetch_all(pool).await
        })?;
        let newest = rows.iter().map(|r| r.change_seq).max().unwrap_or(current).max(current);
        let actors: Vec<Actor> = rows.into_iter().map(|r| Actor::from(r.actor)).collect();
        self.register.index.write().unwrap_or_else(PoisonError::into_inner).upsert_many(&actors);
        self.register.similar.lock().unwrap_or_else(PoisonError::into_inner).clear();
        self.register.synced.store(newest, Ordering::Release);
        Ok(())
    }

    async fn register_counter(&self) -> Result<i64, StoreError> {
        let value = on_pool!(&self.db, |pool| {
            sqlx::query_scalar::<_, i64>("SELECT value FROM change_counters WHERE name = 'actors'")
                .fetch_one(pool)
                .await
        })?;
        Ok(value)
    }

    pub async fn list_actors(&self, query: &ActorQuery) -> Result<ActorPage, StoreError> {
        self.sync_register().await?;
        let page = self.register.index.read().unwrap_or_else(PoisonError::into_inner).query(query);
        Ok(ActorPage {
            actors: self.actors_in_order(&page.ids).await?,
            total: i64::try_from(page.total).unwrap_or(i64::MAX),
        })
    }

    /// Names of the actors with these ids, in that order, from the index: lists of parties and
    /// counterparts need no more than this.
    pub async fn actor_names(&self, ids: &[Uuid]) -> Result<Vec<ActorName>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        self.sync_register().await?;
        Ok(self.register.index.read().unwrap_or_else(PoisonError::into_inner).names(ids))
    }

    pub async fn live_actor_count(&self) -> Result<i64, StoreError> {
        self.sync_register().await?;
        let count = self.register.index.read().unwrap_or_else(PoisonError::into_inner).live_count();
        Ok(i64::try_from(count).unwrap_or(i64::MAX))
    }

    /// Published actors whose public profile overlaps with `id`'s, best first, with reasons.
    pub async fn similar_actors(
        &self,
        id: Uuid,
        limit: usize,
    ) -> Result<Vec<(ActorName, SimilarActor)>, StoreError> {
        self.sync_register().await?;
        let cached =
            self.register.similar.lock().unwrap_or_else(PoisonError::into_inner).get(&(id, limit)).cloned();
        let similar = match cached {
            Some(similar) => similar,
            None => {
                let found =
                    self.register.index.read().unwrap_or_else(PoisonError::into_inner).similar(id, limit);
                let mut cache = self.register.similar.lock().unwrap_or_else(PoisonError::into_inner);
                // Bounded: a crawler walking every actor page must not grow it without limit.
                if cache.len() > 20_000 {
                    cache.clear();
                }
                cache.insert((id, limit), found.clone());
                found
            }
        };
        let ids: Vec<Uuid> = similar.iter().map(|s| s.id).collect();
        let names = self.actor_names(&ids).await?;
        Ok(names.into_iter().zip(similar).collect())
    }

    /// The actors with these ids, in this order, in one query.
    pub async fn actors_in_order(&self, ids: &[Uuid]) -> Result<Vec<Actor>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
        let sql = format!("SELECT {ACTOR_COLUMNS} FROM actors a WHERE a.id IN ({})", placeholders.join(", "));
        let rows = on_pool!(&self.db, |pool| {
            let mut query = sqlx::query_as::<_, ActorRow>(AssertSqlSafe(sql));
            for id in ids {
                query = query.bind(*id);
            }
            query.fetch_all(pool).await
        })?;
        let mut actors: Vec<Actor> = rows.into_iter().map(Actor::from).collect();
        actors.sort_by_key(|a| ids.iter().position(|id| *id == a.id));
        Ok(actors)
    }
}
