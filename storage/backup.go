package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"pitchmatch/event"
)

// Backup copies the database to a new file at path with SQLite's online
// backup API, which reads a consistent snapshot while other connections
// keep writing. The copy is written to a temporary file beside path, checked
// (integrity, foreign keys) and only then given its name, so path is either
// absent or a complete, sound event file, whatever happens to the process.
// The copy is one self-contained file (no -wal). An existing file at path is
// never overwritten (EExists); leftovers of a killed earlier backup to path
// are removed first.
func (db *DB) Backup(ctx context.Context, path string) error {
	if path == "" || strings.Contains(path, "?") {
		return invalid("バックアップ先のファイル名が正しくありません", fmt.Sprintf("storage: backup: unusable path %q", path))
	}
	if same, _ := samePath(db.path, path); same {
		return invalid("バックアップ先が元のファイルと同じです", "storage: backup: the backup file is the event file itself")
	}
	if _, err := os.Lstat(path); err == nil {
		return existsErr(path)
	}
	cleanLeftovers(path)
	if err := copyVerified(ctx, db.sql, path, "partial", "delete", db.opts); err != nil {
		return fmt.Errorf("storage: backup to %s: %w", path, err)
	}
	return nil
}

func existsErr(path string) *event.Error {
	return &event.Error{Code: event.EExists, Err: os.ErrExist, Message: event.Text{
		Ja: "バックアップ先のファイル " + path + " は既に存在します",
		En: "backup file " + path + " already exists",
	}}
}

// copyVerified copies src into a new file at path through a locked
// temporary file: backup API, journal mode set, integrity and foreign-key
// checks, fsync, then a no-clobber rename (link) into place.
func copyVerified(ctx context.Context, src *sql.DB, path, purpose, journal string, opts Options) error {
	tmp, lk, err := tempFile(path, purpose)
	if err != nil {
		return err
	}
	placed := false
	defer func() {
		if !placed {
			removeSQLite(tmp)
		}
		lk.unlock()
	}()
	if err := copyInto(ctx, src, tmp, journal, opts); err != nil {
		return err
	}
	if err := syncFile(tmp); err != nil {
		return err
	}
	if err := linkNoClobber(tmp, path); err != nil {
		return err
	}
	placed = true
	syncDir(filepath.Dir(path))
	return nil
}

// copyInto writes src into the (empty) file tmp, sets its journal mode and
// checks the copy.
func copyInto(ctx context.Context, src *sql.DB, tmp, journal string, opts Options) error {
	dst, err := sql.Open("sqlite3", writerDSN(tmp, opts.BusyTimeout))
	if err != nil {
		return err
	}
	defer dst.Close()
	dst.SetMaxOpenConns(1)
	if err := backupTo(ctx, src, dst, opts); err != nil {
		return err
	}
	var mode string
	if err := dst.QueryRowContext(ctx, "PRAGMA journal_mode = "+journal).Scan(&mode); err != nil {
		return fmt.Errorf("set journal mode of the copy: %w", err)
	}
	if err := integrity(ctx, dst, "the copy"); err != nil {
		return err
	}
	st, err := inspectConn(ctx, dst)
	if err != nil {
		return err
	}
	if err := st.ours(); err != nil {
		return err
	}
	return dst.Close()
}

// linkNoClobber gives tmp the name path unless path exists. Where hard
// links are not supported (FAT on USB sticks) it renames after a check.
func linkNoClobber(tmp, path string) error {
	err := os.Link(tmp, path)
	if err == nil {
		return os.Remove(tmp)
	}
	if errors.Is(err, os.ErrExist) {
		return existsErr(path)
	}
	if _, serr := os.Lstat(path); serr == nil {
		return existsErr(path)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("rename %s to %s: %w", tmp, path, err)
	}
	return nil
}

func syncFile(p string) error {
	f, err := os.OpenFile(p, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("sync %s: %w", p, err)
	}
	return f.Close()
}

// syncDir makes a rename in dir durable (best effort: not every system
// can sync a folder).
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}

