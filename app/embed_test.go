package app

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"pitchmatch/matching"
	"pitchmatch/matching/embed"
	"pitchmatch/storage"
)

// fakeEmbeddingServer speaks the OpenAI embeddings API on loopback and
// returns deterministic 8-dimensional vectors derived from each text.
func fakeEmbeddingServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv, _ := countingEmbeddingServer(t)
	return srv
}

// embedCounts counts what reached a fake embeddings server.
type embedCounts struct {
	requests, inputs atomic.Int64
}

// countingEmbeddingServer is fakeEmbeddingServer that also counts the
// requests and the texts it receives.
func countingEmbeddingServer(t *testing.T) (*httptest.Server, *embedCounts) {
	t.Helper()
	n := &embedCounts{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.requests.Add(1)
		var req struct {
			Input []string `json:"input"`
			Model string   `json:"model"`
		}
		if r.URL.Path != "/v1/embeddings" || json.NewDecoder(r.Body).Decode(&req) != nil {
			http.Error(w, `{"error":{"message":"bad request"}}`, http.StatusBadRequest)
			return
		}
		n.inputs.Add(int64(len(req.Input)))
		type item struct {
			Object    string    `json:"object"`
			Index     int       `json:"index"`
			Embedding []float32 `json:"embedding"`
		}
		out := struct {
			Object string         `json:"object"`
			Data   []item         `json:"data"`
			Model  string         `json:"model"`
			Usage  map[string]int `json:"usage"`
		}{Object: "list", Model: req.Model, Usage: map[string]int{"prompt_tokens": 1, "total_tokens": 1}}
		for i, text := range req.Input {
			sum := sha256.Sum256([]byte(text))
			v := make([]float32, 8)
			for k := range v {
				v[k] = float32(sum[k]) - 127.5
			}
			out.Data = append(out.Data, item{Object: "embedding", Index: i, Embedding: v})
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(out)
	}))
	t.Cleanup(srv.Close)
	return srv, n
}

// TestRankingUsesCachedEmbeddings: after `pitchmatch embed` has filled the
// cache, the desktop ranking uses the embedding feature; before, it shows
// the feature as skipped with the reason.
func TestRankingUsesCachedEmbeddings(t *testing.T) {
	ctx := context.Background()
	path := demoFile(t, smallDemo())
	db, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	rankFirst := func() matching.Result {
		t.Helper()
		d, err := LoadData(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		m, err := PrepareModel(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		rs, err := m.RankTheme(ctx, d.Themes[0].ID, matching.Filter{}, 1)
		if err != nil || len(rs) == 0 {
			t.Fatalf("rank: %v %v", rs, err)
		}
		return rs[0]
	}
	hasFeature := func(fs []matching.FeatureScore) bool {
		for _, f := range fs {
			if f.Name == matching.FeatureEmbedding {
				return true
			}
		}
		return false
	}

	before := rankFirst()
	if hasFeature(before.Features) || !hasFeature(before.Skipped) {
		t.Fatalf("before embedding: features %v, skipped %v", before.Features, before.Skipped)
	}

	srv := fakeEmbeddingServer(t)
	ev, err := db.Event(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ev.EmbeddingURL, ev.EmbeddingModel, ev.EmbeddingDims = srv.URL+"/v1", "test-embed", 8
	if err := db.SaveEvent(ctx, "test", ev); err != nil {
		t.Fatal(err)
	}
	startups, _ := db.Startups(ctx)
	themes, _ := db.Themes(ctx)
	client := embed.New(embed.Config{BaseURL: ev.EmbeddingURL, Model: ev.EmbeddingModel, Dims: 8})
	if _, _, err := embed.EmbedProfiles(ctx, client, db, startups, themes, nil); err != nil {
		t.Fatal(err)
	}

	after := rankFirst()
	if !hasFeature(after.Features) || hasFeature(after.Skipped) {
		t.Fatalf("after embedding: features %v, skipped %v", after.Features, after.Skipped)
	}
}
