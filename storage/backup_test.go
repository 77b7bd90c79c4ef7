package storage

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pitchmatch/event"
)

// dumpFile renders every table of an SQLite file as text, rows in rowid
// order, through a plain read-only connection.
func dumpFile(t *testing.T, path string) string {
	t.Helper()
	sqldb, err := sql.Open("sqlite3", fileURI(path, map[string][]string{"mode": {"ro"}}))
	if err != nil {
		t.Fatal(err)
	}
	defer sqldb.Close()
	rows, err := sqldb.Query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
	if err != nil {
		t.Fatalf("dump %s: %v", path, err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	var b strings.Builder
	for _, table := range tables {
		rs, err := sqldb.Query("SELECT * FROM " + table)
		if err != nil {
			t.Fatalf("dump %s: %v", table, err)
		}
		cols, _ := rs.Columns()
		fmt.Fprintf(&b, "## %s %v\n", table, cols)
		for rs.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rs.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				if bs, ok := v.([]byte); ok {
					vals[i] = string(bs)
				}
			}
			fmt.Fprintf(&b, "%v\n", vals)
		}
		rs.Close()
	}
	var uv, app int
	sqldb.QueryRow("PRAGMA user_version").Scan(&uv)
	sqldb.QueryRow("PRAGMA application_id").Scan(&app)
	fmt.Fprintf(&b, "user_version %d application_id %d\n", uv, app)
	return b.String()
}

func TestBackupIsCompleteCheckedAndSelfContained(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "event.db")
	seeded(t, path)
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := filepath.Join(dir, "backup.db")

	// A leftover of a killed backup (no lock holder) is removed; one being
	// written right now (locked) is left alone.
	stale := filepath.Join(dir, ".backup.db.partial-dead")
	os.WriteFile(stale, []byte("half"), 0o644)
	os.WriteFile(stale+"-journal", []byte("hot"), 0o644)
	live, lk, err := tempFile(out, "partial")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(ctx, out); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale partial backup not removed: %v", err)
	}
	if _, err := os.Stat(stale + "-journal"); !os.IsNotExist(err) {
		t.Errorf("stale partial journal not removed: %v", err)
	}
	if _, err := os.Stat(live); err != nil {
		t.Errorf("a partial backup being written was removed: %v", err)
	}
	lk.unlock()
	os.Remove(live)

	for _, s := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(out + s); !os.IsNotExist(err) {
			t.Errorf("backup has a %s beside it", s)
		}
	}
	if got, want := dumpFile(t, out), dumpFile(t, path); got != want {
		t.Errorf("backup differs from the event:\n%s\n---\n%s", got, want)
	}
	if err := Check(ctx, out); err != nil {
		t.Errorf("check of the backup: %v", err)
	}
	if err := db.Backup(ctx, out); event.ErrorCode(err) != event.EExists {
		t.Errorf("second backup to the same file: %v", err)
	}
	if err := db.Backup(ctx, path); event.ErrorCode(err) != event.EInvalid {
		t.Errorf("backup onto itself: %v", err)
	}
}

// damage overwrites the startups table's root page with garbage (the
// schema stays readable, so the file opens and only a check finds it).
func damage(t *testing.T, path string) {
	t.Helper()
	sqldb, err := sql.Open("sqlite3", fileURI(path, map[string][]string{"mode": {"ro"}}))
	if err != nil {
		t.Fatal(err)
	}
	var root, size int64
	if err := sqldb.QueryRow("SELECT rootpage FROM sqlite_schema WHERE name = 'startups'").Scan(&root); err != nil {
		t.Fatal(err)
	}
	if err := sqldb.QueryRow("PRAGMA page_size").Scan(&size); err != nil {
		t.Fatal(err)
	}
	sqldb.Close()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	junk := make([]byte, size)
	for i := range junk {
		junk[i] = byte(i*7 + 3)
	}
	if _, err := f.WriteAt(junk, (root-1)*size); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func TestBackupOfDamagedFileFailsAndLeavesNothing(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "event.db")
	seeded(t, path)
	damage(t, path)
	if err := Check(ctx, path); event.ErrorCode(err) != event.EInvalid || !strings.Contains(err.Error(), "damaged") {
		t.Fatalf("check of a damaged file: %v", err)
	}
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("damaged file does not open: %v", err)
	}
	defer db.Close()
	out := filepath.Join(dir, "backup.db")
	err = db.Backup(ctx, out)
	if err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Fatalf("backup of a damaged file: %v", err)
	}
	es, _ := os.ReadDir(dir)
	for _, e := range es {
		if strings.Contains(e.Name(), "backup.db") {
			t.Errorf("backup of a damaged file left %s", e.Name())
		}
	}
}

