package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// cli runs the CLI in-process and returns exit status, stdout and stderr.
func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env := &cliEnv{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	code := run(context.Background(), env, args)
	return code, stdout.String(), stderr.String()
}

// integrityOK checks the file with the sqlite3 command-line shell, an
// independent reader, as an organizer would.
func integrityOK(t *testing.T, db string) {
	t.Helper()
	sqlite, err := exec.LookPath("sqlite3")
	if err != nil {
		t.Fatalf("sqlite3 shell not installed (scripts/setup.sh installs it): %v", err)
	}
	out, err := exec.Command(sqlite, db, "PRAGMA integrity_check").CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "ok" {
		t.Fatalf("integrity_check on %s: %s %v", db, out, err)
	}
}

func counts(t *testing.T, db string) map[string]int {
	t.Helper()
	code, out, errOut := cli(t, "info", "--db", db, "--json")
	if code != 0 {
		t.Fatalf("info: %d %s", code, errOut)
	}
	var c map[string]int
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatalf("info --json: %v in %q", err, out)
	}
	return c
}

func TestUsageAndHelp(t *testing.T) {
	if code, _, _ := cli(t); code != 2 {
		t.Errorf("no command: exit %d, want 2", code)
	}
	if code, _, _ := cli(t, "frobnicate"); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
	for _, c := range commands() {
		code, out, _ := cli(t, c.name, "--help")
		if code != 0 || !strings.Contains(out, "Usage: pitchmatch "+c.name) {
			t.Errorf("%s --help: exit %d, output %q", c.name, code, out)
		}
		if code, _, _ := cli(t, c.name, "--no-such-flag"); code != 2 {
			t.Errorf("%s --no-such-flag: exit %d, want 2", c.name, code)
		}
	}
	if code, _, errOut := cli(t, "info", "--db", filepath.Join(t.TempDir(), "missing.db")); code != 1 || !strings.Contains(errOut, "missing.db") {
		t.Errorf("info on a missing file: exit %d, %q", code, errOut)
	}
}

