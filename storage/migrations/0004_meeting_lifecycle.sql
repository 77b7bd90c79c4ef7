-- 0004: the meeting life cycle (event/lifecycle.go). Meetings may also be
-- declined (a side declined; the pair is never proposed again) or no_show.
-- SQLite cannot change a CHECK constraint, so the table is rebuilt with the
-- same columns, rows and indexes. meeting_sides keeps each side's response
-- to the current placement (with the Sequence it answered), its outcome and
-- its private note.

CREATE TABLE meetings_new (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    uid        TEXT    NOT NULL UNIQUE,
    startup_id TEXT    NOT NULL REFERENCES startups (id) ON DELETE CASCADE,
    company_id TEXT    NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    theme_id   TEXT    REFERENCES themes (id) ON DELETE SET NULL,
    slot       INTEGER NOT NULL CHECK (slot >= 0),
    table_no   INTEGER NOT NULL CHECK (table_no >= 0),
    status     TEXT    NOT NULL CHECK (status IN ('proposed', 'confirmed', 'cancelled', 'held', 'declined', 'no_show')),
    outcome    TEXT    NOT NULL DEFAULT '',
    locked     INTEGER NOT NULL DEFAULT 0,
    score      REAL    NOT NULL DEFAULT 0,
    sequence   INTEGER NOT NULL DEFAULT 0,
    version    INTEGER NOT NULL CHECK (version > 0),
    updated_at TEXT    NOT NULL
);
INSERT INTO meetings_new (id, uid, startup_id, company_id, theme_id, slot, table_no, status, outcome, locked, score,
    sequence, version, updated_at)
    SELECT id, uid, startup_id, company_id, theme_id, slot, table_no, status, outcome, locked, score,
    sequence, version, updated_at FROM meetings;
DROP TABLE meetings;
ALTER TABLE meetings_new RENAME TO meetings;
CREATE INDEX meetings_startup ON meetings (startup_id);
CREATE INDEX meetings_company ON meetings (company_id);
CREATE INDEX meetings_theme ON meetings (theme_id);
CREATE INDEX meetings_slot ON meetings (slot, table_no);

CREATE TABLE meeting_sides (
    meeting_id   INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    side         TEXT    NOT NULL CHECK (side IN ('startup', 'company')),
    response     TEXT    NOT NULL DEFAULT '' CHECK (response IN ('', 'accepted', 'declined', 'move')),
    response_seq INTEGER NOT NULL DEFAULT 0,
    message      TEXT    NOT NULL DEFAULT '',
    outcome      TEXT    NOT NULL DEFAULT '' CHECK (outcome IN ('', 'none', 'follow_up', 'deal_progressed')),
    note         TEXT    NOT NULL DEFAULT '',
    actor        TEXT    NOT NULL DEFAULT '',
    responded_at TEXT    NOT NULL DEFAULT '',
    outcome_at   TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, side)
) WITHOUT ROWID;
