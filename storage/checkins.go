package storage

import (
	"context"
	"database/sql"
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
		had, at, by, err := checkInState(ctx, tx, e, c)
		if err != nil {
			return err
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
		action := "checkin.set"
		if !in {
			action = "checkin.clear"
		}
		return auditChanges(ctx, tx, now(), actor, action, string(c.Kind), c.ID, fmt.Sprintf("day %d", c.Day+1),
			[]event.FieldChange{event.CheckInChange(c.Kind, c.ID, c.Day, in)})
	})
	return c, changed, err
}
