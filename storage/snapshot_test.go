package storage

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"pitchmatch/event"
)

// TestSnapshotIsOneState: while another connection keeps adding a startup
// together with its application in one transaction, every Snapshot holds
// as many applications as new startups, each naming a startup of the same
// snapshot. Reads table by table would see applications of startups they
// did not load.
func TestSnapshotIsOneState(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	if err := db.Import(ctx, "t", &event.Batch{
		Companies: []*event.Company{{ID: "C1", Name: event.T("企業", "Company")}},
		Themes:    []*event.Theme{{ID: "T1", CompanyID: "C1", Title: event.T("テーマ", "Theme")}},
	}); err != nil {
		t.Fatal(err)
	}
	other, err := Open(ctx, db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for k := 0; ; k++ {
			select {
			case <-stop:
				return
			default:
			}
			id := fmt.Sprintf("S%05d", k)
			err := other.Import(ctx, "w", &event.Batch{
				Startups:  []*event.Startup{{ID: id, Name: event.T("新", "New")}},
				Interests: []event.Interest{{Kind: event.InterestApply, StartupID: id, ThemeID: "T1", By: event.KindStartup}},
			})
			if err != nil {
				t.Error(err)
				return
			}
		}
	}()
	sizes := map[int]bool{}
	for n := 0; n < 60 || len(sizes) < 5; n++ {
		if n > 10000 {
			t.Fatal("the writer made no progress")
		}
		b, err := db.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		have := map[string]bool{}
		for _, s := range b.Startups {
			have[s.ID] = true
		}
		if len(b.Interests) != len(b.Startups) {
			t.Fatalf("snapshot %d: %d startups but %d applications", n, len(b.Startups), len(b.Interests))
		}
		for _, i := range b.Interests {
			if !have[i.StartupID] {
				t.Fatalf("snapshot %d: application of %s, a startup not in the snapshot", n, i.StartupID)
			}
		}
		sizes[len(b.Startups)] = true
		if len(b.Companies) != 1 || len(b.Themes) != 1 || b.Event == nil {
			t.Fatalf("snapshot %d: %d companies %d themes", n, len(b.Companies), len(b.Themes))
		}
	}
	close(stop)
	wg.Wait()
}

func TestInterestsOf(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	if err := db.Import(ctx, "t", &event.Batch{
		Companies: []*event.Company{{ID: "C1", Name: event.T("企業", "Company")}, {ID: "C2", Name: event.T("企業2", "Company 2")}},
		Themes:    []*event.Theme{{ID: "T1", CompanyID: "C1", Title: event.T("テーマ", "Theme")}, {ID: "T2", CompanyID: "C2", Title: event.T("テーマ2", "Theme 2")}},
		Startups:  []*event.Startup{{ID: "S1", Name: event.T("一", "One")}, {ID: "S2", Name: event.T("二", "Two")}},
		Interests: []event.Interest{
			{Kind: event.InterestApply, StartupID: "S1", ThemeID: "T1", By: event.KindStartup},
			{Kind: event.InterestApply, StartupID: "S2", ThemeID: "T1", By: event.KindStartup},
			{Kind: event.InterestApply, StartupID: "S1", ThemeID: "T2", By: event.KindStartup},
		},
	}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		kind event.ParticipantKind
		id   string
		want int
	}{{event.KindStartup, "S1", 2}, {event.KindStartup, "S2", 1}, {event.KindCompany, "C1", 2}, {event.KindCompany, "C2", 1}, {event.KindStartup, "S9", 0}} {
		got, err := db.InterestsOf(ctx, c.kind, c.id)
		if err != nil || len(got) != c.want {
			t.Errorf("InterestsOf(%s %s): %d %v, want %d", c.kind, c.id, len(got), err, c.want)
		}
		for _, i := range got {
			if (c.kind == event.KindStartup && i.StartupID != c.id) || (c.kind == event.KindCompany && i.CompanyID != c.id) {
				t.Errorf("InterestsOf(%s %s) returned %+v", c.kind, c.id, i)
			}
		}
	}
	if _, err := db.InterestsOf(ctx, "judge", "J1"); event.ErrorCode(err) != event.EInvalid {
		t.Errorf("unknown kind: %v", err)
	}
}
