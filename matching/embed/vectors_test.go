package embed

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"testing"
)

func TestNormalizeAndKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  手術支援\u3000ロボット \n\t AI  ", "手術支援 ロボット AI"},
		{"ＡＩ画像解析", "AI画像解析"},          // full-width Latin folded by NFKC
		{"ｶﾃｰﾃﾙ", "カテーテル"},            // half-width kana
		{"Series\u00a0A", "Series A"}, // no-break space
		{"", ""},
		{" \n ", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if Key("ＡＩ  画像") != Key("AI 画像") {
		t.Error("texts equal after normalising have different keys")
	}
	if Key("AI 画像") == Key("AI 画像解析") {
		t.Error("different texts share a key")
	}
	if k := Key("x"); len(k) != 64 {
		t.Errorf("key %q is not hex SHA-256", k)
	}
}

func TestVectorsSecondRunSendsNothing(t *testing.T) {
	f := newFakeServer(t)
	c, _ := testClient(f, Config{Model: "text-embedding-3-small", Dims: 32, MaxBatchInputs: 50})
	cache := newMemCache()
	in := map[string]string{}
	for i := range 240 {
		in[fmt.Sprintf("S%03d", i)] = fmt.Sprintf("Startup %d: 低侵襲カテーテル", i)
	}
	in["dup1"] = "  Startup 7:   低侵襲カテーテル " // same text as S007 after normalising
	in["empty"] = " \u3000 "
	ctx := context.Background()

	var last [2]int
	v1, st1, err := Vectors(ctx, c, cache, in, func(done, total int) { last = [2]int{done, total} })
	if err != nil {
		t.Fatal(err)
	}
	want1 := Stats{Texts: 242, Empty: 1, Unique: 240, Cached: 0, Sent: 240, Requests: 5, Retries: 0}
	if st1 != want1 {
		t.Errorf("first run stats %+v, want %+v", st1, want1)
	}
	if last != [2]int{240, 240} {
		t.Errorf("last progress %v, want 240/240", last)
	}
	if len(v1) != 241 || v1["empty"] != nil {
		t.Errorf("%d vectors; want 241 (every non-empty id)", len(v1))
	}
	if !slices.Equal(v1["dup1"], v1["S007"]) || !slices.Equal(v1["S007"], fakeVector(Normalize(in["S007"]), 32)) {
		t.Error("duplicate text did not get the normalised text's vector")
	}
	if n := cache.len("text-embedding-3-small@32"); n != 240 {
		t.Errorf("cache holds %d vectors under model@dims, want 240", n)
	}
	sent := f.requests()

	v2, st2, err := Vectors(ctx, c, cache, in, func(done, total int) { last = [2]int{done, total} })
	if err != nil {
		t.Fatal(err)
	}
	if f.requests() != sent {
		t.Errorf("second run made %d requests; everything was cached", f.requests()-sent)
	}
	if st2.Cached != 240 || st2.Sent != 0 || st2.Requests != 0 {
		t.Errorf("second run stats %+v, want all cached", st2)
	}
	if last != [2]int{240, 240} {
		t.Errorf("progress %v, want 240/240 from the cache", last)
	}
	for id, v := range v1 {
		if !slices.Equal(v, v2[id]) {
			t.Fatalf("vector of %s differs between runs", id)
		}
	}

	// One changed text: only it is sent.
	in["S100"] = "Startup 100: 新しい製品 wearable ECG"
	f.mu.Lock()
	f.inputs = nil
	f.mu.Unlock()
	_, st3, err := Vectors(ctx, c, cache, in, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st3.Sent != 1 || st3.Cached != 239 || st3.Requests != 1 || !slices.Equal(f.inputs, []string{Normalize(in["S100"])}) {
		t.Errorf("changed text: stats %+v, sent %q; want just the new text", st3, f.inputs)
	}

	// Another model or dimension does not reuse these vectors.
	c2, _ := testClient(f, Config{Model: "text-embedding-3-small", Dims: 16})
	_, st4, err := Vectors(ctx, c2, cache, map[string]string{"S001": in["S001"]}, nil)
	if err != nil || st4.Cached != 0 || st4.Sent != 1 {
		t.Errorf("other dims: stats %+v, err %v; want nothing from the @32 cache", st4, err)
	}
}

func TestVectorsKeepsPaidBatchesOnFailure(t *testing.T) {
	f := newFakeServer(t)
	f.hook = func(n int, w http.ResponseWriter, _ *http.Request, _ []string) bool {
		if n == 3 {
			w.WriteHeader(http.StatusUnauthorized) // e.g. key revoked mid-run
			return true
		}
		return false
	}
	c, _ := testClient(f, Config{Model: "m", MaxBatchInputs: 10, MaxInFlight: 1})
	cache := newMemCache()
	in := map[string]string{}
	for i := range 50 {
		in[fmt.Sprint(i)] = fmt.Sprint("text ", i)
	}
	_, st, err := Vectors(context.Background(), c, cache, in, nil)
	if !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("err = %v, want ErrUnauthorized", err)
	}
	if cache.len("m") != 20 {
		t.Errorf("cache holds %d vectors; the 2 batches before the failure (20) should be kept", cache.len("m"))
	}
	if st.Requests != 3 {
		t.Errorf("stats %+v, want 3 requests", st)
	}
	// The next run sends only the 30 that are missing.
	f.hook = nil
	_, st, err = Vectors(context.Background(), c, cache, in, nil)
	if err != nil || st.Cached != 20 || st.Sent != 30 {
		t.Errorf("rerun: stats %+v, err %v; want 20 cached, 30 sent", st, err)
	}
}

func TestVectorsWithoutCacheAndEmpty(t *testing.T) {
	f := newFakeServer(t)
	c, _ := testClient(f, Config{})
	v, st, err := Vectors(context.Background(), c, nil, map[string]string{"a": "x", "b": ""}, nil)
	if err != nil || len(v) != 1 || st.Sent != 1 || st.Empty != 1 {
		t.Fatalf("v %d, stats %+v, err %v", len(v), st, err)
	}
	v, st, err = Vectors(context.Background(), c, nil, nil, nil)
	if err != nil || len(v) != 0 || st.Requests != 0 {
		t.Fatalf("nothing to embed: v %d, stats %+v, err %v", len(v), st, err)
	}
}

// A cache holding vectors of the wrong length for the configured Dims
// (written by a buggy or older server) is not trusted: those are re-embedded.
func TestVectorsIgnoresCachedVectorsOfWrongLength(t *testing.T) {
	f := newFakeServer(t)
	c, _ := testClient(f, Config{Model: "m", Dims: 8})
	cache := newMemCache()
	_ = cache.SaveVectors(context.Background(), "m@8", map[string][]float32{Key("hello"): {1, 2, 3}})
	v, st, err := Vectors(context.Background(), c, cache, map[string]string{"x": "hello"}, nil)
	if err != nil || st.Cached != 0 || st.Sent != 1 || len(v["x"]) != 8 {
		t.Fatalf("stats %+v, err %v, len %d", st, err, len(v["x"]))
	}
}
