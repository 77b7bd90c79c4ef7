package storage

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"pitchmatch/event"
)

// statementFixture stores startup S1 and S2 and company C1 with themes
// T00…T(n-1).
func statementFixture(t testing.TB, path string, n int) {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	b := &event.Batch{
		Event:     testEvent(),
		Companies: []*event.Company{{ID: "C1", Name: event.T("企業", "Company")}, {ID: "C2", Name: event.T("企業二", "Company 2")}},
		Startups:  []*event.Startup{{ID: "S1", Name: event.T("一", "One")}, {ID: "S2", Name: event.T("二", "Two")}},
	}
	for k := 0; k < n; k++ {
		b.Themes = append(b.Themes, &event.Theme{ID: fmt.Sprintf("T%02d", k), CompanyID: "C1", Title: event.T("テーマ", "Theme")})
	}
	if err := db.Import(ctx, "test", b); err != nil {
		t.Fatal(err)
	}
}

// tickThemes sets S1's statements on themes T(from)…T(to-1): three rounds
// of no_thanks then apply, ending applied. With desktop, odd themes go the
// desktop's way (DeleteInterest and AddInterest of single statements).
func tickThemes(ctx context.Context, db *DB, from, to int, desktop bool) error {
	for round := 0; round < 3; round++ {
		for k := from; k < to; k++ {
			th := fmt.Sprintf("T%02d", k)
			if desktop && k%2 == 1 {
				l, err := db.InterestsOf(ctx, event.KindStartup, "S1")
				if err != nil {
					return err
				}
				for _, in := range l {
					if in.ThemeID == th && in.By == event.KindStartup {
						if err := db.DeleteInterest(ctx, "desktop", in.ID); err != nil && event.ErrorCode(err) != event.ENotFound {
							return err
						}
					}
				}
				if err := db.AddInterest(ctx, "desktop", &event.Interest{Kind: event.InterestApply, StartupID: "S1", ThemeID: th, By: event.KindStartup}); err != nil {
					return err
				}
				continue
			}
			for _, kind := range []event.InterestKind{event.InterestNoThanks, event.InterestApply} {
				if _, err := db.SetStartupInterest(ctx, "startup:S1", "S1", th, kind, 0); err != nil {
					return fmt.Errorf("%s %s: %w", th, kind, err)
				}
			}
		}
	}
	return nil
}

func themeIDs(l []event.Interest, kind event.InterestKind) []string {
	var out []string
	for _, in := range l {
		if in.Kind == kind {
			out = append(out, in.ThemeID)
		}
	}
	slices.Sort(out)
	return out
}

