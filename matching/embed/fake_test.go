package embed

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// fakeServer speaks the OpenAI embeddings API (POST {base}/embeddings) with
// deterministic vectors, and records what it was sent.
type fakeServer struct {
	t   *testing.T
	srv *httptest.Server
	key string // required bearer token; "" accepts any

	mu          sync.Mutex
	calls       int
	batchSizes  []int
	batchBytes  []int
	inputs      []string
	dimsAsked   []int
	inFlight    int
	maxInFlight int
	// hook, if set, may answer call n (1-based) itself by returning true.
	hook func(n int, w http.ResponseWriter, r *http.Request, inputs []string) bool
	// delay before answering each call, to observe concurrency.
	delay time.Duration
	// fixedDims, if > 0, is the vector length returned whatever was asked
	// (a server ignoring "dimensions").
	fixedDims int
}

func newFakeServer(t *testing.T) *fakeServer {
	f := &fakeServer{t: t, key: "sk-test-SECRET-key-123"}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeServer) baseURL() string { return f.srv.URL + "/v1" }

func (f *fakeServer) requests() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

// fakeVector is the vector the server returns for text.
func fakeVector(text string, dims int) []float32 {
	v := make([]float32, dims)
	seed := sha256.Sum256([]byte(text))
	for i := range v {
		b := sha256.Sum256(append(seed[:], byte(i), byte(i>>8)))
		v[i] = float32(binary.LittleEndian.Uint32(b[:4]))/math.MaxUint32*2 - 1
	}
	return v
}

func (f *fakeServer) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/embeddings" {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	var req struct {
		Input      []string `json:"input"`
		Model      string   `json:"model"`
		Dimensions int      `json:"dimensions"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	f.calls++
	n := f.calls
	f.batchSizes = append(f.batchSizes, len(req.Input))
	size := 0
	for _, s := range req.Input {
		size += len(s)
	}
	f.batchBytes = append(f.batchBytes, size)
	f.dimsAsked = append(f.dimsAsked, req.Dimensions)
	f.inFlight++
	f.maxInFlight = max(f.maxInFlight, f.inFlight)
	hook, delay := f.hook, f.delay
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.inFlight--
		f.mu.Unlock()
	}()
	if delay > 0 {
		time.Sleep(delay)
	}
	if hook != nil && hook(n, w, r, req.Input) {
		return
	}
	if f.key != "" && r.Header.Get("Authorization") != "Bearer "+f.key {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		// Like OpenAI, echo a masked form of the key that was sent.
		fmt.Fprint(w, `{"error":{"message":"Incorrect API key provided: sk-wro*****ong. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}`)
		return
	}
	dims := req.Dimensions
	if dims == 0 {
		dims = 8
	}
	if f.fixedDims > 0 {
		dims = f.fixedDims
	}
	f.mu.Lock()
	f.inputs = append(f.inputs, req.Input...)
	f.mu.Unlock()
	writeEmbeddings(w, req.Input, dims)
}

func writeEmbeddings(w http.ResponseWriter, inputs []string, dims int) {
	type item struct {
		Object    string    `json:"object"`
		Embedding []float32 `json:"embedding"`
		Index     int       `json:"index"`
	}
	resp := struct {
		Object string `json:"object"`
		Data   []item `json:"data"`
		Model  string `json:"model"`
		Usage  any    `json:"usage"`
	}{Object: "list", Model: "fake", Usage: map[string]int{"prompt_tokens": 1, "total_tokens": 1}}
	// Answer in reverse order: clients must use "index", not position.
	for i := len(inputs) - 1; i >= 0; i-- {
		resp.Data = append(resp.Data, item{"embedding", fakeVector(inputs[i], dims), i})
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(resp)
}

// testClient returns a client for f whose backoff sleeps are recorded
// instead of slept.
func testClient(f *fakeServer, cfg Config) (*Client, *[]time.Duration) {
	if cfg.BaseURL == "" {
		cfg.BaseURL = f.baseURL()
	}
	if cfg.APIKey == "" {
		cfg.APIKey, cfg.KeyEnv = f.key, EnvKey
	}
	c := New(cfg)
	var mu sync.Mutex
	waits := &[]time.Duration{}
	c.sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		*waits = append(*waits, d)
		mu.Unlock()
		return ctx.Err()
	}
	return c, waits
}

// memCache is an in-memory Cache that counts its calls.
type memCache struct {
	mu    sync.Mutex
	m     map[string]map[string][]float32
	saves int
}

func newMemCache() *memCache { return &memCache{m: map[string]map[string][]float32{}} }

func (c *memCache) LoadVectors(_ context.Context, model string, keys []string) (map[string][]float32, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := map[string][]float32{}
	for _, k := range keys {
		if v, ok := c.m[model][k]; ok {
			out[k] = append([]float32(nil), v...)
		}
	}
	return out, nil
}

func (c *memCache) SaveVectors(_ context.Context, model string, vecs map[string][]float32) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m[model] == nil {
		c.m[model] = map[string][]float32{}
	}
	for k, v := range vecs {
		c.m[model][k] = append([]float32(nil), v...)
	}
	c.saves++
	return nil
}

func (c *memCache) len(model string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m[model])
}

// httptestTLS serves f's handler over TLS with httptest's self-signed
// certificate, and returns its URL.
func httptestTLS(t *testing.T, f *fakeServer) string {
	srv := httptest.NewTLSServer(http.HandlerFunc(f.serve))
	t.Cleanup(srv.Close)
	return srv.URL
}
