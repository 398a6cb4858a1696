//! Follow-up records: commitments, deliverables with their review, plan indicators and grants.

use kumppani_domain::commitment::{
    BudgetLine, Commitment, CommitmentDetails, Deliverable, DeliverableKind, DeliverableStatus, GrantYear,
    Indicator, NewDeliverable,
};
use serde::{Deserialize, Serialize};
use sqlx::types::Json;
use sqlx::{AssertSqlSafe, FromRow};
use time::Date;
use uuid::Uuid;

use super::{Store, StoreError, Timestamp, Tx, on_pool, on_tx};

#[derive(FromRow)]
struct CommitmentRow {
    id: Uuid,
    partnership_id: Uuid,
    version: i64,
    details: Json<CommitmentDetails>,
    created_at: Timestamp,
    updated_at: Timestamp,
}

impl From<CommitmentRow> for Commitment {
    fn from(row: CommitmentRow) -> Self {
        Commitment {
            id: row.id,
            partnership_id: row.partnership_id,
            version: row.version,
            details: row.details.0,
            created_at: row.created_at.get(),
            updated_at: row.updated_at.get(),
        }
    }
}

const COMMITMENT_COLUMNS: &str = "id, partnership_id, version, details, created_at, updated_at";

/// What a deliverable carries beyond its columns.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct DeliverableBody {
    text: Option<String>,
    budget_lines: Vec<BudgetLine>,
    indicators: Vec<Indicator>,
    review_comment: Option<String>,
}

#[derive(FromRow)]
struct DeliverableRow {
    id: Uuid,
    partnership_id: Uuid,
    version: i64,
    actor_id: Option<Uuid>,
    kind: String,
    title: String,
    year: Option<i32>,
    due_on: Date,
    status: String,
    details: Json<DeliverableBody>,
    submitted_at: Option<Timestamp>,
    reviewed_at: Option<Timestamp>,
}

impl TryFrom<DeliverableRow> for Deliverable {
    type Error = StoreError;

    fn try_from(row: DeliverableRow) -> Result<Self, StoreError> {
        let corrupt = |what: &str| StoreError::Corrupt(format!("deliverable {} has {what}", row.id));
        let body = row.details.0;
        Ok(Deliverable {
            id: row.id,
            partnership_id: row.partnership_id,
            version: row.version,
            actor_id: row.actor_id,
            kind: DeliverableKind::parse(&row.kind).ok_or_else(|| corrupt("an unknown kind"))?,
            title: row.title,
            year: row.year,
            due_on: row.due_on,
            status: DeliverableStatus::parse(&row.status).ok_or_else(|| corrupt("an unknown status"))?,
            text: body.text,
            budget_lines: body.budget_lines,
            indicators: body.indicators,
            review_comment: body.review_comment,
            submitted_at: row.submitted_at.map(Timestamp::get),
            reviewed_at: row.reviewed_at.map(Timestamp::get),
        })
    }
}

const DELIVERABLE_COLUMNS: &str = "id, partnership_id, version, actor_id, kind, title, year, due_on, status, details, submitted_at, reviewed_at";

#[derive(FromRow)]
struct GrantRow {
    year: i32,
    applied_cents: Option<i64>,
    granted_cents: Option<i64>,
    paid_cents: Option<i64>,
    decision_reference: Option<String>,
    decided_on: Option<Date>,
}

