//! The attention list from the database: one indexed query per kind of line, cached per viewer
//! scope until anything in the partnership records changes or the day turns.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use kumppani_domain::agreement::NOTICE_DAYS_MAX;
use kumppani_domain::attention::{AttentionItem, AttentionKind, sort, upcoming_until};
use kumppani_domain::commitment::DeliverableKind;
use serde::Serialize;
use sqlx::types::Json;
use sqlx::{AssertSqlSafe, FromRow};
use time::Date;
use uuid::Uuid;

use super::{Store, StoreError, Tx, on_pool, on_tx};

/// Lines per kind on the overview; the counts tell how many there are in all, and each kind
/// has pages of its own.
pub const OVERVIEW_LINES: i64 = 10;

/// Whose list: the whole city's, or the partnerships of some actors (an organisation member's).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AttentionScope {
    Everything,
    Actors(Vec<Uuid>),
}

#[derive(Debug, Clone, Serialize)]
pub struct AttentionList {
    #[serde(with = "kumppani_domain::iso_date")]
    pub today: Date,
    /// How many lines of each kind there are, in the list's order; kinds with none are left out.
    pub counts: Vec<(AttentionKind, i64)>,
    pub items: Vec<AttentionItem>,
}

/// Cached lists and the change counter value and day they were computed for; also the
/// partnership list's in-memory index, which follows the same counter.
#[derive(Debug, Default)]
pub struct AttentionCache {
    state: Mutex<CacheState>,
    /// Held while a list is computed, so a burst of requests after a change computes each
    /// list once instead of once per request.
    computing: tokio::sync::Mutex<()>,
    pub(super) partnerships: super::partnerships::PartnershipIndex,
}

#[derive(Debug, Default)]
struct CacheState {
    counter: i64,
    today: Option<Date>,
    lists: HashMap<AttentionScope, Arc<AttentionList>>,
}

/// A very large scope (hundreds of actors) would fill the cache; such lists are not kept.
const CACHEABLE_SCOPE: usize = 64;
const CACHE_ENTRIES: usize = 10_000;

/// Marks a change to partnership records; call in the same transaction as the change.
pub async fn touch(tx: &mut Tx) -> Result<(), StoreError> {
    on_tx!(tx, |conn| {
        sqlx::query("UPDATE change_counters SET value = value + 1 WHERE name = 'partnerships'")
            .execute(conn)
            .await
            .map(|_| ())
    })?;
    Ok(())
}

#[derive(FromRow)]
struct LineRow {
    partnership_id: Uuid,
    partnership_name: String,
    subject_id: Uuid,
    title: Option<String>,
    details: Option<Json<serde_json::Value>>,
    date: Option<Date>,
    actor_id: Option<Uuid>,
    deliverable_kind: Option<String>,
    year: Option<i32>,
}

/// One kind of line: its FROM/WHERE (with `p` the partnership), what to select, and the order.
struct Source {
    kind: AttentionKind,
    /// The tables joined, for reading the chosen lines.
    table: &'static str,
    /// The line's own id, and the column naming its partnership.
    key: &'static str,
    owner: &'static str,
    from: String,
    select: &'static str,
    order: &'static str,
    /// The parameters the condition uses, after the scope's.
    dates: Vec<Date>,
}

