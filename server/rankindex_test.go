package server

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"pitchmatch/event"
	"pitchmatch/event/api"
)

// TestRankingQueriesMatchScan: on a random event, every type-ahead query
// and filter (answered through the posting lists or by a scan, whichever
// the query picks) gives the rows, order, total and pages of a plain scan
// of the theme's full ranking, and each row is the one the full ranking
// shows (the cached explanation of the same model).
func TestRankingQueriesMatchScan(t *testing.T) {
	f := newFixture(t, Options{RatePerSecond: 1e9, RateBurst: 1 << 30})
	ctx := context.Background()
	r := rand.New(rand.NewPCG(15, 15))
	areas, stages, ptypes, classes := event.Areas.Codes(), event.DevStages.Codes(), event.ProductTypes.Codes(), event.DeviceClasses.Codes()
	syll := []string{"メド", "テック", "ハート", "心", "電", "図", "バイオ", "ケア", "med", "tech", "cardio", "neuro", "ａｉ", "Ｘ", "sense", "ロボ"}
	word := func() string {
		var b strings.Builder
		for range 1 + r.IntN(3) {
			b.WriteString(syll[r.IntN(len(syll))])
		}
		return b.String()
	}
	b := &event.Batch{}
	for i := range 400 {
		st := &event.Startup{ID: fmt.Sprintf("R%04d", i), Name: event.T(word()+"株式会社", word()+" Inc"),
			ProductName: event.T(word(), word()), Areas: []string{areas[r.IntN(len(areas))]}, DevStage: stages[r.IntN(len(stages))]}
		if r.IntN(2) == 0 {
			st.Areas = append(st.Areas, areas[r.IntN(len(areas))])
			slices.Sort(st.Areas)
			st.Areas = slices.Compact(st.Areas)
		}
		if r.IntN(3) > 0 {
			st.ProductType = ptypes[r.IntN(len(ptypes))]
		}
		if r.IntN(3) > 0 {
			st.DeviceClass = classes[r.IntN(len(classes))]
		}
		b.Startups = append(b.Startups, st)
	}
	if err := f.db.Import(ctx, "random", b); err != nil {
		t.Fatal(err)
	}
	all, err := f.db.Startups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	marked := map[string]map[string]bool{}
	for i, st := range all {
		if i%7 != 0 {
			continue
		}
		kind := []event.InterestKind{event.InterestShortlist, event.InterestRequest, event.InterestNoThanks}[i%3]
		if err := f.db.AddInterest(ctx, "test", &event.Interest{Kind: kind, StartupID: st.ID, CompanyID: "C1", ThemeID: "T1", By: event.KindCompany}); err != nil {
			t.Fatal(err)
		}
		marked[st.ID] = map[string]bool{[]string{"shortlist", "request", "no_thanks"}[i%3]: true}
	}
	sc := f.scoutInvite("C1", "Scout", time.Hour)
	// The full ranking, 100 rows a page.
	var full []api.RankedStartup
	for page := 1; ; page++ {
		p := decodeAs[api.RankingPage](t, f.do("GET", fmt.Sprintf("/api/v1/scout/themes/T1/startups?per=100&page=%d", page), sc, nil))
		full = append(full, p.Rows...)
		if page >= p.Pages {
			if p.Total != len(full) || p.All != len(full) {
				t.Fatalf("full ranking: total %d all %d rows %d", p.Total, p.All, len(full))
			}
			break
		}
	}
	if len(full) < len(all)-len(all)/7 {
		t.Fatalf("full ranking has %d rows of %d startups", len(full), len(all))
	}
	// Each row is the model's explanation.
	m, _, _, err := f.srv.ranks.get(ctx, f.srv)
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range full {
		res, err := m.Score(row.Startup.ID, "T1")
		if err != nil {
			t.Fatal(err)
		}
		want := contributions(res.Features)
		if row.Rank != i+1 || row.Score != res.Score || !reflect.DeepEqual(row.Features, want) || len(row.Skipped) != len(res.Skipped) {
			t.Fatalf("row %d (%s): rank %d score %v features %+v; model %v %+v", i, row.Startup.ID, row.Rank, row.Score, row.Features, res.Score, want)
		}
		if i > 0 && full[i-1].Score < row.Score {
			t.Fatalf("row %d out of order", i)
		}
	}
	byID := map[string]*event.Startup{}
	for _, st := range all {
		byID[st.ID] = st
	}
	anyOfCodes := func(have, want []string) bool {
		return len(want) == 0 || slices.ContainsFunc(want, func(w string) bool { return slices.Contains(have, w) })
	}
	pick := func(codes []string, n int) []string {
		var out []string
		for range n {
			out = append(out, codes[r.IntN(len(codes))])
		}
		return out
	}
	cmarks, err := f.srv.companyMarks(ctx, "C1", "T1")
	if err != nil {
		t.Fatal(err)
	}
	indexed, scanned := 0, 0
	for trial := range 300 {
		v := url.Values{}
		var words []string
		switch r.IntN(4) {
		case 0: // a piece of a startup's name or product, any case and width
			st := all[r.IntN(len(all))]
			src := []rune(st.Name.En + " " + st.ProductName.Ja + " " + st.Name.Ja)
			i := r.IntN(len(src))
			j := min(len(src), i+1+r.IntN(4))
			words = append(words, string(src[i:j]))
		case 1:
			words = append(words, syll[r.IntN(len(syll))], syll[r.IntN(len(syll))][:1])
		case 2:
			words = append(words, fmt.Sprintf("r%03d", r.IntN(400)))
		}
		if len(words) > 0 {
			v.Set("q", strings.Join(words, " "))
		}
		for _, c := range []struct {
			key   string
			codes []string
		}{{"area", areas}, {"stage", stages}, {"product_type", ptypes}, {"class", classes}} {
			if r.IntN(4) == 0 {
				for _, code := range pick(c.codes, 1+r.IntN(2)) {
					v.Add(c.key, code)
				}
			}
		}
		if r.IntN(5) == 0 {
			v.Set("only", []string{"shortlist", "request", "no_thanks"}[r.IntN(3)])
		}
		per := 1 + r.IntN(12)
		v.Set("per", fmt.Sprint(per))
		page := 1 + r.IntN(3)
		v.Set("page", fmt.Sprint(page))
		// The reference: a scan of the full ranking.
		q := strings.Fields(normQuery(v.Get("q")))
		var want []api.RankedStartup
		for _, row := range full {
			st := byID[row.Startup.ID]
			hay := normQuery(st.ID + " " + st.Name.Ja + " " + st.Name.En + " " + st.ProductName.Ja + " " + st.ProductName.En)
			if !containsAll(hay, q) || !anyOfCodes(st.Areas, v["area"]) || !anyOfCodes([]string{st.DevStage}, v["stage"]) ||
				!anyOfCodes([]string{st.ProductType}, v["product_type"]) || !anyOfCodes([]string{st.DeviceClass}, v["class"]) ||
				(v.Get("only") != "" && !marked[st.ID][v.Get("only")]) {
				continue
			}
			want = append(want, row)
		}
		got := decodeAs[api.RankingPage](t, f.do("GET", "/api/v1/scout/themes/T1/startups?"+v.Encode(), sc, nil))
		rf, _, _, err := parseRankFilter(httptest.NewRequest("GET", "/?"+v.Encode(), nil))
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := f.srv.ranks.ix.candidates(&rf, cmarks, len(full)); ok {
			indexed++
		} else {
			scanned++
		}
		lo, hi := min(len(want), (page-1)*per), min(len(want), page*per)
		wantRows := want[lo:hi]
		if wantRows == nil {
			wantRows = []api.RankedStartup{}
		}
		if got.Total != len(want) || got.Pages != max(1, (len(want)+per-1)/per) || got.All != len(full) || !reflect.DeepEqual(got.Rows, wantRows) {
			var gi, wi []string
			for _, x := range got.Rows {
				gi = append(gi, x.Startup.ID)
			}
			for _, x := range wantRows {
				wi = append(wi, x.Startup.ID)
			}
			t.Fatalf("trial %d %s: total %d pages %d rows %v; want total %d rows %v", trial, v.Encode(), got.Total, got.Pages, gi, len(want), wi)
		}
	}
	if indexed < 50 || scanned < 50 {
		t.Fatalf("%d queries through the posting lists, %d by a scan: both ways must be tried", indexed, scanned)
	}
}

