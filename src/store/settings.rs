//! Small key–value settings the server keeps between restarts (keys, one-time setup token).

use super::{Store, StoreError, on_pool};

impl Store {
    pub async fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        let value = on_pool!(&self.db, |pool| {
            sqlx::query_scalar::<_, String>("SELECT value FROM settings WHERE key = $1")
                .bind(key)
                .fetch_optional(pool)
                .await
        })?;
        Ok(value)
    }

    /// Stores `value` unless the key exists, and returns what is stored either way, so two
    /// processes starting at once agree on one value.
    pub async fn setting_or_insert(&self, key: &str, value: &str) -> Result<String, StoreError> {
        on_pool!(&self.db, |pool| {
            sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
                .bind(key)
                .bind(value)
                .execute(pool)
                .await
                .map(|_| ())
        })?;
        self.setting(key).await?.ok_or_else(|| StoreError::Corrupt(format!("setting {key} vanished")))
    }

    pub async fn delete_setting(&self, key: &str) -> Result<(), StoreError> {
        on_pool!(&self.db, |pool| {
            sqlx::query("DELETE FROM settings WHERE key = $1").bind(key).execute(pool).await.map(|_| ())
        })?;
        Ok(())
    }
}
