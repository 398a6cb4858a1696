//! Value network workshops: the workshop state as JSON beside the columns lists need, the
//! participants (by token hash), and the sticky notes with the change sequence live streams use.

use kumppani_domain::actor::Tangibility;
use kumppani_domain::value_network::NodeRef;
use kumppani_domain::value_network::workshop::{
    Note, NoteDetails, Participant, ParticipantDetails, Question, Workshop,
};
use sqlx::FromRow;
use sqlx::types::Json;
use uuid::Uuid;

use super::{Store, StoreError, Timestamp, Tx, on_pool, on_tx};

/// A stored workshop: the domain's [`Workshop`] and what the store adds around it.
#[derive(Debug, Clone)]
pub struct WorkshopRecord {
    pub workshop: Workshop,
    pub version: i64,
    pub demo: bool,
    pub created_by: Option<Uuid>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub archived_at: Option<Timestamp>,
    pub partnership_id: Option<Uuid>,
    pub previous_workshop_id: Option<Uuid>,
    /// The sequence number of the latest note write.
    pub change_seq: i64,
}

#[derive(FromRow)]
struct WorkshopRow {
    version: i64,
    details: Json<Workshop>,
    demo: bool,
    created_by: Option<Uuid>,
    created_at: Timestamp,
    updated_at: Timestamp,
    archived_at: Option<Timestamp>,
    partnership_id: Option<Uuid>,
    previous_workshop_id: Option<Uuid>,
    change_seq: i64,
}

impl From<WorkshopRow> for WorkshopRecord {
    fn from(row: WorkshopRow) -> Self {
        WorkshopRecord {
            workshop: row.details.0,
            version: row.version,
            demo: row.demo,
            created_by: row.created_by,
            created_at: row.created_at,
            updated_at: row.updated_at,
            archived_at: row.archived_at,
            partnership_id: row.partnership_id,
            previous_workshop_id: row.previous_workshop_id,
            change_seq: row.change_seq,
        }
    }
}

const WORKSHOP_COLUMNS: &str = "SELECT version, details, demo, created_by, created_at, updated_at, archived_at, \
                                partnership_id, previous_workshop_id, change_seq FROM workshops";

/// A note with the sequence number of its latest change and its times.
#[derive(Debug, Clone)]
pub struct StoredNote {
    pub note: Note,
    pub change_seq: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

#[derive(FromRow)]
struct NoteRow {
    id: Uuid,
    participant_id: Option<Uuid>,
    question: String,
    author: String,
    about: Option<Uuid>,
    text: String,
    tangibility: String,
    hidden: bool,
    merged_into: Option<Uuid>,
    change_seq: i64,
    created_at: Timestamp,
    updated_at: Timestamp,
}

impl TryFrom<NoteRow> for StoredNote {
    type Error = StoreError;

    fn try_from(row: NoteRow) -> Result<Self, StoreError> {
        let corrupt = |what: &str| StoreError::Corrupt(format!("note {} has {what}", row.id));
        let details = NoteDetails {
            question: Question::parse(&row.question).ok_or_else(|| corrupt("an unknown question"))?,
            author: NodeRef::parse(&row.author).ok_or_else(|| corrupt("an unknown author"))?,
            about: row.about,
            text: row.text.clone(),
            tangibility: Tangibility::parse(&row.tangibility)
                .ok_or_else(|| corrupt("an unknown tangibility"))?,
        };
        Ok(StoredNote {
            note: Note {
                id: row.id,
                participant_id: row.participant_id,
                hidden: row.hidden,
                merged_into: row.merged_into,
                details,
            },
            change_seq: row.change_seq,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

const NOTE_COLUMNS: &str = "SELECT id, participant_id, question, author, about, text, tangibility, hidden, \
                            merged_into, change_seq, created_at, updated_at FROM workshop_notes";

#[derive(FromRow)]
struct ParticipantRow {
    id: Uuid,
    name: String,
    represents: String,
}

impl TryFrom<ParticipantRow> for Participant {
    type Error = StoreError;

    fn try_from(row: ParticipantRow) -> Result<Self, StoreError> {
        let represents = NodeRef::parse(&row.represents)
            .ok_or_else(|| StoreError::Corrupt(format!("participant {} represents nobody", row.id)))?;
        Ok(Participant { id: row.id, details: ParticipantDetails { name: row.name, represents } })
    }
}

fn notes(rows: Vec<NoteRow>) -> Result<Vec<StoredNote>, StoreError> {
    rows.into_iter().map(StoredNote::try_from).collect()
}

impl Store {
    /// One workshop, archived or not.
    pub async fn workshop(&self, id: Uuid) -> Result<Option<WorkshopRecord>, StoreError> {
        let sql = format!("{WORKSHOP_COLUMNS} WHERE id = $1");
        let row = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, WorkshopRow>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await
        })?;
        Ok(row.map(WorkshopRecord::from))
    }

    /// The workshop a join code belongs to, archived ones excluded.
    pub async fn workshop_by_code(&self, code: &str) -> Result<Option<WorkshopRecord>, StoreError> {
        let sql = format!("{WORKSHOP_COLUMNS} WHERE join_code = $1 AND archived_at IS NULL");
        let row = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, WorkshopRow>(sqlx::AssertSqlSafe(sql)).bind(code).fetch_optional(pool).await
        })?;
        Ok(row.map(WorkshopRecord::from))
    }

