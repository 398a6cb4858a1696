//! Partnerships: the record as JSON plus the columns and party and tag rows that lists filter
//! on, the dated timeline and the phase checklists.

use kumppani_domain::actor::sort_key;
use kumppani_domain::attention::evaluation_due;
use kumppani_domain::partnership::{
    ChecklistEntry, EventKind, Partnership, PartnershipDetails, PartnershipField, PartnershipKind, Phase,
    StaircaseLevel,
};
use kumppani_domain::search::normalise;
use serde::Serialize;
use sqlx::types::Json;
use sqlx::{AssertSqlSafe, FromRow};
use time::Date;
use uuid::Uuid;

use super::{Store, StoreError, Timestamp, Tx, on_pool, on_tx};

#[derive(Debug, FromRow)]
struct PartnershipRow {
    id: Uuid,
    version: i64,
    phase: String,
    staircase_level: Option<i32>,
    valid_from: Option<Date>,
    valid_until: Option<Date>,
    last_decision_on: Option<Date>,
    details: Json<PartnershipDetails>,
    created_at: Timestamp,
    updated_at: Timestamp,
    archived_at: Option<Timestamp>,
}

impl TryFrom<PartnershipRow> for Partnership {
    type Error = StoreError;

    fn try_from(row: PartnershipRow) -> Result<Self, StoreError> {
        let phase = Phase::parse(&row.phase)
            .ok_or_else(|| StoreError::Corrupt(format!("partnership {} has phase {}", row.id, row.phase)))?;
        Ok(Partnership {
            id: row.id,
            version: row.version,
            details: row.details.0,
            phase,
            staircase: row.staircase_level.and_then(|l| u8::try_from(l).ok()).and_then(StaircaseLevel::new),
            valid_from: row.valid_from,
            valid_until: row.valid_until,
            last_decision_on: row.last_decision_on,
            created_at: row.created_at.get(),
            updated_at: row.updated_at.get(),
            archived_at: row.archived_at.map(Timestamp::get),
        })
    }
}

const COLUMNS: &str = "p.id, p.version, p.phase, p.staircase_level, p.valid_from, p.valid_until, \
                       p.last_decision_on, p.details, p.created_at, p.updated_at, p.archived_at";

/// Who is asking, as far as listing goes: privileged viewers see everything, members also
/// their own actors' partnerships, everyone the published ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListScope {
    Everything,
    PublishedAnd(Vec<Uuid>),
    Published,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PartnershipSort {
    #[default]
    Name,
    EndingFirst,
    RecentlyChanged,
}

impl PartnershipSort {
    pub fn parse(value: &str) -> Self {
        match value {
            "ending" => Self::EndingFirst,
            "changed" => Self::RecentlyChanged,
            _ => Self::Name,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::EndingFirst => "ending",
            Self::RecentlyChanged => "changed",
        }
    }
}

/// Filters of the partnership list, all optional and combined with AND.
#[derive(Debug, Clone, Default)]
pub struct PartnershipQuery {
    pub text: Option<String>,
    pub kind: Option<PartnershipKind>,
    pub phase: Option<Phase>,
    pub theme: Option<String>,
    pub area: Option<String>,
    pub actor: Option<Uuid>,
    pub staircase: Option<StaircaseLevel>,
    pub ending_before: Option<Date>,
    pub verbal_only: bool,
    pub sort: PartnershipSort,
    pub offset: i64,
    pub limit: i64,
}

#[derive(Debug)]
pub struct PartnershipPage {
    pub partnerships: Vec<Partnership>,
    pub total: i64,
}

/// One bound value of a query built at run time.
#[derive(Debug, Clone)]
enum Param {
    Text(String),
    Id(Uuid),
    Day(Date),
    Int(i64),
}

/// Binds `$params` in order onto `$query`; written as a macro so each database arm of
/// `on_pool!` gets its own concrete types.
macro_rules! bind_params {
    ($query:expr, $params:expr) => {{
        let mut query = $query;
        for param in $params {
            query = match param {
                Param::Text(v) => query.bind(v.clone()),
                Param::Id(v) => query.bind(*v),
                Param::Day(v) => query.bind(*v),
                Param::Int(v) => query.bind(*v),
            };
        }
        query
    }};
}

struct Filter {
    clauses: Vec<String>,
    params: Vec<Param>,
}

