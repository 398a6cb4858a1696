//! The actor register: records as JSON plus normalised columns, tags and search terms that
//! filtering, sorting and search use on both databases.

use kumppani_domain::actor::{Actor, ActorDetails, ActorField, Sector, sort_key};
use kumppani_domain::search;
use sqlx::types::Json;
use sqlx::{AssertSqlSafe, FromRow};
use uuid::Uuid;

use super::{Store, StoreError, Timestamp, Tx, on_pool, on_tx};

#[derive(Debug, FromRow)]
struct ActorRow {
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

const ACTOR_COLUMNS: &str = "a.id, a.version, a.details, a.created_at, a.updated_at, a.archived_at";

/// The tag kinds filters work on, with the column value used in `actor_tags.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagKind {
    Theme,
    TargetGroup,
    Area,
}

impl TagKind {
    pub const ALL: [TagKind; 3] = [TagKind::Theme, TagKind::TargetGroup, TagKind::Area];

    pub fn as_str(self) -> &'static str {
        match self {
            TagKind::Theme => "theme",
            TagKind::TargetGroup => "target_group",
            TagKind::Area => "area",
        }
    }

    fn field(self) -> ActorField {
        match self {
            TagKind::Theme => ActorField::Themes,
            TagKind::TargetGroup => ActorField::TargetGroups,
            TagKind::Area => ActorField::Areas,
        }
    }

    fn values(self, details: &ActorDetails) -> &[String] {
        match self {
            TagKind::Theme => &details.themes,
            TagKind::TargetGroup => &details.target_groups,
            TagKind::Area => &details.areas,
        }
    }
}

/// Which records a viewer's listing may include.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Visibility {
    /// Staff and administrators: everything, non-public tags included.
    Everything,
    /// Visitors and members: published records, plus the member's own actors.
    PublishedOr(Vec<Uuid>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    #[default]
    Name,
    NameDesc,
    RecentlyUpdated,
    Newest,
}

