package embed

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"pitchmatch/event"
)

func texts(n int, prefix string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s %05d 手術支援ロボット", prefix, i)
	}
	return out
}

func checkVectors(t *testing.T, in []string, got [][]float32, dims int) {
	t.Helper()
	if len(got) != len(in) {
		t.Fatalf("%d vectors for %d texts", len(got), len(in))
	}
	for i := range in {
		if !slices.Equal(got[i], fakeVector(in[i], dims)) {
			t.Fatalf("vector %d is not the one for %q", i, in[i])
		}
	}
}

func TestEmbedSplitsLargeInputIntoRequests(t *testing.T) {
	f := newFakeServer(t)
	f.delay = 20 * time.Millisecond
	c, _ := testClient(f, Config{Model: "m", Dims: 16, MaxInFlight: 2})
	in := texts(5000, "startup")
	var mu sync.Mutex
	var seen [][2]int
	got, err := c.Embed(context.Background(), in, func(done, total int) {
		mu.Lock()
		seen = append(seen, [2]int{done, total})
		mu.Unlock()
	})
	if err != nil {
		t.Fatal(err)
	}
	checkVectors(t, in, got, 16)
	// 5000 inputs at OpenAI's 2048 per request: 2048 + 2048 + 904.
	if f.calls != 3 {
		t.Errorf("%d requests, want 3 (sizes %v)", f.calls, f.batchSizes)
	}
	for _, n := range f.batchSizes {
		if n > DefaultMaxBatchInputs {
			t.Errorf("a request carried %d inputs, over the %d limit", n, DefaultMaxBatchInputs)
		}
	}
	if f.maxInFlight > 2 {
		t.Errorf("%d requests in flight, limit 2", f.maxInFlight)
	}
	for _, d := range f.dimsAsked {
		if d != 16 {
			t.Errorf("request asked for %d dimensions, want 16", d)
		}
	}
	if len(seen) != 3 || seen[len(seen)-1] != [2]int{5000, 5000} {
		t.Errorf("progress calls %v, want 3 ending at 5000/5000", seen)
	}
	for i := 1; i < len(seen); i++ {
		if seen[i][0] <= seen[i-1][0] {
			t.Errorf("progress went backwards: %v", seen)
		}
	}
}