impl Filter {
    fn push(&mut self, param: Param) -> String {
        self.params.push(param);
        format!("${}", self.params.len())
    }
}

fn filter(query: &PartnershipQuery, scope: &ListScope) -> Filter {
    let mut f = Filter { clauses: vec!["p.archived_at IS NULL".to_owned()], params: Vec::new() };
    let privileged = *scope == ListScope::Everything;
    match scope {
        ListScope::Everything => {}
        ListScope::Published => f.clauses.push("p.published = TRUE".to_owned()),
        ListScope::PublishedAnd(own) if own.is_empty() => f.clauses.push("p.published = TRUE".to_owned()),
        ListScope::PublishedAnd(own) => {
            let ids: Vec<String> = own.iter().map(|id| f.push(Param::Id(*id))).collect();
            f.clauses.push(format!(
                "(p.published = TRUE OR EXISTS (SELECT 1 FROM partnership_parties o \
                 WHERE o.partnership_id = p.id AND o.actor_id IN ({})))",
                ids.join(", ")
            ));
        }
    }
    // `name_sort` holds the sort key, where ä, ö and å are stand-ins: match it in the same form.
    if let Some(text) = query.text.as_deref().map(sort_key).filter(|t| !t.is_empty()) {
        let escaped = text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        let p = f.push(Param::Text(format!("%{escaped}%")));
        f.clauses.push(format!("p.name_sort LIKE {p} ESCAPE '\\'"));
    }
    if let Some(kind) = query.kind {
        let p = f.push(Param::Text(kind.as_str().to_owned()));
        f.clauses.push(format!("p.kind = {p}"));
    }
    if let Some(phase) = query.phase {
        let p = f.push(Param::Text(phase.as_str().to_owned()));
        f.clauses.push(format!("p.phase = {p}"));
    }
    for (kind, value) in [("theme", &query.theme), ("area", &query.area)] {
        if let Some(value) = value.as_deref().map(normalise).filter(|v| !v.is_empty()) {
            let k = f.push(Param::Text(kind.to_owned()));
            let v = f.push(Param::Text(value));
            let public = if privileged { "" } else { " AND t.public = TRUE" };
            f.clauses.push(format!(
                "EXISTS (SELECT 1 FROM partnership_tags t WHERE t.partnership_id = p.id \
                 AND t.kind = {k} AND t.value_norm = {v}{public})"
            ));
        }
    }
    if let Some(actor) = query.actor {
        let a = f.push(Param::Id(actor));
        f.clauses.push(format!(
            "EXISTS (SELECT 1 FROM partnership_parties pa WHERE pa.partnership_id = p.id AND pa.actor_id = {a})"
        ));
    }
    if let Some(level) = query.staircase {
        let l = f.push(Param::Int(i64::from(level.get())));
        let public = if privileged { "" } else { " AND p.staircase_public = TRUE" };
        f.clauses.push(format!("p.staircase_level = {l}{public}"));
    }
    if let Some(before) = query.ending_before {
        let d = f.push(Param::Day(before));
        f.clauses.push(format!("p.valid_until <= {d}"));
    }
    if query.verbal_only {
        f.clauses.push("p.verbal = TRUE".to_owned());
    }
    f
}

