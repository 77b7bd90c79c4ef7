package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"pitchmatch/event"
)

// The kill tests run the real binary and SIGKILL it at random moments
// during import, schedule --save, backup, restore and serve (under saves),
// then check the file with independent readers: SQLite's integrity check,
// the counts (never half a batch) and every acknowledged write.
//
// Each scenario runs PITCHMATCH_KILLS times (default 3; 1 with -short);
// scripts/kill-test.sh runs them 40 times. The seed is logged and can be
// fixed with PITCHMATCH_KILL_SEED.

func killCount(t *testing.T) int {
	if s := os.Getenv("PITCHMATCH_KILLS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("PITCHMATCH_KILLS=%q", s)
		}
		return n
	}
	if testing.Short() {
		return 1
	}
	return 3
}

// killRig is the built binary and a random source.
type killRig struct {
	t   *testing.T
	bin string
	rnd *rand.Rand
}

func newKillRig(t *testing.T) *killRig {
	t.Helper()
	if testing.Short() && os.Getenv("PITCHMATCH_KILLS") == "" {
		t.Log("short mode: one kill per scenario")
	}
	bin := buildBinary(t)
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("PITCHMATCH_KILL_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("kill seed %d (PITCHMATCH_KILL_SEED)", seed)
	return &killRig{t: t, bin: bin, rnd: rand.New(rand.NewPCG(seed, 1))}
}

// buildBinary builds the pitchmatch binary into the test's temporary
// folder (removed with it).
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "pitchmatch")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		t.Fatalf("build the binary: %v", err)
	}
	return bin
}

// run runs the binary to completion and returns its exit code and output.
func (k *killRig) run(args ...string) (int, string, string) {
	k.t.Helper()
	cmd := exec.Command(k.bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		k.t.Fatalf("run %v: %v", args, err)
	}
	return code, stdout.String(), stderr.String()
}

func (k *killRig) mustRun(args ...string) string {
	k.t.Helper()
	code, out, errOut := k.run(args...)
	if code != 0 {
		k.t.Fatalf("%v: exit %d: %s", args, code, errOut)
	}
	return out
}

// timed runs the binary to completion and returns how long it took.
func (k *killRig) timed(args ...string) time.Duration {
	k.t.Helper()
	start := time.Now()
	k.mustRun(args...)
	return time.Since(start)
}

// killDuring starts the binary and SIGKILLs it after a random moment in
// [0, d); it reports whether the command had already finished.
func (k *killRig) killDuring(d time.Duration, args ...string) (finished bool) {
	k.t.Helper()
	cmd := exec.Command(k.bin, args...)
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		k.t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	delay := time.Duration(k.rnd.Int64N(int64(d) + 1))
	select {
	case err := <-done:
		return err == nil
	case <-time.After(delay):
	}
	cmd.Process.Signal(syscall.SIGKILL)
	err := <-done
	if ee, ok := err.(*exec.ExitError); ok {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return false
		}
	}
	return err == nil
}

// sound checks the file with the sqlite3 shell and pitchmatch check.
func (k *killRig) sound(db string) {
	k.t.Helper()
	integrityOK(k.t, db)
	if code, _, errOut := k.run("check", "--db", db); code != 0 {
		k.t.Fatalf("check after kill: %s", errOut)
	}
}

func (k *killRig) counts(db string) map[string]int {
	k.t.Helper()
	var c map[string]int
	if err := json.Unmarshal([]byte(k.mustRun("info", "--db", db, "--json")), &c); err != nil {
		k.t.Fatal(err)
	}
	return c
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func sameCounts(a, b map[string]int) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return len(a) == len(b)
}

