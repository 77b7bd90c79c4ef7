package storage

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"pitchmatch/event"
)

// The helper process: when PITCHMATCH_STORAGE_HELPER is set, the test
// binary runs one of these roles against the file in PITCHMATCH_STORAGE_DB
// instead of the tests, so that tests can hold locks from another process.
func TestMain(m *testing.M) {
	if role := os.Getenv("PITCHMATCH_STORAGE_HELPER"); role != "" {
		os.Exit(helperMain(role, os.Getenv("PITCHMATCH_STORAGE_DB")))
	}
	os.Exit(m.Run())
}

func helperMain(role, path string) int {
	ctx := context.Background()
	fail := func(err error) int { fmt.Fprintln(os.Stderr, "helper:", err); return 3 }
	switch role {
	case "hold-write":
		// Hold a write transaction (with an uncommitted write) until stdin
		// closes, like a long import in another process.
		sqldb, err := sql.Open("sqlite3", writerDSN(path, time.Second))
		if err != nil {
			return fail(err)
		}
		tx, err := sqldb.BeginTx(ctx, nil)
		if err != nil {
			return fail(err)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO settings (key, value, updated_at) VALUES ('held', 'x', '')"); err != nil {
			return fail(err)
		}
		fmt.Println("locked")
		io.Copy(io.Discard, os.Stdin)
		tx.Rollback()
		return 0
	case "hold-open":
		// Keep the file open through storage until stdin closes.
		db, err := Open(ctx, path)
		if err != nil {
			return fail(err)
		}
		fmt.Println("open")
		io.Copy(io.Discard, os.Stdin)
		db.Close()
		return 0
	case "tick-themes":
		// The desktop's side of TestPerThemeInterestsTwoProcesses: while
		// the test process sets themes T00–T19, this process sets T20–T39
		// of the same startup, each through no_thanks and back to apply,
		// half of them the desktop's way (AddInterest / DeleteInterest),
		// half per theme.
		db, err := Open(ctx, path)
		if err != nil {
			return fail(err)
		}
		defer db.Close()
		fmt.Println("open")
		if err := tickThemes(ctx, db, 20, 40, true); err != nil {
			return fail(err)
		}
		io.Copy(io.Discard, os.Stdin)
		return 0
	case "write-and-die":
		// Commit writes, then exit without closing: the -wal file stays.
		db, err := Open(ctx, path)
		if err != nil {
			return fail(err)
		}
		for k := 0; k < 5; k++ {
			if err := db.SaveStartup(ctx, "helper", &event.Startup{ID: fmt.Sprintf("W%d", k), Name: event.T("ウォール", "WAL")}); err != nil {
				return fail(err)
			}
		}
		fmt.Println("written")
		os.Exit(0)
	}
	return fail(fmt.Errorf("unknown role %q", role))
}

// helper starts the test binary in role on path and waits for its first
// line of output; closing the returned function's stdin ends it.
func helper(t *testing.T, role, path string) (stop func()) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "PITCHMATCH_STORAGE_HELPER="+role, "PITCHMATCH_STORAGE_DB="+path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		cmd.Wait()
		t.Fatalf("helper %s: %v; stderr: %s", role, err, stderr.String())
	}
	t.Logf("helper %s: %s", role, strings.TrimSpace(line))
	done := false
	stop = func() {
		if done {
			return
		}
		done = true
		stdin.Close()
		if err := cmd.Wait(); err != nil {
			t.Errorf("helper %s: %v; stderr: %s", role, err, stderr.String())
		}
	}
	t.Cleanup(stop)
	return stop
}

// seeded makes an event file with a few records and closes it.
func seeded(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	b := &event.Batch{
		Companies: []*event.Company{{ID: "C1", Name: event.T("企業", "Company")}},
		Themes:    []*event.Theme{{ID: "T1", CompanyID: "C1", Title: event.T("テーマ", "Theme")}},
		Startups:  []*event.Startup{{ID: "S1", Name: event.T("一", "One")}, {ID: "S2", Name: event.T("二", "Two")}},
	}
	if err := db.Import(ctx, "test", b); err != nil {
		t.Fatal(err)
	}
}

