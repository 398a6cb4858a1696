//! Attachments on agreements and deliverables: checked from their content, stored under the
//! data directory (never the web root) by id, and served only as downloads.

use std::path::{Path, PathBuf};

use kumppani_domain::attachment::{self, AttachmentType};
use kumppani_domain::role::Principal;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{Audit, Change, audit};
use crate::error::{Error, Result};
use crate::store::Store;
use crate::store::attachments::{self as store, Attachment};

/// What an attachment belongs to; the record decides who may add and read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Agreement(Uuid),
    Deliverable(Uuid),
}

impl Owner {
    pub fn kind(self) -> &'static str {
        match self {
            Owner::Agreement(_) => "agreement",
            Owner::Deliverable(_) => "deliverable",
        }
    }

    pub fn id(self) -> Uuid {
        match self {
            Owner::Agreement(id) | Owner::Deliverable(id) => id,
        }
    }
}

pub fn directory(data_dir: &Path) -> PathBuf {
    data_dir.join("attachments")
}

fn file_path(data_dir: &Path, id: Uuid) -> PathBuf {
    directory(data_dir).join(id.simple().to_string())
}

/// Checks the file and keeps it; the caller has checked that `by` may add to `owner`, which
/// belongs to `partnership_id`.
pub async fn add(
    store: &Store,
    data_dir: &Path,
    partnership_id: Uuid,
    owner: Owner,
    original_name: &str,
    bytes: &[u8],
    change: Change,
) -> Result<Attachment> {
    let file_type: AttachmentType =
        attachment::detect(bytes).map_err(|refused| Error::invalid("file", refused.code()))?;
    let file = CheckedFile::new(original_name, file_type, bytes)?;
    let attachment = Attachment {
        id: file.id,
        partnership_id,
        owner_kind: owner.kind().to_owned(),
        owner_id: owner.id(),
        filename: file.filename,
        file_type,
        size_bytes: file.size_bytes,
        sha256: file.sha256,
        uploaded_at: change.now.get(),
    };
    keep(data_dir, attachment.id, bytes, async {
        let mut tx = store.begin().await?;
        store::insert(&mut tx, &attachment, change.user_id).await?;
        let entry = Audit {
            action: "attach",
            entity_type: owner.kind(),
            entity_id: Some(owner.id()),
            summary: &attachment.filename,
            before: None,
            after: serde_json::to_value(&attachment).ok(),
        };
        audit(&mut tx, change, entry).await?;
        tx.commit().await?;
        Ok(())
    })
    .await?;
    Ok(attachment)
}

/// What is recorded of a file whose type was checked: a new id, which also names it on disk,
/// the name it is offered under, its size and its SHA-256.
pub(crate) struct CheckedFile {
    pub id: Uuid,
    pub filename: String,
    pub size_bytes: i64,
    pub sha256: String,
}

impl CheckedFile {
    pub(crate) fn new(original_name: &str, file_type: AttachmentType, bytes: &[u8]) -> Result<CheckedFile> {
        Ok(CheckedFile {
            id: Uuid::now_v7(),
            filename: attachment::safe_filename(original_name, file_type),
            size_bytes: i64::try_from(bytes.len()).map_err(Error::internal)?,
            sha256: hex(&Sha256::digest(bytes)),
        })
    }
}

/// Writes the file under `id`, then runs `record`, which saves its record in a transaction of
/// its own; if that fails the file goes too, so no file is kept without a record.
pub(crate) async fn keep(
    data_dir: &Path,
    id: Uuid,
    bytes: &[u8],
    record: impl Future<Output = Result<()>>,
) -> Result<()> {
    let path = file_path(data_dir, id);
    write_new(&path, bytes).await?;
    if let Err(e) = record.await {
        let _ = tokio::fs::remove_file(&path).await;
        return Err(e);
    }
    Ok(())
}

/// Writes through a temporary name, so a half-written file is never served.
async fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    let parent = path.parent().ok_or_else(|| Error::internal("attachment path has no parent"))?;
    tokio::fs::create_dir_all(parent).await.map_err(Error::internal)?;
    let temporary = path.with_extension("partial");
    tokio::fs::write(&temporary, bytes).await.map_err(Error::internal)?;
    tokio::fs::rename(&temporary, path).await.map_err(Error::internal)?;
    Ok(())
}

/// The bytes of a file whose record was found.
pub(crate) async fn read_file(data_dir: &Path, id: Uuid) -> Result<Vec<u8>> {
    tokio::fs::read(file_path(data_dir, id))
        .await
        .map_err(|e| Error::internal(format!("attachment {id} is recorded but its file cannot be read: {e}")))
}

/// Removes the file of a record already deleted. A file left behind is never served, since
/// downloads go by the record, so a failure is only logged.
pub(crate) async fn remove_file(data_dir: &Path, id: Uuid) {
    if let Err(e) = tokio::fs::remove_file(file_path(data_dir, id)).await {
        tracing::warn!(error = %e, %id, "the file of a deleted attachment was not removed");
    }
}

/// The attachment's record and bytes, if `by` may see the record it belongs to.
pub async fn read(
    store: &Store,
    data_dir: &Path,
    by: Option<&Principal>,
    id: Uuid,
) -> Result<(Attachment, Vec<u8>)> {
    let attachment = store.attachment(id).await?.ok_or(Error::NotFound)?;
    let (_, access) = super::partnerships::load(store, by, attachment.partnership_id).await?;
    if !access.view_private {
        return Err(Error::NotFound);
    }
    Ok((attachment, read_file(data_dir, id).await?))
}

/// Removes an attachment for someone who may add files to its record while the record is
/// still open to them: an agreement version nobody has accepted yet, a deliverable not
/// submitted or accepted. Returns what it belonged to, for the way back.
pub async fn remove(
    store: &Store,
    data_dir: &Path,
    by: Option<&Principal>,
    id: Uuid,
    change: Change,
) -> Result<Owner> {
    let attachment = store.attachment(id).await?.ok_or(Error::NotFound)?;
    let owner = match attachment.owner_kind.as_str() {
        "agreement" => {
            let (agreement, _, access) = super::agreements::load(store, by, attachment.owner_id).await?;
            if !access.participate() || !agreement.attachments_open() {
                return Err(Error::Forbidden);
            }
            Owner::Agreement(agreement.id)
        }
        "deliverable" => {
            let (deliverable, _, access) =
                super::followup::load_deliverable(store, by, attachment.owner_id).await?;
            let may_attach = access.manage || super::followup::may_submit(&access, &deliverable);
            if !may_attach || deliverable.status.is_locked() {
                return Err(Error::Forbidden);
            }
            Owner::Deliverable(deliverable.id)
        }
        other => return Err(Error::internal(format!("attachment {id} belongs to an unknown {other}"))),
    };
    let mut tx = store.begin().await?;
    if !store::delete(&mut tx, id).await? {
        return Err(Error::NotFound);
    }
    let entry = Audit {
        action: "detach",
        entity_type: owner.kind(),
        entity_id: Some(owner.id()),
        summary: &attachment.filename,
        before: serde_json::to_value(&attachment).ok(),
        after: None,
    };
    audit(&mut tx, change, entry).await?;
    tx.commit().await?;
    remove_file(data_dir, id).await;
    Ok(owner)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
