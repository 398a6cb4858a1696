-- Partnerships and agreements: the record with its parties and tags, its dated history, the
-- agreement versions with acceptances, and the follow-up (commitments, deliverables, grants).
CREATE TABLE partnerships (
    id BLOB PRIMARY KEY,
    version BIGINT NOT NULL,
    name TEXT NOT NULL,
    name_sort TEXT NOT NULL,
    kind TEXT NOT NULL,
    phase TEXT NOT NULL,
    staircase_level INTEGER,
    staircase_public BOOLEAN NOT NULL,
    verbal BOOLEAN NOT NULL,
    published BOOLEAN NOT NULL,
    demo BOOLEAN NOT NULL,
    valid_from DATE,
    valid_until DATE,
    last_decision_on DATE,
    -- When the next evaluation decision is due (a year after the last one); empty once ended.
    evaluation_due_on DATE,
    details TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    archived_at TEXT,
    -- The change counter's value at the last write to what lists show (name, kind, phase,
    -- parties, tags, validity …), so each process's in-memory list index reloads only those rows.
    change_seq BIGINT NOT NULL DEFAULT 0
);
-- Lists filter and count in memory (src/store/partnerships.rs); these serve the attention list,
-- whose queries check "not archived" and scan in date order without reading the wide rows.
CREATE INDEX partnerships_change_seq ON partnerships (change_seq);
CREATE UNIQUE INDEX partnerships_live ON partnerships (id) WHERE archived_at IS NULL;
CREATE INDEX partnerships_verbal ON partnerships (verbal, archived_at, name_sort);
CREATE INDEX partnerships_evaluation_due ON partnerships (evaluation_due_on, id) WHERE archived_at IS NULL;

CREATE TABLE partnership_parties (
    partnership_id BLOB NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    actor_id BLOB NOT NULL REFERENCES actors (id),
    role TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (partnership_id, actor_id)
);
CREATE INDEX partnership_parties_actor ON partnership_parties (actor_id, partnership_id);

-- Themes, areas and target groups, normalised for filtering.
CREATE TABLE partnership_tags (
    partnership_id BLOB NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    value_norm TEXT NOT NULL,
    value TEXT NOT NULL,
    public BOOLEAN NOT NULL,
    PRIMARY KEY (partnership_id, kind, value_norm)
);
CREATE INDEX partnership_tags_lookup ON partnership_tags (kind, value_norm, partnership_id);