func TestKillAtRandomMoments(t *testing.T) {
	if _, err := exec.LookPath("sqlite3"); err != nil {
		t.Skip("sqlite3 shell not installed (scripts/setup.sh installs it)")
	}
	k := newKillRig(t)
	n := killCount(t)
	dir := t.TempDir()
	base := filepath.Join(dir, "base.db")
	k.mustRun("demo", "--db", base, "--startups", "300", "--companies", "30", "--themes", "45", "--seed", "3")
	big := filepath.Join(dir, "big.db")
	k.mustRun("demo", "--db", big, "--startups", "1500", "--companies", "30", "--themes", "45", "--seed", "4")
	csv := filepath.Join(dir, "startups.csv")
	k.mustRun("export", "--db", big, "--kind", "startups", "--format", "csv", "--out", csv)

	t.Run("import", func(t *testing.T) {
		k := &killRig{t: t, bin: k.bin, rnd: k.rnd}
		ref := filepath.Join(t.TempDir(), "ref.db")
		copyFile(t, base, ref)
		before := k.counts(ref)
		d := k.timed("import", "--db", ref, "--kind", "startups", csv)
		after := k.counts(ref)
		if sameCounts(before, after) {
			t.Fatal("the import changes no count; the test would prove nothing")
		}
		for i := 0; i < n; i++ {
			db := filepath.Join(t.TempDir(), "event.db")
			copyFile(t, base, db)
			if k.killDuring(d, "import", "--db", db, "--kind", "startups", csv) {
				t.Logf("kill %d: the import finished first", i)
			}
			k.sound(db)
			if c := k.counts(db); !sameCounts(c, before) && !sameCounts(c, after) {
				t.Fatalf("kill %d: counts %v are neither before %v nor after %v (half a batch)", i, c, before, after)
			}
		}
	})

	t.Run("schedule-save", func(t *testing.T) {
		k := &killRig{t: t, bin: k.bin, rnd: k.rnd}
		ref := filepath.Join(t.TempDir(), "ref.db")
		copyFile(t, base, ref)
		d := k.timed("schedule", "--db", ref, "--save")
		want := k.counts(ref)["meetings"]
		if want == 0 {
			t.Fatal("schedule saved no meetings")
		}
		for i := 0; i < n; i++ {
			db := filepath.Join(t.TempDir(), "event.db")
			copyFile(t, base, db)
			k.killDuring(d, "schedule", "--db", db, "--save")
			k.sound(db)
			if m := k.counts(db)["meetings"]; m != 0 && m != want {
				t.Fatalf("kill %d: %d meetings stored, want 0 or %d (half a schedule)", i, m, want)
			}
		}
	})

	t.Run("backup", func(t *testing.T) {
		k := &killRig{t: t, bin: k.bin, rnd: k.rnd}
		bdir := t.TempDir()
		d := k.timed("backup", "--db", big, "--out", filepath.Join(bdir, "ref.db"))
		want := k.counts(big)
		for i := 0; i < n; i++ {
			out := filepath.Join(bdir, fmt.Sprintf("b%d.db", i))
			k.killDuring(d, "backup", "--db", big, "--out", out)
			if _, err := os.Stat(out); err == nil {
				k.sound(out)
				if c := k.counts(out); !sameCounts(c, want) {
					t.Fatalf("kill %d: a backup exists with counts %v, want %v", i, c, want)
				}
				continue
			}
			// Nothing at --out: the next backup there succeeds and removes
			// the killed run's leftovers.
			k.mustRun("backup", "--db", big, "--out", out)
			k.sound(out)
			if c := k.counts(out); !sameCounts(c, want) {
				t.Fatalf("kill %d: backup after the kill has counts %v, want %v", i, c, want)
			}
			es, _ := os.ReadDir(bdir)
			for _, e := range es {
				if strings.HasPrefix(e.Name(), "."+filepath.Base(out)) {
					t.Fatalf("kill %d: leftover %s after the next backup", i, e.Name())
				}
			}
		}
	})

	t.Run("restore", func(t *testing.T) {
		k := &killRig{t: t, bin: k.bin, rnd: k.rnd}
		rdir := t.TempDir()
		backup := filepath.Join(rdir, "backup.db")
		k.mustRun("backup", "--db", base, "--out", backup)
		wantDump := sqliteDump(t, backup)
		backupCounts := k.counts(backup)
		// The current file has moved on and a killed import left its -wal.
		cur := filepath.Join(rdir, "cur.db")
		copyFile(t, big, cur)
		ref := filepath.Join(rdir, "ref.db")
		copyFile(t, cur, ref)
		d := k.timed("restore", "--from", backup, "--db", ref)
		copyFile(t, cur, ref)
		d = min(d, k.timed("restore", "--from", backup, "--db", ref))
		for i := 0; i < n; i++ {
			db := filepath.Join(t.TempDir(), "event.db")
			copyFile(t, cur, db)
			oldCounts := k.counts(db)
			if sameCounts(oldCounts, backupCounts) {
				t.Fatal("the current file has the backup's counts; the test would prove nothing")
			}
			// A server saved profiles and was killed: its -wal stays.
			tok := k.invite(db, "S00001")
			url, srv := k.serve(db)
			hc := &http.Client{Timeout: 10 * time.Second}
			for j := 0; j < 3; j++ {
				me, err := portalGet(context.Background(), hc, url, tok)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := portalPatch(context.Background(), hc, url, tok, me.Version, fmt.Sprintf("after backup %d", j)); err != nil {
					t.Fatal(err)
				}
			}
			srv.Process.Signal(syscall.SIGKILL)
			srv.Wait()
			if fi, err := os.Stat(db + "-wal"); err != nil || fi.Size() == 0 {
				t.Fatalf("kill %d: the killed server left no -wal (%v)", i, err)
			}
			if fi, err := os.Stat(db + "-wal"); err == nil && fi.Size() > 0 {
				t.Logf("kill %d: restoring over a file with a %d-byte -wal", i, fi.Size())
			}
			if k.killDuring(d, "restore", "--from", backup, "--db", db) {
				t.Logf("kill %d: the restore finished first", i)
			}
			if _, err := os.Stat(db); err == nil {
				k.sound(db)
				c := k.counts(db)
				if !sameCounts(c, backupCounts) && c["startups"] != oldCounts["startups"] {
					t.Fatalf("kill %d: after a killed restore the file has counts %v: neither the old file nor the backup %v", i, c, backupCounts)
				}
			} else {
				asides, _ := filepath.Glob(db + ".replaced-*")
				if len(asides) == 0 {
					t.Fatalf("kill %d: no file and no dated copy after a killed restore", i)
				}
			}
			// Running restore again gives exactly the backup.
			k.mustRun("restore", "--from", backup, "--db", db)
			if got := sqliteDump(t, db); got != wantDump {
				t.Fatalf("kill %d: restored file differs from the backup", i)
			}
		}
	})

	t.Run("serve", func(t *testing.T) { killServe(t, k, base, n) })
}

