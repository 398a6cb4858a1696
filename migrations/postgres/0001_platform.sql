-- Platform: settings, accounts, sessions, API tokens, audit log and the actor register.
-- Kept in step with ../sqlite/0001_platform.sql (same tables, PostgreSQL types).

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE users (
    id UUID PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'member')),
    locale TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    disabled_at TIMESTAMPTZ
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE actors (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL,
    name_fi TEXT NOT NULL,
    name_sort TEXT NOT NULL,
    sector TEXT NOT NULL,
    business_id TEXT UNIQUE,
    published BOOLEAN NOT NULL,
    demo BOOLEAN NOT NULL,
    details JSONB NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    archived_at TIMESTAMPTZ
);
CREATE INDEX actors_listing ON actors (archived_at, published, name_sort);
CREATE INDEX actors_sector ON actors (sector, name_sort);

CREATE TABLE user_actors (
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    actor_id UUID NOT NULL REFERENCES actors (id),
    PRIMARY KEY (user_id, actor_id)
);
CREATE INDEX user_actors_actor ON user_actors (actor_id);

-- Themes, target groups and areas, normalised for filtering; `public` says whether the
-- public catalogue may filter on the tag.
CREATE TABLE actor_tags (
    actor_id UUID NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    value_norm TEXT NOT NULL,
    value TEXT NOT NULL,
    public BOOLEAN NOT NULL,
    PRIMARY KEY (actor_id, kind, value_norm)
);
CREATE INDEX actor_tags_lookup ON actor_tags (kind, value_norm, actor_id);

-- Search terms built in Rust (stems and word forms), matched by prefix range.
CREATE TABLE actor_terms (
    actor_id UUID NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    term TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (actor_id, term)
);
CREATE INDEX actor_terms_term ON actor_terms (term, actor_id);

CREATE TABLE audit_log (
    id UUID PRIMARY KEY,
    at TIMESTAMPTZ NOT NULL,
    user_id UUID,
    action TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id UUID,
    summary TEXT NOT NULL,
    before_value JSONB,
    after_value JSONB
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id, at);
CREATE INDEX audit_log_user ON audit_log (user_id, at);

-- The audit log is append-only: the database refuses to change or remove an entry.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
