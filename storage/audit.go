package storage

import (
	"context"
	"fmt"
	"time"

	"pitchmatch/event"
)

// audit appends one audit-log entry inside tx.
func audit(ctx context.Context, tx querier, at time.Time, actor, action, entity, id, detail string) error {
	if actor == "" {
		actor = "system"
	}
	if len(detail) > 500 {
		detail = detail[:500]
	}
	_, err := tx.ExecContext(ctx,
		"INSERT INTO audit (at, actor, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?)",
		formatTime(at), actor, action, entity, id, detail)
	if err != nil {
		return fmt.Errorf("write audit entry %s %s: %w", action, id, err)
	}
	return nil
}

const auditQuery = "SELECT id, at, actor, action, entity, entity_id, detail FROM audit "

// Audit returns the newest limit entries of the audit log, newest first;
// limit <= 0 returns all of them.
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
// such as "startup" and its ID), newest first; limit <= 0 returns all.
// Batch entries (imports, schedule replacements) carry no record ID and are
// not included.
func (db *DB) AuditOf(ctx context.Context, entity, id string, limit int) ([]event.AuditEntry, error) {
	if limit <= 0 {
		limit = -1
	}
	out, err := collect(ctx, db.sql, "audit log of "+entity+" "+id,
		auditQuery+"WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT ?", []any{entity, id, limit}, scanAudit)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return out, nil
}

func scanAudit(sc scanner) (event.AuditEntry, error) {
	var a event.AuditEntry
	var at string
	if err := sc.Scan(&a.ID, &at, &a.Actor, &a.Action, &a.Entity, &a.EntityID, &a.Detail); err != nil {
		return a, err
	}
	var err error
	if a.At, err = parseTime(at); err != nil {
		return a, fmt.Errorf("audit entry %d: %w", a.ID, err)
	}
	return a, nil
}