// invite makes a private link for startup id and returns its token.
func (k *killRig) invite(db, id string) string {
	k.t.Helper()
	link := strings.TrimSpace(k.mustRun("invite", "--db", db, "--startup", id, "--base-url", "http://127.0.0.1/"))
	_, tok, ok := strings.Cut(link, "#t=")
	if !ok {
		k.t.Fatalf("invite printed %q", link)
	}
	return tok
}

// serve starts the server on a free port and returns its URL.
func (k *killRig) serve(db string) (string, *exec.Cmd) {
	k.t.Helper()
	cmd := exec.Command(k.bin, "serve", "--db", db, "--addr", "127.0.0.1:0", "--rate", "1000", "--burst", "1000")
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		k.t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		k.t.Fatalf("serve did not start: %v", err)
	}
	k.t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return strings.TrimSpace(strings.TrimPrefix(line, "listening on ")), cmd
}

// sqliteDump is the sqlite3 shell's .dump of a file: every row, as SQL.
func sqliteDump(t *testing.T, db string) string {
	t.Helper()
	out, err := exec.Command("sqlite3", "-readonly", db, ".dump").Output()
	if err != nil {
		t.Fatalf("dump %s: %v", db, err)
	}
	return string(out)
}

// killServe runs serve, has clients save startup profiles and tick themes
// (one per-theme PUT each round) through the portal API and kills the
// server at a random moment; every save and tick the server acknowledged
// (200) must be in the file afterwards.
func killServe(t *testing.T, parent *killRig, base string, n int) {
	k := &killRig{t: t, bin: parent.bin, rnd: parent.rnd}
	const clients = 4
	var themes []string
	{
		st, err := openDB(context.Background(), base)
		if err != nil {
			t.Fatal(err)
		}
		ths, err := st.Themes(context.Background())
		st.Close()
		if err != nil || len(ths) == 0 {
			t.Fatalf("themes of the base event: %d %v", len(ths), err)
		}
		for _, th := range ths {
			themes = append(themes, th.ID)
		}
	}
	allSaves, allTicks := 0, 0
	defer func() {
		t.Logf("%d kills: %d acknowledged saves and %d acknowledged ticks checked", n, allSaves, allTicks)
	}()
	for i := 0; i < n; i++ {
		db := filepath.Join(t.TempDir(), "event.db")
		copyFile(t, base, db)
		tokens := make([]string, clients)
		ids := make([]string, clients)
		for c := range tokens {
			ids[c] = fmt.Sprintf("S%05d", c+1)
			tokens[c] = k.invite(db, ids[c])
		}
		url, cmd := k.serve(db)

		// acked[c] is the last product name (and version) the server
		// confirmed for client c.
		type ack struct {
			name    string
			version int64
		}
		acked := make([]ack, clients)
		ticked := make([][]string, clients) // themes whose tick was acknowledged
		var mu sync.Mutex
		total, target := 0, 1+k.rnd.IntN(40)
		reached := make(chan struct{})
		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		for c := 0; c < clients; c++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				hc := &http.Client{Timeout: 5 * time.Second}
				for j := 0; ctx.Err() == nil; j++ {
					s, err := portalGet(ctx, hc, url, tokens[c])
					if err != nil {
						return
					}
					saved, err := portalPatch(ctx, hc, url, tokens[c], s.Version, fmt.Sprintf("ack-%d-%d", c, j))
					if err != nil {
						return
					}
					if saved != nil {
						mu.Lock()
						acked[c] = ack{saved.ProductName.En, saved.Version}
						if total++; total == target {
							close(reached)
						}
						mu.Unlock()
					}
					th := themes[(c*7+j)%len(themes)]
					ok, err := portalTick(ctx, hc, url, tokens[c], th)
					if err != nil {
						return
					}
					if ok {
						mu.Lock()
						ticked[c] = append(ticked[c], th)
						mu.Unlock()
					}
				}
			}()
		}
		// Kill after a random number of acknowledged saves, with the other
		// clients' saves in flight.
		select {
		case <-reached:
		case <-time.After(60 * time.Second):
			t.Errorf("kill %d: only %d saves acknowledged in 60 s", i, total)
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		cancel()
		wg.Wait()

		k.sound(db)
		st, err := openDB(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		defer mu.Unlock()
		saves, ticks := 0, 0
		for c := 0; c < clients; c++ {
			s, err := st.Startup(context.Background(), ids[c])
			if err != nil {
				t.Fatal(err)
			}
			ins, err := st.InterestsOf(context.Background(), event.KindStartup, ids[c])
			if err != nil {
				t.Fatal(err)
			}
			applied := map[string]bool{}
			for _, in := range ins {
				if in.By == event.KindStartup && in.Kind == event.InterestApply {
					applied[in.ThemeID] = true
				}
			}
			for _, th := range ticked[c] {
				if !applied[th] {
					t.Fatalf("kill %d: startup %s: the server acknowledged the tick of %s, which is not stored", i, ids[c], th)
				}
			}
			ticks += len(ticked[c])
			a := acked[c]
			if a.version == 0 {
				continue
			}
			saves++
			// The stored version may be newer (a save committed just before
			// the kill whose answer was lost), never older.
			if s.Version < a.version || (s.Version == a.version && s.ProductName.En != a.name) {
				t.Fatalf("kill %d: startup %s stored version %d %q, but the server acknowledged version %d %q",
					i, ids[c], s.Version, s.ProductName.En, a.version, a.name)
			}
		}
		st.Close()
		if saves == 0 {
			t.Logf("kill %d: the server was killed before any save was acknowledged", i)
		}
		allSaves += total
		allTicks += ticks
	}
}

