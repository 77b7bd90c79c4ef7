package app

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"pitchmatch/demo"
	"pitchmatch/event"
	"pitchmatch/storage"
)

// instantClock is a clock whose waits are over at once, so tests never
// sleep through the UI's start-up delays.
func instantClock() clock {
	return clock{now: time.Now, after: func(time.Duration) <-chan time.Time {
		c := make(chan time.Time, 1)
		c <- time.Now()
		return c
	}}
}

// smallDemo is a demo event small enough for UI tests.
func smallDemo() demo.Options {
	return demo.Options{Seed: 7, Startups: 40, Companies: 6, Themes: 9, Days: 1, SlotsPerDay: 8, Tables: 6}
}

// demoFile writes a demo event to a new SQLite file and returns its path.
func demoFile(t testing.TB, opt demo.Options) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.db")
	ctx := context.Background()
	db, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Import(ctx, "test", demo.Generate(opt)); err != nil {
		t.Fatal(err)
	}
	return path
}

// openUI starts the UI on a headless test app with the demo file open.
func openUI(t *testing.T, lang event.Lang) (*UI, string) {
	t.Helper()
	path := demoFile(t, smallDemo())
	return startUI(t, path, lang), path
}

// startUI starts the UI on a new headless test app with the file at path
// open.
func startUI(t *testing.T, path string, lang event.Lang) *UI {
	t.Helper()
	a := sharedApp()
	fyne.SetCurrentApp(a) // another test may have made its own current
	return startUIOn(t, a, path, lang)
}

// sharedApp is the one headless Fyne app the UI tests run their windows
// on. A new test app drops Fyne's parsed fonts, and parsing the bundled
// Japanese font again took ≈0.5 CPU-s per test, 44 % of the package's test
// CPU. Each test still gets a new UI, window and event file; tests of
// preferences make an app of their own.
var sharedApp = sync.OnceValue(func() fyne.App { return test.NewApp() })

// startUIOn starts a new UI on app a with the file at path open.
func startUIOn(t *testing.T, a fyne.App, path string, lang event.Lang) *UI {
	t.Helper()
	u := New(a, lang, DefaultServices())
	u.clk = instantClock()
	u.syncWork = true
	t.Cleanup(u.Close)
	u.Window().Resize(fyne.NewSize(1280, 800))
	if err := u.Open(path); err != nil {
		t.Fatal(err)
	}
	u.Wait()
	return u
}

// otherStore opens a second connection, as another user of the file would.
func otherStore(t *testing.T, path string) *storage.DB {
	t.Helper()
	db, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