impl Store {
    pub async fn commitments_of(&self, partnership_id: Uuid) -> Result<Vec<Commitment>, StoreError> {
        let sql = format!(
            "SELECT {COMMITMENT_COLUMNS} FROM commitments WHERE partnership_id = $1
             ORDER BY CASE WHEN due_on IS NULL THEN 1 ELSE 0 END, due_on, created_at"
        );
        let rows = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, CommitmentRow>(AssertSqlSafe(sql)).bind(partnership_id).fetch_all(pool).await
        })?;
        Ok(rows.into_iter().map(Commitment::from).collect())
    }

    pub async fn commitment(&self, id: Uuid) -> Result<Option<Commitment>, StoreError> {
        let sql = format!("SELECT {COMMITMENT_COLUMNS} FROM commitments WHERE id = $1");
        let row = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, CommitmentRow>(AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await
        })?;
        Ok(row.map(Commitment::from))
    }

    pub async fn deliverables_of(&self, partnership_id: Uuid) -> Result<Vec<Deliverable>, StoreError> {
        let sql = format!(
            "SELECT {DELIVERABLE_COLUMNS} FROM deliverables WHERE partnership_id = $1 ORDER BY due_on, id"
        );
        let rows = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, DeliverableRow>(AssertSqlSafe(sql)).bind(partnership_id).fetch_all(pool).await
        })?;
        rows.into_iter().map(Deliverable::try_from).collect()
    }

    pub async fn deliverable(&self, id: Uuid) -> Result<Option<Deliverable>, StoreError> {
        let sql = format!("SELECT {DELIVERABLE_COLUMNS} FROM deliverables WHERE id = $1");
        let row = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, DeliverableRow>(AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await
        })?;
        row.map(Deliverable::try_from).transpose()
    }

    pub async fn grant_years_of(&self, partnership_id: Uuid) -> Result<Vec<GrantYear>, StoreError> {
        let rows = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, GrantRow>(
                "SELECT year, applied_cents, granted_cents, paid_cents, decision_reference, decided_on
                 FROM grant_years WHERE partnership_id = $1 ORDER BY year DESC",
            )
            .bind(partnership_id)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows
            .into_iter()
            .map(|r| GrantYear {
                year: r.year,
                applied_cents: r.applied_cents,
                granted_cents: r.granted_cents,
                paid_cents: r.paid_cents,
                decision_reference: r.decision_reference,
                decided_on: r.decided_on,
            })
            .collect())
    }
}

pub async fn insert_commitment(
    tx: &mut Tx,
    id: Uuid,
    partnership_id: Uuid,
    details: &CommitmentDetails,
    now: Timestamp,
) -> Result<Commitment, StoreError> {
    on_tx!(tx, |conn| {
        sqlx::query(
            "INSERT INTO commitments (id, partnership_id, actor_id, version, status, due_on, details, created_at, updated_at)
             VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $7)",
        )
        .bind(id)
        .bind(partnership_id)
        .bind(details.actor_id)
        .bind(details.status.as_str())
        .bind(details.due_on)
        .bind(Json(details))
        .bind(now)
        .execute(conn)
        .await
        .map(|_| ())
    })?;
    Ok(Commitment {
        id,
        partnership_id,
        version: 1,
        details: details.clone(),
        created_at: now.get(),
        updated_at: now.get(),
    })
}

pub async fn commitment_for_update(tx: &mut Tx, id: Uuid) -> Result<Option<Commitment>, StoreError> {
    let sql = format!("SELECT {COMMITMENT_COLUMNS} FROM commitments WHERE id = $1");
    let row = on_tx!(tx, |conn| {
        sqlx::query_as::<_, CommitmentRow>(AssertSqlSafe(sql)).bind(id).fetch_optional(conn).await
    })?;
    Ok(row.map(Commitment::from))
}

/// Saves a commitment if it is still at `expected_version`; `false` means someone saved first.
pub async fn update_commitment(
    tx: &mut Tx,
    id: Uuid,
    expected_version: i64,
    details: &CommitmentDetails,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let changed = on_tx!(tx, |conn| {
        sqlx::query(
            "UPDATE commitments SET version = version + 1, actor_id = $3, status = $4, due_on = $5, details = $6,
                    updated_at = $7
             WHERE id = $1 AND version = $2",
        )
        .bind(id)
        .bind(expected_version)
        .bind(details.actor_id)
        .bind(details.status.as_str())
        .bind(details.due_on)
        .bind(Json(details))
        .bind(now)
        .execute(conn)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(changed == 1)
}

pub async fn insert_deliverable(
    tx: &mut Tx,
    id: Uuid,
    partnership_id: Uuid,
    new: &NewDeliverable,
    now: Timestamp,
) -> Result<(), StoreError> {
    on_tx!(tx, |conn| {
        sqlx::query(
            "INSERT INTO deliverables (id, partnership_id, actor_id, version, kind, year, title, due_on, status, details,
                                       created_at, updated_at)
             VALUES ($1, $2, $3, 1, $4, $5, $6, $7, 'open', $8, $9, $9)",
        )
        .bind(id)
        .bind(partnership_id)
        .bind(new.actor_id)
        .bind(new.kind.as_str())
        .bind(new.year)
        .bind(&new.title)
        .bind(new.due_on)
        .bind(Json(DeliverableBody::default()))
        .bind(now)
        .execute(conn)
        .await
        .map(|_| ())
    })?;
    Ok(())
}

/// Whether the partnership already has a cycle document of this kind for this grant year.
pub async fn has_cycle_document(
    tx: &mut Tx,
    partnership_id: Uuid,
    kind: DeliverableKind,
    year: i32,
) -> Result<bool, StoreError> {
    let count = on_tx!(tx, |conn| {
        sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM deliverables WHERE partnership_id = $1 AND kind = $2 AND year = $3",
        )
        .bind(partnership_id)
        .bind(kind.as_str())
        .bind(year)
        .fetch_one(conn)
        .await
    })?;
    Ok(count > 0)
}