// samePath reports whether a and b name the same file (or would).
func samePath(a, b string) (bool, error) {
	aa, err := filepath.Abs(a)
	if err != nil {
		return false, err
	}
	bb, err := filepath.Abs(b)
	if err != nil {
		return false, err
	}
	if aa == bb {
		return true, nil
	}
	ai, err1 := os.Stat(a)
	bi, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(ai, bi), nil
}

// backupTo copies every page of src into dst with SQLite's backup API.
func backupTo(ctx context.Context, src, dst *sql.DB, opts Options) error {
	dconn, err := dst.Conn(ctx)
	if err != nil {
		return fmt.Errorf("open copy: %w", err)
	}
	defer dconn.Close()
	sconn, err := src.Conn(ctx)
	if err != nil {
		return fmt.Errorf("open source: %w", busyOr(err))
	}
	defer sconn.Close()
	return dconn.Raw(func(d any) error {
		dc, ok := d.(*sqlite3.SQLiteConn)
		if !ok {
			return fmt.Errorf("copy driver connection is %T", d)
		}
		return sconn.Raw(func(s any) error {
			sc, ok := s.(*sqlite3.SQLiteConn)
			if !ok {
				return fmt.Errorf("source driver connection is %T", s)
			}
			bk, err := dc.Backup("main", sc, "main")
			if err != nil {
				return fmt.Errorf("start copy: %w", err)
			}
			// Step(-1) copies every page under one read snapshot; it
			// returns not-done without error while a lock is busy.
			for {
				done, err := bk.Step(-1)
				if err != nil {
					bk.Finish()
					return fmt.Errorf("copy pages: %w", busyOr(err))
				}
				if done {
					break
				}
				if err := opts.Sleep(ctx, 10*time.Millisecond); err != nil {
					bk.Finish()
					return err
				}
			}
			if err := bk.Finish(); err != nil {
				return fmt.Errorf("finish copy: %w", err)
			}
			return nil
		})
	})
}

// inspectConn reads the file's state through q: a read transaction (inspect)
// or any pool (the copy's writer included).
func inspectConn(ctx context.Context, q querier) (fileState, error) {
	var st fileState
	ms, err := migrations()
	if err != nil {
		return st, err
	}
	st.latest = len(ms)
	for _, p := range []struct {
		query string
		dst   any
	}{
		{"PRAGMA user_version", &st.version},
		{"PRAGMA application_id", &st.appID},
		{"SELECT count(*) FROM sqlite_schema", &st.objects},
		{"PRAGMA journal_mode", &st.journal},
	} {
		if err := q.QueryRowContext(ctx, p.query).Scan(p.dst); err != nil {
			return st, busyOr(fmt.Errorf("read schema (%s): %w", p.query, err))
		}
	}
	return st, nil
}

// IntegrityCheck runs SQLite's integrity and foreign-key checks and returns
// an error describing the first problems found, or nil when the file is
// sound.
func (db *DB) IntegrityCheck(ctx context.Context) error {
	if err := integrity(ctx, db.sql, db.path); err != nil {
		return fmt.Errorf("storage: %w", err)
	}
	return nil
}

// damaged reports a failed check as an EInvalid error in both languages.
func damaged(name, what string, problems []string) error {
	list := strings.Join(first(problems, 10), "; ")
	return &event.Error{Code: event.EInvalid, Message: event.T(
		name+" は破損しています（"+what+"）: "+list,
		name+" is damaged ("+what+" failed): "+list)}
}

// integrity runs PRAGMA integrity_check and foreign_key_check on q.
func integrity(ctx context.Context, q querier, name string) error {
	rows, err := q.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		if isCorrupt(err) {
			return damaged(name, "integrity check", []string{err.Error()})
		}
		return fmt.Errorf("integrity check of %s: %w", name, busyOr(err))
	}
	var msgs []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			rows.Close()
			return fmt.Errorf("integrity check of %s: %w", name, err)
		}
		msgs = append(msgs, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		if isCorrupt(err) {
			return damaged(name, "integrity check", []string{err.Error()})
		}
		return fmt.Errorf("integrity check of %s: %w", name, err)
	}
	if len(msgs) != 1 || msgs[0] != "ok" {
		return damaged(name, "integrity check", msgs)
	}
	rows, err = q.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return fmt.Errorf("foreign key check of %s: %w", name, err)
	}
	defer rows.Close()
	var bad []string
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return fmt.Errorf("foreign key check of %s: %w", name, err)
		}
		bad = append(bad, fmt.Sprintf("%s row %d refers to a missing %s", table, rowid.Int64, parent))
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("foreign key check of %s: %w", name, err)
	}
	if len(bad) > 0 {
		return damaged(name, "foreign key check", bad)
	}
	return nil
}