// TestReadWhileAnotherProcessWrites: opening and reading never wait for
// another process's write transaction (the property behind "info answers
// in under a second"): with a 1 ms busy timeout everywhere, Open, Counts,
// Snapshot and a read of one record succeed while the other process holds
// the write lock; only a write fails, with event.EBusy.
func TestReadWhileAnotherProcessWrites(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "event.db")
	seeded(t, path)
	stop := helper(t, "hold-write", path)

	opts := Options{BusyTimeout: time.Millisecond, ReadBusyTimeout: time.Millisecond}
	db, err := OpenWith(ctx, path, opts)
	if err != nil {
		t.Fatalf("open while another process writes: %v", err)
	}
	defer db.Close()
	c, err := db.Counts(ctx)
	if err != nil || c.Startups != 2 || c.Companies != 1 {
		t.Fatalf("counts %+v %v", c, err)
	}
	if _, err := db.Startup(ctx, "S1"); err != nil {
		t.Fatal(err)
	}
	err = db.SaveStartup(ctx, "t", &event.Startup{ID: "S3", Name: event.T("三", "Three")})
	if event.ErrorCode(err) != event.EBusy {
		t.Fatalf("write while locked: %v (code %q), want %s", err, event.ErrorCode(err), event.EBusy)
	}
	stop()
	if err := db.SaveStartup(ctx, "t", &event.Startup{ID: "S3", Name: event.T("三", "Three")}); err != nil {
		t.Fatalf("write after the other process ended: %v", err)
	}
}

// TestOpenRefusesForeignFilesUntouched: another program's SQLite file (in
// rollback-journal or WAL mode) and a file that is not SQLite at all are
// refused, and their bytes, journal mode and neighbours stay as they were.
func TestOpenRefusesForeignFilesUntouched(t *testing.T) {
	ctx := context.Background()
	for _, mode := range []string{"delete", "wal", "text", "pitchmatch-looking"} {
		t.Run(mode, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "other.db")
			switch mode {
			case "text":
				if err := os.WriteFile(path, []byte("name,age\nfoo,1\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			default:
				sqldb, err := sql.Open("sqlite3", path)
				if err != nil {
					t.Fatal(err)
				}
				stmts := []string{"PRAGMA journal_mode = " + map[bool]string{true: "wal", false: "delete"}[mode == "wal"],
					"CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)", "INSERT INTO notes (body) VALUES ('keep me')"}
				if mode == "pitchmatch-looking" { // a schema version but not our application id
					stmts = append(stmts, "PRAGMA user_version = 1")
				}
				for _, s := range stmts {
					if _, err := sqldb.Exec(s); err != nil {
						t.Fatal(err)
					}
				}
				sqldb.Close()
			}
			before := dirDigest(t, dir)
			db, err := Open(ctx, path)
			if err == nil {
				db.Close()
				t.Fatal("opened another program's file")
			}
			if event.ErrorCode(err) != event.EInvalid || !strings.Contains(err.Error(), "not a PitchMatch event file") {
				t.Fatalf("error %v (code %s)", err, event.ErrorCode(err))
			}
			if after := dirDigest(t, dir); after != before {
				t.Fatalf("folder changed by the refused open:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// dirDigest lists a folder's files with a hash of each (lock files of ours
// excluded: they hold no data and are not part of the file).
func dirDigest(t *testing.T, dir string) string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range es {
		if strings.HasSuffix(e.Name(), ".lock") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s:%x ", e.Name(), sha256.Sum256(data))
	}
	return b.String()
}

// TestReadOnlyOption: a read-only open never writes and refuses writes
// with event.EReadOnly and a reason in both languages.
func TestReadOnlyOption(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "event.db")
	seeded(t, path)
	before := dirDigest(t, dir)
	db, err := OpenWith(ctx, path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if db.ReadOnly() == nil {
		t.Fatal("ReadOnly() is nil")
	}
	if ss, err := db.Startups(ctx); err != nil || len(ss) != 2 {
		t.Fatalf("startups %d %v", len(ss), err)
	}
	err = db.SaveStartup(ctx, "t", &event.Startup{ID: "S9", Name: event.T("九", "Nine")})
	if event.ErrorCode(err) != event.EReadOnly || event.ErrorMessage(err, event.Ja) == "" {
		t.Fatalf("write on read-only: %v", err)
	}
	db.Close()
	if after := dirDigest(t, dir); after != before {
		t.Fatalf("read-only open changed the folder:\nbefore %s\nafter  %s", before, after)
	}
	if _, err := OpenWith(ctx, filepath.Join(dir, "missing.db"), Options{ReadOnly: true}); event.ErrorCode(err) != event.ENotFound {
		t.Fatalf("read-only open of a missing file: %v", err)
	}
}

// roMount bind-mounts dir read-only at a new folder and returns it; the
// test is skipped where mounting is not allowed (not root, no
// CAP_SYS_ADMIN).
func roMount(t *testing.T, dir string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("read-only bind mounts need root")
	}
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "--bind", dir, mnt).CombinedOutput(); err != nil {
		t.Skipf("bind mount not allowed here: %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", mnt).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", mnt, err, out)
		}
	})
	if out, err := exec.Command("mount", "-o", "remount,bind,ro", mnt).CombinedOutput(); err != nil {
		t.Skipf("read-only remount not allowed here: %v %s", err, out)
	}
	if err := os.WriteFile(filepath.Join(mnt, "probe"), nil, 0o644); err == nil {
		t.Skip("mount is not read-only")
	}
	return mnt
}

// TestReadOnlyMedium: an event file on a read-only bind mount (a USB stick,
// a shared drive) opens read-only with a message naming the medium, reads
// everything — including what a crashed writer left in its -wal — and
// refuses writes with the reason.
func TestReadOnlyMedium(t *testing.T) {
	ctx := context.Background()
	for _, withWAL := range []bool{false, true} {
		t.Run(fmt.Sprintf("wal=%v", withWAL), func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "event.db")
			seeded(t, path)
			want := 2
			if withWAL {
				helper(t, "write-and-die", path)()
				if fi, err := os.Stat(path + "-wal"); err != nil || fi.Size() == 0 {
					t.Fatalf("no -wal left: %v", err)
				}
				want += 5
			}
			mnt := roMount(t, dir)
			db, err := Open(ctx, filepath.Join(mnt, "event.db"))
			if err != nil {
				t.Fatalf("open on a read-only medium: %v", err)
			}
			defer db.Close()
			ro := db.ReadOnly()
			if ro == nil || !errors.Is(ro, syscall.EROFS) || !strings.Contains(ro.Message.En, "read-only medium") || ro.Message.Ja == "" {
				t.Fatalf("read-only reason %v", ro)
			}
			c, err := db.Counts(ctx)
			if err != nil || c.Startups != want {
				t.Fatalf("counts %+v %v, want %d startups", c, err, want)
			}
			snap, err := db.Snapshot(ctx)
			if err != nil || len(snap.Startups) != want {
				t.Fatalf("snapshot %v", err)
			}
			err = db.SaveStartup(ctx, "t", &event.Startup{ID: "S9", Name: event.T("九", "Nine")})
			if event.ErrorCode(err) != event.EReadOnly || !strings.Contains(err.Error(), "read-only medium") {
				t.Fatalf("write on a read-only medium: %v", err)
			}
		})
	}
}