/// A partnership's deliverables, read inside a write transaction.
pub async fn deliverables_in(tx: &mut Tx, partnership_id: Uuid) -> Result<Vec<Deliverable>, StoreError> {
    let sql = format!(
        "SELECT {DELIVERABLE_COLUMNS} FROM deliverables WHERE partnership_id = $1 ORDER BY due_on, id"
    );
    let rows = on_tx!(tx, |conn| {
        sqlx::query_as::<_, DeliverableRow>(AssertSqlSafe(sql)).bind(partnership_id).fetch_all(conn).await
    })?;
    rows.into_iter().map(Deliverable::try_from).collect()
}

pub async fn deliverable_for_update(tx: &mut Tx, id: Uuid) -> Result<Option<Deliverable>, StoreError> {
    let sql = format!("SELECT {DELIVERABLE_COLUMNS} FROM deliverables WHERE id = $1");
    let row = on_tx!(tx, |conn| {
        sqlx::query_as::<_, DeliverableRow>(AssertSqlSafe(sql)).bind(id).fetch_optional(conn).await
    })?;
    row.map(Deliverable::try_from).transpose()
}

/// Writes a deliverable's state after a submission or review, if still at `expected_version`.
pub async fn save_deliverable(
    tx: &mut Tx,
    deliverable: &Deliverable,
    expected_version: i64,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let body = DeliverableBody {
        text: deliverable.text.clone(),
        budget_lines: deliverable.budget_lines.clone(),
        indicators: deliverable.indicators.clone(),
        review_comment: deliverable.review_comment.clone(),
    };
    let changed = on_tx!(tx, |conn| {
        sqlx::query(
            "UPDATE deliverables SET version = version + 1, status = $3, details = $4, submitted_at = $5,
                    reviewed_at = $6, updated_at = $7
             WHERE id = $1 AND version = $2",
        )
        .bind(deliverable.id)
        .bind(expected_version)
        .bind(deliverable.status.as_str())
        .bind(Json(&body))
        .bind(deliverable.submitted_at.map(Timestamp::new))
        .bind(deliverable.reviewed_at.map(Timestamp::new))
        .bind(now)
        .execute(conn)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(changed == 1)
}

/// The indicators of an accepted plan become the partnership's agreed indicators, which later
/// measurements refer to by id.
pub async fn replace_plan_indicators(tx: &mut Tx, deliverable: &Deliverable) -> Result<(), StoreError> {
    on_tx!(tx, |conn| {
        sqlx::query("DELETE FROM indicators WHERE deliverable_id = $1")
            .bind(deliverable.id)
            .execute(&mut *conn)
            .await?;
        for (position, indicator) in deliverable.indicators.iter().enumerate() {
            sqlx::query(
                "INSERT INTO indicators (id, partnership_id, deliverable_id, position, name, kind, target)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(Uuid::now_v7())
            .bind(deliverable.partnership_id)
            .bind(deliverable.id)
            .bind(i32::try_from(position).unwrap_or(i32::MAX))
            .bind(&indicator.name)
            .bind(indicator.kind.as_str())
            .bind(&indicator.target)
            .execute(&mut *conn)
            .await?;
        }
        Ok::<_, sqlx::Error>(())
    })?;
    Ok(())
}

pub async fn save_grant_year(tx: &mut Tx, partnership_id: Uuid, grant: &GrantYear) -> Result<(), StoreError> {
    on_tx!(tx, |conn| {
        sqlx::query(
            "INSERT INTO grant_years (partnership_id, year, applied_cents, granted_cents, paid_cents,
                                      decision_reference, decided_on)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (partnership_id, year) DO UPDATE SET applied_cents = excluded.applied_cents,
                granted_cents = excluded.granted_cents, paid_cents = excluded.paid_cents,
                decision_reference = excluded.decision_reference, decided_on = excluded.decided_on",
        )
        .bind(partnership_id)
        .bind(grant.year)
        .bind(grant.applied_cents)
        .bind(grant.granted_cents)
        .bind(grant.paid_cents)
        .bind(&grant.decision_reference)
        .bind(grant.decided_on)
        .execute(conn)
        .await
        .map(|_| ())
    })?;
    Ok(())
}