impl Store {
    pub async fn partnership(&self, id: Uuid) -> Result<Option<Partnership>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM partnerships p WHERE p.id = $1");
        let row = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, PartnershipRow>(AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await
        })?;
        row.map(Partnership::try_from).transpose()
    }

    pub async fn list_partnerships(
        &self,
        query: &PartnershipQuery,
        scope: &ListScope,
    ) -> Result<PartnershipPage, StoreError> {
        let f = filter(query, scope);
        let condition = f.clauses.join(" AND ");
        let order = match query.sort {
            PartnershipSort::Name => "p.name_sort, p.id",
            PartnershipSort::EndingFirst => {
                "CASE WHEN p.valid_until IS NULL THEN 1 ELSE 0 END, p.valid_until, p.name_sort, p.id"
            }
            PartnershipSort::RecentlyChanged => "p.updated_at DESC, p.id",
        };
        let n = f.params.len();
        let list_sql = format!(
            "SELECT {COLUMNS} FROM partnerships p WHERE {condition} ORDER BY {order} LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        );
        let count_sql = format!("SELECT COUNT(*) FROM partnerships p WHERE {condition}");
        let mut list_params = f.params.clone();
        list_params.push(Param::Int(query.limit));
        list_params.push(Param::Int(query.offset));
        let rows = on_pool!(&self.db, |pool| {
            bind_params!(sqlx::query_as::<_, PartnershipRow>(AssertSqlSafe(list_sql)), &list_params)
                .fetch_all(pool)
                .await
        })?;
        let total = on_pool!(&self.db, |pool| {
            bind_params!(sqlx::query_scalar::<_, i64>(AssertSqlSafe(count_sql)), &f.params)
                .fetch_one(pool)
                .await
        })?;
        let partnerships = rows.into_iter().map(Partnership::try_from).collect::<Result<_, _>>()?;
        Ok(PartnershipPage { partnerships, total })
    }

    /// Every live partnership an actor is a party to, by name.
    pub async fn partnerships_of_actor(&self, actor_id: Uuid) -> Result<Vec<Partnership>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM partnerships p JOIN partnership_parties pp ON pp.partnership_id = p.id
             WHERE pp.actor_id = $1 AND p.archived_at IS NULL ORDER BY p.name_sort, p.id"
        );
        let rows = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, PartnershipRow>(AssertSqlSafe(sql)).bind(actor_id).fetch_all(pool).await
        })?;
        rows.into_iter().map(Partnership::try_from).collect()
    }

    pub async fn partnership_events(&self, partnership_id: Uuid) -> Result<Vec<TimelineEvent>, StoreError> {
        let rows = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, TimelineRow>(
                "SELECT e.id, e.at, e.on_date, e.kind, e.data, u.display_name AS user_name
                 FROM partnership_events e LEFT JOIN users u ON u.id = e.user_id
                 WHERE e.partnership_id = $1 ORDER BY e.on_date DESC, e.at DESC",
            )
            .bind(partnership_id)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows.into_iter().map(TimelineEvent::from).collect())
    }

    pub async fn checklist(&self, partnership_id: Uuid) -> Result<Vec<ChecklistEntry>, StoreError> {
        let rows = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, (String, String, bool, Option<String>)>(
                "SELECT phase, code, done, note FROM checklist_items WHERE partnership_id = $1",
            )
            .bind(partnership_id)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows
            .into_iter()
            .filter_map(|(phase, code, done, note)| {
                Some(ChecklistEntry { phase: Phase::parse(&phase)?, code, done, note })
            })
            .collect())
    }

    pub async fn demo_partnership_count(&self) -> Result<i64, StoreError> {
        let count = on_pool!(&self.db, |pool| {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM partnerships WHERE demo = TRUE")
                .fetch_one(pool)
                .await
        })?;
        Ok(count)
    }
}

#[derive(Debug, FromRow)]
struct TimelineRow {
    id: Uuid,
    at: Timestamp,
    on_date: Date,
    kind: String,
    data: Json<serde_json::Value>,
    user_name: Option<String>,
}

/// One line of a partnership's timeline; `data` holds what the kind needs to be told.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEvent {
    pub id: Uuid,
    #[serde(with = "time::serde::rfc3339")]
    pub at: time::OffsetDateTime,
    pub on_date: Date,
    pub kind: String,
    pub data: serde_json::Value,
    pub user_name: Option<String>,
}

impl From<TimelineRow> for TimelineEvent {
    fn from(row: TimelineRow) -> Self {
        TimelineEvent {
            id: row.id,
            at: row.at.get(),
            on_date: row.on_date,
            kind: row.kind,
            data: row.data.0,
            user_name: row.user_name,
        }
    }
}

/// What the timeline records, written once in the same transaction as the change itself.
pub struct NewEvent {
    pub partnership_id: Uuid,
    pub on_date: Date,
    pub user_id: Option<Uuid>,
    pub kind: EventKind,
    pub data: serde_json::Value,
}

