-- 0009: what each programme change was last notified as: an application's
-- decision (kind 'decision', ref the application, sequence its version)
-- and an acceleration session's status and time (kind 'session', ref the
-- session). Mails and these states are stored in one transaction, so every
-- decision and session change is mailed once, whichever tool made it.

CREATE TABLE programme_notices (
    kind     TEXT    NOT NULL CHECK (kind IN ('decision', 'session')),
    ref      INTEGER NOT NULL,
    status   TEXT    NOT NULL,
    start_at TEXT    NOT NULL DEFAULT '',
    sequence INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (kind, ref)
) WITHOUT ROWID;
