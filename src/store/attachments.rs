//! Attachment records of partnerships' agreements and deliverables, and of workshops'
//! background material; the files themselves live in the data directory under their id.

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

fn file_type(id: Uuid, code: &str) -> Result<AttachmentType, StoreError> {
    AttachmentType::parse(code).ok_or_else(|| StoreError::Corrupt(format!("attachment {id} has type {code}")))
}

impl TryFrom<AttachmentRow> for Attachment {
    type Error = StoreError;

    fn try_from(row: AttachmentRow) -> Result<Self, StoreError> {
        Ok(Attachment {
            file_type: file_type(row.id, &row.file_type)?,
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

/// Removes an agreement's or deliverable's attachment record; `false` when there is none.
pub async fn delete(tx: &mut Tx, id: Uuid) -> Result<bool, StoreError> {
    let deleted = on_tx!(tx, |conn| {
        sqlx::query("DELETE FROM attachments WHERE id = $1")
            .bind(id)
            .execute(conn)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(deleted == 1)
}

/// Background material of a workshop's planning, with the name of whoever uploaded it.
#[derive(Debug, Clone, Serialize)]
pub struct WorkshopAttachment {
    pub id: Uuid,
    pub workshop_id: Uuid,
    pub description: String,
    pub filename: String,
    pub file_type: AttachmentType,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_by: Option<Uuid>,
    /// `None` for the command line, or an account since removed.
    pub uploaded_by_name: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub uploaded_at: time::OffsetDateTime,
}

#[derive(FromRow)]
struct WorkshopAttachmentRow {
    id: Uuid,
    workshop_id: Uuid,
    description: String,
    filename: String,
    file_type: String,
    size_bytes: i64,
    sha256: String,
    uploaded_by: Option<Uuid>,
    uploaded_by_name: Option<String>,
    uploaded_at: Timestamp,
}

impl TryFrom<WorkshopAttachmentRow> for WorkshopAttachment {
    type Error = StoreError;

    fn try_from(row: WorkshopAttachmentRow) -> Result<Self, StoreError> {
        Ok(WorkshopAttachment {
            file_type: file_type(row.id, &row.file_type)?,
            id: row.id,
            workshop_id: row.workshop_id,
            description: row.description,
            filename: row.filename,
            size_bytes: row.size_bytes,
            sha256: row.sha256,
            uploaded_by: row.uploaded_by,
            uploaded_by_name: row.uploaded_by_name,
            uploaded_at: row.uploaded_at.get(),
        })
    }
}

const WORKSHOP_ATTACHMENTS: &str = "SELECT a.id, a.workshop_id, a.description, a.filename, a.file_type, \
     a.size_bytes, a.sha256, a.uploaded_by, u.display_name AS uploaded_by_name, a.uploaded_at \
     FROM workshop_attachments a LEFT JOIN users u ON u.id = a.uploaded_by WHERE a.workshop_id = $1";

impl Store {
    /// A workshop's background material in the order it was added.
    pub async fn workshop_attachments(
        &self,
        workshop_id: Uuid,
    ) -> Result<Vec<WorkshopAttachment>, StoreError> {
        let sql = format!("{WORKSHOP_ATTACHMENTS} ORDER BY a.uploaded_at, a.id");
        let rows = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, WorkshopAttachmentRow>(sqlx::AssertSqlSafe(sql))
                .bind(workshop_id)
                .fetch_all(pool)
                .await
        })?;
        rows.into_iter().map(WorkshopAttachment::try_from).collect()
    }

    /// One file of the workshop's background material; `None` for another workshop's.
    pub async fn workshop_attachment(
        &self,
        workshop_id: Uuid,
        id: Uuid,
    ) -> Result<Option<WorkshopAttachment>, StoreError> {
        let sql = format!("{WORKSHOP_ATTACHMENTS} AND a.id = $2");
        let row = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, WorkshopAttachmentRow>(sqlx::AssertSqlSafe(sql))
                .bind(workshop_id)
                .bind(id)
                .fetch_optional(pool)
                .await
        })?;
        row.map(WorkshopAttachment::try_from).transpose()
    }
}

pub async fn insert_workshop_attachment(
    tx: &mut Tx,
    attachment: &WorkshopAttachment,
) -> Result<(), StoreError> {
    on_tx!(tx, |conn| {
        sqlx::query(
            "INSERT INTO workshop_attachments (id, workshop_id, description, filename, file_type, size_bytes,
                                               sha256, uploaded_by, uploaded_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(attachment.id)
        .bind(attachment.workshop_id)
        .bind(&attachment.description)
        .bind(&attachment.filename)
        .bind(attachment.file_type.as_str())
        .bind(attachment.size_bytes)
        .bind(&attachment.sha256)
        .bind(attachment.uploaded_by)
        .bind(Timestamp::new(attachment.uploaded_at))
        .execute(conn)
        .await
        .map(|_| ())
    })?;
    Ok(())
}

/// Removes the record of one file of the workshop; `false` when the workshop has no such file.
pub async fn delete_workshop_attachment(
    tx: &mut Tx,
    workshop_id: Uuid,
    id: Uuid,
) -> Result<bool, StoreError> {
    let deleted = on_tx!(tx, |conn| {
        sqlx::query("DELETE FROM workshop_attachments WHERE id = $1 AND workshop_id = $2")
            .bind(id)
            .bind(workshop_id)
            .execute(conn)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(deleted == 1)
}