    /// Workshops not archived, most recently changed first.
    pub async fn workshops(&self) -> Result<Vec<WorkshopRecord>, StoreError> {
        let sql = format!("{WORKSHOP_COLUMNS} WHERE archived_at IS NULL ORDER BY updated_at DESC, id");
        let rows = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, WorkshopRow>(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await
        })?;
        Ok(rows.into_iter().map(WorkshopRecord::from).collect())
    }

    /// How many workshops of the demonstration data set there are, archived ones too.
    pub async fn demo_workshop_count(&self) -> Result<i64, StoreError> {
        let count = on_pool!(&self.db, |pool| {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM workshops WHERE demo = TRUE")
                .fetch_one(pool)
                .await
        })?;
        Ok(count)
    }

    /// Participants in the order they joined.
    pub async fn workshop_participants(&self, workshop_id: Uuid) -> Result<Vec<Participant>, StoreError> {
        let rows = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, ParticipantRow>(
                "SELECT id, name, represents FROM workshop_participants WHERE workshop_id = $1
                 ORDER BY joined_at, id",
            )
            .bind(workshop_id)
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter().map(Participant::try_from).collect()
    }

    /// The participant holding the token whose hash is given, in that workshop only.
    pub async fn workshop_participant_by_token(
        &self,
        workshop_id: Uuid,
        token_hash: &str,
    ) -> Result<Option<Participant>, StoreError> {
        let row = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, ParticipantRow>(
                "SELECT id, name, represents FROM workshop_participants WHERE workshop_id = $1 AND token_hash = $2",
            )
            .bind(workshop_id)
            .bind(token_hash)
            .fetch_optional(pool)
            .await
        })?;
        row.map(Participant::try_from).transpose()
    }

    /// Every note of the workshop, hidden and merged ones too, in the order written.
    pub async fn workshop_notes(&self, workshop_id: Uuid) -> Result<Vec<StoredNote>, StoreError> {
        let sql = format!("{NOTE_COLUMNS} WHERE workshop_id = $1 ORDER BY created_at, id");
        let rows = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, NoteRow>(sqlx::AssertSqlSafe(sql)).bind(workshop_id).fetch_all(pool).await
        })?;
        notes(rows)
    }

    /// The notes one participant wrote, hidden and merged ones too, in the order written: their
    /// phone page needs only these, not the whole wall.
    pub async fn workshop_participant_notes(
        &self,
        workshop_id: Uuid,
        participant_id: Uuid,
    ) -> Result<Vec<StoredNote>, StoreError> {
        let sql =
            format!("{NOTE_COLUMNS} WHERE workshop_id = $1 AND participant_id = $2 ORDER BY created_at, id");
        let rows = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, NoteRow>(sqlx::AssertSqlSafe(sql))
                .bind(workshop_id)
                .bind(participant_id)
                .fetch_all(pool)
                .await
        })?;
        notes(rows)
    }

    /// Notes whose latest change came after sequence number `since`, in sequence order.
    pub async fn workshop_notes_since(
        &self,
        workshop_id: Uuid,
        since: i64,
    ) -> Result<Vec<StoredNote>, StoreError> {
        let sql = format!("{NOTE_COLUMNS} WHERE workshop_id = $1 AND change_seq > $2 ORDER BY change_seq");
        let rows = on_pool!(&self.db, |pool| {
            sqlx::query_as::<_, NoteRow>(sqlx::AssertSqlSafe(sql))
                .bind(workshop_id)
                .bind(since)
                .fetch_all(pool)
                .await
        })?;
        notes(rows)
    }
}

/// Reads the workshop inside a write transaction, locking its row first (a no-op update) so
/// concurrent writers on PostgreSQL queue as they do on SQLite.
pub async fn get_for_update(tx: &mut Tx, id: Uuid) -> Result<Option<WorkshopRecord>, StoreError> {
    on_tx!(tx, |conn| {
        sqlx::query("UPDATE workshops SET version = version WHERE id = $1")
            .bind(id)
            .execute(conn)
            .await
            .map(|_| ())
    })?;
    let sql = format!("{WORKSHOP_COLUMNS} WHERE id = $1");
    let row = on_tx!(tx, |conn| {
        sqlx::query_as::<_, WorkshopRow>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(conn).await
    })?;
    Ok(row.map(WorkshopRecord::from))
}