func isCorrupt(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrCorrupt || se.Code == sqlite3.ErrNotADB)
}

func first(s []string, n int) []string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// Check opens the event file at path read-only and runs the integrity and
// foreign-key checks; nil means the file is sound.
func Check(ctx context.Context, path string) error {
	db, err := OpenWith(ctx, path, Options{ReadOnly: true})
	if err != nil {
		if isCorrupt(errors.Unwrap(err)) || isCorrupt(err) {
			return damaged(path, "open", []string{err.Error()})
		}
		return err
	}
	defer db.Close()
	return db.IntegrityCheck(ctx)
}

// Restore replaces the event file at path with the backup at from. It
// refuses while any program has path open (event.EBusy), verifies the
// backup (a PitchMatch event, integrity and foreign keys) and copies it
// beside path, then keeps the current file — with its -wal and -shm, so
// nothing in them is replayed onto the backup — as a dated copy
// (PATH.replaced-YYYYMMDD-HHMMSS), and puts the copy in place with an
// atomic rename. It returns the dated copy's name ("" when path did not
// exist). A restore killed at any point leaves either the old file at path
// or the restored one, or (between two renames) no file at path and the
// old one complete under its dated name; running it again finishes the job.
func Restore(ctx context.Context, from, path string, opts Options) (aside string, err error) {
	opts = opts.withDefaults()
	if err := checkPath(path); err != nil {
		return "", err
	}
	if err := checkPath(from); err != nil {
		return "", err
	}
	if same, _ := samePath(from, path); same {
		return "", invalid("復元元と復元先が同じファイルです", "storage: restore: the backup and the event file are the same file")
	}
	if _, err := os.Stat(from); err != nil {
		return "", fmt.Errorf("storage: restore from %s: %w", from, err)
	}
	if err := checkHeader(from); err != nil {
		return "", fmt.Errorf("storage: restore from %s: %w", from, err)
	}
	lk, err := lockExclusive(path)
	if err != nil {
		return "", fmt.Errorf("storage: restore: %w", err)
	}
	defer lk.unlock()
	cleanLeftovers(path)

	src, err := sql.Open("sqlite3", readerDSN(from, opts.ReadBusyTimeout, writability(from, true) != nil))
	if err != nil {
		return "", fmt.Errorf("storage: restore from %s: %w", from, err)
	}
	defer src.Close()
	st, err := inspectConn(ctx, src)
	if err == nil {
		err = st.ours()
	}
	if err != nil {
		if isNotADB(err) {
			err = notOurs()
		}
		return "", fmt.Errorf("storage: restore from %s: %w", from, err)
	}
	if err := integrity(ctx, src, from); err != nil {
		return "", fmt.Errorf("storage: restore from %s: %w", from, err)
	}

	tmp, tlk, err := tempFile(path, "restore")
	if err != nil {
		return "", fmt.Errorf("storage: restore: %w", err)
	}
	placed := false
	defer func() {
		if !placed {
			removeSQLite(tmp)
		}
		tlk.unlock()
	}()
	if err := copyInto(ctx, src, tmp, "delete", opts); err != nil {
		return "", fmt.Errorf("storage: restore from %s: %w", from, err)
	}
	src.Close()
	if err := syncFile(tmp); err != nil {
		return "", fmt.Errorf("storage: restore: %w", err)
	}
	if aside, err = moveAside(ctx, path, opts); err != nil {
		return "", fmt.Errorf("storage: restore: %w", err)
	}
	for _, s := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Lstat(path + s); err == nil {
			return aside, fmt.Errorf("storage: restore: %s is still there; move it away and run restore again", path+s)
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return aside, fmt.Errorf("storage: restore: put %s in place: %w", path, err)
	}
	placed = true
	syncDir(filepath.Dir(path))
	return aside, nil
}

