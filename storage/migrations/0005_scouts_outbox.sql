-- 0005: company scouts' private links (hashes only, one per scout, several
-- per company, with the scout's e-mail and language for notifications),
-- scouts' private notes on startups, the participants' portal language, the
-- notifications outbox (e-mails queued in the event file, sent by SMTP or
-- exported) and, per meeting and side, the state last notified (so a
-- change made by any tool — the scheduler, the desktop, the portal — is
-- notified once).

CREATE TABLE scout_tokens (
    hash       TEXT    PRIMARY KEY,
    company_id TEXT    NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    scout      TEXT    NOT NULL DEFAULT '',
    email      TEXT    NOT NULL DEFAULT '',
    lang       TEXT    NOT NULL DEFAULT '',
    created_at TEXT    NOT NULL,
    expires_at TEXT    NOT NULL DEFAULT '',
    revoked    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX scout_tokens_company ON scout_tokens (company_id);

CREATE TABLE scout_notes (
    company_id TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    startup_id TEXT NOT NULL REFERENCES startups (id) ON DELETE CASCADE,
    note       TEXT NOT NULL DEFAULT '',
    actor      TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (company_id, startup_id)
) WITHOUT ROWID;

CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    to_kind    TEXT    NOT NULL,
    to_id      TEXT    NOT NULL,
    to_addr    TEXT    NOT NULL,
    lang       TEXT    NOT NULL DEFAULT 'ja',
    subject    TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    ics        TEXT    NOT NULL DEFAULT '',
    meeting_id INTEGER,
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT    NOT NULL DEFAULT '',
    next_at    TEXT    NOT NULL,
    sent_at    TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX outbox_pending ON outbox (sent_at, next_at);

CREATE TABLE portal_langs (
    kind TEXT NOT NULL CHECK (kind IN ('startup', 'company')),
    id   TEXT NOT NULL,
    lang TEXT NOT NULL,
    PRIMARY KEY (kind, id)
) WITHOUT ROWID;

CREATE TABLE notices (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    side       TEXT    NOT NULL CHECK (side IN ('startup', 'company')),
    status     TEXT    NOT NULL,
    slot       INTEGER NOT NULL,
    table_no   INTEGER NOT NULL,
    sequence   INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, side)
) WITHOUT ROWID;
