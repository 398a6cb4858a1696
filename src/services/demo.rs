//! Loading the demonstration data set, once.

use super::Change;
use crate::error::Result;
use crate::store::Store;

/// Adds the demonstration actors unless they are already there; returns how many were added.
pub async fn load(store: &Store, change: Change) -> Result<usize> {
    if store.demo_actor_count().await? > 0 {
        return Ok(0);
    }
    let mut tx = store.begin().await?;
    let mut added = 0;
    for input in crate::demo::demo_actors() {
        let details = input.validate(true)?;
        super::actors::insert_in(&mut tx, &details, change).await?;
        added += 1;
    }
    tx.commit().await?;
    Ok(added)
}
