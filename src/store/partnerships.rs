//! Partnerships: the record as JSON plus the columns and party and tag rows that lists filter
//! on, the dated timeline and the phase checklists.

use kumppani_domain::actor::sort_key;
use kumppani_domain::attention::evaluation_due;
use kumppani_domain::partnership::{
    ChecklistEntry, EventKind, Partnership, PartnershipDetails, PartnershipField, PartnershipKind,
    PartnershipSummary, Phase, StaircaseLevel,
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
    pub partnerships: Vec<PartnershipSummary>,
    pub total: i64,
}

/// A set of index slots, one bit each.
#[derive(Debug, Clone, Default)]
struct Bits(Vec<u64>);

impl Bits {
    fn set(&mut self, slot: usize, on: bool) {
        let word = slot / 64;
        if word >= self.0.len() {
            self.0.resize(word + 1, 0);
        }
        if on {
            self.0[word] |= 1 << (slot % 64);
        } else {
            self.0[word] &= !(1 << (slot % 64));
        }
    }

    fn get(&self, slot: usize) -> bool {
        self.0.get(slot / 64).is_some_and(|w| w & (1 << (slot % 64)) != 0)
    }

    fn from_slots(slots: &[usize]) -> Bits {
        let mut bits = Bits::default();
        for slot in slots {
            bits.set(*slot, true);
        }
        bits
    }

    fn and(&mut self, other: &Bits) {
        for (i, word) in self.0.iter_mut().enumerate() {
            *word &= other.0.get(i).copied().unwrap_or(0);
        }
    }

    fn or(&mut self, other: &Bits) {
        if other.0.len() > self.0.len() {
            self.0.resize(other.0.len(), 0);
        }
        for (word, theirs) in self.0.iter_mut().zip(&other.0) {
            *word |= theirs;
        }
    }

    fn count(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }

    fn slots(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(i, word)| {
            let mut word = *word;
            std::iter::from_fn(move || {
                (word != 0).then(|| {
                    let bit = word.trailing_zeros() as usize;
                    word &= word - 1;
                    i * 64 + bit
                })
            })
        })
    }
}

/// What the list filters and sorts a partnership by, beside the record itself.
#[derive(Debug, Clone, FromRow)]
struct IndexRow {
    name_sort: String,
    staircase_public: bool,
    change_seq: i64,
}

/// A changed partnership as the index reads it.
#[derive(FromRow)]
struct ChangedRow {
    #[sqlx(flatten)]
    record: PartnershipRow,
    #[sqlx(flatten)]
    index: IndexRow,
}

#[derive(Debug, Clone)]
struct Entry {
    row: IndexRow,
    summary: PartnershipSummary,
    staircase_level: Option<i32>,
    updated_at: Timestamp,
    /// Kind (theme, area, target group), normalised value and whether the tag is public.
    tags: Vec<(String, String, bool)>,
}

/// The distinct byte trigrams of a text.
fn trigrams(text: &str) -> std::collections::BTreeSet<[u8; 3]> {
    text.as_bytes().windows(3).map(|w| [w[0], w[1], w[2]]).collect()
}

/// Every partnership's list columns in memory: filters are set operations on slots, counts are
/// exact, and only the page's rows are read from the database. Lists with counts took 40–190 ms
/// of SQL per request at 50,000 partnerships; this answers in well under a millisecond.
#[derive(Debug, Default)]
struct ListIndex {
    entries: Vec<Entry>,
    slots: std::collections::HashMap<Uuid, usize>,
    live: Bits,
    published: Bits,
    verbal: Bits,
    kinds: std::collections::HashMap<String, Bits>,
    phases: std::collections::HashMap<String, Bits>,
    /// Slots by (tag kind, normalised value): all, and only where the tag is public.
    tags: std::collections::HashMap<(String, String), Vec<usize>>,
    public_tags: std::collections::HashMap<(String, String), Vec<usize>>,
    parties: std::collections::HashMap<Uuid, Vec<usize>>,
    /// Sorted slots by the trigrams of their names: a text is looked for only in the names that
    /// have its two rarest trigrams. Finnish compounds make substring search worth keeping
    /// ("yhdistys" finds every "kyläyhdistys"), and a scan of every name cost milliseconds.
    trigrams: std::collections::HashMap<[u8; 3], Vec<usize>>,
    by_name: Vec<usize>,
    by_ending: Vec<usize>,
    by_changed: Vec<usize>,
}

