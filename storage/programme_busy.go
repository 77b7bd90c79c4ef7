package storage

import (
	"context"
	"database/sql"
	"fmt"

	"pitchmatch/event"
)

// BusyEntry is a stored busy time with its row ID (for removal).
type BusyEntry struct {
	Ref int64 `json:"ref"`
	event.Busy
}

// BusyList returns the stored busy times with their IDs, by ID; kind and
// who, when not empty, keep only that participant's.
func (db *DB) BusyList(ctx context.Context, kind event.ParticipantKind, who string) ([]BusyEntry, error) {
	q, args := "SELECT id, kind, who, from_at, to_at FROM busy_times", []any{}
	if kind != "" {
		q += " WHERE kind = ? AND who = ?"
		args = append(args, string(kind), who)
	}
	out, err := collect(ctx, db.sql, "busy times", q+" ORDER BY id", args, func(sc scanner) (BusyEntry, error) {
		var e BusyEntry
		var k, from, to string
		if err := sc.Scan(&e.Ref, &k, &e.ID, &from, &to); err != nil {
			return e, err
		}
		e.Kind = event.ParticipantKind(k)
		var err error
		if e.From, err = parseTime(from); err != nil {
			return e, fmt.Errorf("busy time %d: %w", e.Ref, err)
		}
		if e.To, err = parseTime(to); err != nil {
			return e, fmt.Errorf("busy time %d: %w", e.Ref, err)
		}
		return e, nil
	})
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return out, nil
}

// RemoveBusy deletes busy time ref (ENotFound when there is none), with
// its audit entry. Sessions already placed stay where they are; the next
// schedule-sessions run may use the freed time.
func (db *DB) RemoveBusy(ctx context.Context, actor string, ref int64) error {
	return db.write(ctx, fmt.Sprintf("remove busy time %d", ref), func(ctx context.Context, tx *sql.Tx) error {
		var kind, who, from, to string
		err := tx.QueryRowContext(ctx, "SELECT kind, who, from_at, to_at FROM busy_times WHERE id = ?", ref).Scan(&kind, &who, &from, &to)
		if err == sql.ErrNoRows {
			return event.NotFound("busy time", fmt.Sprint(ref))
		}
		if err != nil {
			return fmt.Errorf("read busy time %d: %w", ref, err)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM busy_times WHERE id = ?", ref); err != nil {
			return fmt.Errorf("delete busy time %d: %w", ref, err)
		}
		return audit(ctx, tx, now(), actor, "busy.remove", kind, who, from+" – "+to)
	})
}