fn sources(today: Date) -> Vec<Source> {
    let until = upcoming_until(today);
    let open_commitments = "commitments c JOIN partnerships p ON p.id = c.partnership_id \
        WHERE c.status IN ('not_started', 'in_progress') AND p.archived_at IS NULL";
    let commitment_select = "c.id AS subject_id, NULL AS title, c.details AS details, c.due_on AS date, c.actor_id AS actor_id, \
         NULL AS deliverable_kind, NULL AS year";
    let open_deliverables = "deliverables d JOIN partnerships p ON p.id = d.partnership_id \
        WHERE d.status IN ('open', 'returned') AND p.archived_at IS NULL";
    let deliverable_select = "d.id AS subject_id, d.title AS title, NULL AS details, d.due_on AS date, d.actor_id AS actor_id, \
         d.kind AS deliverable_kind, d.year AS year";
    vec![
        Source {
            kind: AttentionKind::CommitmentOverdue,
            table: "commitments c JOIN partnerships p ON p.id = c.partnership_id",
            key: "c.id",
            owner: "c.partnership_id",
            from: format!("{open_commitments} AND c.due_on < {{d0}}"),
            select: commitment_select,
            order: "c.due_on, c.id",
            dates: vec![today],
        },
        Source {
            kind: AttentionKind::DeliverableOverdue,
            table: "deliverables d JOIN partnerships p ON p.id = d.partnership_id",
            key: "d.id",
            owner: "d.partnership_id",
            from: format!("{open_deliverables} AND d.due_on < {{d0}}"),
            select: deliverable_select,
            order: "d.due_on, d.id",
            dates: vec![today],
        },
        Source {
            kind: AttentionKind::AwaitingReview,
            table: "deliverables d JOIN partnerships p ON p.id = d.partnership_id",
            key: "d.id",
            owner: "d.partnership_id",
            from: "deliverables d JOIN partnerships p ON p.id = d.partnership_id \
                   WHERE d.status = 'submitted' AND p.archived_at IS NULL".to_owned(),
            select: deliverable_select,
            order: "d.due_on, d.id",
            dates: vec![],
        },
        Source {
            kind: AttentionKind::AwaitingAcceptance,
            table: "agreements g JOIN partnerships p ON p.id = g.partnership_id",
            key: "g.id",
            owner: "g.partnership_id",
            from: "agreements g JOIN partnerships p ON p.id = g.partnership_id \
                   WHERE g.accepted_on IS NULL AND g.superseded_by IS NULL \
                   AND (g.funder_verdict IS NULL OR g.funder_verdict <> 'negative') AND p.archived_at IS NULL \
                   AND EXISTS (SELECT 1 FROM agreement_acceptances c WHERE c.agreement_id = g.id \
                               AND c.accepted_on IS NULL {acceptor})".to_owned(),
            select: "g.id AS subject_id, NULL AS title, g.details AS details, g.valid_from AS date, NULL AS actor_id, NULL AS deliverable_kind, NULL AS year",
            order: "g.valid_from, g.id",
            dates: vec![],
        },
        Source {
            kind: AttentionKind::AgreementEnding,
            table: "agreements g JOIN partnerships p ON p.id = g.partnership_id",
            key: "g.id",
            owner: "g.partnership_id",
            from: "agreements g JOIN partnerships p ON p.id = g.partnership_id \
                   WHERE g.superseded_by IS NULL AND g.notice_from <= {d0} AND g.valid_until >= {d0} \
                   AND g.notice_from >= {d1} \
                   AND g.accepted_on IS NOT NULL AND (g.funder_condition = FALSE OR g.funder_verdict = 'positive') \
                   AND p.archived_at IS NULL".to_owned(),
            select: "g.id AS subject_id, NULL AS title, g.details AS details, g.valid_until AS date, NULL AS actor_id, NULL AS deliverable_kind, NULL AS year",
            order: "g.valid_until, g.id",
            // Redundant, for the index: the notice period is at most NOTICE_DAYS_MAX long.
            dates: vec![today, today - time::Duration::days(i64::from(NOTICE_DAYS_MAX))],
        },
        Source {
            kind: AttentionKind::AwaitingFunder,
            table: "agreements g JOIN partnerships p ON p.id = g.partnership_id",
            key: "g.id",
            owner: "g.partnership_id",
            from: "agreements g JOIN partnerships p ON p.id = g.partnership_id \
                   WHERE g.funder_condition AND g.funder_verdict IS NULL AND g.superseded_by IS NULL \
                   AND p.archived_at IS NULL".to_owned(),
            select: "g.id AS subject_id, NULL AS title, g.details AS details, g.valid_from AS date, NULL AS actor_id, NULL AS deliverable_kind, NULL AS year",
            order: "g.valid_from, g.id",
            dates: vec![],
        },
        Source {
            kind: AttentionKind::CommitmentUpcoming,
            table: "commitments c JOIN partnerships p ON p.id = c.partnership_id",
            key: "c.id",
            owner: "c.partnership_id",
            from: format!("{open_commitments} AND c.due_on >= {{d0}} AND c.due_on <= {{d1}}"),
            select: commitment_select,
            order: "c.due_on, c.id",
            dates: vec![today, until],
        },
        Source {
            kind: AttentionKind::DeliverableUpcoming,
            table: "deliverables d JOIN partnerships p ON p.id = d.partnership_id",
            key: "d.id",
            owner: "d.partnership_id",
            from: format!("{open_deliverables} AND d.due_on >= {{d0}} AND d.due_on <= {{d1}}"),
            select: deliverable_select,
            order: "d.due_on, d.id",
            dates: vec![today, until],
        },
        Source {
            kind: AttentionKind::VerbalNotWritten,
            table: "partnerships p",
            key: "p.id",
            owner: "p.id",
            from: "partnerships p WHERE p.verbal = TRUE AND p.archived_at IS NULL".to_owned(),
            select: "p.id AS subject_id, NULL AS title, NULL AS details, NULL AS date, NULL AS actor_id, NULL AS deliverable_kind, NULL AS year",
            order: "p.name_sort, p.id",
            dates: vec![],
        },
        Source {
            kind: AttentionKind::NoEvaluationDecision,
            table: "partnerships p",
            key: "p.id",
            owner: "p.id",
            from: "partnerships p WHERE p.evaluation_due_on <= {d0} AND p.archived_at IS NULL".to_owned(),
            select: "p.id AS subject_id, NULL AS title, NULL AS details, p.evaluation_due_on AS date, NULL AS actor_id, NULL AS deliverable_kind, NULL AS year",
            order: "p.evaluation_due_on, p.id",
            dates: vec![today],
        },
    ]
}

