-- 0012: the organizer's undo history is the audit log. An undoable change
-- is one entry (undo = 'change') with its field changes; an undo or a redo
-- is a new entry (undo = 'undo' / 'redo') naming the entry it inverts
-- (undoes). label_ja / label_en say what the change did, for the menu.
ALTER TABLE audit ADD COLUMN undo TEXT NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN undoes INTEGER REFERENCES audit (id);
ALTER TABLE audit ADD COLUMN label_ja TEXT NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN label_en TEXT NOT NULL DEFAULT '';
CREATE INDEX audit_undo ON audit (actor, id) WHERE undo <> '';
