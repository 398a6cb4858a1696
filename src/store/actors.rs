//! The actor register: records as JSON plus normalised columns, tags and search terms that
//! filtering, sorting and search use on both databases.

use kumppani_domain::actor::{Actor, ActorDetails, sort_key};
use kumppani_domain::search;
use sqlx::types::Json;
use sqlx::{AssertSqlSafe, FromRow};
use uuid::Uuid;

pub use kumppani_domain::actor_index::{ActorQuery, SortOrder, TagKind, Visibility};

pub use super::register::ActorPage;
use super::register::next_change;
use super::{Store, StoreError, Timestamp, Tx, on_pool, on_tx};

#[derive(Debug, FromRow)]
pub(super) struct ActorRow {
    id: Uuid,
    version: i64,
    details: Json<ActorDetails>,
    created_at: Timestamp,
    updated_at: Timestamp,
    archived_at: Option<Timestamp>,
}

impl From<ActorRow> for Actor {
    fn from(row: ActorRow) -> Self {
        Actor {
            id: row.id,
            version: row.version,
            details: row.details.0,
            created_at: row.created_at.get(),
            updated_at: row.updated_at.get(),
            archived_at: row.archived_at.map(Timestamp::get),
        }
    }
}

pub(super) const ACTOR_COLUMNS: &str =
    "a.id, a.version, a.details, a.created_at, a.updated_at, a.archived_at";

impl Store {
    pub async fn actor(&self, id: Uuid) -> Result<Option<Actor>, StoreError> {
        let sql = format!("SELECT {ACTOR_COLUMNS} FROM actors a WHERE a.id = $1");
        let row = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, ActorRow>(AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await
        })?;
        Ok(row.map(Actor::from))
    }

    pub async fn actor_by_business_id(&self, business_id: &str) -> Result<Option<Actor>, StoreError> {
        let sql = format!("SELECT {ACTOR_COLUMNS} FROM actors a WHERE a.business_id = $1");
        let row = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, ActorRow>(AssertSqlSafe(sql)).bind(business_id).fetch_optional(pool).await
        })?;
        Ok(row.map(Actor::from))
    }

    /// The live actor with exactly this Finnish name (compared as the list sorts, ignoring
    /// case and spacing); `None` when there is none or more than one.
    pub async fn actor_by_exact_name(&self, name: &str) -> Result<Option<Uuid>, StoreError> {
        let ids = on_pool!(&self.db, |pool| {
            sqlx::query_scalar::<_, Uuid>(
                "SELECT id FROM actors WHERE name_sort = $1 AND archived_at IS NULL LIMIT 2",
            )
            .bind(sort_key(name))
            .fetch_all(pool)
            .await
        })?;
        Ok(if ids.len() == 1 { ids.first().copied() } else { None })
    }

    pub async fn demo_actor_count(&self) -> Result<i64, StoreError> {
        let count = on_pool!(&self.db, |pool| {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM actors WHERE demo = TRUE")
                .fetch_one(pool)
                .await
        })?;
        Ok(count)
    }
}

/// Outcome of an update that names the version it was based on.
#[derive(Debug)]
pub enum UpdateOutcome {
    Updated(Actor),
    /// Someone saved first; the current record is returned so both versions can be shown.
    Conflict(Actor),
    NotFound,
}

pub async fn get_for_update(tx: &mut Tx, id: Uuid) -> Result<Option<Actor>, StoreError> {
    let sql = format!("SELECT {ACTOR_COLUMNS} FROM actors a WHERE a.id = $1");
    let row = on_tx!(tx, |conn| {
        sqlx::query_as::<_, ActorRow>(AssertSqlSafe(sql)).bind(id).fetch_optional(conn).await
    })?;
    Ok(row.map(Actor::from))
}

