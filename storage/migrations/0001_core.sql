-- 0001: the event, participants, themes, availability, interests, meetings
-- and the audit log. Times are RFC 3339 text in UTC; list fields are JSON
-- arrays of vocabulary codes.

CREATE TABLE event (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    version    INTEGER NOT NULL CHECK (version > 0),
    data       TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);

CREATE TABLE startups (
    id                 TEXT    PRIMARY KEY,
    version            INTEGER NOT NULL CHECK (version > 0),
    name_ja            TEXT    NOT NULL DEFAULT '',
    name_en            TEXT    NOT NULL DEFAULT '',
    founded            INTEGER NOT NULL DEFAULT 0,
    prefecture         TEXT    NOT NULL DEFAULT '',
    headcount          INTEGER NOT NULL DEFAULT 0,
    funding_stage      TEXT    NOT NULL DEFAULT '',
    product_name_ja    TEXT    NOT NULL DEFAULT '',
    product_name_en    TEXT    NOT NULL DEFAULT '',
    product_summary_ja TEXT    NOT NULL DEFAULT '',
    product_summary_en TEXT    NOT NULL DEFAULT '',
    product_type       TEXT    NOT NULL DEFAULT '',
    device_class       TEXT    NOT NULL DEFAULT '',
    purposes           TEXT    NOT NULL DEFAULT '[]',
    areas              TEXT    NOT NULL DEFAULT '[]',
    technologies       TEXT    NOT NULL DEFAULT '[]',
    dev_stage          TEXT    NOT NULL DEFAULT '',
    regulatory         TEXT    NOT NULL DEFAULT '[]',
    needs              TEXT    NOT NULL DEFAULT '[]',
    partnerships       TEXT    NOT NULL DEFAULT '[]',
    website            TEXT    NOT NULL DEFAULT '',
    contact_email      TEXT    NOT NULL DEFAULT '',
    max_meetings       INTEGER NOT NULL DEFAULT 0,
    updated_at         TEXT    NOT NULL
);

CREATE TABLE companies (
    id             TEXT    PRIMARY KEY,
    version        INTEGER NOT NULL CHECK (version > 0),
    name_ja        TEXT    NOT NULL DEFAULT '',
    name_en        TEXT    NOT NULL DEFAULT '',
    description_ja TEXT    NOT NULL DEFAULT '',
    description_en TEXT    NOT NULL DEFAULT '',
    scouts         TEXT    NOT NULL DEFAULT '[]',
    max_meetings   INTEGER NOT NULL DEFAULT 0,
    tables         INTEGER NOT NULL DEFAULT 0,
    updated_at     TEXT    NOT NULL
);

CREATE TABLE themes (
    id             TEXT    PRIMARY KEY,
    company_id     TEXT    NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    version        INTEGER NOT NULL CHECK (version > 0),
    title_ja       TEXT    NOT NULL DEFAULT '',
    title_en       TEXT    NOT NULL DEFAULT '',
    description_ja TEXT    NOT NULL DEFAULT '',
    description_en TEXT    NOT NULL DEFAULT '',
    areas          TEXT    NOT NULL DEFAULT '[]',
    technologies   TEXT    NOT NULL DEFAULT '[]',
    stage_min      TEXT    NOT NULL DEFAULT '',
    stage_max      TEXT    NOT NULL DEFAULT '',
    product_types  TEXT    NOT NULL DEFAULT '[]',
    classes        TEXT    NOT NULL DEFAULT '[]',
    partnerships   TEXT    NOT NULL DEFAULT '[]',
    updated_at     TEXT    NOT NULL
);
CREATE INDEX themes_company ON themes (company_id);

-- One row per participant; exactly one of startup_id and company_id is set,
-- so each side has a real foreign key.
CREATE TABLE availability (
    startup_id  TEXT REFERENCES startups (id) ON DELETE CASCADE,
    company_id  TEXT REFERENCES companies (id) ON DELETE CASCADE,
    unavailable TEXT NOT NULL DEFAULT '[]',
    CHECK ((startup_id IS NULL) <> (company_id IS NULL))
);
CREATE UNIQUE INDEX availability_startup ON availability (startup_id);
CREATE UNIQUE INDEX availability_company ON availability (company_id);

CREATE TABLE interests (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT NOT NULL,
    startup_id TEXT NOT NULL REFERENCES startups (id) ON DELETE CASCADE,
    company_id TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    theme_id   TEXT REFERENCES themes (id) ON DELETE CASCADE,
    by_side    TEXT NOT NULL CHECK (by_side IN ('startup', 'company')),
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
-- The same statement about the same pair and theme is stored once.
CREATE UNIQUE INDEX interests_statement
    ON interests (startup_id, company_id, ifnull(theme_id, ''), kind, by_side);
CREATE INDEX interests_company ON interests (company_id);
CREATE INDEX interests_theme ON interests (theme_id);

CREATE TABLE meetings (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    uid        TEXT    NOT NULL UNIQUE,
    startup_id TEXT    NOT NULL REFERENCES startups (id) ON DELETE CASCADE,
    company_id TEXT    NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    theme_id   TEXT    REFERENCES themes (id) ON DELETE SET NULL,
    slot       INTEGER NOT NULL CHECK (slot >= 0),
    table_no   INTEGER NOT NULL CHECK (table_no >= 0),
    status     TEXT    NOT NULL CHECK (status IN ('proposed', 'confirmed', 'cancelled', 'held')),
    outcome    TEXT    NOT NULL DEFAULT '',
    locked     INTEGER NOT NULL DEFAULT 0,
    score      REAL    NOT NULL DEFAULT 0,
    sequence   INTEGER NOT NULL DEFAULT 0,
    version    INTEGER NOT NULL CHECK (version > 0),
    updated_at TEXT    NOT NULL
);
CREATE INDEX meetings_startup ON meetings (startup_id);
CREATE INDEX meetings_company ON meetings (company_id);
CREATE INDEX meetings_theme ON meetings (theme_id);
CREATE INDEX meetings_slot ON meetings (slot, table_no);

CREATE TABLE audit (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL DEFAULT '',
    detail    TEXT NOT NULL DEFAULT ''
);
