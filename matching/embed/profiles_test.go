package embed

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"pitchmatch/event"
)

func demoProfiles(n, m int) ([]*event.Startup, []*event.Theme) {
	var ss []*event.Startup
	for i := range n {
		ss = append(ss, &event.Startup{ID: fmt.Sprintf("S%03d", i), Name: event.T(fmt.Sprintf("スタートアップ%d", i), ""),
			ProductSummary: event.T("", fmt.Sprintf("device %d for catheter ablation", i)), Areas: []event.Code{"cardiovascular"}})
	}
	var ts []*event.Theme
	for i := range m {
		ts = append(ts, &event.Theme{ID: fmt.Sprintf("T%02d", i), Title: event.T(fmt.Sprintf("テーマ%d", i), "")})
	}
	// A theme sharing a startup's ID must not collide with it.
	ts = append(ts, &event.Theme{ID: "S000", Title: event.T("", "theme named like a startup")})
	return ss, ts
}

func TestEmbedProfilesThenForRanking(t *testing.T) {
	f := newFakeServer(t)
	ss, ts := demoProfiles(30, 5)
	ev := &event.Event{EmbeddingURL: f.baseURL(), EmbeddingModel: "m", EmbeddingDims: 12}
	keyEnv := env(map[string]string{EnvKey: f.key})
	noKey := env(nil)
	cache := newMemCache()
	ctx := context.Background()

	// Nothing embedded yet.
	p, note := ForRanking(ctx, cache, keyEnv, ev, ss, ts)
	if p.Startups != nil || !strings.Contains(note.En, "36 of 36 texts not embedded yet") || !strings.Contains(note.En, "pitchmatch embed") {
		t.Errorf("before embedding: %v, note %q", p.Startups != nil, note.En)
	}
	_, note = ForRanking(ctx, cache, noKey, &event.Event{}, ss, ts)
	if !strings.Contains(note.En, "not configured") || note.Ja == "" {
		t.Errorf("unconfigured note %q / %q", note.En, note.Ja)
	}
	_, note = ForRanking(ctx, cache, noKey, &event.Event{EmbeddingURL: "https://example.org/v1"}, ss, ts)
	if !strings.Contains(note.En, EnvKey) {
		t.Errorf("no-key note %q", note.En)
	}

	cfg, err := ConfigFromEnv(keyEnv, ev)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := testClient(f, cfg)
	got, st, err := EmbedProfiles(ctx, c, cache, ss, ts, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Startups) != 30 || len(got.Themes) != 6 || st.Sent != 36 {
		t.Fatalf("embedded %d startups, %d themes, stats %+v", len(got.Startups), len(got.Themes), st)
	}
	if Cosine(got.Startups["S000"], got.Themes["S000"]) > 0.99 {
		t.Error("startup S000 and theme S000 got the same vector")
	}

	// Ranking uses them, with or without a key (no network needed).
	calls := f.requests()
	for _, ge := range []func(string) string{keyEnv, noKey} {
		p, note = ForRanking(ctx, cache, ge, ev, ss, ts)
		if !note.IsZero() || len(p.Startups) != 30 || len(p.Themes) != 6 {
			t.Errorf("after embedding: %d/%d vectors, note %q", len(p.Startups), len(p.Themes), note.En)
		}
	}
	if f.requests() != calls {
		t.Error("ForRanking called the server")
	}

	// One profile edited: 35 of 36 still cached, above MinCoverage.
	ss[3].ProductSummary.En = "now an implant"
	p, note = ForRanking(ctx, cache, keyEnv, ev, ss, ts)
	if len(p.Startups) != 29 || !strings.Contains(note.En, "1 of 36 texts not embedded yet") {
		t.Errorf("one edited: %d startups, note %q", len(p.Startups), note.En)
	}
	// Many edited: below coverage, skipped.
	for _, s := range ss[:10] {
		s.Name.En = "renamed"
	}
	p, note = ForRanking(ctx, cache, keyEnv, ev, ss, ts)
	if p.Startups != nil || !strings.Contains(note.En, "embeddings skipped: 10 of 36") {
		t.Errorf("ten edited: %v, note %q", p.Startups != nil, note.En)
	}
	// Another dimension setting: nothing cached for it.
	ev2 := *ev
	ev2.EmbeddingDims = 24
	if p, note = ForRanking(ctx, cache, keyEnv, &ev2, ss, ts); p.Startups != nil || !strings.Contains(note.En, "m@24") {
		t.Errorf("other dims: %v, note %q", p.Startups != nil, note.En)
	}
}
