package storage

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"pitchmatch/event"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// applicationID marks a SQLite file as a PitchMatch event ("PMCH"), so that
// Open refuses another program's database instead of adding tables to it.
const applicationID = 0x504D4348

// migration is one embedded schema step.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations lists the embedded migrations in order. File names are
// NNNN_description.sql and the numbers must run 1, 2, 3 … without gaps.
func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	sort.Strings(names)
	out := make([]migration, 0, len(names))
	for i, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v != i+1 {
			return nil, fmt.Errorf("migration %s: want number %04d", base, i+1)
		}
		body, err := migrationFiles.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", base, err)
		}
		out = append(out, migration{version: v, name: base, sql: string(body)})
	}
	return out, nil
}

// fileState is what Open reads of a file before deciding what to do.
type fileState struct {
	version, latest int    // the file's user_version, the newest migration
	appID, objects  int    // application_id, number of schema objects
	journal         string // journal mode
}

// inspect reads the file's state in one read transaction, writing nothing.
func inspect(ctx context.Context, q *sql.DB) (fileState, error) {
	tx, err := q.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fileState{}, busyOr(fmt.Errorf("read schema: %w", err))
	}
	defer tx.Rollback()
	return inspectConn(ctx, tx)
}

// ours refuses another program's file and a file from a newer PitchMatch.
func (st fileState) ours() error {
	if (st.version == 0 && st.objects > 0) || (st.version > 0 && st.appID != applicationID) {
		return notOurs()
	}
	if st.version > st.latest {
		return event.Errorf(event.EInvalid, "このファイルは新しいバージョンのPitchMatchで作成されています",
			"schema version %d is newer than this program knows (%d); update PitchMatch", st.version, st.latest)
	}
	return nil
}

// migrate applies the migrations above the file's user_version, up to
// version upTo (all of them when upTo < 0), in one immediate transaction so
// that two processes opening a new file do not both create the schema. It
// is called only when the file lacks migrations; sqldb must be a writer.
func migrate(ctx context.Context, sqldb *sql.DB, upTo int) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	if upTo < 0 || upTo > len(ms) {
		upTo = len(ms)
	}
	tx, err := sqldb.BeginTx(ctx, nil)
	if err != nil {
		return busyOr(fmt.Errorf("migrate: begin: %w", err))
	}
	defer tx.Rollback()
	var st fileState
	st.latest = len(ms)
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&st.version); err != nil {
		return fmt.Errorf("migrate: read schema version: %w", err)
	}
	if err := tx.QueryRowContext(ctx, "PRAGMA application_id").Scan(&st.appID); err != nil {
		return fmt.Errorf("migrate: read application id: %w", err)
	}
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&st.objects); err != nil {
		return fmt.Errorf("migrate: read schema: %w", err)
	}
	if err := st.ours(); err != nil {
		return err
	}
	if st.version >= upTo {
		return nil
	}
	for _, m := range ms[st.version:upTo] {
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("migrate: apply %s: %w", m.name, err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
		return fmt.Errorf("migrate: set application id: %w", err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", upTo)); err != nil {
		return fmt.Errorf("migrate: set schema version %d: %w", upTo, err)
	}
	if err := tx.Commit(); err != nil {
		return busyOr(fmt.Errorf("migrate: commit: %w", err))
	}
	return nil
}

// SchemaVersion is the number of migrations applied to the file.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	if err := db.sql.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("storage: read schema version: %w", err)
	}
	return v, nil
}