impl ListIndex {
    fn place(&mut self, slot: usize, entry: &Entry, on: bool) {
        let row = &entry.row;
        self.live.set(slot, on && !entry.summary.archived);
        self.published.set(slot, on && entry.summary.published);
        self.verbal.set(slot, on && entry.summary.verbal);
        self.kinds.entry(entry.summary.kind.as_str().to_owned()).or_default().set(slot, on);
        self.phases.entry(entry.summary.phase.as_str().to_owned()).or_default().set(slot, on);
        let postings = |map: &mut std::collections::HashMap<(String, String), Vec<usize>>,
                        key: (String, String)| {
            let list = map.entry(key).or_default();
            if on {
                list.push(slot);
            } else {
                list.retain(|s| *s != slot);
            }
        };
        for (kind, value, public) in &entry.tags {
            postings(&mut self.tags, (kind.clone(), value.clone()));
            if *public {
                postings(&mut self.public_tags, (kind.clone(), value.clone()));
            }
        }
        for trigram in trigrams(&row.name_sort) {
            let list = self.trigrams.entry(trigram).or_default();
            match (list.binary_search(&slot), on) {
                (Err(at), true) => list.insert(at, slot),
                (Ok(at), false) => {
                    list.remove(at);
                }
                _ => {}
            }
        }
        for actor in &entry.summary.parties {
            let list = self.parties.entry(*actor).or_default();
            if on {
                list.push(slot);
            } else {
                list.retain(|s| *s != slot);
            }
        }
    }

    fn upsert(&mut self, entry: Entry) {
        match self.slots.get(&entry.summary.id).copied() {
            Some(slot) => {
                let old = std::mem::replace(&mut self.entries[slot], entry);
                self.place(slot, &old, false);
                let new = self.entries[slot].clone();
                self.place(slot, &new, true);
            }
            None => {
                let slot = self.entries.len();
                self.slots.insert(entry.summary.id, slot);
                self.place(slot, &entry, true);
                self.entries.push(entry);
            }
        }
    }

    /// The three orders the list offers, as the SQL had them.
    fn sort(&mut self) {
        let rows = &self.entries;
        let mut by_name: Vec<usize> = (0..rows.len()).collect();
        by_name.sort_by(|a, b| {
            (&rows[*a].row.name_sort, rows[*a].summary.id)
                .cmp(&(&rows[*b].row.name_sort, rows[*b].summary.id))
        });
        let mut by_ending = by_name.clone();
        // Stable on the name order: open-ended last, then by end date.
        by_ending.sort_by_key(|s| (rows[*s].summary.valid_until.is_none(), rows[*s].summary.valid_until));
        let mut by_changed: Vec<usize> = (0..rows.len()).collect();
        by_changed.sort_by(|a, b| {
            rows[*b].updated_at.cmp(&rows[*a].updated_at).then(rows[*a].summary.id.cmp(&rows[*b].summary.id))
        });
        self.by_name = by_name;
        self.by_ending = by_ending;
        self.by_changed = by_changed;
    }

