//! Agreement versions with their acceptances and the funder's decision.

use kumppani_domain::agreement::{
    Acceptance, AcceptanceMethod, Agreement, AgreementDetails, FunderDecision, FunderVerdict,
};
use sqlx::types::Json;
use sqlx::{AssertSqlSafe, FromRow};
use time::Date;
use uuid::Uuid;

use super::{Store, StoreError, Timestamp, Tx, on_pool, on_tx};

#[derive(Debug, FromRow)]
struct AgreementRow {
    id: Uuid,
    partnership_id: Uuid,
    number: i32,
    superseded_by: Option<Uuid>,
    funder_verdict: Option<String>,
    funder_decided_on: Option<Date>,
    funder_reference: Option<String>,
    details: Json<AgreementDetails>,
    created_at: Timestamp,
}

#[derive(Debug, FromRow)]
struct AcceptanceRow {
    agreement_id: Uuid,
    actor_id: Uuid,
    accepted_on: Option<Date>,
    method: Option<String>,
    recorded_by: Option<Uuid>,
}

const COLUMNS: &str = "g.id, g.partnership_id, g.number, g.superseded_by, g.funder_verdict, g.funder_decided_on, \
                       g.funder_reference, g.details, g.created_at";

fn assemble(row: AgreementRow, acceptances: &[AcceptanceRow]) -> Agreement {
    let funder_decision =
        match (row.funder_verdict.as_deref().and_then(FunderVerdict::parse), row.funder_decided_on) {
            (Some(verdict), Some(decided_on)) => Some(FunderDecision {
                verdict,
                decided_on,
                reference: row.funder_reference.unwrap_or_default(),
            }),
            _ => None,
        };
    Agreement {
        id: row.id,
        partnership_id: row.partnership_id,
        number: row.number,
        details: row.details.0,
        acceptances: acceptances
            .iter()
            .filter(|a| a.agreement_id == row.id)
            .map(|a| Acceptance {
                actor_id: a.actor_id,
                accepted_on: a.accepted_on,
                method: a.method.as_deref().and_then(AcceptanceMethod::parse),
                recorded_by: a.recorded_by,
            })
            .collect(),
        funder_decision,
        superseded_by: row.superseded_by,
        created_at: row.created_at.get(),
    }
}

/// An agreement row with one of its acceptances (none when it has none), so that a version
/// and its acceptances come in one query.
#[derive(Debug, FromRow)]
struct JoinedRow {
    #[sqlx(flatten)]
    agreement: AgreementRow,
    acceptance_actor_id: Option<Uuid>,
    accepted_on: Option<Date>,
    method: Option<String>,
    recorded_by: Option<Uuid>,
}

/// Agreements with their acceptances, joined; the caller adds the condition and the order,
/// which must keep each agreement's rows together.
fn joined_sql(condition: &str) -> String {
    format!(
        "SELECT {COLUMNS}, c.actor_id AS acceptance_actor_id, c.accepted_on, c.method, c.recorded_by
         FROM agreements g LEFT JOIN agreement_acceptances c ON c.agreement_id = g.id
         WHERE {condition} ORDER BY g.number, c.position"
    )
}

fn assemble_joined(rows: Vec<JoinedRow>) -> Vec<Agreement> {
    let mut agreements: Vec<(AgreementRow, Vec<AcceptanceRow>)> = Vec::new();
    for row in rows {
        let acceptance = row.acceptance_actor_id.map(|actor_id| AcceptanceRow {
            agreement_id: row.agreement.id,
            actor_id,
            accepted_on: row.accepted_on,
            method: row.method,
            recorded_by: row.recorded_by,
        });
        match agreements.last_mut() {
            Some((last, acceptances)) if last.id == row.agreement.id => acceptances.extend(acceptance),
            _ => agreements.push((row.agreement, acceptance.into_iter().collect())),
        }
    }
    agreements.into_iter().map(|(row, acceptances)| assemble(row, &acceptances)).collect()
}

impl Store {
    /// A partnership's agreement versions, oldest first.
    pub async fn agreements_of(&self, partnership_id: Uuid) -> Result<Vec<Agreement>, StoreError> {
        let sql = joined_sql("g.partnership_id = $1");
        let rows = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, JoinedRow>(AssertSqlSafe(sql)).bind(partnership_id).fetch_all(pool).await
        })?;
        Ok(assemble_joined(rows))
    }

    pub async fn agreement(&self, id: Uuid) -> Result<Option<Agreement>, StoreError> {
        let sql = joined_sql("g.id = $1");
        let rows = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, JoinedRow>(AssertSqlSafe(sql)).bind(id).fetch_all(pool).await
        })?;
        Ok(assemble_joined(rows).pop())
    }
}

