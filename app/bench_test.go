package app

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"pitchmatch/demo"
	"pitchmatch/event"
	"pitchmatch/internal/cputime"
)

// bench20k is the 20,000-startup event of the benchmarks.
func bench20k(b *testing.B) string {
	return demoFile(b, demo.Options{Seed: 11, Startups: 20000, Companies: 150, Themes: 300, Days: 3, SlotsPerDay: 12, Tables: 60})
}

// BenchmarkOpen20kStartupList measures what a user waits for when opening a
// 20,000-startup event (File → Open, or a recent file) in the running app on
// the Startups view: open the SQLite file, load the snapshot (startups,
// companies, themes, interests, availability, meetings), build the startup
// list view from it and draw its visible rows. Target: under 1 s.
func BenchmarkOpen20kStartupList(b *testing.B) {
	path := bench20k(b)
	a := test.NewTempApp(b)
	ctx := context.Background()
	u := New(a, event.Ja, DefaultServices())
	u.clk = instantClock()
	defer u.Close()
	if err := u.ShowView("startups"); err != nil {
		b.Fatal(err)
	}
	w := u.Window()
	w.Resize(fyne.NewSize(1280, 800))
	w.Canvas().Capture() // the window is up before the user opens a file
	cpu0 := cputime.Used()
	var loadTime, viewTime time.Duration
	b.ResetTimer()
	for b.Loop() {
		t0 := time.Now()
		f, err := openFile(ctx, u.svc, path)
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		u.setStore(f.store, f.path, f.data)
		w.Canvas().Capture() // lay out and paint the visible rows
		if n := len(u.startupsV.rows); n != 20000 {
			b.Fatalf("%d rows", n)
		}
		loadTime += t1.Sub(t0)
		viewTime += time.Since(t1)
	}
	// Wall time suffers when other processes share the CPUs; CPU time
	// (all threads of this process) shows the work itself.
	b.ReportMetric(float64((cputime.Used()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(loadTime.Milliseconds())/float64(b.N), "load-ms/op")
	b.ReportMetric(float64(viewTime.Milliseconds())/float64(b.N), "view-ms/op")
}

// BenchmarkColdStart20k measures a launch with the event file as argument,
// as main.go does it: the file is read (Preload) while the window is built
// (New, which parses the bundled Japanese font), then the Startups view is
// shown with every row and the first frame is drawn.
func BenchmarkColdStart20k(b *testing.B) {
	path := bench20k(b)
	a := test.NewTempApp(b)
	ctx := context.Background()
	svc := DefaultServices()
	b.ResetTimer()
	for b.Loop() {
		pre := Preload(svc, path)
		u := New(a, event.Ja, svc)
		u.clk = instantClock()
		if err := u.ShowView("startups"); err != nil {
			b.Fatal(err)
		}
		f, err := pre.wait(ctx)
		if err != nil {
			b.Fatal(err)
		}
		u.setStore(f.store, f.path, f.data)
		w := u.Window()
		w.Resize(fyne.NewSize(1280, 800))
		w.Canvas().Capture()
		if n := len(u.startupsV.rows); n != 20000 {
			b.Fatalf("%d rows", n)
		}
		u.Close()
		w.Close()
	}
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

// gridData is an event of tables × 36 slots (3 days of 12) with every cell
// holding a meeting, in memory.
func gridData(tables int) *Data {
	b := demo.Generate(demo.Options{Seed: 5, Startups: tables * 6, Companies: tables, Themes: tables * 2, Days: 3, SlotsPerDay: 12, Tables: tables})
	slots := b.Event.NumSlots()
	statuses := []event.MeetingStatus{event.StatusProposed, event.StatusConfirmed, event.StatusHeld, event.StatusNoShow}
	id := int64(0)
	for s := 0; s < slots; s++ {
		for t := 0; t < tables; t++ {
			id++
			// startup and company differ in every slot: rotate by the slot
			b.Meetings = append(b.Meetings, event.Meeting{ID: id, StartupID: b.Startups[(t+s*tables)%len(b.Startups)].ID,
				CompanyID: b.Companies[(t+s)%len(b.Companies)].ID, Slot: s, Table: t, Status: statuses[int(id)%4],
				Locked: id%7 == 0, Score: 0.5, Version: 1})
		}
	}
	return NewData(b)
}

// benchScheduleView measures opening the Schedule view on a grid of
// tables × 36 slots: the view is built, filled from the snapshot and its
// visible cells drawn at 1366×768. Target: under 300 ms.
func benchScheduleView(b *testing.B, tables int) {
	d := gridData(tables)
	a := test.NewTempApp(b)
	u := New(a, event.Ja, DefaultServices())
	u.clk = instantClock()
	defer u.Close()
	u.data = d
	w := u.Window()
	w.Resize(fyne.NewSize(1366, 768))
	w.Canvas().Capture()
	cpu0 := cputime.Used()
	b.ResetTimer()
	for b.Loop() {
		u.scheduleV = nil // the view is built on its first visit, as after opening a file
		u.stale[5] = true
		if err := u.ShowView("event"); err != nil {
			b.Fatal(err)
		}
		if err := u.ShowView("schedule"); err != nil {
			b.Fatal(err)
		}
		w.Canvas().Capture()
		if len(u.scheduleV.cells) != 36 || len(u.scheduleV.cells[0]) != tables {
			b.Fatal("grid not filled")
		}
	}
	b.ReportMetric(float64((cputime.Used()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
}

func BenchmarkScheduleView150x36(b *testing.B)  { benchScheduleView(b, 150) }
func BenchmarkScheduleView2000x36(b *testing.B) { benchScheduleView(b, 2000) }
