-- 0002: startup portal tokens (hashes only), the embedding-vector cache and
-- small per-event settings.

CREATE TABLE tokens (
    hash       TEXT    PRIMARY KEY,
    startup_id TEXT    NOT NULL REFERENCES startups (id) ON DELETE CASCADE,
    created_at TEXT    NOT NULL,
    expires_at TEXT    NOT NULL DEFAULT '',
    revoked    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX tokens_startup ON tokens (startup_id);

-- key is a hex hash of the normalised text; vec is dims little-endian float32.
CREATE TABLE embeddings (
    model      TEXT    NOT NULL,
    key        TEXT    NOT NULL,
    dims       INTEGER NOT NULL CHECK (dims > 0),
    vec        BLOB    NOT NULL CHECK (length(vec) = 4 * dims),
    created_at TEXT    NOT NULL,
    PRIMARY KEY (model, key)
) WITHOUT ROWID;

CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;