pub async fn insert(
    tx: &mut Tx,
    id: Uuid,
    details: &ActorDetails,
    now: Timestamp,
) -> Result<Actor, StoreError> {
    let seq = next_change(tx).await?;
    on_tx!(tx, |conn| {
        sqlx::query(
            "INSERT INTO actors (id, version, name_fi, name_sort, sector, business_id, published, demo,
                                 details, created_at, updated_at, change_seq)
             VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)",
        )
        .bind(id)
        .bind(&details.name_fi)
        .bind(sort_key(&details.name_fi))
        .bind(details.sector.as_str())
        .bind(details.business_id.as_ref().map(|b| b.as_str()))
        .bind(details.published)
        .bind(details.demo)
        .bind(Json(details))
        .bind(now)
        .bind(seq)
        .execute(conn)
        .await
        .map(|_| ())
    })?;
    reindex(tx, id, details).await?;
    Ok(Actor {
        id,
        version: 1,
        details: details.clone(),
        created_at: now.get(),
        updated_at: now.get(),
        archived_at: None,
    })
}

/// Saves `details` if the stored version is still `expected_version`.
pub async fn update(
    tx: &mut Tx,
    id: Uuid,
    expected_version: i64,
    details: &ActorDetails,
    now: Timestamp,
) -> Result<UpdateOutcome, StoreError> {
    let Some(current) = get_for_update(tx, id).await? else {
        return Ok(UpdateOutcome::NotFound);
    };
    if current.version != expected_version {
        return Ok(UpdateOutcome::Conflict(current));
    }
    let seq = next_change(tx).await?;
    let changed = on_tx!(tx, |conn| {
        sqlx::query(
            "UPDATE actors SET version = version + 1, name_fi = $3, name_sort = $4, sector = $5,
                    business_id = $6, published = $7, details = $8, updated_at = $9, change_seq = $10
             WHERE id = $1 AND version = $2",
        )
        .bind(id)
        .bind(expected_version)
        .bind(&details.name_fi)
        .bind(sort_key(&details.name_fi))
        .bind(details.sector.as_str())
        .bind(details.business_id.as_ref().map(|b| b.as_str()))
        .bind(details.published)
        .bind(Json(details))
        .bind(now)
        .bind(seq)
        .execute(conn)
        .await
        .map(|r| r.rows_affected())
    })?;
    if changed != 1 {
        return Ok(UpdateOutcome::Conflict(current));
    }
    reindex(tx, id, details).await?;
    Ok(UpdateOutcome::Updated(Actor {
        version: expected_version + 1,
        details: details.clone(),
        updated_at: now.get(),
        ..current
    }))
}

/// Archives a live actor; returns the archived record, or `None` if it was missing or archived.
pub async fn archive(tx: &mut Tx, id: Uuid, now: Timestamp) -> Result<Option<Actor>, StoreError> {
    let seq = next_change(tx).await?;
    let changed = on_tx!(tx, |conn| {
        sqlx::query(
            "UPDATE actors SET archived_at = $2, updated_at = $2, version = version + 1, change_seq = $3
             WHERE id = $1 AND archived_at IS NULL",
        )
        .bind(id)
        .bind(now)
        .bind(seq)
        .execute(conn)
        .await
        .map(|r| r.rows_affected())
    })?;
    if changed == 1 { get_for_update(tx, id).await } else { Ok(None) }
}

/// Rebuilds the actor's tags and search terms from its details.
async fn reindex(tx: &mut Tx, id: Uuid, details: &ActorDetails) -> Result<(), StoreError> {
    on_tx!(tx, |conn| {
        sqlx::query("DELETE FROM actor_tags WHERE actor_id = $1").bind(id).execute(&mut *conn).await?;
        sqlx::query("DELETE FROM actor_terms WHERE actor_id = $1").bind(id).execute(&mut *conn).await?;
        Ok::<_, sqlx::Error>(())
    })?;
    let mut index = Index::default();
    index.add(id, details);
    index.sorted().insert(tx).await
}

/// Bind parameters per statement: under SQLite's 32766 and PostgreSQL's 65535.
const MAX_PARAMS: usize = 30_000;