/// Records a timeline line; every change worth one also changes what the attention list shows.
pub async fn record_event(tx: &mut Tx, now: Timestamp, event: NewEvent) -> Result<(), StoreError> {
    super::attention::touch(tx).await?;
    on_tx!(tx, |conn| {
        sqlx::query(
            "INSERT INTO partnership_events (id, partnership_id, at, on_date, user_id, kind, data)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(Uuid::now_v7())
        .bind(event.partnership_id)
        .bind(now)
        .bind(event.on_date)
        .bind(event.user_id)
        .bind(event.kind.as_str())
        .bind(Json(&event.data))
        .execute(conn)
        .await
        .map(|_| ())
    })?;
    Ok(())
}

pub async fn get_for_update(tx: &mut Tx, id: Uuid) -> Result<Option<Partnership>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM partnerships p WHERE p.id = $1");
    let row = on_tx!(tx, |conn| {
        sqlx::query_as::<_, PartnershipRow>(AssertSqlSafe(sql)).bind(id).fetch_optional(conn).await
    })?;
    row.map(Partnership::try_from).transpose()
}

pub async fn insert(
    tx: &mut Tx,
    id: Uuid,
    details: &PartnershipDetails,
    phase: Phase,
    now: Timestamp,
) -> Result<Partnership, StoreError> {
    on_tx!(tx, |conn| {
        sqlx::query(
            "INSERT INTO partnerships (id, version, name, name_sort, kind, phase, staircase_public, verbal,
                                       published, demo, details, created_at, updated_at, evaluation_due_on)
             VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12)",
        )
        .bind(id)
        .bind(&details.name)
        .bind(sort_key(&details.name))
        .bind(details.kind.as_str())
        .bind(phase.as_str())
        .bind(!details.private_fields.contains(&PartnershipField::Staircase))
        .bind(details.verbal)
        .bind(details.published)
        .bind(details.demo)
        .bind(Json(details))
        .bind(now)
        .bind((phase != Phase::Ended).then(|| evaluation_due(None, now.finnish_date())))
        .execute(conn)
        .await
        .map(|_| ())
    })?;
    write_parties_and_tags(tx, id, details).await?;
    get_for_update(tx, id).await?.ok_or_else(|| StoreError::Corrupt(format!("partnership {id} vanished")))
}

/// Saves `details` if the stored version is still `expected_version`; `None` means someone
/// saved first.
pub async fn update(
    tx: &mut Tx,
    id: Uuid,
    expected_version: i64,
    details: &PartnershipDetails,
    now: Timestamp,
) -> Result<Option<Partnership>, StoreError> {
    let changed = on_tx!(tx, |conn| {
        sqlx::query(
            "UPDATE partnerships SET version = version + 1, name = $3, name_sort = $4, kind = $5,
                    staircase_public = $6, verbal = $7, published = $8, details = $9, updated_at = $10
             WHERE id = $1 AND version = $2",
        )
        .bind(id)
        .bind(expected_version)
        .bind(&details.name)
        .bind(sort_key(&details.name))
        .bind(details.kind.as_str())
        .bind(!details.private_fields.contains(&PartnershipField::Staircase))
        .bind(details.verbal)
        .bind(details.published)
        .bind(Json(details))
        .bind(now)
        .execute(conn)
        .await
        .map(|r| r.rows_affected())
    })?;
    if changed != 1 {
        return Ok(None);
    }
    super::attention::touch(tx).await?;
    write_parties_and_tags(tx, id, details).await?;
    get_for_update(tx, id).await
}

