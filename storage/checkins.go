package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"pitchmatch/event"
)

// CheckIns lists every check-in, by day, side and participant.
func (db *DB) CheckIns(ctx context.Context) ([]event.CheckIn, error) {
	l, err := collect(ctx, db.sql, "check-ins", "SELECT kind, participant_id, day, at, actor FROM checkins ORDER BY day, kind, participant_id", nil, scanCheckIn)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return l, nil
}

func scanCheckIn(sc scanner) (event.CheckIn, error) {
	var c event.CheckIn
	var kind, at string
	if err := sc.Scan(&kind, &c.ID, &c.Day, &at, &c.By); err != nil {
		return c, err
	}
	c.Kind = event.ParticipantKind(kind)
	t, err := parseTime(at)
	if err != nil {
		return c, fmt.Errorf("check-in of %s %s day %d: at: %w", kind, c.ID, c.Day+1, err)
	}
	c.At = t
	return c, nil
}

// SetCheckIn checks a participant in on a day (in true) or takes the
// check-in back (in false), in one transaction with an audit entry. The
// participant and the day must exist. It returns the check-in as stored
// (At is the time of the write; for a participant already checked in, the
// first check-in is kept) and whether anything changed.
func (db *DB) SetCheckIn(ctx context.Context, actor string, c event.CheckIn, in bool) (event.CheckIn, bool, error) {
	changed := false
	what := fmt.Sprintf("check-in of %s %s day %d", c.Kind, c.ID, c.Day+1)
	err := db.write(ctx, what, func(ctx context.Context, tx *sql.Tx) error {
		e, _, err := eventByRow(ctx, tx)
		if err != nil {
			return err
		}
		if err := c.Validate(e); err != nil {
			return err
		}
		table := "startups"
		if c.Kind == event.KindCompany {
			table = "companies"
		}
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM "+table+" WHERE id = ?", c.ID).Scan(&n); err != nil {
			return fmt.Errorf("read %s %s: %w", c.Kind, c.ID, err)
		}
		if n == 0 {
			return event.NotFound(string(c.Kind), c.ID)
		}
		var at, by string
		err = tx.QueryRowContext(ctx, "SELECT at, actor FROM checkins WHERE kind = ? AND participant_id = ? AND day = ?",
			string(c.Kind), c.ID, c.Day).Scan(&at, &by)
		had := err == nil
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("read check-in: %w", err)
		}
		switch {
		case in && had:
			t, err := parseTime(at)
			if err != nil {
				return fmt.Errorf("check-in of %s %s: at: %w", c.Kind, c.ID, err)
			}
			c.At, c.By = t, by
			return nil
		case !in && !had:
			return nil
		case in:
			c.At, c.By = now(), actor
			if _, err := tx.ExecContext(ctx, "INSERT INTO checkins (kind, participant_id, day, at, actor) VALUES (?, ?, ?, ?, ?)",
				string(c.Kind), c.ID, c.Day, formatTime(c.At), actor); err != nil {
				return fmt.Errorf("store check-in: %w", err)
			}
		default:
			if _, err := tx.ExecContext(ctx, "DELETE FROM checkins WHERE kind = ? AND participant_id = ? AND day = ?",
				string(c.Kind), c.ID, c.Day); err != nil {
				return fmt.Errorf("remove check-in: %w", err)
			}
		}
		changed = true
		action, old, new := "checkin.set", "", "checked in"
		if !in {
			action, old, new = "checkin.clear", "checked in", ""
		}
		field := fmt.Sprintf("checkin.day%d", c.Day+1)
		return auditChanges(ctx, tx, now(), actor, action, string(c.Kind), c.ID, fmt.Sprintf("day %d", c.Day+1),
			[]event.FieldChange{{Entity: string(c.Kind), ID: c.ID, Field: field, Old: old, New: new}})
	})
	return c, changed, err
}
