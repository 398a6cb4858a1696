//! The analysis between the workshops and workshop II: challenges and agreed actions, each
//! the domain's details as JSON in the order they were added.

use kumppani_domain::value_network::actions::{Action, ActionDetails};
use kumppani_domain::value_network::analysis::{Challenge, ChallengeDetails};
use sqlx::FromRow;
use sqlx::types::Json;
use uuid::Uuid;

use super::{Store, StoreError, Timestamp, Tx, on_pool, on_tx};

#[derive(FromRow)]
struct ChallengeRow {
    id: Uuid,
    details: Json<ChallengeDetails>,
}

impl From<ChallengeRow> for Challenge {
    fn from(row: ChallengeRow) -> Self {
        Challenge { id: row.id, details: row.details.0 }
    }
}

#[derive(FromRow)]
struct ActionRow {
    id: Uuid,
    details: Json<ActionDetails>,
}

impl From<ActionRow> for Action {
    fn from(row: ActionRow) -> Self {
        Action { id: row.id, details: row.details.0 }
    }
}

const CHALLENGES: &str =
    "SELECT id, details FROM workshop_challenges WHERE workshop_id = $1 ORDER BY position, id";
const ACTIONS: &str = "SELECT id, details FROM workshop_actions WHERE workshop_id = $1 ORDER BY position, id";

impl Store {
    /// The workshop's challenges in the order they were added.
    pub async fn workshop_challenges(&self, workshop_id: Uuid) -> Result<Vec<Challenge>, StoreError> {
        let rows = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, ChallengeRow>(CHALLENGES).bind(workshop_id).fetch_all(pool).await
        })?;
        Ok(rows.into_iter().map(Challenge::from).collect())
    }

    /// The workshop's agreed actions in the order they were added.
    pub async fn workshop_actions(&self, workshop_id: Uuid) -> Result<Vec<Action>, StoreError> {
        let rows = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, ActionRow>(ACTIONS).bind(workshop_id).fetch_all(pool).await
        })?;
        Ok(rows.into_iter().map(Action::from).collect())
    }
}

/// The challenges, read inside a write transaction.
pub async fn challenges_for_update(tx: &mut Tx, workshop_id: Uuid) -> Result<Vec<Challenge>, StoreError> {
    let rows = on_tx!(tx, |conn| {
        sqlx::query_as::<_, ChallengeRow>(CHALLENGES).bind(workshop_id).fetch_all(conn).await
    })?;
    Ok(rows.into_iter().map(Challenge::from).collect())
}

/// The actions, read inside a write transaction.
pub async fn actions_for_update(tx: &mut Tx, workshop_id: Uuid) -> Result<Vec<Action>, StoreError> {
    let rows =
        on_tx!(tx, |conn| sqlx::query_as::<_, ActionRow>(ACTIONS).bind(workshop_id).fetch_all(conn).await)?;
    Ok(rows.into_iter().map(Action::from).collect())
}

/// Adds a challenge after the workshop's last one.
pub async fn insert_challenge(
    tx: &mut Tx,
    workshop_id: Uuid,
    challenge: &Challenge,
    now: Timestamp,
) -> Result<(), StoreError> {
    on_tx!(tx, |conn| {
        sqlx::query(
            "INSERT INTO workshop_challenges (id, workshop_id, details, position, created_at, updated_at)
             SELECT $1, $2, $3, COALESCE(MAX(position), 0) + 1, $4, $4
             FROM workshop_challenges WHERE workshop_id = $2",
        )
        .bind(challenge.id)
        .bind(workshop_id)
        .bind(Json(&challenge.details))
        .bind(now)
        .execute(conn)
        .await
        .map(|_| ())
    })?;
    Ok(())
}

/// Saves a changed challenge; `false` when the workshop has no such challenge.
pub async fn update_challenge(
    tx: &mut Tx,
    workshop_id: Uuid,
    challenge: &Challenge,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let changed = on_tx!(tx, |conn| {
        sqlx::query(
            "UPDATE workshop_challenges SET details = $3, updated_at = $4 WHERE id = $1 AND workshop_id = $2",
        )
        .bind(challenge.id)
        .bind(workshop_id)
        .bind(Json(&challenge.details))
        .bind(now)
        .execute(conn)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(changed == 1)
}

/// Removes a challenge; `false` when the workshop has no such challenge.
pub async fn delete_challenge(tx: &mut Tx, workshop_id: Uuid, id: Uuid) -> Result<bool, StoreError> {
    let deleted = on_tx!(tx, |conn| {
        sqlx::query("DELETE FROM workshop_challenges WHERE id = $1 AND workshop_id = $2")
            .bind(id)
            .bind(workshop_id)
            .execute(conn)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(deleted == 1)
}

/// Adds an action after the workshop's last one.
pub async fn insert_action(
    tx: &mut Tx,
    workshop_id: Uuid,
    action: &Action,
    now: Timestamp,
) -> Result<(), StoreError> {
    on_tx!(tx, |conn| {
        sqlx::query(
            "INSERT INTO workshop_actions (id, workshop_id, challenge_id, details, position, created_at, updated_at)
             SELECT $1, $2, $3, $4, COALESCE(MAX(position), 0) + 1, $5, $5
             FROM workshop_actions WHERE workshop_id = $2",
        )
        .bind(action.id)
        .bind(workshop_id)
        .bind(action.details.challenge_id)
        .bind(Json(&action.details))
        .bind(now)
        .execute(conn)
        .await
        .map(|_| ())
    })?;
    Ok(())
}

/// Saves a changed action; `false` when the workshop has no such action.
pub async fn update_action(
    tx: &mut Tx,
    workshop_id: Uuid,
    action: &Action,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let changed = on_tx!(tx, |conn| {
        sqlx::query(
            "UPDATE workshop_actions SET challenge_id = $3, details = $4, updated_at = $5
             WHERE id = $1 AND workshop_id = $2",
        )
        .bind(action.id)
        .bind(workshop_id)
        .bind(action.details.challenge_id)
        .bind(Json(&action.details))
        .bind(now)
        .execute(conn)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(changed == 1)
}

/// Removes an action; `false` when the workshop has no such action.
pub async fn delete_action(tx: &mut Tx, workshop_id: Uuid, id: Uuid) -> Result<bool, StoreError> {
    let deleted = on_tx!(tx, |conn| {
        sqlx::query("DELETE FROM workshop_actions WHERE id = $1 AND workshop_id = $2")
            .bind(id)
            .bind(workshop_id)
            .execute(conn)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(deleted == 1)
}

/// Links the workshop to the partnership started from it; `false` when one was linked already.
pub async fn link_partnership(
    tx: &mut Tx,
    workshop_id: Uuid,
    partnership_id: Uuid,
) -> Result<bool, StoreError> {
    let changed = on_tx!(tx, |conn| {
        sqlx::query("UPDATE workshops SET partnership_id = $2 WHERE id = $1 AND partnership_id IS NULL")
            .bind(workshop_id)
            .bind(partnership_id)
            .execute(conn)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(changed == 1)
}

/// A workshop a partnership was started from, for the partnership's page.
#[derive(Debug, Clone, FromRow)]
pub struct WorkshopLink {
    pub id: Uuid,
    pub title: String,
}

impl Store {
    /// The workshops the partnership was started from (one in practice).
    pub async fn workshops_of_partnership(
        &self,
        partnership_id: Uuid,
    ) -> Result<Vec<WorkshopLink>, StoreError> {
        let rows = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, WorkshopLink>(
                "SELECT id, title FROM workshops WHERE partnership_id = $1 ORDER BY created_at, id",
            )
            .bind(partnership_id)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows)
    }
}