-- The timeline: phase transitions, staircase changes, versions, acceptances, decisions and
-- follow-up, each dated when it happened (on_date) and when it was recorded (at).
CREATE TABLE partnership_events (
    id BLOB PRIMARY KEY,
    partnership_id BLOB NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    on_date DATE NOT NULL,
    user_id BLOB,
    kind TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX partnership_events_timeline ON partnership_events (partnership_id, on_date, at);

CREATE TABLE checklist_items (
    partnership_id BLOB NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    phase TEXT NOT NULL,
    code TEXT NOT NULL,
    done BOOLEAN NOT NULL,
    note TEXT,
    updated_at TEXT NOT NULL,
    updated_by BLOB,
    PRIMARY KEY (partnership_id, phase, code)
);

CREATE TABLE agreements (
    id BLOB PRIMARY KEY,
    partnership_id BLOB NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    previous_id BLOB REFERENCES agreements (id),
    superseded_by BLOB REFERENCES agreements (id),
    valid_from DATE NOT NULL,
    valid_until DATE,
    notice_from DATE,
    -- Set when the last party accepts; with the funder's condition it decides whether the
    -- version is in force, so the attention list can be answered by an index.
    accepted_on DATE,
    funder_condition BOOLEAN NOT NULL,
    funder_verdict TEXT,
    funder_decided_on DATE,
    funder_reference TEXT,
    details TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by BLOB,
    UNIQUE (partnership_id, number)
);
-- The attention list's agreement lines, each answered from its own small index.
CREATE INDEX agreements_notice ON agreements (notice_from, valid_until, id, partnership_id, funder_condition, funder_verdict)
    WHERE superseded_by IS NULL AND accepted_on IS NOT NULL;
CREATE INDEX agreements_unaccepted ON agreements (valid_from, id, partnership_id, funder_verdict)
    WHERE accepted_on IS NULL AND superseded_by IS NULL;
CREATE INDEX agreements_funder_pending ON agreements (valid_from, id, partnership_id)
    WHERE funder_condition AND funder_verdict IS NULL AND superseded_by IS NULL;

CREATE TABLE agreement_acceptances (
    agreement_id BLOB NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    actor_id BLOB NOT NULL REFERENCES actors (id),
    position INTEGER NOT NULL,
    accepted_on DATE,
    method TEXT,
    recorded_by BLOB,
    recorded_at TEXT,
    PRIMARY KEY (agreement_id, actor_id)
);
CREATE INDEX agreement_acceptances_pending ON agreement_acceptances (actor_id, agreement_id) WHERE accepted_on IS NULL;
CREATE INDEX agreement_acceptances_open ON agreement_acceptances (agreement_id, actor_id) WHERE accepted_on IS NULL;

CREATE TABLE commitments (
    id BLOB PRIMARY KEY,
    partnership_id BLOB NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    actor_id BLOB REFERENCES actors (id),
    version BIGINT NOT NULL,
    status TEXT NOT NULL,
    due_on DATE,
    details TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- Both cover the attention list's queries: by status and date city-wide, by partnership for a
-- member's own partnerships.
CREATE INDEX commitments_partnership ON commitments (partnership_id, status, due_on, id);
CREATE INDEX commitments_due ON commitments (status, due_on, id, partnership_id);

CREATE TABLE deliverables (
    id BLOB PRIMARY KEY,
    partnership_id BLOB NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    actor_id BLOB REFERENCES actors (id),
    version BIGINT NOT NULL,
    kind TEXT NOT NULL,
    year INTEGER,
    title TEXT NOT NULL,
    due_on DATE NOT NULL,
    status TEXT NOT NULL,
    details TEXT NOT NULL,
    submitted_at TEXT,
    reviewed_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX deliverables_partnership ON deliverables (partnership_id, status, due_on, id);
CREATE INDEX deliverables_due ON deliverables (status, due_on, id, partnership_id);

-- Indicators agreed in a plan; measurements over time will refer to them by id.
CREATE TABLE indicators (
    id BLOB PRIMARY KEY,
    partnership_id BLOB NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    deliverable_id BLOB REFERENCES deliverables (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    target TEXT NOT NULL
);
CREATE INDEX indicators_partnership ON indicators (partnership_id);
CREATE INDEX indicators_deliverable ON indicators (deliverable_id);

CREATE TABLE grant_years (
    partnership_id BLOB NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    applied_cents BIGINT,
    granted_cents BIGINT,
    paid_cents BIGINT,
    decision_reference TEXT,
    decided_on DATE,
    PRIMARY KEY (partnership_id, year)
);

-- Files live outside the web root under their id; this row says what they are and whose.
CREATE TABLE attachments (
    id BLOB PRIMARY KEY,
    partnership_id BLOB NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    owner_kind TEXT NOT NULL,
    owner_id BLOB NOT NULL,
    filename TEXT NOT NULL,
    file_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by BLOB,
    uploaded_at TEXT NOT NULL
);
CREATE INDEX attachments_owner ON attachments (owner_kind, owner_id);

-- Bumped by every change to partnerships and what hangs on them, so cached attention lists
-- know when to be computed again, whichever process made the change.
INSERT INTO change_counters (name, value) VALUES ('partnerships', 0);

-- A user's secret calendar feed address; deleting the row revokes it.
CREATE TABLE calendar_tokens (
    user_id BLOB PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);
