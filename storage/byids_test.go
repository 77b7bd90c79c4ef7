package storage

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"pitchmatch/event"
)

// TestByIDs: the bulk reads give exactly the records one read each gives,
// for any set of IDs (repeated, unknown, quoted, none), ordered by ID.
func TestByIDs(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	b := seed(t, db, 30, 6)
	for _, ids := range [][]string{
		nil, {}, {"nope"}, {b.Startups[3].ID}, {b.Startups[9].ID, b.Startups[2].ID, b.Startups[9].ID, `x"y`, "'; DROP TABLE startups; --"},
		{b.Startups[0].ID, b.Startups[29].ID, b.Startups[15].ID},
	} {
		got, err := db.StartupsByID(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, s := range b.Startups {
			for _, id := range ids {
				if s.ID == id {
					want = append(want, id)
					break
				}
			}
		}
		if len(got) != len(want) {
			t.Fatalf("%v: %d startups, want %d", ids, len(got), len(want))
		}
		for i, s := range got {
			one, err := db.Startup(ctx, s.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(s, one) || (i > 0 && got[i-1].ID >= s.ID) {
				t.Fatalf("%v: row %d %+v, one read %+v", ids, i, s, one)
			}
		}
	}
	cs, err := db.CompaniesByID(ctx, []string{b.Companies[4].ID, b.Companies[1].ID, "none"})
	if err != nil || len(cs) != 2 || cs[0].ID != b.Companies[1].ID || cs[1].ID != b.Companies[4].ID {
		t.Fatalf("companies %v %v", cs, err)
	}
	if one, _ := db.Company(ctx, cs[1].ID); !reflect.DeepEqual(one, cs[1]) {
		t.Fatalf("company %+v, one read %+v", cs[1], one)
	}
	ths, err := db.ThemesByID(ctx, []string{b.Themes[5].ID, b.Themes[0].ID})
	if err != nil || len(ths) != 2 || ths[0].ID != b.Themes[0].ID {
		t.Fatalf("themes %v %v", ths, err)
	}
	if one, _ := db.Theme(ctx, ths[1].ID); !reflect.DeepEqual(one, ths[1]) {
		t.Fatalf("theme %+v, one read %+v", ths[1], one)
	}
	for _, c := range []struct {
		entity string
		ids    []string
		want   map[string]string // id → English name
	}{
		{"startup", []string{b.Startups[1].ID, "nope", b.Startups[7].ID, b.Startups[1].ID}, map[string]string{b.Startups[1].ID: b.Startups[1].Name.En, b.Startups[7].ID: b.Startups[7].Name.En}},
		{"company", []string{b.Companies[2].ID}, map[string]string{b.Companies[2].ID: b.Companies[2].Name.En}},
		{"theme", []string{b.Themes[3].ID, b.Themes[0].ID}, map[string]string{b.Themes[3].ID: b.Themes[3].Title.En, b.Themes[0].ID: b.Themes[0].Title.En}},
		{"theme", nil, map[string]string{}},
	} {
		got, err := db.NamesByID(ctx, c.entity, c.ids)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(c.want) {
			t.Fatalf("%s %v: %v", c.entity, c.ids, got)
		}
		for id, en := range c.want {
			if got[id].En != en || got[id].Ja == "" {
				t.Fatalf("%s %s: %+v, want %q", c.entity, id, got[id], en)
			}
		}
	}
	if _, err := db.NamesByID(ctx, "meeting", []string{"1"}); err == nil {
		t.Fatal("unknown entity: no error")
	}
}

// TestThemesStamp: the stamp changes with every change of the event, a
// company or a theme (added, edited, deleted), and only then.
func TestThemesStamp(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	b := seed(t, db, 5, 3)
	stamp := func() string {
		s, err := db.ThemesStamp(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	model := func() string {
		s, err := db.ModelStamp(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	prev, prevModel := stamp(), model()
	step := func(what string, change func() error, changes bool) {
		t.Helper()
		if err := change(); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		s, m := stamp(), model()
		if (s != prev) != changes {
			t.Fatalf("%s: stamp %q → %q", what, prev, s)
		}
		modelChanges := changes || strings.Contains(what, "startup") || strings.Contains(what, "interest") || strings.Contains(what, "embedding")
		if (m != prevModel) != modelChanges {
			t.Fatalf("%s: model stamp %q → %q", what, prevModel, m)
		}
		prev, prevModel = s, m
	}
	step("nothing", func() error { return nil }, false)
	step("a startup edited", func() error {
		st, _ := db.Startup(ctx, b.Startups[0].ID)
		st.Name.En += " X"
		return db.SaveStartup(ctx, "test", st)
	}, false)
	step("a theme edited", func() error {
		th, _ := db.Theme(ctx, b.Themes[1].ID)
		th.Title.En += " X"
		return db.SaveTheme(ctx, "test", th)
	}, true)
	step("a company edited", func() error {
		c, _ := db.Company(ctx, b.Companies[2].ID)
		c.Name.En += " X"
		return db.SaveCompany(ctx, "test", c)
	}, true)
	step("the event edited", func() error {
		ev, _ := db.Event(ctx)
		ev.Venue.En = "Hall B"
		return db.SaveEvent(ctx, "test", ev)
	}, true)
	step("a theme added", func() error {
		return db.SaveTheme(ctx, "test", &event.Theme{ID: "T-new", CompanyID: b.Companies[0].ID, Title: event.T("新テーマ", "New theme")})
	}, true)
	step("a theme deleted", func() error { return db.DeleteTheme(ctx, "test", "T-new") }, true)
	in := event.Interest{Kind: event.InterestShortlist, StartupID: b.Startups[1].ID, CompanyID: b.Companies[0].ID, By: event.KindCompany}
	step("an interest added", func() error { return db.AddInterest(ctx, "test", &in) }, false)
	step("an interest deleted", func() error {
		l, err := db.InterestsOf(ctx, event.KindCompany, b.Companies[0].ID)
		if err != nil || len(l) == 0 {
			return fmt.Errorf("interests %v %v", l, err)
		}
		return db.DeleteInterest(ctx, "test", l[len(l)-1].ID)
	}, false)
	step("an embedding cached", func() error {
		return db.SaveVectors(ctx, "test-model", map[string][]float32{"k1": {0.1, 0.2}})
	}, false)
	step("a meeting stored (not ranked on)", func() error {
		return db.Import(ctx, "test", &event.Batch{Meetings: []event.Meeting{{StartupID: b.Startups[0].ID, CompanyID: b.Companies[0].ID, Slot: 0, Table: 0, Status: event.StatusProposed}}})
	}, false)
}
