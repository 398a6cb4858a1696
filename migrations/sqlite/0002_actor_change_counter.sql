-- A counter bumped by every write to the actor register and stamped on the changed row, so
-- each server process can bring its in-memory register index up to date with one cheap query,
-- whichever process (server, import, demo) made the change.
CREATE TABLE change_counters (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO change_counters (name, value) VALUES ('actors', 0);

ALTER TABLE actors ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0;
CREATE INDEX actors_change_seq ON actors (change_seq);