/// The condition's text with the scope and dates numbered as parameters. A member's list starts
/// from their own partnerships (`CROSS JOIN` keeps SQLite from starting anywhere else), so it
/// costs what their partnerships hold, not what the whole city's do.
fn condition(source: &Source, scope: &AttentionScope) -> (String, Vec<Uuid>) {
    let actors = match scope {
        AttentionScope::Everything => Vec::new(),
        AttentionScope::Actors(ids) => ids.clone(),
    };
    let ids = (1..=actors.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
    let mut from = source.from.clone();
    for (i, _) in source.dates.iter().enumerate() {
        from = from.replace(&format!("{{d{i}}}"), &format!("${}", actors.len() + i + 1));
    }
    if actors.is_empty() {
        return (from.replace("{acceptor}", ""), actors);
    }
    // Only their own acceptances to give.
    let from = from.replace("{acceptor}", &format!("AND c.actor_id IN ({ids})"));
    (
        format!(
            "(SELECT DISTINCT s.partnership_id AS id FROM partnership_parties s WHERE s.actor_id IN ({ids})) mine \
             CROSS JOIN {from} AND {} = mine.id",
            source.owner
        ),
        actors,
    )
}

impl Store {
    /// The overview of the attention list for `scope` on `today`, from the cache when nothing
    /// has changed.
    pub async fn attention(
        &self,
        scope: &AttentionScope,
        today: Date,
    ) -> Result<Arc<AttentionList>, StoreError> {
        let counter = on_pool!(&self.db, |pool| {
            sqlx::query_scalar::<_, i64>("SELECT value FROM change_counters WHERE name = 'partnerships'")
                .fetch_one(pool)
                .await
        })?;
        {
            let mut state = self.attention.state.lock().unwrap_or_else(PoisonError::into_inner);
            if state.counter != counter || state.today != Some(today) {
                *state = CacheState { counter, today: Some(today), lists: HashMap::new() };
            }
            if let Some(list) = state.lists.get(scope) {
                return Ok(list.clone());
            }
        }
        // One computation at a time: requests that waited find the list in the cache.
        let _computing = self.attention.computing.lock().await;
        {
            let state = self.attention.state.lock().unwrap_or_else(PoisonError::into_inner);
            if state.counter == counter
                && state.today == Some(today)
                && let Some(list) = state.lists.get(scope)
            {
                return Ok(list.clone());
            }
        }
        let list = Arc::new(self.compute_attention(scope, today, None, 0, OVERVIEW_LINES).await?);
        let cacheable = match scope {
            AttentionScope::Everything => true,
            AttentionScope::Actors(ids) => ids.len() <= CACHEABLE_SCOPE,
        };
        let mut state = self.attention.state.lock().unwrap_or_else(PoisonError::into_inner);
        if cacheable && state.counter == counter && state.today == Some(today) {
            if state.lists.len() >= CACHE_ENTRIES {
                state.lists.clear();
            }
            state.lists.insert(scope.clone(), list.clone());
        }
        Ok(list)
    }

    /// One kind's lines from `offset` on, uncached: a page of its own, or a calendar feed.
    pub async fn attention_of_kind(
        &self,
        scope: &AttentionScope,
        today: Date,
        kind: AttentionKind,
        offset: i64,
        limit: i64,
    ) -> Result<AttentionList, StoreError> {
        self.compute_attention(scope, today, Some(kind), offset, limit).await
    }

    async fn compute_attention(
        &self,
        scope: &AttentionScope,
        today: Date,
        only: Option<AttentionKind>,
        offset: i64,
        limit: i64,
    ) -> Result<AttentionList, StoreError> {
        let mut counts = Vec::new();
        let mut items = Vec::new();
        if matches!(scope, AttentionScope::Actors(ids) if ids.is_empty()) {
            return Ok(AttentionList { today, counts, items });
        }
        for source in sources(today).into_iter().filter(|s| only.is_none_or(|kind| kind == s.kind)) {
            let (condition, actors) = condition(&source, scope);
            let count_sql = format!("SELECT COUNT(*) FROM {condition}");
            // The lines are chosen by their narrow index columns, and only they are read
            // whole; sorting every match with its details took most of the time.
            let lines_sql = format!(
                "SELECT p.id AS partnership_id, p.name AS partnership_name, {select} FROM {table} \
                 WHERE {key} IN (SELECT {key} FROM {condition} ORDER BY {order} LIMIT {limit} OFFSET {offset})",
                select = source.select,
                table = source.table,
                key = source.key,
                order = source.order,
            );
            let count = on_pool!(&self.db, |pool| {
                let mut query = sqlx::query_scalar::<_, i64>(AssertSqlSafe(count_sql));
                for id in &actors {
                    query = query.bind(*id);
                }
                for date in &source.dates {
                    query = query.bind(*date);
                }
                query.fetch_one(pool).await
            })?;
            if count == 0 {
                continue;
            }
            let rows = on_pool!(&self.db, |pool| {
                let mut query = sqlx::query_as::<_, LineRow>(AssertSqlSafe(lines_sql));
                for id in &actors {
                    query = query.bind(*id);
                }
                for date in &source.dates {
                    query = query.bind(*date);
                }
                query.fetch_all(pool).await
            })?;
            counts.push((source.kind, count));
            items.extend(rows.into_iter().map(|row| {
                let from_details = row
                    .details
                    .as_ref()
                    .and_then(|d| d.0.get("title").and_then(|t| t.as_str()).map(str::to_owned));
                AttentionItem {
                    kind: source.kind,
                    title: row
                        .title
                        .filter(|t| !t.is_empty())
                        .or(from_details)
                        .unwrap_or_else(|| row.partnership_name.clone()),
                    partnership_id: row.partnership_id,
                    partnership_name: row.partnership_name,
                    subject_id: row.subject_id,
                    date: row.date,
                    actor_id: row.actor_id,
                    deliverable_kind: row.deliverable_kind.as_deref().and_then(DeliverableKind::parse),
                    year: row.year,
                }
            }));
        }
        sort(&mut items);
        Ok(AttentionList { today, counts, items })
    }
}
