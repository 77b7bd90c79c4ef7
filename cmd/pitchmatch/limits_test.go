package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestFlagValuesValidated: NaN, infinities, negative and absurd values are
// usage errors (exit 2) naming the flag, before any file is opened.
func TestFlagValuesValidated(t *testing.T) {
	db := filepath.Join(t.TempDir(), "missing.db") // never reached
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"schedule", "--db", db, "--min-score", "NaN"}, "--min-score"},
		{[]string{"schedule", "--db", db, "--min-score", "-0.1"}, "--min-score"},
		{[]string{"schedule", "--db", db, "--min-score", "1.5"}, "--min-score"},
		{[]string{"schedule", "--db", db, "--min-score", "+Inf"}, "--min-score"},
		{[]string{"schedule", "--db", db, "--time-limit", "-1s"}, "--time-limit"},
		{[]string{"schedule", "--db", db, "--time-limit", "9000h"}, "--time-limit"},
		{[]string{"invite", "--db", db, "--startup", "S1", "--expires", "99999999999d"}, "--expires"},
		{[]string{"invite", "--db", db, "--startup", "S1", "--expires", "400d"}, "--expires"},
		{[]string{"invite", "--db", db, "--startup", "S1", "--expires", "60w"}, "--expires"},
		{[]string{"invite", "--db", db, "--startup", "S1", "--expires", "9000h"}, "--expires"},
		{[]string{"invite", "--db", db, "--startup", "S1", "--expires", "99999999999999999999h"}, "--expires"},
		{[]string{"serve", "--db", db, "--rate", "NaN"}, "--rate"},
		{[]string{"serve", "--db", db, "--rate", "-5"}, "--rate"},
		{[]string{"serve", "--db", db, "--burst", "0"}, "--burst"},
		{[]string{"serve", "--db", db, "--max-body", "-1"}, "--max-body"},
		{[]string{"serve", "--db", db, "--grace", "-1s"}, "--grace"},
		{[]string{"demo", "--db", db, "--startups", "-5"}, "--startups"},
		{[]string{"demo", "--db", db, "--startups", "99999999"}, "--startups"},
		{[]string{"demo", "--db", db, "--days", "400"}, "--days"},
	} {
		code, _, errOut := cli(t, c.args...)
		if code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, %q; want exit 2 naming %s", c.args, code, errOut, c.want)
		}
	}
}

// TestLimitsBeforeWork: too many pairs and too large a file are refused
// with the numbers and the way out before anything is scored or read, also
// in a run capped to 2.5 GB of address space (ulimit -v), where the same
// work would otherwise end in an out-of-memory crash.
func TestLimitsBeforeWork(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "event.db")
	if code, _, errOut := cli(t, "demo", "--db", db, "--startups", "300", "--companies", "20", "--themes", "30"); code != 0 {
		t.Fatal(errOut)
	}
	code, _, errOut := cli(t, "schedule", "--db", db, "--max-pairs", "1000")
	if code != 1 || !strings.Contains(errOut, "300 startups × 30 themes = 9000 pairs") || !strings.Contains(errOut, "--max-pairs") {
		t.Errorf("schedule over --max-pairs: exit %d %q", code, errOut)
	}
	huge := filepath.Join(dir, "startups.csv")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 30); err != nil { // a sparse 1 GB file: no disk or memory used
		t.Fatal(err)
	}
	f.Close()
	code, _, errOut = cli(t, "import", "--db", db, "--kind", "startups", huge)
	if code != 1 || !strings.Contains(errOut, "1024 MB") || !strings.Contains(errOut, "limit") {
		t.Errorf("import of a 1 GB file: exit %d %q", code, errOut)
	}

	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash for ulimit")
	}
	bin := buildBinary(t)
	for _, args := range [][]string{
		{"schedule", "--db", db, "--all-pairs", "--min-score", "0", "--max-pairs", "1000"},
		{"import", "--db", db, "--kind", "startups", huge},
	} {
		cmd := exec.Command("bash", append([]string{"-c", `ulimit -v 2500000 && exec "$0" "$@"`, bin}, args...)...)
		out, err := cmd.CombinedOutput()
		ee, _ := err.(*exec.ExitError)
		if ee == nil || ee.ExitCode() != 1 || strings.Contains(string(out), "goroutine") || !strings.Contains(string(out), "limit") {
			t.Errorf("capped %v: %v\n%s", args, err, out)
		}
	}
}