// TestPerThemeInterestsTwoProcesses: the portal's per-theme write and a
// desktop writing the same startup's applications from another process at
// the same moment: every theme either side set ends applied — neither
// process's write erases the other's (issue 13).
func TestPerThemeInterestsTwoProcesses(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "event.db")
	statementFixture(t, path, 40)
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stop := helper(t, "tick-themes", path)
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for g := 0; g < 4; g++ { // four portal requests at a time in this process
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := tickThemes(ctx, db, 5*g, 5*g+5, false); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	stop()
	l, err := db.InterestsOf(ctx, event.KindStartup, "S1")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for k := 0; k < 40; k++ {
		want = append(want, fmt.Sprintf("T%02d", k))
	}
	if got := themeIDs(l, event.InterestApply); !slices.Equal(got, want) {
		t.Errorf("applied after both processes: %v, want all 40 (%d)", got, len(got))
	}
	if got := themeIDs(l, event.InterestNoThanks); len(got) != 0 {
		t.Errorf("no_thanks left: %v", got)
	}
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

func TestSetStartupInterest(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "event.db")
	statementFixture(t, path, 4)
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// The other side's statements are never touched.
	req := event.Interest{Kind: event.InterestRequest, StartupID: "S1", CompanyID: "C1", ThemeID: "T00", By: event.KindCompany}
	if err := db.AddInterest(ctx, "scout", &req); err != nil {
		t.Fatal(err)
	}
	entries := func() int {
		l, err := db.AuditOf(ctx, "startup", "S1", 0)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, e := range l {
			if e.Action == "interest.set" {
				n++
			}
		}
		return n
	}
	for _, c := range []struct {
		theme      string
		kind       event.InterestKind
		max        int
		apply, not []string
		audits     int
		code       string
	}{
		{theme: "T00", kind: event.InterestApply, apply: []string{"T00"}, audits: 1},
		{theme: "T00", kind: event.InterestApply, apply: []string{"T00"}, audits: 1}, // again: nothing written
		{theme: "T01", kind: event.InterestApply, apply: []string{"T00", "T01"}, audits: 2},
		{theme: "T00", kind: event.InterestNoThanks, apply: []string{"T01"}, not: []string{"T00"}, audits: 3},
		{theme: "T02", kind: event.InterestApply, max: 2, apply: []string{"T01"}, not: []string{"T00"}, audits: 3, code: event.EInvalid},
		{theme: "T00", kind: event.InterestApply, max: 2, apply: []string{"T00", "T01"}, audits: 4}, // a swap stays within the cap
		{theme: "T01", kind: "", apply: []string{"T00"}, audits: 5},
		{theme: "T03", kind: "", apply: []string{"T00"}, audits: 5},
		{theme: "T99", kind: event.InterestApply, apply: []string{"T00"}, audits: 5, code: event.EInvalid},
		{theme: "T02", kind: event.InterestMustMeet, apply: []string{"T00"}, audits: 5, code: event.EInvalid},
	} {
		name := fmt.Sprintf("%s %q max %d", c.theme, c.kind, c.max)
		got, err := db.SetStartupInterest(ctx, "startup:S1", "S1", c.theme, c.kind, c.max)
		if event.ErrorCode(err) != c.code && !(c.code == "" && err == nil) {
			t.Errorf("%s: error %v, want code %q", name, err, c.code)
		}
		stored, rerr := db.InterestsOf(ctx, event.KindStartup, "S1")
		if rerr != nil {
			t.Fatal(rerr)
		}
		if a, n := themeIDs(stored, event.InterestApply), themeIDs(stored, event.InterestNoThanks); !slices.Equal(a, c.apply) || !slices.Equal(n, c.not) {
			t.Errorf("%s: stored apply %v no_thanks %v, want %v %v", name, a, n, c.apply, c.not)
		}
		if err == nil && (!slices.Equal(themeIDs(got, event.InterestApply), c.apply) || !slices.Equal(themeIDs(got, event.InterestNoThanks), c.not)) {
			t.Errorf("%s: returned %v", name, got)
		}
		if n := entries(); n != c.audits {
			t.Errorf("%s: %d interest.set entries, want %d", name, n, c.audits)
		}
		if len(themeIDs(stored, event.InterestRequest)) != 1 {
			t.Errorf("%s: the scout's request is gone", name)
		}
	}
	if _, err := db.SetStartupInterest(ctx, "x", "S9", "T00", event.InterestApply, 0); event.ErrorCode(err) != event.ENotFound {
		t.Errorf("unknown startup: %v", err)
	}
}

func TestSetStartupInterestsIfChecksInTransaction(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "event.db")
	statementFixture(t, path, 3)
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.SetStartupInterest(ctx, "tab2", "S1", "T02", event.InterestApply, 0); err != nil {
		t.Fatal(err)
	}
	var seen []string
	stale := errors.New("stale")
	err = db.SetStartupInterestsIf(ctx, "tab1", "S1", []event.Interest{{Kind: event.InterestApply, ThemeID: "T00"}}, func(stored []event.Interest) error {
		seen = themeIDs(stored, event.InterestApply)
		return stale
	})
	if !errors.Is(err, stale) || !slices.Equal(seen, []string{"T02"}) {
		t.Fatalf("check saw %v, err %v", seen, err)
	}
	l, _ := db.InterestsOf(ctx, event.KindStartup, "S1")
	if got := themeIDs(l, event.InterestApply); !slices.Equal(got, []string{"T02"}) {
		t.Fatalf("a refused replace changed the set: %v", got)
	}
	if err := db.SetStartupInterestsIf(ctx, "tab1", "S1", []event.Interest{{Kind: event.InterestApply, ThemeID: "T00"}}, func([]event.Interest) error { return nil }); err != nil {
		t.Fatal(err)
	}
	l, _ = db.InterestsOf(ctx, event.KindStartup, "S1")
	if got := themeIDs(l, event.InterestApply); !slices.Equal(got, []string{"T00"}) {
		t.Fatalf("accepted replace: %v", got)
	}
}

