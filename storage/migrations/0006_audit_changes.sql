-- 0006: the field-level changes behind audit entries (old → new), one row
-- per changed field of each record; a batch (import, schedule save) lists
-- every record it touched, so a record's history includes them.
CREATE TABLE audit_changes (
    audit_id  INTEGER NOT NULL REFERENCES audit (id) ON DELETE CASCADE,
    entity    TEXT    NOT NULL,
    entity_id TEXT    NOT NULL,
    field     TEXT    NOT NULL DEFAULT '',
    old       TEXT    NOT NULL DEFAULT '',
    new       TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX audit_changes_record ON audit_changes (entity, entity_id, audit_id);
CREATE INDEX audit_changes_entry ON audit_changes (audit_id);
