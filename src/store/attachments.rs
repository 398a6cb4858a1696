//! Attachment records; the files themselves live in the data directory under their id.

use kumppani_domain::attachment::AttachmentType;
use serde::Serialize;
use sqlx::FromRow;
use uuid::Uuid;

use super::{Store, StoreError, Timestamp, Tx, on_pool, on_tx};

#[derive(Debug, Clone, Serialize)]
pub struct Attachment {
    pub id: Uuid,
    pub partnership_id: Uuid,
    pub owner_kind: String,
    pub owner_id: Uuid,
    pub filename: String,
    pub file_type: AttachmentType,
    pub size_bytes: i64,
    pub sha256: String,
    #[serde(with = "time::serde::rfc3339")]
    pub uploaded_at: time::OffsetDateTime,
}

#[derive(FromRow)]
struct AttachmentRow {
    id: Uuid,
    partnership_id: Uuid,
    owner_kind: String,
    owner_id: Uuid,
    filename: String,
    file_type: String,
    size_bytes: i64,
    sha256: String,
    uploaded_at: Timestamp,
}

impl TryFrom<AttachmentRow> for Attachment {
    type Error = StoreError;

    fn try_from(row: AttachmentRow) -> Result<Self, StoreError> {
        Ok(Attachment {
            file_type: AttachmentType::parse(&row.file_type).ok_or_else(|| {
                StoreError::Corrupt(format!("attachment {} has type {}", row.id, row.file_type))
            })?,
            id: row.id,
            partnership_id: row.partnership_id,
            owner_kind: row.owner_kind,
            owner_id: row.owner_id,
            filename: row.filename,
            size_bytes: row.size_bytes,
            sha256: row.sha256,
            uploaded_at: row.uploaded_at.get(),
        })
    }
}

const COLUMNS: &str =
    "id, partnership_id, owner_kind, owner_id, filename, file_type, size_bytes, sha256, uploaded_at";

impl Store {
    pub async fn attachment(&self, id: Uuid) -> Result<Option<Attachment>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM attachments WHERE id = $1");
        let row = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, AttachmentRow>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await
        })?;
        row.map(Attachment::try_from).transpose()
    }

    pub async fn attachments_of(
        &self,
        owner_kind: &str,
        owner_id: Uuid,
    ) -> Result<Vec<Attachment>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM attachments WHERE owner_kind = $1 AND owner_id = $2 ORDER BY uploaded_at"
        );
        let rows = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, AttachmentRow>(sqlx::AssertSqlSafe(sql))
                .bind(owner_kind)
                .bind(owner_id)
                .fetch_all(pool)
                .await
        })?;
        rows.into_iter().map(Attachment::try_from).collect()
    }
}

pub async fn insert(
    tx: &mut Tx,
    attachment: &Attachment,
    uploaded_by: Option<Uuid>,
) -> Result<(), StoreError> {
    on_tx!(tx, |conn| {
        sqlx::query(
            "INSERT INTO attachments (id, partnership_id, owner_kind, owner_id, filename, file_type, size_bytes,
                                      sha256, uploaded_by, uploaded_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(attachment.id)
        .bind(attachment.partnership_id)
        .bind(&attachment.owner_kind)
        .bind(attachment.owner_id)
        .bind(&attachment.filename)
        .bind(attachment.file_type.as_str())
        .bind(attachment.size_bytes)
        .bind(&attachment.sha256)
        .bind(uploaded_by)
        .bind(Timestamp::new(attachment.uploaded_at))
        .execute(conn)
        .await
        .map(|_| ())
    })?;
    Ok(())
}