func TestEmbedRespectsByteBudget(t *testing.T) {
	f := newFakeServer(t)
	c, _ := testClient(f, Config{MaxBatchChars: 1000, MaxInFlight: 3})
	in := texts(100, "x")            // 32 bytes each ("手術支援ロボット" is 24 bytes)
	long := strings.Repeat("長", 500) // 1500 bytes: over the budget, goes alone
	in = append(in, long)
	got, err := c.Embed(context.Background(), in, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkVectors(t, in, got, 8)
	for i, b := range f.batchBytes {
		if b > 1000 && f.batchSizes[i] != 1 {
			t.Errorf("request %d: %d bytes in %d inputs, over the 1000-byte budget", i, b, f.batchSizes[i])
		}
	}
	if f.calls < 4 {
		t.Errorf("%d requests; 3,200+ bytes at 1,000 per request needs at least 4", f.calls)
	}
	if f.maxInFlight > 3 {
		t.Errorf("%d in flight, limit 3", f.maxInFlight)
	}
}

func TestEmbed429ThenSuccessHonoursRetryAfter(t *testing.T) {
	f := newFakeServer(t)
	f.hook = func(n int, w http.ResponseWriter, _ *http.Request, _ []string) bool {
		if n == 1 {
			w.Header().Set("Retry-After", "7")
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprint(w, `{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}`)
			return true
		}
		return false
	}
	c, waits := testClient(f, Config{})
	cache := newMemCache()
	in := map[string]string{"S1": "内視鏡AI", "S2": "wearable ECG"}
	vecs, st, err := Vectors(context.Background(), c, cache, in, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(vecs) != 2 || st.Requests != 2 || st.Retries != 1 || st.Sent != 2 {
		t.Errorf("vecs %d, stats %+v; want 2 vectors, 2 requests, 1 retry, 2 sent", len(vecs), st)
	}
	if !slices.Equal(*waits, []time.Duration{7 * time.Second}) {
		t.Errorf("waited %v, want the 7s of Retry-After", *waits)
	}
}

func TestEmbedBacksOffOn5xxAndTimeouts(t *testing.T) {
	f := newFakeServer(t)
	f.hook = func(n int, w http.ResponseWriter, r *http.Request, _ []string) bool {
		switch n {
		case 1:
			http.Error(w, "<html>bad gateway</html>", http.StatusBadGateway)
			return true
		case 2:
			w.WriteHeader(http.StatusServiceUnavailable)
			return true
		case 3: // longer than the client's timeout
			select {
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
			return true
		}
		return false
	}
	c, waits := testClient(f, Config{HTTPClient: &http.Client{Timeout: time.Second}})
	c.baseDelay = 100 * time.Millisecond
	got, err := c.Embed(context.Background(), []string{"a", "b"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkVectors(t, []string{"a", "b"}, got, 8)
	if f.requests() != 4 || len(*waits) != 3 {
		t.Fatalf("%d requests, %d waits; want 4 and 3", f.requests(), len(*waits))
	}
	// Exponential with equal jitter: attempt k waits in [base·2^k/2, base·2^k].
	for k, w := range *waits {
		hi := c.baseDelay << k
		if w < hi/2 || w > hi {
			t.Errorf("wait %d = %v, want within [%v, %v]", k, w, hi/2, hi)
		}
	}
}

func TestEmbedGivesUpAfterMaxRetries(t *testing.T) {
	f := newFakeServer(t)
	f.hook = func(_ int, w http.ResponseWriter, _ *http.Request, _ []string) bool {
		w.WriteHeader(http.StatusTooManyRequests)
		return true
	}
	c, _ := testClient(f, Config{MaxRetries: 3})
	_, err := c.Embed(context.Background(), []string{"a"}, nil)
	if !errors.Is(err, ErrRateLimited) || event.ErrorCode(err) != event.ERateLimited {
		t.Fatalf("err = %v (code %s), want rate limited", err, event.ErrorCode(err))
	}
	if f.requests() != 4 {
		t.Errorf("%d requests, want 1 + 3 retries", f.requests())
	}
	if !strings.Contains(err.Error(), "after 4 attempts") {
		t.Errorf("message %q does not say how many attempts", err)
	}
}

func TestEmbedRetryAfterTooLongFails(t *testing.T) {
	f := newFakeServer(t)
	f.hook = func(_ int, w http.ResponseWriter, _ *http.Request, _ []string) bool {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusTooManyRequests)
		return true
	}
	c, waits := testClient(f, Config{})
	_, err := c.Embed(context.Background(), []string{"a"}, nil)
	if !errors.Is(err, ErrRateLimited) || !strings.Contains(err.Error(), "1h0m0s") {
		t.Fatalf("err = %v, want a rate-limit error naming the hour asked for", err)
	}
	if len(*waits) != 0 || f.requests() != 1 {
		t.Errorf("waited %v over %d requests; should give up at once", *waits, f.requests())
	}
}

func TestEmbed401ClearMessageWithoutKey(t *testing.T) {
	f := newFakeServer(t)
	wrong := "sk-wrong-SECRET-value-999"
	c, waits := testClient(f, Config{APIKey: wrong, KeyEnv: EnvPitchKey})
	_, err := c.Embed(context.Background(), []string{"a"}, nil)
	if err == nil {
		t.Fatal("no error for a refused key")
	}
	msg := err.Error()
	for _, want := range []string{f.baseURL(), EnvPitchKey, "401"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q does not name %q", msg, want)
		}
	}
	for _, leak := range []string{wrong, "SECRET", "sk-wro"} {
		if strings.Contains(msg, leak) || strings.Contains(event.ErrorMessage(err, event.Ja), leak) {
			t.Errorf("message leaks %q: %q", leak, msg)
		}
	}
	if !errors.Is(err, ErrUnauthorized) || event.ErrorCode(err) != event.EUnauthorized {
		t.Errorf("err %v: want ErrUnauthorized / code unauthorized", err)
	}
	if f.requests() != 1 || len(*waits) != 0 {
		t.Errorf("%d requests: a refused key must not be retried", f.requests())
	}
}

func TestEmbedMalformedBody(t *testing.T) {
	cases := map[string]func(w http.ResponseWriter, inputs []string){
		"html": func(w http.ResponseWriter, _ []string) {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<html><body>captive portal</body></html>")
		},
		"truncated": func(w http.ResponseWriter, _ []string) {
			fmt.Fprint(w, `{"object":"list","data":[{"object":"embedding","embedding":[0.1,`)
		},
		"wrong type": func(w http.ResponseWriter, _ []string) {
			fmt.Fprint(w, `{"object":"list","data":[{"object":"embedding","embedding":"abc","index":0}]}`)
		},
		"too few vectors": func(w http.ResponseWriter, in []string) { writeEmbeddings(w, in[:1], 8) },
		"repeated index": func(w http.ResponseWriter, _ []string) {
			fmt.Fprint(w, `{"data":[{"embedding":[1,2],"index":0},{"embedding":[1,2],"index":0}]}`)
		},
		"empty vector": func(w http.ResponseWriter, _ []string) {
			fmt.Fprint(w, `{"data":[{"embedding":[],"index":0},{"embedding":[],"index":1}]}`)
		},
	}
	for name, answer := range cases {
		t.Run(name, func(t *testing.T) {
			f := newFakeServer(t)
			f.hook = func(_ int, w http.ResponseWriter, _ *http.Request, in []string) bool {
				answer(w, in)
				return true
			}
			c, _ := testClient(f, Config{})
			_, err := c.Embed(context.Background(), []string{"a", "b"}, nil)
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("err = %v, want ErrMalformed", err)
			}
			if !strings.Contains(err.Error(), "malformed response") || !strings.Contains(err.Error(), f.baseURL()) {
				t.Errorf("message %q should say malformed and name the server", err)
			}
			if f.requests() != 1 {
				t.Errorf("%d requests; a malformed answer is not retried", f.requests())
			}
		})
	}
}

func TestEmbedDimensionMismatch(t *testing.T) {
	t.Run("server ignores dimensions", func(t *testing.T) {
		f := newFakeServer(t)
		f.fixedDims = 768
		c, _ := testClient(f, Config{Dims: 1536})
		_, err := c.Embed(context.Background(), []string{"a"}, nil)
		if !errors.Is(err, ErrDimensionMismatch) || !strings.Contains(err.Error(), "768") || !strings.Contains(err.Error(), "1536") {
			t.Fatalf("err = %v, want a mismatch naming 768 and 1536", err)
		}
	})
	t.Run("inconsistent within a response", func(t *testing.T) {
		f := newFakeServer(t)
		f.hook = func(_ int, w http.ResponseWriter, _ *http.Request, _ []string) bool {
			fmt.Fprint(w, `{"data":[{"embedding":[1,2,3],"index":0},{"embedding":[1,2],"index":1}]}`)
			return true
		}
		c, _ := testClient(f, Config{})
		_, err := c.Embed(context.Background(), []string{"a", "b"}, nil)
		if !errors.Is(err, ErrDimensionMismatch) {
			t.Fatalf("err = %v, want ErrDimensionMismatch", err)
		}
	})
	t.Run("inconsistent across requests", func(t *testing.T) {
		f := newFakeServer(t)
		f.hook = func(n int, w http.ResponseWriter, _ *http.Request, in []string) bool {
			writeEmbeddings(w, in, 4+n) // each request another length
			return true
		}
		c, _ := testClient(f, Config{MaxBatchInputs: 1, MaxInFlight: 1})
		_, err := c.Embed(context.Background(), []string{"a", "b"}, nil)
		if !errors.Is(err, ErrDimensionMismatch) {
			t.Fatalf("err = %v, want ErrDimensionMismatch", err)
		}
	})
}

func TestEmbedServerDown(t *testing.T) {
	f := newFakeServer(t)
	url := f.baseURL()
	f.srv.Close()
	c, _ := testClient(f, Config{BaseURL: url})
	_, err := c.Embed(context.Background(), []string{"a"}, nil)
	if !errors.Is(err, ErrUnavailable) || event.ErrorCode(err) != event.EUnavailable || !strings.Contains(err.Error(), url) {
		t.Fatalf("err = %v, want unavailable naming %s", err, url)
	}
}

func TestEmbedCancellation(t *testing.T) {
	f := newFakeServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	f.hook = func(n int, w http.ResponseWriter, r *http.Request, in []string) bool {
		if n == 2 {
			cancel()
			<-r.Context().Done()
			return true
		}
		return false
	}
	c, _ := testClient(f, Config{MaxBatchInputs: 10, MaxInFlight: 1})
	start := time.Now()
	_, err := c.Embed(ctx, texts(100, "t"), nil)
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "cancelled after 10 of 100") {
		t.Fatalf("err = %v, want cancelled after 10 of 100", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Error("cancellation took too long")
	}
	if n := f.requests(); n != 2 {
		t.Errorf("%d requests after cancelling at the second", n)
	}
}

func TestEmbedRefusesEmptyText(t *testing.T) {
	f := newFakeServer(t)
	c, _ := testClient(f, Config{})
	if _, err := c.Embed(context.Background(), []string{"a", "  "}, nil); event.ErrorCode(err) != event.EInvalid {
		t.Fatalf("err = %v, want invalid", err)
	}
	if f.requests() != 0 {
		t.Error("sent a request with an empty text")
	}
}

func TestRetryAfterParsing(t *testing.T) {
	now := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		h    http.Header
		want time.Duration
		ok   bool
	}{
		{http.Header{"Retry-After": {"3"}}, 3 * time.Second, true},
		{http.Header{"Retry-After": {"0.5"}}, 500 * time.Millisecond, true},
		{http.Header{"Retry-After-Ms": {"250"}, "Retry-After": {"9"}}, 250 * time.Millisecond, true},
		{http.Header{"Retry-After": {now.Add(90 * time.Second).Format(http.TimeFormat)}}, 90 * time.Second, true},
		{http.Header{"Retry-After": {now.Add(-time.Minute).Format(http.TimeFormat)}}, 0, true},
		{http.Header{"Retry-After": {"soon"}}, 0, false},
		{http.Header{}, 0, false},
		{nil, 0, false},
	}
	for _, tt := range tests {
		got, ok := retryAfter(tt.h, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("retryAfter(%v) = %v, %v; want %v, %v", tt.h, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRedact(t *testing.T) {
	c := New(Config{APIKey: "my-local-token"})
	got := c.redact(`bad key my-local-token; Incorrect API key provided: sk-abc*****xyz. see "sk-proj-123"`)
	for _, leak := range []string{"my-local-token", "abc*", "xyz", "proj-123"} {
		if strings.Contains(got, leak) {
			t.Errorf("redact left %q in %q", leak, got)
		}
	}
	if !strings.Contains(got, "Incorrect API key provided") {
		t.Errorf("redact removed too much: %q", got)
	}
}

func TestEmbedDoesNotRetryPermanentTransportErrors(t *testing.T) {
	// An https server with a certificate the client does not trust.
	f := newFakeServer(t)
	tlsSrv := httptestTLS(t, f)
	c, waits := testClient(f, Config{BaseURL: tlsSrv + "/v1"})
	_, err := c.Embed(context.Background(), []string{"a"}, nil)
	if !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("err = %v, want a certificate error", err)
	}
	if len(*waits) != 0 {
		t.Errorf("retried a certificate error %d times", len(*waits))
	}
}
