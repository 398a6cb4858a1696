//! A workshop's background material for its planning (resident surveys, staff views, area
//! statistics): files kept like agreements' attachments, for the workshop's facilitators only.

use std::path::Path;

use kumppani_domain::attachment;
use kumppani_domain::role::Principal;
use uuid::Uuid;

use super::attachments::{CheckedFile, keep, read_file, remove_file};
use super::workshops::load;
use super::{Audit, Change, audit};
use crate::error::{Error, Result};
use crate::store::Store;
use crate::store::attachments::{self as store, WorkshopAttachment};

/// The workshop's files in the order they were added, for its facilitators (staff).
pub async fn list(
    store: &Store,
    by: Option<&Principal>,
    workshop_id: Uuid,
) -> Result<Vec<WorkshopAttachment>> {
    load(store, by, workshop_id).await?;
    Ok(store.workshop_attachments(workshop_id).await?)
}

fn summary(file: &WorkshopAttachment) -> String {
    format!("{} ({})", file.description, file.filename)
}

/// A file as the upload form sends it: what it is, in a few words, its name and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct Upload<'a> {
    pub description: &'a str,
    pub filename: &'a str,
    pub bytes: &'a [u8],
}

/// Checks the description and the file together and keeps them; nothing is written unless
/// both pass.
pub async fn add(
    store: &Store,
    data_dir: &Path,
    by: Option<&Principal>,
    workshop_id: Uuid,
    upload: Upload<'_>,
    change: Change,
) -> Result<WorkshopAttachment> {
    load(store, by, workshop_id).await?;
    let (description, file_type) = attachment::check_described(upload.description, upload.bytes)?;
    let file = CheckedFile::new(upload.filename, file_type, upload.bytes)?;
    let attachment = WorkshopAttachment {
        id: file.id,
        workshop_id,
        description,
        filename: file.filename,
        file_type,
        size_bytes: file.size_bytes,
        sha256: file.sha256,
        uploaded_by: change.user_id,
        uploaded_by_name: None,
        uploaded_at: change.now.get(),
    };
    keep(data_dir, attachment.id, upload.bytes, async {
        let mut tx = store.begin().await?;
        store::insert_workshop_attachment(&mut tx, &attachment).await?;
        let entry = Audit {
            action: "create",
            entity_type: "workshop_attachment",
            entity_id: Some(attachment.id),
            summary: &summary(&attachment),
            before: None,
            after: serde_json::to_value(&attachment).ok(),
        };
        audit(&mut tx, change, entry).await?;
        tx.commit().await?;
        Ok(())
    })
    .await?;
    // Read back for the uploader's name.
    store.workshop_attachment(workshop_id, attachment.id).await?.ok_or(Error::NotFound)
}

/// One file's record and bytes, for the workshop's facilitators; `NotFound` for everyone
/// else and for another workshop's file.
pub async fn read(
    store: &Store,
    data_dir: &Path,
    by: Option<&Principal>,
    workshop_id: Uuid,
    id: Uuid,
) -> Result<(WorkshopAttachment, Vec<u8>)> {
    load(store, by, workshop_id).await?;
    let file = store.workshop_attachment(workshop_id, id).await?.ok_or(Error::NotFound)?;
    let bytes = read_file(data_dir, id).await?;
    Ok((file, bytes))
}

/// Removes one file: its record in an audited transaction, then the file itself.
pub async fn delete(
    store: &Store,
    data_dir: &Path,
    by: Option<&Principal>,
    workshop_id: Uuid,
    id: Uuid,
    change: Change,
) -> Result<()> {
    load(store, by, workshop_id).await?;
    let before = store.workshop_attachment(workshop_id, id).await?.ok_or(Error::NotFound)?;
    let mut tx = store.begin().await?;
    if !store::delete_workshop_attachment(&mut tx, workshop_id, id).await? {
        return Err(Error::NotFound);
    }
    let entry = Audit {
        action: "delete",
        entity_type: "workshop_attachment",
        entity_id: Some(id),
        summary: &summary(&before),
        before: serde_json::to_value(&before).ok(),
        after: None,
    };
    audit(&mut tx, change, entry).await?;
    tx.commit().await?;
    remove_file(data_dir, id).await;
    Ok(())
}
