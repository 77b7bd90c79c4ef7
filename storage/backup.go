package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"pitchmatch/event"
)

// Backup copies the database to a new file at path with SQLite's online
// backup API, which reads a consistent snapshot while other connections
// keep writing. An existing file at path is never overwritten (EExists).
func (db *DB) Backup(ctx context.Context, path string) error {
	if path == "" || strings.Contains(path, "?") {
		return invalid("バックアップ先のファイル名が正しくありません", fmt.Sprintf("storage: backup: unusable path %q", path))
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if errors.Is(err, os.ErrExist) {
		return &event.Error{Code: event.EExists, Err: err, Message: event.Text{
			Ja: "バックアップ先のファイル " + path + " は既に存在します",
			En: "backup file " + path + " already exists",
		}}
	}
	if err != nil {
		return fmt.Errorf("storage: backup to %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("storage: backup to %s: %w", path, err)
	}
	if err := backupTo(ctx, db.sql, path); err != nil {
		os.Remove(path)
		os.Remove(path + "-wal")
		os.Remove(path + "-shm")
		return fmt.Errorf("storage: backup to %s: %w", path, err)
	}
	return nil
}

func backupTo(ctx context.Context, src *sql.DB, path string) error {
	dst, err := sql.Open("sqlite3", path+"?_busy_timeout=10000")
	if err != nil {
		return err
	}
	defer dst.Close()
	dconn, err := dst.Conn(ctx)
	if err != nil {
		return fmt.Errorf("open backup file: %w", err)
	}
	defer dconn.Close()
	sconn, err := src.Conn(ctx)
	if err != nil {
		return fmt.Errorf("open source: %w", err)
	}
	defer sconn.Close()
	return dconn.Raw(func(d any) error {
		dc, ok := d.(*sqlite3.SQLiteConn)
		if !ok {
			return fmt.Errorf("backup file driver connection is %T", d)
		}
		return sconn.Raw(func(s any) error {
			sc, ok := s.(*sqlite3.SQLiteConn)
			if !ok {
				return fmt.Errorf("source driver connection is %T", s)
			}
			bk, err := dc.Backup("main", sc, "main")
			if err != nil {
				return fmt.Errorf("start backup: %w", err)
			}
			// Step(-1) copies every page under one read snapshot; it
			// returns not-done without error while a lock is busy.
			for {
				done, err := bk.Step(-1)
				if err != nil {
					bk.Finish()
					return fmt.Errorf("copy pages: %w", err)
				}
				if done {
					break
				}
				select {
				case <-ctx.Done():
					bk.Finish()
					return ctx.Err()
				case <-time.After(10 * time.Millisecond):
				}
			}
			if err := bk.Finish(); err != nil {
				return fmt.Errorf("finish backup: %w", err)
			}
			return nil
		})
	})
}

// IntegrityCheck runs SQLite's integrity and foreign-key checks and returns
// an error describing the first problems found, or nil when the file is
// sound.
func (db *DB) IntegrityCheck(ctx context.Context) error {
	rows, err := db.sql.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("storage: integrity check: %w", err)
	}
	var msgs []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			rows.Close()
			return fmt.Errorf("storage: integrity check: %w", err)
		}
		msgs = append(msgs, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("storage: integrity check: %w", err)
	}
	if len(msgs) != 1 || msgs[0] != "ok" {
		return fmt.Errorf("storage: integrity check of %s failed: %s", db.path, strings.Join(first(msgs, 10), "; "))
	}
	rows, err = db.sql.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return fmt.Errorf("storage: foreign key check: %w", err)
	}
	defer rows.Close()
	var bad []string
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return fmt.Errorf("storage: foreign key check: %w", err)
		}
		bad = append(bad, fmt.Sprintf("%s row %d refers to a missing %s", table, rowid.Int64, parent))
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("storage: foreign key check: %w", err)
	}
	if len(bad) > 0 {
		return fmt.Errorf("storage: foreign key check of %s failed: %s", db.path, strings.Join(first(bad, 10), "; "))
	}
	return nil
}

func first(s []string, n int) []string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
