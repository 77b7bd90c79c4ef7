package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"pitchmatch/event"
)

// recordState is one versioned record — the event settings, a startup, a
// company or a theme — that a change edits field by field
// (event.SetFlatField); it is written once, validated, with its version
// bumped, after all its fields are set.
type recordState struct {
	entity, id string
	rec        any   // *event.Event, *event.Startup, *event.Company or *event.Theme, as being changed
	version    int64 // as stored
	changed    bool  // a field was set (not only checked)
}

// isRecordEntity reports whether entity is a record changes edit by field.
func isRecordEntity(entity string) bool {
	switch entity {
	case "event", "startup", "company", "theme":
		return true
	}
	return false
}

// loadRecord reads the record a change names.
func loadRecord(ctx context.Context, tx *sql.Tx, entity, id string) (*recordState, error) {
	r := &recordState{entity: entity, id: id}
	switch entity {
	case "event":
		e, ok, err := eventByRow(ctx, tx)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, event.NotFound("event", "")
		}
		r.rec, r.version = e, e.Version
	case "startup":
		s, err := startupByID(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		r.rec, r.version = s, s.Version
	case "company":
		c, err := companyByID(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		r.rec, r.version = c, c.Version
	case "theme":
		t, err := themeByID(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		r.rec, r.version = t, t.Version
	default:
		return nil, unsupportedChange(event.FieldChange{Entity: entity, ID: id})
	}
	return r, nil
}

// set checks field c.Field holds c.Old and sets it to c.New.
func (r *recordState) set(c event.FieldChange) error {
	if got := event.FlatFields(r.rec)[c.Field]; got != c.Old {
		return event.ChangedSince(c, got)
	}
	if c.Old == c.New {
		return nil
	}
	r.changed = true
	return event.SetFlatField(r.rec, c.Field, c.New)
}

// write validates the record and stores it with its version bumped.
func (r *recordState) write(ctx context.Context, tx *sql.Tx, at time.Time) error {
	if !r.changed {
		return nil
	}
	v := r.version + 1
	var err error
	switch rec := r.rec.(type) {
	case *event.Event:
		if err := rec.Validate(); err != nil {
			return err
		}
		if err := putEvent(ctx, tx, rec, v, at); err != nil {
			return err
		}
		rec.Version = v
		return nil
	case *event.Startup:
		if err := rec.Validate(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, updateSQL("startups", startupCols), append(startupArgs(rec, v, at), r.version)...)
	case *event.Company:
		if err := rec.Validate(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, updateSQL("companies", companyCols), append(companyArgs(rec, v, at), r.version)...)
	case *event.Theme:
		if err := rec.Validate(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, updateSQL("themes", themeCols), append(themeArgs(rec, v, at), r.version)...)
	}
	if isForeignKey(err) {
		return missingRefError(r.entity, r.id, anyParticipant, "", err)
	}
	if err != nil {
		return fmt.Errorf("update %s %s: %w", r.entity, r.id, err)
	}
	return nil
}