/// Inserts a new workshop at version 1, `demo` for the demonstration data set's; a taken join
/// code fails as a unique violation.
pub async fn insert(
    tx: &mut Tx,
    workshop: &Workshop,
    demo: bool,
    created_by: Option<Uuid>,
    previous_workshop_id: Option<Uuid>,
    now: Timestamp,
) -> Result<(), StoreError> {
    on_tx!(tx, |conn| {
        sqlx::query(
            "INSERT INTO workshops (id, version, title, step, join_code, details, demo, created_by, created_at,
                                    updated_at, previous_workshop_id, change_seq)
             VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $8, $9, 0)",
        )
        .bind(workshop.id)
        .bind(&workshop.plan.title)
        .bind(workshop.step.as_str())
        .bind(workshop.join_code.as_str())
        .bind(Json(workshop))
        .bind(demo)
        .bind(created_by)
        .bind(now)
        .bind(previous_workshop_id)
        .execute(conn)
        .await
        .map(|_| ())
    })?;
    Ok(())
}

/// Saves the workshop over `expected_version`; `false` when someone else saved first.
pub async fn update(
    tx: &mut Tx,
    workshop: &Workshop,
    expected_version: i64,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let changed = on_tx!(tx, |conn| {
        sqlx::query(
            "UPDATE workshops SET version = version + 1, title = $3, step = $4, details = $5, updated_at = $6
             WHERE id = $1 AND version = $2",
        )
        .bind(workshop.id)
        .bind(expected_version)
        .bind(&workshop.plan.title)
        .bind(workshop.step.as_str())
        .bind(Json(workshop))
        .bind(now)
        .execute(conn)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(changed == 1)
}

/// Takes the workshop's next change sequence number; the row stays locked until commit, so
/// numbers become visible in order.
pub async fn next_change_seq(tx: &mut Tx, workshop_id: Uuid) -> Result<i64, StoreError> {
    let seq = on_tx!(tx, |conn| {
        sqlx::query_scalar::<_, i64>(
            "UPDATE workshops SET change_seq = change_seq + 1 WHERE id = $1 RETURNING change_seq",
        )
        .bind(workshop_id)
        .fetch_one(conn)
        .await
    })?;
    Ok(seq)
}

/// Records a participant who joined, keeping only the hash of their cookie's token.
pub async fn insert_participant(
    tx: &mut Tx,
    workshop_id: Uuid,
    participant: &Participant,
    token_hash: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    on_tx!(tx, |conn| {
        sqlx::query(
            "INSERT INTO workshop_participants (id, workshop_id, name, represents, token_hash, joined_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(participant.id)
        .bind(workshop_id)
        .bind(&participant.details.name)
        .bind(participant.details.represents.key())
        .bind(token_hash)
        .bind(now)
        .execute(conn)
        .await
        .map(|_| ())
    })?;
    Ok(())
}

/// Writes a new note or a changed one under sequence number `seq`.
pub async fn save_note(
    tx: &mut Tx,
    workshop_id: Uuid,
    note: &Note,
    seq: i64,
    now: Timestamp,
) -> Result<(), StoreError> {
    let d = &note.details;
    on_tx!(tx, |conn| {
        sqlx::query(
            "INSERT INTO workshop_notes (id, workshop_id, participant_id, question, author, about, text,
                                         tangibility, hidden, merged_into, change_seq, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
             ON CONFLICT (id) DO UPDATE SET question = $4, author = $5, about = $6, text = $7,
                 tangibility = $8, hidden = $9, merged_into = $10, change_seq = $11, updated_at = $12",
        )
        .bind(note.id)
        .bind(workshop_id)
        .bind(note.participant_id)
        .bind(d.question.as_str())
        .bind(d.author.key())
        .bind(d.about)
        .bind(&d.text)
        .bind(d.tangibility.as_str())
        .bind(note.hidden)
        .bind(note.merged_into)
        .bind(seq)
        .bind(now)
        .execute(conn)
        .await
        .map(|_| ())
    })?;
    Ok(())
}

/// Every note of the workshop, read inside a write transaction.
pub async fn notes_for_update(tx: &mut Tx, workshop_id: Uuid) -> Result<Vec<StoredNote>, StoreError> {
    let sql = format!("{NOTE_COLUMNS} WHERE workshop_id = $1 ORDER BY created_at, id");
    let rows = on_tx!(tx, |conn| {
        sqlx::query_as::<_, NoteRow>(sqlx::AssertSqlSafe(sql)).bind(workshop_id).fetch_all(conn).await
    })?;
    notes(rows)
}