// moveAside keeps the current file at path, with its journals, under a
// dated name. Nobody has path open (the caller holds the exclusive lock).
// A sound file is first checkpointed so that its dated copy is one
// self-contained file; otherwise the file and its journals are renamed
// together, the -wal staying with the file it belongs to.
func moveAside(ctx context.Context, path string, opts Options) (string, error) {
	if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	aside := path + ".replaced-" + time.Now().Format("20060102-150405")
	for k := 2; ; k++ {
		if _, err := os.Lstat(aside); errors.Is(err, os.ErrNotExist) {
			break
		}
		aside = fmt.Sprintf("%s.replaced-%s-%d", path, time.Now().Format("20060102-150405"), k)
	}
	checkpointed := checkpoint(ctx, path, opts) == nil
	if checkpointed {
		// Link, then the atomic rename of the new file replaces path: there
		// is a file at path at every moment.
		if err := os.Link(path, aside); err == nil {
			for _, s := range []string{"-wal", "-shm"} {
				if err := os.Remove(path + s); err != nil && !errors.Is(err, os.ErrNotExist) {
					return aside, fmt.Errorf("remove the empty %s: %w", path+s, err)
				}
			}
			return aside, nil
		}
	}
	if err := os.Rename(path, aside); err != nil {
		return "", fmt.Errorf("move %s aside: %w", path, err)
	}
	for _, s := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Rename(path+s, aside+s); err != nil && !errors.Is(err, os.ErrNotExist) {
			return aside, fmt.Errorf("move %s aside: %w", path+s, err)
		}
	}
	return aside, nil
}

// checkpoint copies everything of path's -wal into the file and empties
// the -wal.
func checkpoint(ctx context.Context, path string, opts Options) error {
	if err := checkHeader(path); err != nil {
		return err
	}
	w, err := sql.Open("sqlite3", writerDSN(path, opts.BusyTimeout))
	if err != nil {
		return err
	}
	defer w.Close()
	var busy, logged, done int
	if err := w.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logged, &done); err != nil {
		return err
	}
	if busy != 0 {
		return fmt.Errorf("checkpoint of %s incomplete", path)
	}
	if err := w.Close(); err != nil {
		return err
	}
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		return fmt.Errorf("%s-wal not empty after checkpoint", path)
	}
	return nil
}

// WriteNew stores batch as a new event file at path: it is written to a
// temporary file beside path and renamed into place only when complete, so
// path is never half-written. An existing path is refused (EExists) unless
// replace is set; replacing is refused while any program has path open
// (EBusy), and the replaced file's -wal and -shm are removed with it.
func WriteNew(ctx context.Context, path, actor string, batch *event.Batch, replace bool) error {
	if err := checkPath(path); err != nil {
		return err
	}
	exists := func() bool { _, err := os.Lstat(path); return err == nil }
	if exists() && !replace {
		return event.Errorf(event.EExists, path+" は既に存在します", "%s already exists; use --force to replace it", path)
	}
	if busy, err := InUse(path); err != nil || busy {
		if err == nil {
			err = InUseError(path)
		}
		return fmt.Errorf("storage: replace %s: %w", path, err)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("storage: create %s: %w", dir, err)
	}
	cleanLeftovers(path)
	tmp, tlk, err := tempFile(path, "new")
	if err != nil {
		return fmt.Errorf("storage: %w", err)
	}
	placed := false
	defer func() {
		if !placed {
			removeSQLite(tmp)
		}
		tlk.unlock()
	}()
	db, err := OpenWith(ctx, tmp, Options{noLock: true})
	if err != nil {
		return err
	}
	if err := db.Import(ctx, actor, batch); err != nil {
		db.Close()
		return err
	}
	if err := db.Close(); err != nil {
		return err
	}
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("storage: %w", err)
	}
	lk, err := lockExclusive(path)
	if err != nil {
		return fmt.Errorf("storage: replace %s: %w", path, err)
	}
	defer lk.unlock()
	if exists() && !replace {
		return event.Errorf(event.EExists, path+" は既に存在します", "%s already exists; use --force to replace it", path)
	}
	for _, s := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(path + s); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("storage: replace %s: %w", path, err)
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("storage: replace %s: %w", path, err)
	}
	placed = true
	syncDir(dir)
	return nil
}
