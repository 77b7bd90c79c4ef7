package embed_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"

	"pitchmatch/event"
	"pitchmatch/matching/embed"
	"pitchmatch/storage"
)

// storage.DB is the Cache used in production.
var _ embed.Cache = (*storage.DB)(nil)

// TestStorageCacheSecondRunSendsNothing runs Vectors twice against the real
// SQLite cache, reopening the file in between as a second CLI run would.
func TestStorageCacheSecondRunSendsNothing(t *testing.T) {
	var calls atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		var req struct {
			Input      []string `json:"input"`
			Dimensions int      `json:"dimensions"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		type item struct {
			Embedding []float32 `json:"embedding"`
			Index     int       `json:"index"`
		}
		var data []item
		for i, s := range req.Input {
			v := make([]float32, req.Dimensions)
			for j := range v {
				v[j] = float32(len(s)*(j+1)%7) - 3.25
			}
			data = append(data, item{v, i})
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"object": "list", "data": data})
	}))
	defer srv.Close()

	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "event.db")
	cfg := embed.Config{BaseURL: srv.URL + "/v1", Model: "text-embedding-3-small", Dims: 64, MaxBatchInputs: 100}
	texts := map[string]string{}
	for i := range 250 {
		texts[fmt.Sprint("S", i)] = fmt.Sprintf("%s 製品 %d", "低侵襲デバイス", i)
	}

	run := func() (map[string][]float32, embed.Stats) {
		db, err := storage.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		v, st, err := embed.Vectors(ctx, embed.New(cfg), db, texts, nil)
		if err != nil {
			t.Fatal(err)
		}
		return v, st
	}
	v1, st1 := run()
	if st1.Sent != 250 || st1.Requests != 3 || calls.Load() != 3 {
		t.Fatalf("first run: %+v, %d calls", st1, calls.Load())
	}
	v2, st2 := run()
	if st2.Cached != 250 || st2.Sent != 0 || calls.Load() != 3 {
		t.Fatalf("second run: %+v, %d calls; want all 250 from SQLite and no request", st2, calls.Load())
	}
	for id := range v1 {
		if !slices.Equal(v1[id], v2[id]) {
			t.Fatalf("vector %s changed going through SQLite", id)
		}
	}

	// ForRanking reads the same cache with no key and no network.
	db, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ss := []*event.Startup{{ID: "S1", Name: event.T("x", "")}}
	ev := &event.Event{EmbeddingURL: cfg.BaseURL, EmbeddingModel: cfg.Model, EmbeddingDims: cfg.Dims}
	if _, note := embed.ForRanking(ctx, db, func(string) string { return "" }, ev, ss, nil); note.IsZero() {
		t.Error("an unembedded profile should leave a note")
	}
}
