package storage

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"pitchmatch/event"
)

// audit appends one audit-log entry inside tx.
func audit(ctx context.Context, tx querier, at time.Time, actor, action, entity, id, detail string) error {
	return auditChanges(ctx, tx, at, actor, action, entity, id, detail, nil)
}

// auditChanges appends one audit-log entry with the field-level changes
// behind it inside tx.
func auditChanges(ctx context.Context, tx querier, at time.Time, actor, action, entity, id, detail string, changes []event.FieldChange) error {
	_, err := writeAudit(ctx, tx, event.AuditEntry{At: at, Actor: actor, Action: action, Entity: entity, EntityID: id,
		Detail: detail, Changes: changes})
	return err
}

// writeAudit appends entry a (with its changes and its part in the undo
// history) inside tx and returns its ID.
func writeAudit(ctx context.Context, tx querier, a event.AuditEntry) (int64, error) {
	actor, action, id, changes := a.Actor, a.Action, a.EntityID, a.Changes
	if actor == "" {
		actor = "system"
	}
	var undoes any
	if a.Undoes != 0 {
		undoes = a.Undoes
	}
	var auditID int64
	err := tx.QueryRowContext(ctx,
		`INSERT INTO audit (at, actor, action, entity, entity_id, detail, undo, undoes, label_ja, label_en)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		formatTime(a.At), actor, action, a.Entity, id, cut(a.Detail, 500), string(a.Undo), undoes,
		cut(a.Label.Ja, 500), cut(a.Label.En, 500)).Scan(&auditID)
	if err != nil {
		return 0, fmt.Errorf("write audit entry %s %s: %w", action, id, err)
	}
	if len(changes) == 0 {
		return auditID, nil
	}
	const ins = "INSERT INTO audit_changes (audit_id, entity, entity_id, field, old, new) VALUES (?, ?, ?, ?, ?, ?)"
	for _, c := range changes {
		old, new := c.Old, c.New
		if a.Undo == event.UndoNone { // an undo writes these back: kept whole
			old, new = cut(old, 2000), cut(new, 2000)
		}
		if _, err := tx.ExecContext(ctx, ins, auditID, c.Entity, c.ID, c.Field, old, new); err != nil {
			return 0, fmt.Errorf("write audit changes of %s %s: %w", action, c.ID, err)
		}
	}
	return auditID, nil
}

// cut shortens s to at most n bytes without splitting a character.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for len(s) > 0 && !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s
}

// diffRecords lists the fields that differ between two records of entity
// id (event.RecordDiff: the names and texts undo reads back).
func diffRecords(entity, id string, old, new any) []event.FieldChange {
	return event.RecordDiff(entity, id, old, new)
}

// created is the change row of a record an action created.
func created(entity, id string) event.FieldChange {
	return event.FieldChange{Entity: entity, ID: id}
}

// meetingDiff lists what a save changed of one meeting: created (old nil),
// or its pair and theme, slot, table (1-based), status, lock and outcome
// (event.MeetingDiff, the names and texts undo reads back).
func meetingDiff(old, new *event.Meeting) []event.FieldChange { return event.MeetingDiff(old, new) }

const auditQuery = "SELECT id, at, actor, action, entity, entity_id, detail, undo, ifnull(undoes, 0), label_ja, label_en FROM audit "

// Audit returns the newest limit entries of the audit log, newest first;
// limit <= 0 returns all of them. Changes are not filled in (a batch may
// have thousands); AuditOf gives them per record.
func (db *DB) Audit(ctx context.Context, limit int) ([]event.AuditEntry, error) {
	if limit <= 0 {
		limit = -1
	}
	out, err := collect(ctx, db.sql, "audit log", auditQuery+"ORDER BY id DESC LIMIT ?", []any{limit}, scanAudit)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return out, nil
}

// AuditOf returns the newest limit audit entries about one record (entity
// such as "startup" and its ID), newest first; limit <= 0 returns all. It
// includes batch entries (imports, schedule saves) that touched the record,
// each with the record's field changes, old → new. A startup's or a
// company's history also includes the entries about its meetings (as the
// meetings are paired now): their saves, moves, cancellations, steps and
// outcomes, with the meetings' changes (Entity "meeting").
func (db *DB) AuditOf(ctx context.Context, entity, id string, limit int) ([]event.AuditEntry, error) {
	if limit <= 0 {
		limit = -1
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("storage: history of %s %s: %w", entity, id, busyOr(err))
	}
	defer tx.Rollback()
	// The records whose entries make up the history: the record itself,
	// and for a participant its meetings.
	records := `SELECT ?1 AS entity, ?2 AS entity_id`
	switch entity {
	case "startup":
		records += ` UNION ALL SELECT 'meeting', CAST(id AS TEXT) FROM meetings WHERE startup_id = ?2`
	case "company":
		records += ` UNION ALL SELECT 'meeting', CAST(id AS TEXT) FROM meetings WHERE company_id = ?2`
	}
	out, err := collect(ctx, tx, "audit log of "+entity+" "+id,
		`WITH records AS (`+records+`)
		`+auditQuery+`WHERE id IN (
			SELECT a.id FROM audit a JOIN records r ON a.entity = r.entity AND a.entity_id = r.entity_id
			UNION SELECT c.audit_id FROM audit_changes c JOIN records r ON c.entity = r.entity AND c.entity_id = r.entity_id)
		ORDER BY id DESC LIMIT ?3`, []any{entity, id, limit}, scanAudit)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	changes, err := collect(ctx, tx, "audit changes of "+entity+" "+id,
		`WITH records AS (`+records+`)
		SELECT c.audit_id, c.entity, c.entity_id, c.field, c.old, c.new FROM audit_changes c
			JOIN records r ON c.entity = r.entity AND c.entity_id = r.entity_id
			WHERE c.audit_id >= ?3 ORDER BY c.audit_id, c.rowid`,
		[]any{entity, id, out[len(out)-1].ID}, func(sc scanner) (auditChange, error) {
			var c auditChange
			err := sc.Scan(&c.auditID, &c.Entity, &c.ID, &c.Field, &c.Old, &c.New)
			return c, err
		})
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	byID := make(map[int64]int, len(out))
	for k := range out {
		byID[out[k].ID] = k
	}
	for _, c := range changes {
		if k, ok := byID[c.auditID]; ok {
			out[k].Changes = append(out[k].Changes, c.FieldChange)
		}
	}
	return out, nil
}

type auditChange struct {
	auditID int64
	event.FieldChange
}

func scanAudit(sc scanner) (event.AuditEntry, error) {
	var a event.AuditEntry
	var at string
	var undo string
	if err := sc.Scan(&a.ID, &at, &a.Actor, &a.Action, &a.Entity, &a.EntityID, &a.Detail, &undo, &a.Undoes, &a.Label.Ja, &a.Label.En); err != nil {
		return a, err
	}
	a.Undo = event.UndoKind(undo)
	var err error
	if a.At, err = parseTime(at); err != nil {
		return a, fmt.Errorf("audit entry %d: %w", a.ID, err)
	}
	return a, nil
}

// describeChanges is a short summary of changes for an entry's detail.
func describeChanges(cs []event.FieldChange) string {
	fields := make([]string, 0, len(cs))
	for _, c := range cs {
		if c.Field != "" {
			fields = append(fields, c.Field)
		}
	}
	return strings.Join(fields, ", ")
}

// storedRecords reads every record of a versioned table by ID, for the
// field changes of an import.
func storedRecords(ctx context.Context, q querier, table string) (map[string]any, error) {
	out := map[string]any{}
	switch table {
	case "startups":
		l, err := collect(ctx, q, table, "SELECT "+startupCols+" FROM startups", nil, scanStartup)
		for _, r := range l {
			out[r.ID] = r
		}
		return out, err
	case "companies":
		l, err := collect(ctx, q, table, "SELECT "+companyCols+" FROM companies", nil, scanCompany)
		for _, r := range l {
			out[r.ID] = r
		}
		return out, err
	case "themes":
		l, err := collect(ctx, q, table, "SELECT "+themeCols+" FROM themes", nil, scanTheme)
		for _, r := range l {
			out[r.ID] = r
		}
		return out, err
	}
	return out, nil
}
