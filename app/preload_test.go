package app

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"pitchmatch/event"
)

// TestStartWithPreloadedFile: a launch with a file reads it while the window
// is built and shows it when ready, as main.go does.
func TestStartWithPreloadedFile(t *testing.T) {
	path := demoFile(t, smallDemo())
	a := test.NewTempApp(t)
	svc := DefaultServices()
	pre := Preload(svc, path)
	u := New(a, event.En, svc)
	u.clk = instantClock()
	defer u.Close()
	u.syncWork = true
	if err := u.Start(Args{Path: path, View: "startups", Preloaded: pre}); err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(path)
	if u.path != abs {
		t.Fatalf("open file %q, want %q", u.path, abs)
	}
	if got, want := len(u.startupsV.rows), smallDemo().Startups; got != want {
		t.Fatalf("startup list has %d rows, want %d", got, want)
	}

	// A file that cannot be opened is reported, not shown.
	bad := Preload(svc, filepath.Join(t.TempDir(), "missing", "nowhere.db"))
	u2 := New(a, event.En, svc)
	u2.clk = instantClock()
	defer u2.Close()
	u2.syncWork = true
	if err := u2.Start(Args{Path: "x", View: "startups", Preloaded: bad}); err != nil {
		t.Fatal(err)
	}
	if u2.store != nil {
		t.Fatal("a failed preload opened a store")
	}
}