func portalGet(ctx context.Context, hc *http.Client, base, token string) (*event.Startup, error) {
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/api/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return nil, fmt.Errorf("GET me: %s", resp.Status)
	}
	var s event.Startup
	return &s, json.NewDecoder(resp.Body).Decode(&s)
}

// portalPatch sets the English product name of the link's startup from
// version; it returns the stored record on 200, nil on a refusal the client
// may retry (409, 503).
// portalTick applies to theme through the per-theme route; ok is whether
// the server acknowledged it (200).
func portalTick(ctx context.Context, hc *http.Client, base, token, theme string) (ok bool, err error) {
	req, _ := http.NewRequestWithContext(ctx, "PUT", base+"/api/v1/me/interests/"+theme, strings.NewReader(`{"state":"apply"}`))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return false, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return false, err // the answer was cut: not acknowledged
	}
	switch resp.StatusCode {
	case 200:
		return true, nil
	case 503:
		return false, nil
	}
	return false, fmt.Errorf("PUT interest %s: %s %s", theme, resp.Status, data)
}

func portalPatch(ctx context.Context, hc *http.Client, base, token string, version int64, name string) (*event.Startup, error) {
	body, _ := json.Marshal(map[string]any{"version": version, "product_name": event.T("製品 "+name, name)})
	req, _ := http.NewRequestWithContext(ctx, "PATCH", base+"/api/v1/me", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err // the answer was cut: not acknowledged
	}
	switch resp.StatusCode {
	case 200:
		var out event.Startup
		if err := json.Unmarshal(data, &out); err != nil {
			return nil, err
		}
		return &out, nil
	case 409, 503:
		return nil, nil
	}
	return nil, fmt.Errorf("PATCH me: %s %s", resp.Status, data)
}