// TestInUse: every open holds the in-use lock, in this process or another,
// and a crashed process does not leave it held.
func TestInUse(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "event.db")
	seeded(t, path)
	if busy, err := InUse(path); busy || err != nil {
		t.Fatalf("closed file in use: %v %v", busy, err)
	}
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if busy, err := InUse(path); !busy || err != nil {
		t.Fatalf("open file not in use: %v %v", busy, err)
	}
	db.Close()
	stop := helper(t, "hold-open", path)
	if busy, err := InUse(path); !busy || err != nil {
		t.Fatalf("file open in another process not in use: %v %v", busy, err)
	}
	stop()
	helper(t, "write-and-die", path)()
	if busy, err := InUse(path); busy || err != nil {
		t.Fatalf("file of a dead process still in use: %v %v", busy, err)
	}
}

// TestOpenWaitsForReplacement: while a replacement holds the exclusive
// lock, Open waits (injected sleep, no real time) and gives up with EBusy.
func TestOpenWaitsForReplacement(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "event.db")
	seeded(t, path)
	l, err := lockExclusive(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.unlock()
	var waited time.Duration
	sleep := func(ctx context.Context, d time.Duration) error { waited += d; return nil }
	_, err = OpenWith(ctx, path, Options{LockWait: time.Second, Sleep: sleep})
	if event.ErrorCode(err) != event.EBusy || waited < time.Second {
		t.Fatalf("open during replacement: %v after %v", err, waited)
	}
}