/// `VALUES` rows of `columns` parameters each: `($1, $2), ($3, $4)` on PostgreSQL, and
/// `(?, ?), (?, ?)` on SQLite, which looks numbered parameters up one by one in a list —
/// quadratic time for statements this large.
fn values(tx: &Tx, rows: usize, columns: usize) -> String {
    let numbered = matches!(tx, Tx::Postgres(_));
    let mut sql = String::with_capacity(rows * columns * 7);
    for row in 0..rows {
        sql.push_str(if row == 0 { "(" } else { ", (" });
        for column in 0..columns {
            if column > 0 {
                sql.push_str(", ");
            }
            if numbered {
                sql.push_str(&format!("${}", row * columns + column + 1));
            } else {
                sql.push('?');
            }
        }
        sql.push(')');
    }
    sql
}

struct TagRow {
    actor_id: Uuid,
    kind: &'static str,
    value_norm: String,
    value: String,
    public: bool,
}

/// Tags and search terms of several actors, written with a few multi-row INSERTs instead of
/// one statement per value.
#[derive(Default)]
struct Index {
    tags: Vec<TagRow>,
    terms: Vec<(Uuid, String)>,
}

impl Index {
    fn add(&mut self, id: Uuid, details: &ActorDetails) {
        for kind in TagKind::ALL {
            let public = details.is_public(kind.field());
            let mut seen = std::collections::BTreeSet::new();
            for value in kind.values(details) {
                let norm = search::normalise(value);
                if seen.insert(norm.clone()) {
                    self.tags.push(TagRow {
                        actor_id: id,
                        kind: kind.as_str(),
                        value_norm: norm,
                        value: value.clone(),
                        public,
                    });
                }
            }
        }
        self.terms.extend(search::index_terms(&details.searchable_text()).into_iter().map(|t| (id, t)));
    }

    /// Orders the rows by the secondary indexes' keys ((kind, value) and term): inserted in
    /// key order, each index page is touched once per batch instead of once per row.
    fn sorted(mut self) -> Self {
        self.tags.sort_unstable_by(|a, b| (a.kind, &a.value_norm).cmp(&(b.kind, &b.value_norm)));
        self.terms.sort_unstable_by(|a, b| a.1.cmp(&b.1));
        self
    }

    async fn insert(&self, tx: &mut Tx) -> Result<(), StoreError> {
        for chunk in self.tags.chunks(MAX_PARAMS / 5) {
            let sql = format!(
                "INSERT INTO actor_tags (actor_id, kind, value_norm, value, public) VALUES {}",
                values(tx, chunk.len(), 5)
            );
            on_tx!(tx, |conn| {
                let mut query = sqlx::query(AssertSqlSafe(sql));
                for tag in chunk {
                    query = query
                        .bind(tag.actor_id)
                        .bind(tag.kind)
                        .bind(&tag.value_norm)
                        .bind(&tag.value)
                        .bind(tag.public);
                }
                query.execute(&mut *conn).await.map(|_| ())
            })?;
        }
        for chunk in self.terms.chunks(MAX_PARAMS / 2) {
            let sql =
                format!("INSERT INTO actor_terms (actor_id, term) VALUES {}", values(tx, chunk.len(), 2));
            on_tx!(tx, |conn| {
                let mut query = sqlx::query(AssertSqlSafe(sql));
                for (id, term) in chunk {
                    query = query.bind(*id).bind(term);
                }
                query.execute(&mut *conn).await.map(|_| ())
            })?;
        }
        Ok(())
    }
}

/// New actors with what is derived from them worked out ahead — sort keys, tags, search
/// terms, audit snapshots — so that this CPU work can run while the database writes the
/// previous batch.
pub struct NewActors {
    actors: Vec<(Uuid, ActorDetails)>,
    sort_keys: Vec<String>,
    snapshots: Vec<serde_json::Value>,
    index: Index,
}

impl NewActors {
    pub fn prepare(actors: Vec<(Uuid, ActorDetails)>) -> Result<Self, StoreError> {
        let mut index = Index::default();
        let mut sort_keys = Vec::with_capacity(actors.len());
        let mut snapshots = Vec::with_capacity(actors.len());
        for (id, details) in &actors {
            index.add(*id, details);
            sort_keys.push(sort_key(&details.name_fi));
            snapshots.push(serde_json::to_value(details)?);
        }
        Ok(Self { actors, sort_keys, snapshots, index: index.sorted() })
    }