    /// One page of list entries and the number of matches in all.
    fn query(&self, query: &PartnershipQuery, scope: &ListScope) -> (Vec<PartnershipSummary>, usize) {
        let privileged = *scope == ListScope::Everything;
        let mut found = self.live.clone();
        let slots_of = |list: Option<&Vec<usize>>| list.map(|l| Bits::from_slots(l)).unwrap_or_default();
        match scope {
            ListScope::Everything => {}
            ListScope::Published => found.and(&self.published),
            ListScope::PublishedAnd(own) => {
                let mut visible = self.published.clone();
                for actor in own {
                    visible.or(&slots_of(self.parties.get(actor)));
                }
                found.and(&visible);
            }
        }
        if let Some(kind) = query.kind {
            found.and(self.kinds.get(kind.as_str()).unwrap_or(&Bits::default()));
        }
        if let Some(phase) = query.phase {
            found.and(self.phases.get(phase.as_str()).unwrap_or(&Bits::default()));
        }
        for (kind, value) in [("theme", &query.theme), ("area", &query.area)] {
            if let Some(value) = value.as_deref().map(normalise).filter(|v| !v.is_empty()) {
                let map = if privileged { &self.tags } else { &self.public_tags };
                found.and(&slots_of(map.get(&(kind.to_owned(), value))));
            }
        }
        if let Some(actor) = query.actor {
            found.and(&slots_of(self.parties.get(&actor)));
        }
        if query.verbal_only {
            found.and(&self.verbal);
        }
        // `name_sort` holds the sort key, where ä, ö and å are stand-ins: match it in the same form.
        let text = query.text.as_deref().map(sort_key).filter(|t| !t.is_empty());
        if let Some(text) = text.as_deref() {
            let mut lists: Vec<Option<&Vec<usize>>> =
                trigrams(text).iter().map(|t| self.trigrams.get(t)).collect();
            lists.sort_by_key(|list| list.map_or(0, Vec::len));
            for list in lists.into_iter().take(2) {
                found.and(&slots_of(list));
            }
        }
        let level = query.staircase.map(|l| i32::from(l.get()));
        if text.is_some() || level.is_some() || query.ending_before.is_some() {
            let rejected: Vec<usize> = found
                .slots()
                .filter(|slot| {
                    let entry = &self.entries[*slot];
                    let row = &entry.row;
                    let text_ok = text.as_deref().is_none_or(|t| row.name_sort.contains(t));
                    let level_ok = level.is_none_or(|l| {
                        entry.staircase_level == Some(l) && (privileged || row.staircase_public)
                    });
                    let ending_ok =
                        query.ending_before.is_none_or(|d| entry.summary.valid_until.is_some_and(|u| u <= d));
                    !(text_ok && level_ok && ending_ok)
                })
                .collect();
            for slot in rejected {
                found.set(slot, false);
            }
        }
        let total = found.count();
        let order = match query.sort {
            PartnershipSort::Name => &self.by_name,
            PartnershipSort::EndingFirst => &self.by_ending,
            PartnershipSort::RecentlyChanged => &self.by_changed,
        };
        let offset = usize::try_from(query.offset).unwrap_or(0);
        let limit = usize::try_from(query.limit).unwrap_or(0);
        let ids = order
            .iter()
            .filter(|slot| found.get(**slot))
            .skip(offset)
            .take(limit)
            .map(|slot| self.entries[*slot].summary.clone())
            .collect();
        (ids, total)
    }
}

/// The list index and the change counter value it reflects.
#[derive(Debug)]
pub struct PartnershipIndex {
    index: std::sync::RwLock<ListIndex>,
    /// Highest change sequence applied; -1 before the first load.
    synced: std::sync::atomic::AtomicI64,
    loading: tokio::sync::Mutex<()>,
}

impl Default for PartnershipIndex {
    fn default() -> Self {
        Self {
            index: std::sync::RwLock::default(),
            synced: std::sync::atomic::AtomicI64::new(-1),
            loading: tokio::sync::Mutex::new(()),
        }
    }
}

