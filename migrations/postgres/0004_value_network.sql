-- The value network workbench: workshops with their plan and live state, participants who
-- joined with the code, sticky notes, and the analysis' challenges, actions and map positions.
CREATE TABLE workshops (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    title TEXT NOT NULL,
    step TEXT NOT NULL,
    join_code TEXT NOT NULL,
    -- The domain's Workshop (plan, step, question, timer, governance) as JSON.
    details JSONB NOT NULL,
    demo BOOLEAN NOT NULL,
    created_by UUID,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    archived_at TIMESTAMPTZ,
    -- Set when a partnership is started from this workshop.
    partnership_id UUID REFERENCES partnerships (id),
    -- The earlier workshop this one re-runs or renews.
    previous_workshop_id UUID REFERENCES workshops (id),
    -- Bumped once per note write, in the write's transaction; live streams resume from it.
    change_seq BIGINT NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX workshops_join_code ON workshops (join_code);
CREATE INDEX workshops_recent ON workshops (archived_at, updated_at);

CREATE TABLE workshop_participants (
    id UUID PRIMARY KEY,
    workshop_id UUID NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    -- `clients` or the workshop actor's id.
    represents TEXT NOT NULL,
    -- SHA-256 of the random token in the participant's cookie.
    token_hash TEXT NOT NULL UNIQUE,
    joined_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX workshop_participants_workshop ON workshop_participants (workshop_id, joined_at);

CREATE TABLE workshop_notes (
    id UUID PRIMARY KEY,
    workshop_id UUID NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    -- Empty when the facilitator wrote it.
    participant_id UUID REFERENCES workshop_participants (id),
    question TEXT NOT NULL,
    author TEXT NOT NULL,
    about UUID,
    text TEXT NOT NULL,
    tangibility TEXT NOT NULL,
    hidden BOOLEAN NOT NULL,
    merged_into UUID REFERENCES workshop_notes (id),
    change_seq BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX workshop_notes_changes ON workshop_notes (workshop_id, change_seq);

CREATE TABLE workshop_challenges (
    id UUID PRIMARY KEY,
    workshop_id UUID NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    details JSONB NOT NULL,
    position INTEGER NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX workshop_challenges_workshop ON workshop_challenges (workshop_id, position);

CREATE TABLE workshop_actions (
    id UUID PRIMARY KEY,
    workshop_id UUID NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    challenge_id UUID REFERENCES workshop_challenges (id) ON DELETE SET NULL,
    details JSONB NOT NULL,
    position INTEGER NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX workshop_actions_workshop ON workshop_actions (workshop_id, position);

-- Where the facilitator dragged a node on the current or the future map.
CREATE TABLE workshop_map_positions (
    workshop_id UUID NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    map TEXT NOT NULL CHECK (map IN ('current', 'future')),
    node_key TEXT NOT NULL,
    x DOUBLE PRECISION NOT NULL,
    y DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (workshop_id, map, node_key)
);
