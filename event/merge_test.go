package event

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomise sets field f of rec to a random value from a small pool, so
// that the two sides sometimes pick the same one.
func randomise(r *rand.Rand, f *Field, rec any) {
	pool := []string{"", "α", "β", "心電図", "ECG"}
	switch {
	case f.Type.Bilingual():
		t := f.Text(rec)
		switch r.IntN(3) {
		case 0:
			t.Ja = pool[r.IntN(len(pool))]
		case 1:
			t.En = pool[r.IntN(len(pool))]
		default:
			t.Ja, t.En = pool[r.IntN(len(pool))], pool[r.IntN(len(pool))]
		}
	case f.Type.Number():
		*f.Int(rec) = r.IntN(4)
	case f.Type == TypeDecimal:
		var d *float64
		if k := r.IntN(4); k > 0 {
			v := []float64{0, 0.05, 0.5}[k-1]
			d = &v
		}
		*f.Decimal(rec) = d
	case f.Type.List():
		items := []string{"a", "b", "c", "d", "e", "f"}
		if f.Vocab != nil {
			items = f.Vocab.Codes()[:min(6, len(f.Vocab.Codes()))]
		}
		l := f.List(rec)
		switch r.IntN(3) {
		case 0: // add one
			x := items[r.IntN(len(items))]
			if !slices.Contains(*l, x) {
				*l = append(slices.Clone(*l), x)
			}
		case 1: // remove one
			if len(*l) > 0 {
				k := r.IntN(len(*l))
				*l = slices.Delete(slices.Clone(*l), k, k+1)
			}
		default:
			var out []string
			for _, x := range items {
				if r.IntN(2) == 0 {
					out = append(out, x)
				}
			}
			*l = out
		}
	default:
		*f.String(rec) = pool[r.IntN(len(pool))]
	}
}

func cloneRec[R any](rec *R, entity string) *R {
	out := *rec
	fs := Fields(entity)
	for i := range fs {
		if fs[i].Type.List() {
			*fs[i].List(&out) = slices.Clone(*fs[i].List(rec))
		}
	}
	return &out
}

// value of path (a Changed path) in rec, for comparisons.
func valueAt(fs []Field, rec any, path string) string {
	for _, f := range fs {
		switch {
		case f.Type.Bilingual() && path == f.Name+".ja":
			return f.Text(rec).Ja
		case f.Type.Bilingual() && path == f.Name+".en":
			return f.Text(rec).En
		case path == f.Name:
			return fmt.Sprint(f.Cells(rec))
		}
	}
	panic("no path " + path)
}

