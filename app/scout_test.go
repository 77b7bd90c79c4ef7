package app

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pitchmatch/event"
	"pitchmatch/matching"
)

// rowIDs are the startup IDs of the rows the rankings list shows, in order,
// with their scores.
func rowIDs(v *rankingsView) ([]string, []float64) {
	var ids []string
	var scores []float64
	for _, r := range v.rows {
		ids = append(ids, r.StartupID)
		scores = append(scores, r.Score)
	}
	return ids, scores
}

func suggestionLabels(t *typeahead) []string {
	var out []string
	for _, o := range t.box.Objects {
		if b, ok := o.(*widget.Button); ok {
			out = append(out, b.Text)
		}
	}
	return out
}

// TestScoutWorkspace covers the scout's workspace: a type-ahead company and
// theme picker, "N of M" with the true M, decisions that change a row's
// status but not its score or place, no thanks hidden and shown, re-score,
// the filters and the sorts.
func TestScoutWorkspace(t *testing.T) {
	u, path := openUI(t, event.Ja)
	u.ShowView("rankings")
	u.Wait()
	v := u.rankingsV
	d := u.Data()

	// The company type-ahead: typing part of one company's name lists it
	// (and only companies containing the text); picking it scopes the
	// theme picker to its themes.
	c := d.Companies[2]
	part := []rune(c.Name.Ja)
	q := string(part[len(part)-3:])
	test.Type(v.company, q)
	got := suggestionLabels(v.company)
	if !slices.Contains(got, c.ID+" "+c.Name.Ja) {
		t.Fatalf("typing %q suggests %q, not %s", q, got, c.ID)
	}
	for _, l := range got {
		if !strings.Contains(l, q) {
			t.Fatalf("suggestion %q does not contain %q", l, q)
		}
	}
	v.company.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	v.company.SetText("")
	test.Type(v.company, c.ID)
	v.company.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	u.Wait()
	if v.companyID != c.ID {
		t.Fatalf("company %q picked, want %s", v.companyID, c.ID)
	}
	mine := d.ThemesOf(c.ID)
	if th := d.Theme(v.themeID); th == nil || th.CompanyID != c.ID {
		t.Fatalf("picking %s ranks theme %q", c.ID, v.themeID)
	}
	u.Window().Canvas().Focus(v.theme)
	if got := suggestionLabels(v.theme); len(got) != len(mine) {
		t.Fatalf("theme picker scoped to %s lists %q, want its %d themes", c.ID, got, len(mine))
	}
	// Typing narrows the company's themes; Down + Enter picks the second.
	if len(mine) >= 2 {
		v.theme.SetText("")
		test.Type(v.theme, "T")
		v.theme.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
		v.theme.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		u.Wait()
		if v.themeID != mine[1].ID {
			t.Fatalf("Down+Enter picked %q, want %s", v.themeID, mine[1].ID)
		}
	}
	th := d.Theme(v.themeID)

	// N of M: every startup not declined for the company is ranked (no cap).
	declined := len(d.excludedStartups(th.CompanyID))
	m := len(d.Startups) - declined
	if len(v.ranked) != m {
		t.Fatalf("%d ranked, want %d of %d startups (%d declined)", len(v.ranked), m, len(d.Startups), declined)
	}
	if !strings.Contains(v.status.Text, tr(event.Ja, "sw.n_of_m", m, m+len(v.excludedOnly()))) {
		t.Fatalf("status %q lacks the count of %d", v.status.Text, m)
	}
	before, scores := rowIDs(v)

	// A decision changes the row's status, not its score or place.
	v.list.Select(3)
	picked := v.rows[3]
	test.Tap(v.shortlist)
	u.Wait()
	if got := pairInterests(t, path, picked.StartupID, picked.CompanyID); !slices.Contains(got, event.InterestShortlist) {
		t.Fatalf("shortlist not stored: %v", got)
	}
	after, scores2 := rowIDs(v)
	if !slices.Equal(before, after) || !slices.Equal(scores, scores2) {
		t.Fatalf("the shortlist reordered or rescored the list:\n%v %v\n%v %v", before, scores, after, scores2)
	}
	if v.selected != 3 || v.rows[3].StartupID != picked.StartupID {
		t.Fatalf("selection moved to %d", v.selected)
	}
	row := v.list.CreateItem()
	v.list.UpdateItem(3, row)
	if name := row.(*fyne.Container).Objects[0].(*widget.Label).Text; !strings.HasPrefix(name, "4. ") || !strings.Contains(name, event.InterestKinds.Label(string(event.InterestShortlist), event.Ja)) {
		t.Fatalf("row %q: want place 4 and the shortlist badge", name)
	}
	if !strings.Contains(v.status.Text, tr(event.Ja, "sw.decisions_pending")) || v.rescore.Disabled() {
		t.Fatalf("the status %q should say decisions are not in the scores yet", v.status.Text)
	}

	// Filters: the decision filter shows just the shortlisted row; the text
	// filter narrows N and keeps M.
	v.decision.SetSelected(event.InterestKinds.Label(string(event.InterestShortlist), event.Ja))
	if len(v.rows) != 1 || v.rows[0].StartupID != picked.StartupID || v.rows[0].Rank != 4 {
		t.Fatalf("shortlisted filter: %+v", v.rows)
	}
	v.decision.SetSelectedIndex(0)
	s := d.Startup(before[0])
	v.query.SetText(s.ID)
	if len(v.rows) != 1 || v.rows[0].StartupID != s.ID || !strings.Contains(v.status.Text, tr(event.Ja, "sw.n_of_m", 1, m+len(v.excludedOnly()))) {
		t.Fatalf("text filter %q: %d rows, status %q", s.ID, len(v.rows), v.status.Text)
	}
	v.query.SetText("")
	if s.DevStage != "" {
		v.stage.SetSelected(event.DevStages.Label(s.DevStage, event.Ja))
		for _, r := range v.rows {
			if d.Startup(r.StartupID).DevStage != s.DevStage {
				t.Fatalf("stage filter shows %s", r.StartupID)
			}
		}
		if len(v.rows) == 0 {
			t.Fatal("stage filter shows nothing")
		}
		v.stage.SetSelectedIndex(0)
	}
	// Sort by name, then back to the ranking's order.
	v.sortBy.SetSelected(tr(event.Ja, "sw.sort_name"))
	for i := 1; i < len(v.rows); i++ {
		a, b := normalise(d.StartupName(v.rows[i-1].StartupID, event.Ja)), normalise(d.StartupName(v.rows[i].StartupID, event.Ja))
		if a > b {
			t.Fatalf("not by name at %d: %q > %q", i, a, b)
		}
	}
	v.sortBy.SetSelectedIndex(0)
	if ids, _ := rowIDs(v); !slices.Equal(ids, before) {
		t.Fatal("the score order did not come back")
	}

	// No thanks: the row leaves the list (counted as hidden) and comes back,
	// in its place, when no thanks are shown.
	for i, r := range v.rows {
		if r.StartupID == picked.StartupID {
			v.list.Select(i)
		}
	}
	test.Tap(v.noThank)
	tapDialog(t, u, tr(event.Ja, "rk.nothanks"))
	u.Wait()
	if ids, _ := rowIDs(v); slices.Contains(ids, picked.StartupID) || len(ids) != len(before)-1 {
		t.Fatalf("the declined row is still listed (%d rows)", len(ids))
	}
	if !strings.Contains(v.status.Text, tr(event.Ja, "sw.hidden", 1)) {
		t.Fatalf("status %q does not count the hidden no-thanks", v.status.Text)
	}
	v.showNo.SetChecked(true)
	if ids, sc := rowIDs(v); !slices.Equal(ids, before) || !slices.Equal(sc, scores) || !v.rows[3].Declined {
		t.Fatalf("shown again: the declined row should be back at place 4 with its score")
	}
	v.showNo.SetChecked(false)

	// Re-score: the decisions now count; the declined pair leaves the
	// ranking (matching excludes it) and is listed apart when shown.
	test.Tap(v.rescore)
	u.Wait()
	if len(v.ranked) != m-1 || slices.ContainsFunc(v.ranked, func(r matching.Result) bool { return r.StartupID == picked.StartupID }) {
		t.Fatalf("after re-score %d ranked, want %d without %s", len(v.ranked), m-1, picked.StartupID)
	}
	if !v.rescore.Disabled() {
		t.Fatal("re-score still offered with nothing pending")
	}
	v.showNo.SetChecked(true)
	last := v.rows[len(v.rows)-1]
	if last.StartupID != picked.StartupID || last.Rank != 0 || !last.Excluded {
		t.Fatalf("the declined pair should be listed last, unranked: %s rank %d excluded %v", last.StartupID, last.Rank, last.Excluded)
	}
	row = v.list.CreateItem()
	v.list.UpdateItem(len(v.rows)-1, row)
	if name := row.(*fyne.Container).Objects[0].(*widget.Label).Text; !strings.HasPrefix(name, "– ") {
		t.Fatalf("declined row %q", name)
	}
	v.list.Select(len(v.rows) - 1)
	if !strings.Contains(v.header.Text, "見送り") {
		t.Fatalf("detail %q does not say why the pair is excluded", v.header.Text)
	}
	if ins, err := otherStore(t, path).Interests(context.Background()); err != nil || len(ins) == 0 {
		t.Fatal(err)
	}
}
