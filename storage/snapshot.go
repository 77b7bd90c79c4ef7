package storage

import (
	"context"
	"database/sql"
	"fmt"

	"pitchmatch/event"
)

// Snapshot reads the whole event — settings, startups, companies, themes,
// availability, interests and meetings — in one read transaction, so every
// part belongs to the same committed state even while other programs write.
// It never waits for a writer.
func (db *DB) Snapshot(ctx context.Context) (*event.Batch, error) {
	tx, err := db.sql.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("storage: snapshot: %w", busyOr(err))
	}
	defer tx.Rollback()
	b := &event.Batch{}
	if b.Event, _, err = eventByRow(ctx, tx); err != nil {
		return nil, fmt.Errorf("storage: snapshot: %w", err)
	}
	steps := []func() error{
		func() (err error) {
			b.Startups, err = collect(ctx, tx, "startups", "SELECT "+startupCols+" FROM startups ORDER BY id", nil, scanStartup)
			return
		},
		func() (err error) {
			b.Companies, err = collect(ctx, tx, "companies", "SELECT "+companyCols+" FROM companies ORDER BY id", nil, scanCompany)
			return
		},
		func() (err error) {
			b.Themes, err = collect(ctx, tx, "themes", "SELECT "+themeCols+" FROM themes ORDER BY id", nil, scanTheme)
			return
		},
		func() (err error) { b.Availability, err = queryAvailability(ctx, tx); return },
		func() (err error) {
			b.Interests, err = collect(ctx, tx, "interests", "SELECT "+interestCols+" FROM interests ORDER BY id", nil, scanInterest)
			return
		},
		func() (err error) { b.Meetings, err = queryMeetings(ctx, tx); return },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, fmt.Errorf("storage: snapshot: %w", busyOr(err))
		}
	}
	return b, nil
}

// participantColumn is the column naming a participant of kind.
func participantColumn(kind event.ParticipantKind) (string, error) {
	switch kind {
	case event.KindStartup:
		return "startup_id", nil
	case event.KindCompany:
		return "company_id", nil
	}
	return "", invalid("参加者の種類が正しくありません", fmt.Sprintf("unknown participant kind %q", kind))
}

// InterestsOf returns the interests naming one startup or company (by
// either side), ordered by ID, read through the participant's index.
func (db *DB) InterestsOf(ctx context.Context, kind event.ParticipantKind, id string) ([]event.Interest, error) {
	col, err := participantColumn(kind)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	out, err := collect(ctx, db.sql, "interests of "+string(kind)+" "+id,
		"SELECT "+interestCols+" FROM interests WHERE "+col+" = ? ORDER BY id", []any{id}, scanInterest)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return out, nil
}