func checkMergeProperty[R any](t *testing.T, entity string, newRec func() *R, trials int) {
	r := rand.New(rand.NewPCG(1, uint64(len(entity))))
	fs := Fields(entity)
	conflicts, fromMine, fromTheirs := 0, 0, 0
	for trial := 0; trial < trials; trial++ {
		base := newRec()
		for i := range fs {
			if r.IntN(2) == 0 {
				randomise(r, &fs[i], base)
			}
		}
		mine, theirs := cloneRec(base, entity), cloneRec(base, entity)
		for i := range fs {
			if r.IntN(4) == 0 {
				randomise(r, &fs[i], mine)
			}
			if r.IntN(4) == 0 {
				randomise(r, &fs[i], theirs)
			}
		}
		res, err := Merge(entity, base, mine, theirs)
		if err != nil {
			t.Fatal(err)
		}
		out := res.Record
		inConflict := map[string]bool{}
		for _, c := range res.Conflicts {
			inConflict[c.Path] = true
		}
		mineCh, theirsCh := stringSet(Changed(entity, base, mine)), stringSet(Changed(entity, base, theirs))
		for _, f := range fs {
			paths := []string{f.Name}
			if f.Type.Bilingual() {
				paths = []string{f.Name + ".ja", f.Name + ".en"}
			}
			for _, p := range paths {
				b, m, th, o := valueAt(fs, base, p), valueAt(fs, mine, p), valueAt(fs, theirs, p), valueAt(fs, out, p)
				switch {
				case mineCh[p] && !theirsCh[p]:
					fromMine++
					if o != m {
						t.Fatalf("trial %d %s: only mine changed %s (%s → %s) but merged has %s", trial, entity, p, b, m, o)
					}
				case theirsCh[p] && !mineCh[p]:
					fromTheirs++
					if o != th {
						t.Fatalf("trial %d %s: only theirs changed %s (%s → %s) but merged has %s", trial, entity, p, b, th, o)
					}
				case !mineCh[p] && !theirsCh[p]:
					if o != b {
						t.Fatalf("trial %d %s: nobody changed %s but merged has %s", trial, entity, p, o)
					}
				case m == th:
					if o != m || inConflict[p] {
						t.Fatalf("trial %d %s: both changed %s to %s: merged %s conflict=%v", trial, entity, p, m, o, inConflict[p])
					}
				case f.Type.List():
					// Both changed a list: item by item, no conflict.
					bl, ml, tl, ol := stringSet(*f.List(base)), stringSet(*f.List(mine)), stringSet(*f.List(theirs)), *f.List(out)
					for _, x := range ol {
						if !ml[x] && !tl[x] {
							t.Fatalf("trial %d %s: merged %s holds %q, which neither side had", trial, entity, p, x)
						}
					}
					os := stringSet(ol)
					for x := range ml {
						if !bl[x] && !os[x] {
							t.Fatalf("trial %d %s: my addition %q to %s lost", trial, entity, x, p)
						}
					}
					for x := range tl {
						if !bl[x] && !os[x] {
							t.Fatalf("trial %d %s: their addition %q to %s lost", trial, entity, x, p)
						}
					}
					for x := range bl {
						if (!ml[x] || !tl[x]) && os[x] {
							t.Fatalf("trial %d %s: %q removed from %s by one side came back", trial, entity, x, p)
						}
					}
					if len(stringSet(ol)) != len(ol) {
						t.Fatalf("trial %d %s: %s has duplicates: %v", trial, entity, p, ol)
					}
				default:
					conflicts++
					if !inConflict[p] {
						t.Fatalf("trial %d %s: both changed %s (%s / %s) without a conflict", trial, entity, p, m, th)
					}
					if o != th {
						t.Fatalf("trial %d %s: unresolved %s must hold theirs, has %s", trial, entity, p, o)
					}
					// Choosing mine gives mine; the record never holds a
					// value neither side had.
					chosen := cloneRec(out, entity)
					if err := TakeMine(entity, chosen, mine, p); err != nil {
						t.Fatal(err)
					}
					if got := valueAt(fs, chosen, p); got != m {
						t.Fatalf("trial %d %s: TakeMine %s gave %s, want %s", trial, entity, p, got, m)
					}
				}
				if o != m && o != th && !f.Type.List() {
					t.Fatalf("trial %d %s: %s = %s is a value neither side had (%s / %s)", trial, entity, p, o, m, th)
				}
			}
		}
		for _, c := range res.Conflicts {
			if !mineCh[c.Path] || !theirsCh[c.Path] {
				t.Fatalf("trial %d: conflict on %s, which one side did not change", trial, c.Path)
			}
		}
	}
	if conflicts == 0 || fromMine == 0 || fromTheirs == 0 {
		t.Fatalf("%s: generator too weak: conflicts %d, mine %d, theirs %d", entity, conflicts, fromMine, fromTheirs)
	}
}

func TestMergeProperties(t *testing.T) {
	checkMergeProperty(t, EntityStartup, func() *Startup { return &Startup{ID: "S1", Version: 3} }, 3000)
	checkMergeProperty(t, EntityCompany, func() *Company { return &Company{ID: "C1", Version: 3} }, 2000)
	checkMergeProperty(t, EntityTheme, func() *Theme { return &Theme{ID: "T1", CompanyID: "C1", Version: 3} }, 2000)
	checkMergeProperty(t, EntityEvent, func() *Event { return &Event{Version: 3} }, 1000)
}

// The case of issue 13: one tab changes the headcount, the other the
// website; the merge keeps both without asking.
func TestMergeTwoTabs(t *testing.T) {
	base := &Startup{ID: "S1", Version: 4, Name: T("α", "A"), Headcount: 65, Website: "https://old.example/", Areas: []string{"oncology"}}
	tab1 := cloneRec(base, EntityStartup)
	tab1.Headcount = 11
	tab1.Version = 5 // stored
	tab2 := cloneRec(base, EntityStartup)
	tab2.Website = "https://new.example/"
	tab2.Areas = append(tab2.Areas, "cardiovascular")
	res, err := Merge(EntityStartup, base, tab2, tab1)
	if err != nil {
		t.Fatal(err)
	}
	got := res.Record
	if len(res.Conflicts) != 0 || got.Headcount != 11 || got.Website != "https://new.example/" || got.Version != 5 ||
		!slices.Equal(got.Areas, []string{"oncology", "cardiovascular"}) {
		t.Fatalf("merged %+v conflicts %v", got, res.Conflicts)
	}
	if !slices.Equal(res.Theirs, []string{"headcount"}) || !slices.Equal(res.Mine, []string{"areas", "website"}) {
		t.Fatalf("theirs %v mine %v", res.Theirs, res.Mine)
	}
}
