package storage

import (
	"context"
	"database/sql"
	"fmt"
)

// querier is what *sql.DB and *sql.Tx share, so readers work in and out of
// transactions.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// write runs fn in one immediate transaction on the writer connection,
// committing when fn returns nil. The writes of this process queue for the
// one writer connection in order; a write of another process holding the
// file's lock longer than Options.BusyTimeout fails with event.EBusy, and a
// file opened read-only refuses with event.EReadOnly and the reason.
//
// fn gets a context without cancellation for its statements: go-sqlite3
// starts a goroutine for every statement and row under a cancellable
// context, which makes imports of tens of thousands of rows much slower.
// Cancelling ctx still stops the write: database/sql rolls the transaction
// back, the next statement fails, and write reports ctx's error.
func (db *DB) write(ctx context.Context, what string, fn func(ctx context.Context, tx *sql.Tx) error) error {
	if db.readOnly != nil {
		return fmt.Errorf("storage: %s: %w", what, db.readOnly)
	}
	tx, err := db.wr.BeginTx(ctx, nil)
	if err != nil {
		if cerr := ctx.Err(); cerr != nil {
			return fmt.Errorf("storage: %s: %w", what, cerr)
		}
		return fmt.Errorf("storage: %s: begin: %w", what, busyOr(err))
	}
	if err := fn(context.WithoutCancel(ctx), tx); err != nil {
		tx.Rollback()
		if cerr := ctx.Err(); cerr != nil {
			return fmt.Errorf("storage: %s: %w", what, cerr)
		}
		return fmt.Errorf("storage: %s: %w", what, busyOr(err))
	}
	if err := tx.Commit(); err != nil {
		if cerr := ctx.Err(); cerr != nil {
			return fmt.Errorf("storage: %s: %w", what, cerr)
		}
		return fmt.Errorf("storage: %s: commit: %w", what, busyOr(err))
	}
	return nil
}

// collect runs a query and scans every row. Like write, it queries under a
// context without cancellation (go-sqlite3 would start a goroutine per row)
// and checks ctx itself every 1,024 rows.
func collect[T any](ctx context.Context, q querier, what, query string, args []any, scan func(scanner) (T, error)) ([]T, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", what, err)
	}
	rows, err := q.QueryContext(context.WithoutCancel(ctx), query, args...)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", what, err)
	}
	defer rows.Close()
	var out []T
	for n := 1; rows.Next(); n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("read %s: %w", what, err)
			}
		}
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", what, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", what, err)
	}
	return out, nil
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }
