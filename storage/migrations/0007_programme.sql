-- 0006: the programme (MedTech ROUND): its settings (stages, rubrics,
-- session and pitch plans) as one JSON document, startups' applications
-- to themes with the optional PDF deck stored in the event file, scouts'
-- screening scorecards, the companies' decisions, participants' busy
-- times, the acceleration sessions (UID kept across moves, Sequence bumped),
-- the final-pitch judges and their scorecards.

CREATE TABLE programme (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    settings   TEXT    NOT NULL,
    version    INTEGER NOT NULL CHECK (version > 0),
    updated_at TEXT    NOT NULL
);

CREATE TABLE applications (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    startup_id   TEXT    NOT NULL REFERENCES startups (id) ON DELETE CASCADE,
    theme_id     TEXT    NOT NULL REFERENCES themes (id) ON DELETE CASCADE,
    company_id   TEXT    NOT NULL,
    proposal_ja  TEXT    NOT NULL DEFAULT '',
    proposal_en  TEXT    NOT NULL DEFAULT '',
    deck_name    TEXT    NOT NULL DEFAULT '',
    deck_size    INTEGER NOT NULL DEFAULT 0,
    deck_sha256  TEXT    NOT NULL DEFAULT '',
    deck         BLOB,
    submitted_at TEXT    NOT NULL,
    decision     TEXT    NOT NULL DEFAULT '' CHECK (decision IN ('', 'selected', 'waitlist', 'declined')),
    message_ja   TEXT    NOT NULL DEFAULT '',
    message_en   TEXT    NOT NULL DEFAULT '',
    decided_at   TEXT    NOT NULL DEFAULT '',
    version      INTEGER NOT NULL CHECK (version > 0),
    UNIQUE (startup_id, theme_id)
);
CREATE INDEX applications_theme ON applications (theme_id);

CREATE TABLE screening_scores (
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    scout          TEXT    NOT NULL,
    company_id     TEXT    NOT NULL,
    scores         TEXT    NOT NULL,
    comment        TEXT    NOT NULL DEFAULT '',
    at             TEXT    NOT NULL,
    PRIMARY KEY (application_id, scout)
) WITHOUT ROWID;

CREATE TABLE busy_times (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    kind    TEXT    NOT NULL CHECK (kind IN ('startup', 'company')),
    who     TEXT    NOT NULL,
    from_at TEXT    NOT NULL,
    to_at   TEXT    NOT NULL
);

CREATE TABLE sessions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    uid        TEXT    NOT NULL UNIQUE,
    startup_id TEXT    NOT NULL REFERENCES startups (id) ON DELETE CASCADE,
    company_id TEXT    NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    theme_id   TEXT    NOT NULL DEFAULT '',
    number     INTEGER NOT NULL,
    start_at   TEXT    NOT NULL,
    minutes    INTEGER NOT NULL,
    mode       TEXT    NOT NULL,
    status     TEXT    NOT NULL CHECK (status IN ('scheduled', 'held', 'cancelled')),
    note       TEXT    NOT NULL DEFAULT '',
    sequence   INTEGER NOT NULL DEFAULT 0,
    version    INTEGER NOT NULL CHECK (version > 0),
    updated_at TEXT    NOT NULL,
    UNIQUE (startup_id, company_id, number)
);

CREATE TABLE judges (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    company_id TEXT NOT NULL DEFAULT '',
    email      TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE TABLE pitch_scores (
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    judge_id       TEXT    NOT NULL REFERENCES judges (id) ON DELETE CASCADE,
    scores         TEXT    NOT NULL,
    comment        TEXT    NOT NULL DEFAULT '',
    at             TEXT    NOT NULL,
    PRIMARY KEY (application_id, judge_id)
) WITHOUT ROWID;