func TestDemoInfoExportImportBackup(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "event.db")

	if code, _, errOut := cli(t, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	integrityOK(t, db)
	c := counts(t, db)
	want := map[string]int{"startups": 120, "companies": 25, "themes": 40, "slots": 36, "tables": 30, "meetings": 0}
	for k, v := range want {
		if c[k] != v {
			t.Errorf("info %s = %d, want %d", k, c[k], v)
		}
	}

	// A second demo without --force is refused and leaves the file alone.
	before, _ := os.ReadFile(db)
	if code, _, errOut := cli(t, "demo", "--db", db, "--startups", "5"); code != 1 || !strings.Contains(errOut, "--force") {
		t.Fatalf("demo over an existing file: exit %d, %q", code, errOut)
	}
	after, _ := os.ReadFile(db)
	if !bytes.Equal(before, after) {
		t.Fatal("refused demo changed the file")
	}
	integrityOK(t, db)

	// Export, then import the same file back: an update of every record.
	csvPath := filepath.Join(dir, "startups.csv")
	if code, _, errOut := cli(t, "export", "--db", db, "--kind", "startups", "--format", "csv", "--out", csvPath); code != 0 {
		t.Fatalf("export: %d %s", code, errOut)
	}
	raw, err := os.ReadFile(csvPath)
	if err != nil || !bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")) {
		t.Fatalf("exported CSV lacks the UTF-8 BOM (%v)", err)
	}
	if !strings.Contains(string(raw), "株式会社") {
		t.Fatal("exported CSV lacks Japanese names")
	}
	if code, _, errOut := cli(t, "import", "--db", db, "--kind", "startups", csvPath); code != 0 {
		t.Fatalf("import of exported file: %d %s", code, errOut)
	}
	integrityOK(t, db)
	if got := counts(t, db)["startups"]; got != 120 {
		t.Fatalf("after re-import: %d startups", got)
	}

	// A bad file is rejected whole with file, row and column, nothing stored.
	bad := filepath.Join(dir, "bad.csv")
	lines := strings.Split(strings.TrimPrefix(string(raw), "\xef\xbb\xbf"), "\n")
	header := lines[0]
	good := strings.Replace(lines[1], "S00001", "S99001", 1)
	broken := strings.Replace(strings.Replace(lines[2], "S00002", "S99002", 1), "cardiovascular", "cardio-vascular", 1)
	if !strings.Contains(lines[2], "cardiovascular") {
		broken = strings.Replace(lines[2], "S00002", "S99002,", 1) // an extra column instead
	}
	os.WriteFile(bad, []byte(header+"\n"+good+"\n"+broken+"\n"), 0o644)
	code, _, errOut := cli(t, "import", "--db", db, "--kind", "startups", bad)
	if code != 1 {
		t.Fatalf("bad import: exit %d, want 1; stderr %q", code, errOut)
	}
	if !strings.Contains(errOut, "bad.csv:3") {
		t.Errorf("error does not name file and row: %q", errOut)
	}
	if got := counts(t, db)["startups"]; got != 120 {
		t.Fatalf("a rejected file stored rows: %d startups", got)
	}
	integrityOK(t, db)

	// Backup to a new file; a second backup to the same path is refused.
	bak := filepath.Join(dir, "backup.db")
	if code, _, errOut := cli(t, "backup", "--db", db, "--out", bak); code != 0 {
		t.Fatalf("backup: %d %s", code, errOut)
	}
	integrityOK(t, bak)
	if got := counts(t, bak)["startups"]; got != 120 {
		t.Fatalf("backup has %d startups", got)
	}
	if code, _, _ := cli(t, "backup", "--db", db, "--out", bak); code != 1 {
		t.Fatalf("backup over an existing file: exit %d, want 1", code)
	}
	integrityOK(t, db)

	// Missing required flags are usage errors.
	if code, _, _ := cli(t, "export", "--db", db, "--kind", "startups"); code != 2 {
		t.Errorf("export without --out: exit %d, want 2", code)
	}
	if code, _, _ := cli(t, "import", "--db", db, "--kind", "nonsense", csvPath); code != 2 {
		t.Errorf("import with a bad kind: exit %d, want 2", code)
	}
	integrityOK(t, db)
}

func TestDemoScalesByFlags(t *testing.T) {
	db := filepath.Join(t.TempDir(), "big.db")
	code, _, errOut := cli(t, "demo", "--db", db, "--startups", "300", "--companies", "30", "--themes", "50", "--days", "2", "--slots-per-day", "10", "--tables", "40", "--seed", "9")
	if code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	c := counts(t, db)
	if c["startups"] != 300 || c["companies"] != 30 || c["themes"] != 50 || c["slots"] != 20 || c["tables"] != 40 {
		t.Fatalf("counts %v", c)
	}
	integrityOK(t, db)
}

func TestDefaultDBPathIsInTheUserDataDirectory(t *testing.T) {
	home, err := os.UserHomeDir()
	if err != nil {
		t.Skip("no home directory")
	}
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		env  map[string]string
		goos string
		want string
	}{
		{map[string]string{"XDG_DATA_HOME": "/data/xdg"}, "linux", "/data/xdg"},
		{map[string]string{"XDG_DATA_HOME": "relative/ignored"}, "linux", filepath.Join(home, ".local", "share")},
		{nil, "linux", filepath.Join(home, ".local", "share")},
	}
	for _, tt := range tests {
		if got := userDataDir(env(tt.env), tt.goos); got != tt.want {
			t.Errorf("userDataDir(%v, %s) = %s, want %s", tt.env, tt.goos, got, tt.want)
		}
	}
	if p := defaultDBPath(); !strings.HasSuffix(p, filepath.Join("pitchmatch", "event.db")) {
		t.Errorf("defaultDBPath = %s", p)
	}
}
