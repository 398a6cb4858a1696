//! Where the facilitator placed the parties of a workshop's value network maps, per map
//! (`current` or `future`) and node key, in the drawing's canvas coordinates.

use uuid::Uuid;

use super::{Store, StoreError, Tx, on_pool, on_tx};

/// A party's saved place: its node key (`clients` or an actor's id) and its centre.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct SavedPosition {
    pub node_key: String,
    pub x: f64,
    pub y: f64,
}

impl Store {
    /// The saved places of one map of a workshop, by node key.
    pub async fn workshop_map_positions(
        &self,
        workshop_id: Uuid,
        map: &str,
    ) -> Result<Vec<SavedPosition>, StoreError> {
        let rows = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, SavedPosition>(
                "SELECT node_key, x, y FROM workshop_map_positions WHERE workshop_id = $1 AND map = $2
                 ORDER BY node_key",
            )
            .bind(workshop_id)
            .bind(map)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows)
    }
}

/// The saved places of one map, read inside a write transaction (for the audit's "before").
pub async fn positions_for_update(
    tx: &mut Tx,
    workshop_id: Uuid,
    map: &str,
) -> Result<Vec<SavedPosition>, StoreError> {
    let rows = on_tx!(tx, |conn| {
        sqlx::query_as::<_, SavedPosition>(
            "SELECT node_key, x, y FROM workshop_map_positions WHERE workshop_id = $1 AND map = $2
             ORDER BY node_key",
        )
        .bind(workshop_id)
        .bind(map)
        .fetch_all(conn)
        .await
    })?;
    Ok(rows)
}

/// Replaces every saved place of one map with `positions`; none resets it to the automatic
/// layout.
pub async fn replace_positions(
    tx: &mut Tx,
    workshop_id: Uuid,
    map: &str,
    positions: &[SavedPosition],
) -> Result<(), StoreError> {
    on_tx!(tx, |conn| {
        sqlx::query("DELETE FROM workshop_map_positions WHERE workshop_id = $1 AND map = $2")
            .bind(workshop_id)
            .bind(map)
            .execute(&mut *conn)
            .await
            .map(|_| ())
    })?;
    for position in positions {
        on_tx!(tx, |conn| {
            sqlx::query(
                "INSERT INTO workshop_map_positions (workshop_id, map, node_key, x, y) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(workshop_id)
            .bind(map)
            .bind(&position.node_key)
            .bind(position.x)
            .bind(position.y)
            .execute(conn)
            .await
            .map(|_| ())
        })?;
    }
    Ok(())
}
