-- Background material for a workshop's planning (resident surveys, staff views, area
-- statistics); the files live in the data directory under their id, like agreement attachments.
CREATE TABLE workshop_attachments (
    id UUID PRIMARY KEY,
    workshop_id UUID NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    description TEXT NOT NULL,
    filename TEXT NOT NULL,
    file_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by UUID,
    uploaded_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX workshop_attachments_workshop ON workshop_attachments (workshop_id, uploaded_at);

-- The phone page reads a participant's own notes after every post.
CREATE INDEX workshop_notes_participant ON workshop_notes (workshop_id, participant_id);

-- The partnership page lists the workshops it was started from.
CREATE INDEX workshops_partnership ON workshops (partnership_id);