async fn write_parties_and_tags(
    tx: &mut Tx,
    id: Uuid,
    details: &PartnershipDetails,
) -> Result<(), StoreError> {
    on_tx!(tx, |conn| {
        sqlx::query("DELETE FROM partnership_parties WHERE partnership_id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        sqlx::query("DELETE FROM partnership_tags WHERE partnership_id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        for (position, party) in details.parties.iter().enumerate() {
            sqlx::query(
                "INSERT INTO partnership_parties (partnership_id, actor_id, role, position) VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(party.actor_id)
            .bind(party.role.as_str())
            .bind(i32::try_from(position).unwrap_or(i32::MAX))
            .execute(&mut *conn)
            .await?;
        }
        let tag_sets = [
            ("theme", &details.themes, PartnershipField::Themes),
            ("area", &details.areas, PartnershipField::Areas),
            ("target_group", &details.target_groups, PartnershipField::TargetGroups),
        ];
        for (kind, values, field) in tag_sets {
            let public = !details.private_fields.contains(&field);
            for value in values {
                sqlx::query(
                    "INSERT INTO partnership_tags (partnership_id, kind, value_norm, value, public)
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                )
                .bind(id)
                .bind(kind)
                .bind(normalise(value))
                .bind(value)
                .bind(public)
                .execute(&mut *conn)
                .await?;
            }
        }
        Ok::<_, sqlx::Error>(())
    })?;
    Ok(())
}

/// Moves the partnership to `phase`; an evaluation decision dated `decision_on` sets when the
/// next one is due, and an ended partnership needs none.
pub async fn set_phase(
    tx: &mut Tx,
    id: Uuid,
    phase: Phase,
    decision_on: Option<Date>,
    now: Timestamp,
) -> Result<(), StoreError> {
    let next_due = decision_on.map(|on| evaluation_due(Some(on), on));
    on_tx!(tx, |conn| {
        sqlx::query(
            "UPDATE partnerships SET phase = $2, last_decision_on = COALESCE($3, last_decision_on),
                    evaluation_due_on = CASE WHEN $2 = 'ended' THEN NULL ELSE COALESCE($5, evaluation_due_on) END,
                    version = version + 1, updated_at = $4 WHERE id = $1",
        )
        .bind(id)
        .bind(phase.as_str())
        .bind(decision_on)
        .bind(now)
        .bind(next_due)
        .execute(conn)
        .await
        .map(|_| ())
    })?;
    Ok(())
}

/// For records entered after the fact (demonstration data): when the next decision is due.
pub async fn set_evaluation_due(tx: &mut Tx, id: Uuid, due: Option<Date>) -> Result<(), StoreError> {
    on_tx!(tx, |conn| {
        sqlx::query("UPDATE partnerships SET evaluation_due_on = $2 WHERE id = $1")
            .bind(id)
            .bind(due)
            .execute(conn)
            .await
            .map(|_| ())
    })?;
    Ok(())
}

pub async fn set_staircase(
    tx: &mut Tx,
    id: Uuid,
    level: StaircaseLevel,
    now: Timestamp,
) -> Result<(), StoreError> {
    on_tx!(tx, |conn| {
        sqlx::query(
            "UPDATE partnerships SET staircase_level = $2, version = version + 1, updated_at = $3 WHERE id = $1",
        )
        .bind(id)
        .bind(i32::from(level.get()))
        .bind(now)
        .execute(conn)
        .await
        .map(|_| ())
    })?;
    Ok(())
}

/// The validity shown in lists and the catalogue follows the agreement in force (or latest).
pub async fn set_validity(
    tx: &mut Tx,
    id: Uuid,
    valid_from: Option<Date>,
    valid_until: Option<Date>,
) -> Result<(), StoreError> {
    on_tx!(tx, |conn| {
        sqlx::query("UPDATE partnerships SET valid_from = $2, valid_until = $3 WHERE id = $1")
            .bind(id)
            .bind(valid_from)
            .bind(valid_until)
            .execute(conn)
            .await
            .map(|_| ())
    })?;
    Ok(())
}

pub async fn archive(tx: &mut Tx, id: Uuid, now: Timestamp) -> Result<(), StoreError> {
    super::attention::touch(tx).await?;
    on_tx!(tx, |conn| {
        sqlx::query(
            "UPDATE partnerships SET archived_at = $2, version = version + 1, updated_at = $2 WHERE id = $1",
        )
        .bind(id)
        .bind(now)
        .execute(conn)
        .await
        .map(|_| ())
    })?;
    Ok(())
}

pub async fn save_checklist_entry(
    tx: &mut Tx,
    partnership_id: Uuid,
    entry: &ChecklistEntry,
    user_id: Option<Uuid>,
    now: Timestamp,
) -> Result<(), StoreError> {
    on_tx!(tx, |conn| {
        sqlx::query(
            "INSERT INTO checklist_items (partnership_id, phase, code, done, note, updated_at, updated_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (partnership_id, phase, code)
             DO UPDATE SET done = excluded.done, note = excluded.note, updated_at = excluded.updated_at,
                           updated_by = excluded.updated_by",
        )
        .bind(partnership_id)
        .bind(entry.phase.as_str())
        .bind(&entry.code)
        .bind(entry.done)
        .bind(&entry.note)
        .bind(now)
        .bind(user_id)
        .execute(conn)
        .await
        .map(|_| ())
    })?;
    Ok(())
}