func TestUpdateAvailabilityMergesInTransaction(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "event.db")
	statementFixture(t, path, 1)
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.SetAvailability(ctx, "desktop", event.KindStartup, "S1", []int{1, 4}); err != nil {
		t.Fatal(err)
	}
	var saw []int
	if err := db.UpdateAvailability(ctx, "portal", event.KindStartup, "S1", func(stored []int) ([]int, error) {
		saw = stored
		return append(stored, 2), nil
	}); err != nil {
		t.Fatal(err)
	}
	got, _ := db.AvailabilityOf(ctx, event.KindStartup, "S1")
	if !slices.Equal(saw, []int{1, 4}) || !slices.Equal(got, []int{1, 2, 4}) {
		t.Fatalf("saw %v, stored %v", saw, got)
	}
	refuse := errors.New("no")
	if err := db.UpdateAvailability(ctx, "portal", event.KindStartup, "S1", func([]int) ([]int, error) { return nil, refuse }); !errors.Is(err, refuse) {
		t.Fatal(err)
	}
	if err := db.UpdateAvailability(ctx, "portal", event.KindStartup, "S1", func([]int) ([]int, error) { return []int{-1}, nil }); event.ErrorCode(err) != event.EInvalid {
		t.Fatalf("slot -1: %v", err)
	}
	got, _ = db.AvailabilityOf(ctx, event.KindStartup, "S1")
	if !slices.Equal(got, []int{1, 2, 4}) {
		t.Fatalf("refused updates changed it: %v", got)
	}
	h, err := db.AuditOf(ctx, "startup", "S1", 1)
	if err != nil || len(h) != 1 || len(h[0].Changes) != 1 || h[0].Changes[0].Old != "[1,4]" || h[0].Changes[0].New != "[1,2,4]" {
		t.Fatalf("history of the change: %+v %v", h, err)
	}
}

func TestAnswerInterest(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "event.db")
	statementFixture(t, path, 2)
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	req := event.Interest{Kind: event.InterestRequest, StartupID: "S1", CompanyID: "C1", ThemeID: "T00", By: event.KindCompany}
	if err := db.AddInterest(ctx, "scout", &req); err != nil {
		t.Fatal(err)
	}
	answers := func() []event.InterestKind {
		l, err := db.InterestsOf(ctx, event.KindStartup, "S1")
		if err != nil {
			t.Fatal(err)
		}
		var out []event.InterestKind
		for _, in := range l {
			if in.By == event.KindStartup {
				out = append(out, in.Kind)
			}
		}
		return out
	}
	for _, c := range []struct {
		name string
		a    Answer
		want []event.InterestKind
		code string
	}{
		{"accept", Answer{To: req.ID, Kind: event.InterestRequest, By: event.KindStartup, Party: "S1", With: event.InterestMustMeet}, []event.InterestKind{event.InterestMustMeet}, ""},
		{"accept again", Answer{To: req.ID, Kind: event.InterestRequest, By: event.KindStartup, Party: "S1", With: event.InterestMustMeet}, []event.InterestKind{event.InterestMustMeet}, ""},
		{"decline replaces", Answer{To: req.ID, Kind: event.InterestRequest, By: event.KindStartup, Party: "S1", With: event.InterestNoThanks}, []event.InterestKind{event.InterestNoThanks}, ""},
		{"another startup", Answer{To: req.ID, Kind: event.InterestRequest, By: event.KindStartup, Party: "S2", With: event.InterestMustMeet}, []event.InterestKind{event.InterestNoThanks}, event.ENotFound},
		{"wrong kind", Answer{To: req.ID, Kind: event.InterestApply, By: event.KindStartup, Party: "S1", With: event.InterestMustMeet}, []event.InterestKind{event.InterestNoThanks}, event.ENotFound},
		{"own side's", Answer{To: req.ID, Kind: event.InterestRequest, By: event.KindCompany, Party: "C1", With: event.InterestMustMeet}, []event.InterestKind{event.InterestNoThanks}, event.ENotFound},
		{"no such", Answer{To: 9999, Kind: event.InterestRequest, By: event.KindStartup, Party: "S1", With: event.InterestMustMeet}, []event.InterestKind{event.InterestNoThanks}, event.ENotFound},
		{"bad answer", Answer{To: req.ID, Kind: event.InterestRequest, By: event.KindStartup, Party: "S1", With: event.InterestApply}, []event.InterestKind{event.InterestNoThanks}, event.EInvalid},
		{"undo", Answer{To: req.ID, Kind: event.InterestRequest, By: event.KindStartup, Party: "S1"}, nil, ""},
		{"undo again", Answer{To: req.ID, Kind: event.InterestRequest, By: event.KindStartup, Party: "S1"}, nil, ""},
	} {
		err := db.AnswerInterest(ctx, "startup:S1", c.a)
		if event.ErrorCode(err) != c.code && !(c.code == "" && err == nil) {
			t.Errorf("%s: %v, want code %q", c.name, err, c.code)
		}
		if got := answers(); !slices.Equal(got, c.want) {
			t.Errorf("%s: startup's statements %v, want %v", c.name, got, c.want)
		}
	}
}