impl Store {
    pub async fn partnership(&self, id: Uuid) -> Result<Option<Partnership>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM partnerships p WHERE p.id = $1");
        let row = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, PartnershipRow>(AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await
        })?;
        row.map(Partnership::try_from).transpose()
    }

    /// Brings the list index up to date with what any process wrote: one small query when
    /// nothing changed, the changed partnerships' rows when something did.
    pub async fn sync_partnerships(&self) -> Result<(), StoreError> {
        use std::sync::atomic::Ordering;
        let state = &self.attention.partnerships;
        let current = on_pool!(&self.db, |pool| {
            sqlx::query_scalar::<_, i64>("SELECT value FROM change_counters WHERE name = 'partnerships'")
                .fetch_one(pool)
                .await
        })?;
        if current <= state.synced.load(Ordering::Acquire) {
            return Ok(());
        }
        let _loading = state.loading.lock().await;
        let synced = state.synced.load(Ordering::Acquire);
        if current <= synced {
            return Ok(());
        }
        let sql = format!(
            "SELECT {COLUMNS}, p.name_sort, p.staircase_public, p.change_seq
             FROM partnerships p WHERE p.change_seq > $1"
        );
        let rows = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, ChangedRow>(AssertSqlSafe(sql)).bind(synced).fetch_all(pool).await
        })?;
        let newest = rows.iter().map(|r| r.index.change_seq).max().unwrap_or(current).max(current);
        if !rows.is_empty() {
            let tags = on_pool!(&self.db, |pool| {
                sqlx::query_as::<_, (Uuid, String, String, bool)>(
                    "SELECT t.partnership_id, t.kind, t.value_norm, t.public FROM partnership_tags t
                     JOIN partnerships p ON p.id = t.partnership_id WHERE p.change_seq > $1",
                )
                .bind(synced)
                .fetch_all(pool)
                .await
            })?;
            let mut entries = std::collections::HashMap::with_capacity(rows.len());
            for row in rows {
                let staircase_level = row.record.staircase_level;
                let updated_at = row.record.updated_at;
                let partnership = Partnership::try_from(row.record)?;
                let entry = Entry {
                    row: row.index,
                    summary: PartnershipSummary::of(&partnership),
                    staircase_level,
                    updated_at,
                    tags: Vec::new(),
                };
                entries.insert(partnership.id, entry);
            }
            for (id, kind, value, public) in tags {
                if let Some(entry) = entries.get_mut(&id) {
                    entry.tags.push((kind, value, public));
                }
            }
            let mut index = state.index.write().unwrap_or_else(std::sync::PoisonError::into_inner);
            for entry in entries.into_values() {
                index.upsert(entry);
            }
            index.sort();
        }
        state.synced.store(newest, Ordering::Release);
        Ok(())
    }

    /// One page of the list, from memory: the entries as stored, for the caller to show as
    /// its viewer may see them.
    pub async fn list_partnerships(
        &self,
        query: &PartnershipQuery,
        scope: &ListScope,
    ) -> Result<PartnershipPage, StoreError> {
        self.sync_partnerships().await?;
        let (partnerships, total) = self
            .attention
            .partnerships
            .index
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .query(query, scope);
        Ok(PartnershipPage { partnerships, total: i64::try_from(total).unwrap_or(i64::MAX) })
    }

    /// Whole records of these partnerships, in the order of `ids`.
    pub async fn partnerships_by_ids(&self, ids: &[Uuid]) -> Result<Vec<Partnership>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
        let sql = format!("SELECT {COLUMNS} FROM partnerships p WHERE p.id IN ({})", placeholders.join(", "));
        let rows = on_pool!(&self.db, |pool| {
            let mut query = sqlx::query_as::<_, PartnershipRow>(AssertSqlSafe(sql));
            for id in ids {
                query = query.bind(*id);
            }
            query.fetch_all(pool).await
        })?;
        let mut partnerships = rows.into_iter().map(Partnership::try_from).collect::<Result<Vec<_>, _>>()?;
        partnerships.sort_by_key(|p| ids.iter().position(|id| *id == p.id));
        Ok(partnerships)
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
    #[serde(with = "kumppani_domain::iso_date")]
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

/// Marks a change to what lists show of a partnership: bumps the change counter and stamps the
/// row with its new value, so every process's list index reloads just this row.
async fn stamp(tx: &mut Tx, id: Uuid) -> Result<(), StoreError> {
    super::attention::touch(tx).await?;
    on_tx!(tx, |conn| {
        sqlx::query(
            "UPDATE partnerships SET change_seq = (SELECT value FROM change_counters WHERE name = 'partnerships')
             WHERE id = $1",
        )
        .bind(id)
        .execute(conn)
        .await
        .map(|_| ())
    })?;
    Ok(())
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
    stamp(tx, id).await?;
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
    write_parties_and_tags(tx, id, details).await?;
    stamp(tx, id).await?;
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
    stamp(tx, id).await
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
    stamp(tx, id).await
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
    stamp(tx, id).await
}

pub async fn archive(tx: &mut Tx, id: Uuid, now: Timestamp) -> Result<(), StoreError> {
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
    stamp(tx, id).await
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