/// Reads an agreement inside a write transaction, so decisions are made on what is current.
pub async fn get_in(tx: &mut Tx, id: Uuid) -> Result<Option<Agreement>, StoreError> {
    let sql = joined_sql("g.id = $1");
    let rows = on_tx!(tx, |conn| {
        sqlx::query_as::<_, JoinedRow>(AssertSqlSafe(sql)).bind(id).fetch_all(conn).await
    })?;
    Ok(assemble_joined(rows).pop())
}

/// A partnership's agreement ids, oldest first.
pub async fn ids_of(tx: &mut Tx, partnership_id: Uuid) -> Result<Vec<Uuid>, StoreError> {
    let ids = on_tx!(tx, |conn| {
        sqlx::query_scalar::<_, Uuid>("SELECT id FROM agreements WHERE partnership_id = $1 ORDER BY number")
            .bind(partnership_id)
            .fetch_all(conn)
            .await
    })?;
    Ok(ids)
}

/// Inserts a version as the next number of its partnership's chain, with a pending acceptance
/// for every party whose acceptance puts it in force.
pub async fn insert(
    tx: &mut Tx,
    id: Uuid,
    partnership_id: Uuid,
    details: &AgreementDetails,
    created_by: Option<Uuid>,
    now: Timestamp,
) -> Result<Agreement, StoreError> {
    let notice_from =
        details.valid_until.map(|end| end - time::Duration::days(i64::from(details.notice_days)));
    on_tx!(tx, |conn| {
        let number: i32 = sqlx::query_scalar::<_, Option<i32>>(
            "SELECT MAX(number) FROM agreements WHERE partnership_id = $1",
        )
        .bind(partnership_id)
        .fetch_one(&mut *conn)
        .await?
        .unwrap_or(0)
            + 1;
        sqlx::query(
            "INSERT INTO agreements (id, partnership_id, number, previous_id, valid_from, valid_until, notice_from,
                                     funder_condition, details, created_at, created_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(id)
        .bind(partnership_id)
        .bind(number)
        .bind(details.previous_id)
        .bind(details.valid_from)
        .bind(details.valid_until)
        .bind(notice_from)
        .bind(details.funder_condition.is_some())
        .bind(Json(details))
        .bind(now)
        .bind(created_by)
        .execute(&mut *conn)
        .await?;
        for (position, actor_id) in details.accepting_parties().iter().enumerate() {
            sqlx::query(
                "INSERT INTO agreement_acceptances (agreement_id, actor_id, position) VALUES ($1, $2, $3)",
            )
            .bind(id)
            .bind(actor_id)
            .bind(i32::try_from(position).unwrap_or(i32::MAX))
            .execute(&mut *conn)
            .await?;
        }
        Ok::<_, sqlx::Error>(())
    })?;
    get_in(tx, id).await?.ok_or_else(|| StoreError::Corrupt(format!("agreement {id} vanished")))
}

/// Records one party's acceptance; `false` when it had already accepted (nothing changes).
pub async fn accept(
    tx: &mut Tx,
    agreement_id: Uuid,
    actor_id: Uuid,
    accepted_on: Date,
    method: AcceptanceMethod,
    recorded_by: Option<Uuid>,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let changed = on_tx!(tx, |conn| {
        sqlx::query(
            "UPDATE agreement_acceptances SET accepted_on = $3, method = $4, recorded_by = $5, recorded_at = $6
             WHERE agreement_id = $1 AND actor_id = $2 AND accepted_on IS NULL",
        )
        .bind(agreement_id)
        .bind(actor_id)
        .bind(accepted_on)
        .bind(method.as_str())
        .bind(recorded_by)
        .bind(now)
        .execute(conn)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(changed == 1)
}

/// Notes the day the last party accepted, once every party has.
pub async fn mark_accepted(tx: &mut Tx, id: Uuid, on: Date) -> Result<(), StoreError> {
    on_tx!(tx, |conn| {
        sqlx::query("UPDATE agreements SET accepted_on = $2 WHERE id = $1 AND accepted_on IS NULL")
            .bind(id)
            .bind(on)
            .execute(conn)
            .await
            .map(|_| ())
    })?;
    Ok(())
}

pub async fn record_funder_decision(
    tx: &mut Tx,
    id: Uuid,
    decision: &FunderDecision,
) -> Result<(), StoreError> {
    on_tx!(tx, |conn| {
        sqlx::query(
            "UPDATE agreements SET funder_verdict = $2, funder_decided_on = $3, funder_reference = $4 WHERE id = $1",
        )
        .bind(id)
        .bind(decision.verdict.as_str())
        .bind(decision.decided_on)
        .bind(&decision.reference)
        .execute(conn)
        .await
        .map(|_| ())
    })?;
    Ok(())
}

pub async fn supersede(tx: &mut Tx, id: Uuid, by: Uuid) -> Result<(), StoreError> {
    on_tx!(tx, |conn| {
        sqlx::query("UPDATE agreements SET superseded_by = $2 WHERE id = $1 AND superseded_by IS NULL")
            .bind(id)
            .bind(by)
            .execute(conn)
            .await
            .map(|_| ())
    })?;
    Ok(())
}