func TestDeleteMarks(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "event.db")
	statementFixture(t, path, 2)
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, in := range []event.Interest{
		{Kind: event.InterestShortlist, StartupID: "S1", CompanyID: "C1", ThemeID: "T00", By: event.KindCompany},
		{Kind: event.InterestShortlist, StartupID: "S1", CompanyID: "C1", ThemeID: "T01", By: event.KindCompany},
		{Kind: event.InterestShortlist, StartupID: "S1", CompanyID: "C1", By: event.KindCompany},
		{Kind: event.InterestShortlist, StartupID: "S2", CompanyID: "C1", ThemeID: "T00", By: event.KindCompany},
		{Kind: event.InterestShortlist, StartupID: "S1", CompanyID: "C2", By: event.KindCompany},
		{Kind: event.InterestRequest, StartupID: "S1", CompanyID: "C1", ThemeID: "T00", By: event.KindCompany},
	} {
		if err := db.AddInterest(ctx, "scout", &in); err != nil {
			t.Fatal(err)
		}
	}
	count := func() int {
		l, _ := db.Interests(ctx)
		return len(l)
	}
	if n, err := db.DeleteMarks(ctx, "scout", "C1", "S1", event.InterestShortlist, "T00"); err != nil || n != 1 || count() != 5 {
		t.Fatalf("one theme: %d %v, %d left", n, err, count())
	}
	if n, err := db.DeleteMarks(ctx, "scout", "C1", "S1", event.InterestShortlist, ""); err != nil || n != 2 || count() != 3 {
		t.Fatalf("every theme: %d %v, %d left", n, err, count())
	}
	if n, err := db.DeleteMarks(ctx, "scout", "C1", "S1", event.InterestShortlist, ""); err != nil || n != 0 {
		t.Fatalf("none left: %d %v", n, err)
	}
}

func TestMeetingStepsCheckTheParty(t *testing.T) {
	ctx := context.Background()
	db, m := lifecycleFixture(t)
	if _, err := db.ActOnMeeting(ctx, "startup:S00001", MeetingStep{ID: m.ID, By: event.KindStartup, Action: event.ActAccept, Party: "S00001"}); event.ErrorCode(err) != event.EForbidden {
		t.Fatalf("another startup's step: %v", err)
	}
	if _, err := db.ActOnMeeting(ctx, "scout", MeetingStep{ID: m.ID, By: event.KindCompany, Action: event.ActAccept, Party: "C001"}); event.ErrorCode(err) != event.EForbidden {
		t.Fatalf("another company's step: %v", err)
	}
	step(t, db, "startup", m.ID, event.KindStartup, event.ActAccept)
	if _, err := db.ActOnMeeting(ctx, "scout", MeetingStep{ID: m.ID, By: event.KindCompany, Action: event.ActAccept, Party: m.CompanyID}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.RecordOutcomeAs(ctx, "s", "S00001", m.ID, event.KindStartup, event.OutcomeDeal, ""); event.ErrorCode(err) != event.EForbidden {
		t.Fatalf("another startup's outcome: %v", err)
	}
	if _, err := db.RecordOutcomeAs(ctx, "s", m.StartupID, m.ID, event.KindStartup, event.OutcomeDeal, ""); err != nil {
		t.Fatal(err)
	}
}
