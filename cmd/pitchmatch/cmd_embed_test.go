package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"pitchmatch/matching"
	"pitchmatch/storage"
)

const testEmbedKey = "sk-cli-test-SECRET-0042"

// fakeEmbeddings is a local server speaking the OpenAI embeddings API:
// vectors derived from the text's hash, so equal texts get equal vectors.
func fakeEmbeddings(t *testing.T) (*httptest.Server, *atomic.Int64) {
	var calls atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if r.Header.Get("Authorization") != "Bearer "+testEmbedKey {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"error":{"message":"Incorrect API key provided","type":"invalid_request_error"}}`))
			return
		}
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
		data := make([]item, len(req.Input))
		for i, s := range req.Input {
			h := sha256.Sum256([]byte(s))
			v := make([]float32, req.Dimensions)
			for j := range v {
				v[j] = float32(h[j%32]) - 127.5
			}
			data[i] = item{v, i}
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"object": "list", "data": data})
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

// cliWith runs the CLI with the given environment and stdin.
func cliWith(t *testing.T, vars map[string]string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env := &cliEnv{stdin: strings.NewReader(stdin), stdout: &stdout, stderr: &stderr,
		getenv: func(k string) string { return vars[k] }}
	code := run(context.Background(), env, args)
	return code, stdout.String(), stderr.String()
}

func TestEmbedCommandThenRank(t *testing.T) {
	srv, calls := fakeEmbeddings(t)
	db := filepath.Join(t.TempDir(), "event.db")
	if code, _, errOut := cli(t, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	withKey := map[string]string{"OPENAI_API_KEY": testEmbedKey, "LANG": "en_US.UTF-8"}

	// Before embedding, rank says why embeddings are skipped and still ranks.
	code, out, errOut := cliWith(t, withKey, "", "rank", "--db", db, "--theme", "T001", "--json")
	// (The demo event's language is Japanese, so the note is too.)
	if code != 0 || !strings.Contains(errOut, "160/160") || !strings.Contains(errOut, "pitchmatch embed") {
		t.Fatalf("rank before embed: exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(out, `"score"`) {
		t.Fatalf("rank before embed printed no results: %q", out)
	}

	// No key: a clear failure, nothing sent.
	code, _, errOut = cliWith(t, nil, "", "embed", "--db", db, "--base-url", "https://embeddings.example.org/v1")
	if code != 1 || !strings.Contains(errOut, "OPENAI_API_KEY") || !strings.Contains(errOut, "PITCHMATCH_OPENAI_API_KEY") {
		t.Errorf("embed without key: exit %d, %q", code, errOut)
	}

	code, out, errOut = cliWith(t, withKey, "", "embed", "--db", db, "--base-url", srv.URL+"/v1", "--model", "test-embed", "--dims", "24")
	if code != 0 {
		t.Fatalf("embed: exit %d, %s", code, errOut)
	}
	if !strings.Contains(errOut, "[##############################] 100% texts 156/156") {
		t.Errorf("no finished progress bar in stderr %q", errOut)
	}
	if !strings.Contains(out, "160 profiles, 156 distinct texts: 0 cached, 156 sent in 1 request (0 retries)") || !strings.Contains(out, "saved in the event settings") {
		t.Errorf("embed summary %q", out)
	}
	first := calls.Load()

	// Settings saved, the key nowhere in the file.
	st, err := storage.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := st.Event(context.Background())
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if ev.EmbeddingURL != srv.URL+"/v1" || ev.EmbeddingModel != "test-embed" || ev.EmbeddingDims != 24 {
		t.Errorf("saved settings %q %q %d", ev.EmbeddingURL, ev.EmbeddingModel, ev.EmbeddingDims)
	}
	for _, f := range []string{db, db + "-wal"} {
		if b, err := os.ReadFile(f); err == nil && bytes.Contains(b, []byte("SECRET")) {
			t.Errorf("%s contains the API key", f)
		}
	}

	// Second run: everything cached, no request.
	code, out, _ = cliWith(t, withKey, "", "embed", "--db", db)
	if code != 0 || !strings.Contains(out, "160 profiles, 156 distinct texts: 156 cached, 0 sent in 0 requests (0 retries)") || calls.Load() != first {
		t.Errorf("second embed: exit %d, %q, %d new requests", code, out, calls.Load()-first)
	}

	// Rank now uses the embedding feature, without a key or the network.
	srv.Close()
	code, out, errOut = cliWith(t, nil, "", "rank", "--db", db, "--theme", "T001", "--json")
	if code != 0 || strings.Contains(errOut, "スキップ") {
		t.Fatalf("rank after embed: exit %d, stderr %q", code, errOut)
	}
	var rows []rankRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) == 0 {
		t.Fatalf("rank --json: %v in %q", err, out)
	}
	found := false
	for _, f := range rows[0].Features {
		found = found || f.Name == matching.FeatureEmbedding
	}
	if !found {
		t.Errorf("top result has no embedding feature: %+v", rows[0].Features)
	}
}

func TestEmbedCommandRefusedKey(t *testing.T) {
	srv, _ := fakeEmbeddings(t)
	db := filepath.Join(t.TempDir(), "event.db")
	if code, _, errOut := cli(t, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	bad := "sk-wrong-SECRET-key"
	code, out, errOut := cliWith(t, map[string]string{"PITCHMATCH_OPENAI_API_KEY": bad}, "", "embed", "--db", db, "--base-url", srv.URL+"/v1", "--dims", "8")
	if code != 1 || !strings.Contains(errOut, "refused the API key (HTTP 401)") || !strings.Contains(errOut, "PITCHMATCH_OPENAI_API_KEY") || !strings.Contains(errOut, srv.URL) {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if strings.Contains(out+errOut, bad) {
		t.Error("output shows the key")
	}
	// A failed run does not save its settings.
	st, err := storage.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if ev, _ := st.Event(context.Background()); ev.EmbeddingURL != "" {
		t.Errorf("failed run saved base URL %q", ev.EmbeddingURL)
	}
	if code, _, _ := cliWith(t, nil, "", "embed", "--db", db, "--dims", "-1"); code != 2 {
		t.Errorf("--dims -1: exit %d, want 2", code)
	}
	if code, _, _ := cliWith(t, nil, "", "embed", "--db", db, "--base-url", "localhost:11434"); code != 2 {
		t.Errorf("bad --base-url: exit %d, want 2", code)
	}
}

func TestSimilarityEmbeddings(t *testing.T) {
	srv, calls := fakeEmbeddings(t)
	in := `{"id":1,"text1":"低侵襲カテーテル","text2":"低侵襲カテーテル"}
{"id":"b","text1":"wearable ECG patch","text2":"dental implant material"}
{"id":3,"text1":"ＡＩ 画像","text2":"AI  画像"}
`
	vars := map[string]string{"OPENAI_API_KEY": testEmbedKey, "PITCHMATCH_EMBEDDING_URL": srv.URL + "/v1", "PITCHMATCH_EMBEDDING_DIMS": "16"}
	code, out, errOut := cliWith(t, vars, in, "similarity", "--embeddings")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got []struct {
		ID    json.RawMessage `json:"id"`
		Score float64         `json:"score"`
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var r struct {
			ID    json.RawMessage `json:"id"`
			Score float64         `json:"score"`
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("%v in %q", err, line)
		}
		got = append(got, r)
	}
	if len(got) != 3 || string(got[1].ID) != `"b"` {
		t.Fatalf("output %q", out)
	}
	if got[0].Score < 0.9999 || got[2].Score < 0.9999 {
		t.Errorf("identical (after NFKC) texts scored %v and %v, want 1", got[0].Score, got[2].Score)
	}
	if got[1].Score > 0.99 {
		t.Errorf("different texts scored %v", got[1].Score)
	}
	if calls.Load() != 1 {
		t.Errorf("%d requests for 4 distinct texts, want 1", calls.Load())
	}
	// Without a key: a clear error, exit 1.
	code, _, errOut = cliWith(t, map[string]string{"PITCHMATCH_EMBEDDING_URL": "https://example.org/v1"}, in, "similarity", "--embeddings")
	if code != 1 || !strings.Contains(errOut, "neither OPENAI_API_KEY nor PITCHMATCH_OPENAI_API_KEY") {
		t.Errorf("no key: exit %d, %q", code, errOut)
	}
}