impl SortOrder {
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "name" => Some(Self::Name),
            "name_desc" => Some(Self::NameDesc),
            "updated" => Some(Self::RecentlyUpdated),
            "newest" => Some(Self::Newest),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::NameDesc => "name_desc",
            Self::RecentlyUpdated => "updated",
            Self::Newest => "newest",
        }
    }

    fn sql(self) -> &'static str {
        match self {
            Self::Name => "a.name_sort ASC, a.id ASC",
            Self::NameDesc => "a.name_sort DESC, a.id DESC",
            Self::RecentlyUpdated => "a.updated_at DESC, a.id DESC",
            Self::Newest => "a.created_at DESC, a.id DESC",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ActorQuery {
    pub visibility: Visibility,
    pub text: String,
    pub sector: Option<Sector>,
    pub theme: Option<String>,
    pub target_group: Option<String>,
    pub area: Option<String>,
    pub include_archived: bool,
    pub sort: SortOrder,
    pub page: u32,
    pub per_page: u32,
}

impl ActorQuery {
    pub fn new(visibility: Visibility) -> Self {
        Self {
            visibility,
            text: String::new(),
            sector: None,
            theme: None,
            target_group: None,
            area: None,
            include_archived: false,
            sort: SortOrder::Name,
            page: 1,
            per_page: 25,
        }
    }
}

#[derive(Debug)]
pub struct ActorPage {
    pub actors: Vec<Actor>,
    pub total: i64,
}

/// Values bound to a query built at run time; each arm of [`on_pool`] binds them the same way.
#[derive(Debug, Clone)]
enum Arg {
    Text(String),
    Uuid(Uuid),
}

macro_rules! bind_all {
    ($query:expr, $args:expr) => {{
        let mut query = $query;
        for arg in $args {
            query = match arg {
                Arg::Text(value) => query.bind(value.clone()),
                Arg::Uuid(value) => query.bind(*value),
            };
        }
        query
    }};
}

/// Builds `WHERE` clauses with `$n` placeholders numbered in order.
#[derive(Default)]
struct Conditions {
    clauses: Vec<String>,
    args: Vec<Arg>,
}

impl Conditions {
    fn placeholder(&mut self, arg: Arg) -> String {
        self.args.push(arg);
        format!("${}", self.args.len())
    }

    fn sql(&self) -> String {
        if self.clauses.is_empty() { String::new() } else { format!(" WHERE {}", self.clauses.join(" AND ")) }
    }
}

fn conditions(query: &ActorQuery) -> Conditions {
    let mut c = Conditions::default();
    if !query.include_archived {
        c.clauses.push("a.archived_at IS NULL".into());
    }
    let public_tags_only = match &query.visibility {
        Visibility::Everything => false,
        Visibility::PublishedOr(own) => {
            let mut visible = vec!["a.published = TRUE".to_owned()];
            for id in own {
                let p = c.placeholder(Arg::Uuid(*id));
                visible.push(format!("a.id = {p}"));
            }
            c.clauses.push(format!("({})", visible.join(" OR ")));
            true
        }
    };
    if let Some(sector) = query.sector {
        let p = c.placeholder(Arg::Text(sector.as_str().to_owned()));
        c.clauses.push(format!("a.sector = {p}"));
    }
    for (kind, value) in [
        (TagKind::Theme, &query.theme),
        (TagKind::TargetGroup, &query.target_group),
        (TagKind::Area, &query.area),
    ] {
        let Some(value) = value.as_deref().map(search::normalise).filter(|v| !v.is_empty()) else {
            continue;
        };
        let k = c.placeholder(Arg::Text(kind.as_str().to_owned()));
        let v = c.placeholder(Arg::Text(value));
        let public = if public_tags_only { " AND t.public = TRUE" } else { "" };
        c.clauses.push(format!(
            "a.id IN (SELECT t.actor_id FROM actor_tags t WHERE t.kind = {k} AND t.value_norm = {v}{public})"
        ));
    }
    for term in search::query_terms(&query.text) {
        let upper = format!("{term}\u{10FFFF}");
        let lo = c.placeholder(Arg::Text(term));
        let hi = c.placeholder(Arg::Text(upper));
        c.clauses.push(format!(
            "a.id IN (SELECT s.actor_id FROM actor_terms s WHERE s.term >= {lo} AND s.term < {hi})"
        ));
    }
    c
}

/// A tag value with how many visible actors carry it, for filter choices.
#[derive(Debug, Clone, FromRow)]
pub struct TagCount {
    pub value: String,
    pub count: i64,
}

impl Store {
    pub async fn actor(&self, id: Uuid) -> Result<Option<Actor>, StoreError> {
        let sql = format!("SELECT {ACTOR_COLUMNS} FROM actors a WHERE a.id = $1");
        let row = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, ActorRow>(AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await
        })?;
        Ok(row.map(Actor::from))
    }

    pub async fn actors_by_ids(&self, ids: &[Uuid]) -> Result<Vec<Actor>, StoreError> {
        let mut actors = Vec::with_capacity(ids.len());
        for id in ids {
            actors.extend(self.actor(*id).await?);
        }
        Ok(actors)
    }

    pub async fn actor_by_business_id(&self, business_id: &str) -> Result<Option<Actor>, StoreError> {
        let sql = format!("SELECT {ACTOR_COLUMNS} FROM actors a WHERE a.business_id = $1");
        let row = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, ActorRow>(AssertSqlSafe(sql)).bind(business_id).fetch_optional(pool).await
        })?;
        Ok(row.map(Actor::from))
    }

    pub async fn list_actors(&self, query: &ActorQuery) -> Result<ActorPage, StoreError> {
        let c = conditions(query);
        let per_page = query.per_page.clamp(1, 200);
        let offset = i64::from(query.page.max(1) - 1) * i64::from(per_page);
        let count_sql = format!("SELECT COUNT(*) FROM actors a{}", c.sql());
        let list_sql = format!(
            "SELECT {ACTOR_COLUMNS} FROM actors a{} ORDER BY {} LIMIT {per_page} OFFSET {offset}",
            c.sql(),
            query.sort.sql()
        );
        let (total, rows) = on_pool!(&self.db, |pool| {
            let total = bind_all!(sqlx::query_scalar::<_, i64>(AssertSqlSafe(count_sql)), &c.args)
                .fetch_one(pool)
                .await?;
            let rows = bind_all!(sqlx::query_as::<_, ActorRow>(AssertSqlSafe(list_sql)), &c.args)
                .fetch_all(pool)
                .await?;
            Ok::<_, sqlx::Error>((total, rows))
        })?;
        Ok(ActorPage { actors: rows.into_iter().map(Actor::from).collect(), total })
    }

    /// The most common values of one tag kind among live actors the viewer may see.
    pub async fn tag_counts(
        &self,
        kind: TagKind,
        visibility: &Visibility,
        limit: u32,
    ) -> Result<Vec<TagCount>, StoreError> {
        let public_only = matches!(visibility, Visibility::PublishedOr(_));
        let sql = format!(
            "SELECT MIN(t.value) AS value, COUNT(*) AS count FROM actor_tags t
             JOIN actors a ON a.id = t.actor_id
             WHERE t.kind = $1 AND a.archived_at IS NULL{}
             GROUP BY t.value_norm ORDER BY count DESC, value_norm ASC LIMIT {limit}",
            if public_only { " AND a.published = TRUE AND t.public = TRUE" } else { "" }
        );
        let rows = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, TagCount>(AssertSqlSafe(sql)).bind(kind.as_str()).fetch_all(pool).await
        })?;
        Ok(rows)
    }

    /// Actors sharing the most public themes and target groups with `actor`, best first: the
    /// candidates the overlap finder then scores in full.
    pub async fn similar_actor_candidates(
        &self,
        actor: &Actor,
        limit: u32,
    ) -> Result<Vec<Actor>, StoreError> {
        let public = actor.details.redacted();
        let mut c = Conditions::default();
        let mut pairs = Vec::new();
        for kind in [TagKind::Theme, TagKind::TargetGroup] {
            for value in kind.values(&public) {
                let k = c.placeholder(Arg::Text(kind.as_str().to_owned()));
                let v = c.placeholder(Arg::Text(search::normalise(value)));
                pairs.push(format!("(t.kind = {k} AND t.value_norm = {v})"));
            }
        }
        if pairs.is_empty() {
            return Ok(Vec::new());
        }
        let own = c.placeholder(Arg::Uuid(actor.id));
        let sql = format!(
            "SELECT {ACTOR_COLUMNS} FROM actors a JOIN (
                SELECT t.actor_id, COUNT(*) AS shared FROM actor_tags t
                WHERE t.public = TRUE AND ({}) GROUP BY t.actor_id
             ) m ON m.actor_id = a.id
             WHERE a.id <> {own} AND a.archived_at IS NULL AND a.published = TRUE
             ORDER BY m.shared DESC, a.id ASC LIMIT {limit}",
            pairs.join(" OR ")
        );
        let rows = on_pool!(&self.db, |pool| {
            bind_all!(sqlx::query_as::<_, ActorRow>(AssertSqlSafe(sql)), &c.args).fetch_all(pool).await
        })?;
        Ok(rows.into_iter().map(Actor::from).collect())
    }

    pub async fn demo_actor_count(&self) -> Result<i64, StoreError> {
        let count = on_pool!(&self.db, |pool| {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM actors WHERE demo = TRUE")
                .fetch_one(pool)
                .await
        })?;
        Ok(count)
    }

    pub async fn live_actor_count(&self) -> Result<i64, StoreError> {
        let count = on_pool!(&self.db, |pool| {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM actors WHERE archived_at IS NULL")
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
    on_tx!(tx, |conn| {
        sqlx::query(
            "INSERT INTO actors (id, version, name_fi, name_sort, sector, business_id, published, demo,
                                 details, created_at, updated_at)
             VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
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
    let changed = on_tx!(tx, |conn| {
        sqlx::query(
            "UPDATE actors SET version = version + 1, name_fi = $3, name_sort = $4, sector = $5,
                    business_id = $6, published = $7, details = $8, updated_at = $9
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
    let changed = on_tx!(tx, |conn| {
        sqlx::query(
            "UPDATE actors SET archived_at = $2, updated_at = $2, version = version + 1
             WHERE id = $1 AND archived_at IS NULL",
        )
        .bind(id)
        .bind(now)
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
        for kind in TagKind::ALL {
            let public = details.is_public(kind.field());
            let mut seen = std::collections::BTreeSet::new();
            for value in kind.values(details) {
                let norm = search::normalise(value);
                if !seen.insert(norm.clone()) {
                    continue;
                }
                sqlx::query(
                    "INSERT INTO actor_tags (actor_id, kind, value_norm, value, public) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(id)
                .bind(kind.as_str())
                .bind(norm)
                .bind(value)
                .bind(public)
                .execute(&mut *conn)
                .await?;
            }
        }
        for term in search::index_terms(&details.searchable_text()) {
            sqlx::query("INSERT INTO actor_terms (actor_id, term) VALUES ($1, $2)")
                .bind(id)
                .bind(term)
                .execute(&mut *conn)
                .await?;
        }
        Ok::<_, sqlx::Error>(())
    })?;
    Ok(())
}
