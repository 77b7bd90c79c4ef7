package app

import (
	"context"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"pitchmatch/demo"
	"pitchmatch/event"
	"pitchmatch/storage"
)

// BenchmarkOpen20kStartupList measures what a user waits for when opening a
// 20,000-startup event on the Startups view: open the SQLite file, load the
// snapshot (startups, companies, themes, interests, availability,
// meetings), build the startup list view and draw its visible rows.
// Target: under 1 s per operation.
func BenchmarkOpen20kStartupList(b *testing.B) {
	path := demoFile(b, demo.Options{Seed: 11, Startups: 20000, Companies: 150, Themes: 300, Days: 3, SlotsPerDay: 12, Tables: 60})
	a := test.NewTempApp(b)
	ctx := context.Background()
	cpu0 := cpuTime()
	var loadTime, viewTime time.Duration
	b.ResetTimer()
	for b.Loop() {
		t0 := time.Now()
		db, err := storage.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		d, err := LoadData(ctx, db)
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		// As "pitchmatch-desktop --view startups FILE" does.
		u := New(a, event.Ja, Services{})
		if err := u.ShowView("startups"); err != nil {
			b.Fatal(err)
		}
		u.setStore(db, path, d)
		w := u.Window()
		w.Resize(fyne.NewSize(1280, 800))
		w.Canvas().Capture() // lay out and paint the visible rows
		if n := len(u.startupsV.rows); n != 20000 {
			b.Fatalf("%d rows", n)
		}
		loadTime += t1.Sub(t0)
		viewTime += time.Since(t1)
		u.Close()
		w.Close()
	}
	// Wall time suffers when other processes share the CPUs; CPU time
	// (all threads of this process) shows the work itself.
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(loadTime.Milliseconds())/float64(b.N), "load-ms/op")
	b.ReportMetric(float64(viewTime.Milliseconds())/float64(b.N), "view-ms/op")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkFilter20k measures one keystroke in the search box over 20,000
// startups.
func BenchmarkFilter20k(b *testing.B) {
	d := NewData(demo.Generate(demo.Options{Seed: 11, Startups: 20000, Companies: 150, Themes: 300}))
	b.ResetTimer()
	for b.Loop() {
		if rows := d.FilterStartups(StartupFilter{Query: "ai", Area: "cardiovascular"}); len(rows) == 0 {
			b.Fatal("no rows")
		}
	}
}
