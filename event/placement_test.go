package event

import (
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"testing"
)

func TestVenueCheck(t *testing.T) {
	ev := &Event{SlotMinutes: 30, Tables: 3, Days: []Day{{Date: "2026-10-14", Start: "10:00", Slots: 4}}}
	v := NewVenue(ev, []*Company{{ID: "C1"}, {ID: "C2", Tables: 2}},
		[]Availability{{Kind: KindStartup, ID: "S1", Unavailable: []int{3}}, {Kind: KindCompany, ID: "C2", Unavailable: []int{0}}})
	ms := []Meeting{
		{ID: 1, StartupID: "S1", CompanyID: "C1", Slot: 0, Table: 0, Status: StatusProposed},
		{ID: 2, StartupID: "S2", CompanyID: "C1", Slot: 1, Table: 0, Status: StatusProposed},
		{ID: 3, StartupID: "S3", CompanyID: "C2", Slot: 2, Table: 1, Status: StatusProposed},
		{ID: 4, StartupID: "S2", CompanyID: "C2", Slot: 2, Table: 2, Status: StatusConfirmed},
		{ID: 5, StartupID: "S3", CompanyID: "C1", Slot: 2, Table: 0, Status: StatusCancelled},
	}
	cases := []struct {
		name             string
		idx, slot, table int
		want             string
	}{
		{"free cell", 0, 2, 0, ""},
		{"table taken, company at its one table", 0, 1, 0, "table_busy,company_busy"},
		{"startup busy", 1, 2, 0, "startup_busy"},
		{"company busy", 0, 1, 1, "company_busy"},
		{"company with two tables", 2, 1, 2, ""},
		{"startup unavailable", 0, 3, 0, "unavailable"},
		{"company unavailable", 2, 0, 1, "unavailable"},
		{"out of range", 0, 9, 0, "range"},
		{"negative table", 0, 1, -1, "range"},
		{"cancelled meetings do not block", 2, 2, 0, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var kinds []string
			for _, p := range v.Check(ms[c.idx], c.slot, c.table, ms, c.idx) {
				kinds = append(kinds, string(p.Kind))
				txt := p.Text("D1 10:00")
				if txt.Ja == "" || txt.En == "" || strings.Contains(txt.Ja+txt.En, "%!") {
					t.Errorf("bad message %+v", txt)
				}
			}
			if got := strings.Join(kinds, ","); got != c.want {
				t.Fatalf("got %q, want %q", got, c.want)
			}
		})
	}
	// A second meeting of the same pair.
	twice := Meeting{StartupID: "S1", CompanyID: "C1", Status: StatusProposed}
	if p := v.Check(twice, 1, 2, ms, -1); len(p) != 2 || p[0].Kind != PlaceCompanyBusy || p[1].Kind != PlacePairTwice {
		t.Fatalf("pair twice: %+v", p)
	}
}

// TestCheckAllAgreesWithCheck: on random schedules, CheckAll flags a
// meeting exactly when Check, given the meetings before it, does (the
// collision is reported on the later meeting).
func TestCheckAllAgreesWithCheck(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for trial := 0; trial < 300; trial++ {
		v := &Venue{Slots: 1 + r.Intn(4), Tables: 1 + r.Intn(3), Parallel: map[string]int{"C0": 2}}
		v.SetUnavailable(KindStartup, "S0", []int{0})
		n := r.Intn(12)
		ms := make([]Meeting, n)
		for i := range ms {
			st := StatusProposed
			if r.Intn(5) == 0 {
				st = StatusCancelled
			}
			ms[i] = Meeting{ID: int64(i + 1), StartupID: fmt.Sprint("S", r.Intn(4)), CompanyID: fmt.Sprint("C", r.Intn(3)),
				Slot: r.Intn(v.Slots+1) - r.Intn(2)*0, Table: r.Intn(v.Tables + 1), Status: st}
		}
		var want []string
		for i, m := range ms {
			if !m.Active() {
				continue
			}
			for _, p := range v.Check(m, m.Slot, m.Table, ms[:i], -1) {
				want = append(want, fmt.Sprint(m.ID, p.Kind))
			}
		}
		var got []string
		for _, p := range v.CheckAll(ms) {
			got = append(got, fmt.Sprint(p.Meeting, p.Kind))
		}
		// Check reports a company over its tables once per meeting like
		// CheckAll; several table or startup collisions Check lists each,
		// CheckAll once: compare as sets.
		if a, b := set(want), set(got); a != b {
			t.Fatalf("trial %d: Check says %s, CheckAll %s\n%+v", trial, a, b, ms)
		}
	}
}

func set(xs []string) string {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	out := make([]string, 0, len(m))
	for x := range m {
		out = append(out, x)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}