    pub fn len(&self) -> usize {
        self.actors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
    }
}

/// Inserts prepared new actors, as [`insert`] would one by one (imports).
pub async fn insert_many(tx: &mut Tx, batch: &NewActors, now: Timestamp) -> Result<(), StoreError> {
    const COLUMNS: usize = 12;
    let seq = next_change(tx).await?;
    let rows = batch.actors.iter().zip(&batch.sort_keys).collect::<Vec<_>>();
    for chunk in rows.chunks(MAX_PARAMS / COLUMNS) {
        let sql = format!(
            "INSERT INTO actors (id, version, name_fi, name_sort, sector, business_id, published, demo,
                                 details, created_at, updated_at, change_seq) VALUES {}",
            values(tx, chunk.len(), COLUMNS)
        );
        on_tx!(tx, |conn| {
            let mut query = sqlx::query(AssertSqlSafe(sql));
            for ((id, details), sort_key) in chunk {
                query = query
                    .bind(*id)
                    .bind(1_i64)
                    .bind(&details.name_fi)
                    .bind(*sort_key)
                    .bind(details.sector.as_str())
                    .bind(details.business_id.as_ref().map(|b| b.as_str()))
                    .bind(details.published)
                    .bind(details.demo)
                    .bind(Json(details))
                    .bind(now)
                    .bind(now)
                    .bind(seq);
            }
            query.execute(&mut *conn).await.map(|_| ())
        })?;
    }
    batch.index.insert(tx).await
}

/// The audit entries of actors created with [`insert_many`], as `audit::record` writes the
/// entry of one created actor, with a few multi-row INSERTs.
pub async fn audit_created(
    tx: &mut Tx,
    batch: &NewActors,
    user_id: Option<Uuid>,
    at: Timestamp,
) -> Result<(), StoreError> {
    const COLUMNS: usize = 9;
    let rows = batch.actors.iter().zip(&batch.snapshots).collect::<Vec<_>>();
    for chunk in rows.chunks(MAX_PARAMS / COLUMNS) {
        let sql = format!(
            "INSERT INTO audit_log (id, at, user_id, action, entity_type, entity_id, summary, before_value,
                                    after_value) VALUES {}",
            values(tx, chunk.len(), COLUMNS)
        );
        on_tx!(tx, |conn| {
            let mut query = sqlx::query(AssertSqlSafe(sql));
            for ((id, details), after) in chunk {
                query = query
                    .bind(Uuid::now_v7())
                    .bind(at)
                    .bind(user_id)
                    .bind("create")
                    .bind("actor")
                    .bind(*id)
                    .bind(&details.name_fi)
                    .bind(None::<Json<serde_json::Value>>)
                    .bind(Json(*after));
            }
            query.execute(&mut *conn).await.map(|_| ())
        })?;
    }
    Ok(())
}

/// How many ids go into one `IN (…)` list when reading in bulk.
const IDS_PER_QUERY: usize = 500;

impl Store {
    /// The actors holding any of these (canonical) business IDs, archived ones included.
    pub async fn actors_by_business_ids(&self, business_ids: &[String]) -> Result<Vec<Actor>, StoreError> {
        let mut actors = Vec::with_capacity(business_ids.len());
        for chunk in business_ids.chunks(IDS_PER_QUERY) {
            let sql = format!(
                "SELECT {ACTOR_COLUMNS} FROM actors a WHERE a.business_id IN ({})",
                (1..=chunk.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
            );
            let rows = on_pool!(&self.db, |pool| {
                let mut query = sqlx::query_as::<_, ActorRow>(AssertSqlSafe(sql));
                for id in chunk {
                    query = query.bind(id);
                }
                query.fetch_all(pool).await
            })?;
            actors.extend(rows.into_iter().map(Actor::from));
        }
        Ok(actors)
    }
}
