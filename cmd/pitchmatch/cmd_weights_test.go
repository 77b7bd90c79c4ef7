package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// weights: show lists every feature with the defaults; fit on the demo
// (almost no no-thanks) keeps the defaults and says why; revert without a
// fitted set fails with a message.
func TestWeightsCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "event.db")
	if code, _, errOut := cli(t, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	code, out, errOut := cli(t, "weights", "--db", db, "--lang", "en")
	if code != 0 || !strings.Contains(out, "Text similarity") || !strings.Contains(out, "default") {
		t.Fatalf("show: %d %q %q", code, out, errOut)
	}
	code, out, errOut = cli(t, "weights", "fit", "--db", db, "--lang", "en")
	if code != 0 || !strings.Contains(out, "this fit: ") || !strings.Contains(out, "not applied") {
		t.Fatalf("fit: %d %q %q", code, out, errOut)
	}
	code, _, errOut = cli(t, "weights", "revert", "--db", db, "--lang", "en")
	if code != 1 || !strings.Contains(errOut, "no fitted weights are in use") {
		t.Fatalf("revert: %d %q", code, errOut)
	}
	if code, _, _ = cli(t, "weights", "bogus", "--db", db); code != 2 {
		t.Fatalf("unknown action: exit %d", code)
	}
}