// TestRestoreAfterCrashWithWAL: the trap of restoring by copying: a
// crashed writer leaves event.db-wal with newer pages. Restore must give
// exactly the backup, and keep the old file (with what its -wal held) as a
// dated copy.
func TestRestoreAfterCrashWithWAL(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "event.db")
	seeded(t, path)
	backup := filepath.Join(dir, "backup.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	db.Close()
	want := dumpFile(t, backup)
	helper(t, "write-and-die", path)()
	if fi, err := os.Stat(path + "-wal"); err != nil || fi.Size() == 0 {
		t.Fatalf("no -wal left by the crash: %v", err)
	}

	// While another program has the file open, restore refuses.
	stop := helper(t, "hold-open", path)
	if _, err := Restore(ctx, backup, path, Options{}); event.ErrorCode(err) != event.EBusy {
		t.Fatalf("restore while in use: %v", err)
	}
	stop()

	aside, err := Restore(ctx, backup, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := dumpFile(t, path); got != want {
		t.Fatalf("restored file differs from the backup:\n%s\n---\n%s", got, want)
	}
	for _, s := range []string{"-wal", "-shm"} {
		if fi, err := os.Stat(path + s); err == nil && fi.Size() > 0 {
			t.Errorf("restored file has a non-empty %s", s)
		}
	}
	if aside == "" {
		t.Fatal("no dated copy of the replaced file")
	}
	old, err := OpenWith(ctx, aside, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if c, err := old.Counts(ctx); err != nil || c.Startups != 7 {
		t.Errorf("dated copy counts %+v %v, want the 2 + 5 startups written before the crash", c, err)
	}
	old.Close()
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if c, err := db.Counts(ctx); err != nil || c.Startups != 2 {
		t.Errorf("restored counts %+v %v", c, err)
	}
	if err := db.SaveStartup(ctx, "t", &event.Startup{ID: "S3", Name: event.T("三", "Three")}); err != nil {
		t.Errorf("write after restore: %v", err)
	}
}

func TestRestoreRefusesBadBackups(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "event.db")
	seeded(t, path)
	before := dumpFile(t, path)
	good := filepath.Join(dir, "good.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(ctx, good); err != nil {
		t.Fatal(err)
	}
	db.Close()
	damaged := filepath.Join(dir, "damaged.db")
	data, _ := os.ReadFile(good)
	os.WriteFile(damaged, data, 0o644)
	damage(t, damaged)
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("not a database"), 0o644)
	foreign := filepath.Join(dir, "foreign.db")
	f, _ := sql.Open("sqlite3", foreign)
	f.Exec("CREATE TABLE x (a)")
	f.Close()
	for name, from := range map[string]string{"damaged": damaged, "text": text, "foreign": foreign,
		"missing": filepath.Join(dir, "missing.db"), "itself": path} {
		if _, err := Restore(ctx, from, path, Options{}); err == nil {
			t.Errorf("%s: restore accepted", name)
		} else {
			t.Logf("%s: %v", name, err)
		}
		if got := dumpFile(t, path); got != before {
			t.Fatalf("%s: refused restore changed the event file", name)
		}
	}
	// Onto a missing file it simply puts the backup there.
	fresh := filepath.Join(dir, "fresh.db")
	if aside, err := Restore(ctx, good, fresh, Options{}); err != nil || aside != "" {
		t.Fatalf("restore to a new file: %q %v", aside, err)
	}
	if dumpFile(t, fresh) != dumpFile(t, good) {
		t.Error("restore to a new file differs from the backup")
	}
}

func TestWriteNewRefusesInUseAndCleansLeftovers(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "event.db")
	seeded(t, path)
	before := dumpFile(t, path)
	b := &event.Batch{Startups: []*event.Startup{{ID: "N1", Name: event.T("新", "New")}}}
	if err := WriteNew(ctx, path, "t", b, false); event.ErrorCode(err) != event.EExists {
		t.Fatalf("write over an existing file without replace: %v", err)
	}
	stop := helper(t, "hold-open", path)
	if err := WriteNew(ctx, path, "t", b, true); event.ErrorCode(err) != event.EBusy {
		t.Fatalf("replace while in use: %v", err)
	}
	stop()
	if dumpFile(t, path) != before {
		t.Fatal("refused replacement changed the file")
	}
	// A killed run's temporary file is removed by the next open.
	left := filepath.Join(dir, ".event.db.new-0123")
	os.WriteFile(left, make([]byte, 8192), 0o644)
	os.WriteFile(left+"-wal", make([]byte, 100), 0o644)
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	es, _ := os.ReadDir(dir)
	for _, e := range es {
		if strings.HasPrefix(e.Name(), ".event.db.") {
			t.Errorf("leftover %s not removed", e.Name())
		}
	}
	if err := WriteNew(ctx, path, "t", b, true); err != nil {
		t.Fatal(err)
	}
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if c, _ := db.Counts(ctx); c.Startups != 1 {
		t.Errorf("replaced file has %d startups", c.Startups)
	}
}