// TestRankingPageJSON: the page written by hand is byte for byte what
// encoding/json writes for the same page (notes with characters to
// escape, skipped features present and absent, marks).
func TestRankingPageJSON(t *testing.T) {
	p := &rankingPageJSON{ThemeID: "T<1>", Page: 2, Per: 3, Pages: 4, Total: 11, All: 12, Rows: []rankedRowJSON{
		{Rank: 4, Startup: []byte(`{"id":"S1"}`), Score: 0.123456789, Features: []byte(`[{"name":"area"}]`), Skipped: []byte(`[{"name":"text"}]`),
			Marks: []string{"request", "shortlist"}, Applied: true, Note: "会う \"<&>\" \u2028 ok"},
		{Rank: 5, Startup: []byte(`{"id":"S2"}`), Score: 1e-7, Features: []byte(`[]`), Marks: []string{}},
	}}
	want, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.appendJSON(nil); string(got) != string(want) {
		t.Fatalf("appendJSON\n%s\nwant\n%s", got, want)
	}
	empty := &rankingPageJSON{ThemeID: "T1", Page: 1, Per: 20, Pages: 1, Rows: []rankedRowJSON{}}
	want, _ = json.Marshal(empty)
	if got := empty.appendJSON(nil); string(got) != string(want) {
		t.Fatalf("appendJSON\n%s\nwant\n%s", got, want)
	}
}
