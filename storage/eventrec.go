package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"pitchmatch/event"
)

// DefaultEvent is the event a new file starts with: named "PitchMatch
// event", in Asia/Tokyo, with 30-minute slots, one table and no days yet.
func DefaultEvent() *event.Event {
	return &event.Event{
		Name:            event.T("PitchMatchイベント", "PitchMatch event"),
		TimeZone:        "Asia/Tokyo",
		SlotMinutes:     30,
		Tables:          1,
		DefaultLanguage: event.Ja,
	}
}

// eventByRow reads the stored event; ok is false when none is stored yet.
func eventByRow(ctx context.Context, q querier) (e *event.Event, ok bool, err error) {
	var version int64
	var data string
	err = q.QueryRowContext(ctx, "SELECT version, data FROM event WHERE id = 1").Scan(&version, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return DefaultEvent(), false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("read event: %w", err)
	}
	e = new(event.Event)
	if err := json.Unmarshal([]byte(data), e); err != nil {
		return nil, false, fmt.Errorf("read event: bad stored settings: %w", err)
	}
	e.Version = version
	return e, true, nil
}

// Event returns the event settings, or DefaultEvent (Version 0) for a file
// where none were saved yet.
func (db *DB) Event(ctx context.Context) (*event.Event, error) {
	e, _, err := eventByRow(ctx, db.sql)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return e, nil
}

// SaveEvent stores the event settings. Version 0 is accepted only while no
// settings are stored; otherwise the version must match the stored one, and
// a mismatch (including Version 0 when settings exist) returns
// *event.ConflictError with the stored event.
func (db *DB) SaveEvent(ctx context.Context, actor string, e *event.Event) error {
	if e == nil {
		return invalid("イベント設定がありません", "storage: save event: nil event")
	}
	if err := e.Validate(); err != nil {
		return fmt.Errorf("storage: save event: %w", err)
	}
	at := now()
	var version int64
	err := db.write(ctx, "save event", func(ctx context.Context, tx *sql.Tx) error {
		cur, stored, err := eventByRow(ctx, tx)
		if err != nil {
			return err
		}
		if !stored && e.Version != 0 {
			return event.NotFound("event", "")
		}
		if stored && cur.Version != e.Version {
			return &event.ConflictError{Entity: "event", Have: e.Version, Stored: cur.Version, Current: cur}
		}
		version = e.Version + 1
		if err := putEvent(ctx, tx, e, version, at); err != nil {
			return err
		}
		action := "event.update"
		if !stored {
			action = "event.create"
		}
		var changes []event.FieldChange
		if stored {
			changes = diffRecords("event", "", cur, e)
		}
		return auditChanges(ctx, tx, at, actor, action, "event", "", fmt.Sprintf("version %d: %s", version, e.Name.In(event.Ja)), changes)
	})
	if err != nil {
		return err
	}
	e.Version = version
	return nil
}

// putEvent writes the event row with the given version.
func putEvent(ctx context.Context, tx *sql.Tx, e *event.Event, version int64, at time.Time) error {
	c := *e
	c.Version = 0
	data, err := json.Marshal(&c)
	if err != nil {
		return fmt.Errorf("encode event: %w", err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO event (id, version, data, updated_at) VALUES (1, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET version = excluded.version, data = excluded.data, updated_at = excluded.updated_at`,
		version, string(data), formatTime(at))
	if err != nil {
		return fmt.Errorf("write event: %w", err)
	}
	return nil
}

// Counts returns the sizes of the event: records stored, the event's slots
// and tables, active (not cancelled) meetings and interests.
func (db *DB) Counts(ctx context.Context) (event.Counts, error) {
	var c event.Counts
	e, _, err := eventByRow(ctx, db.sql)
	if err != nil {
		return c, fmt.Errorf("storage: counts: %w", err)
	}
	c.Slots, c.Tables = e.NumSlots(), e.Tables
	err = db.sql.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM startups),
		(SELECT count(*) FROM companies),
		(SELECT count(*) FROM themes),
		(SELECT count(*) FROM meetings WHERE status NOT IN ('cancelled', 'declined')),
		(SELECT count(*) FROM interests)`).Scan(&c.Startups, &c.Companies, &c.Themes, &c.Meetings, &c.Interests)
	if err != nil {
		return c, fmt.Errorf("storage: counts: %w", err)
	}
	return c, nil
}
