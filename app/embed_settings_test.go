package app

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"pitchmatch/event"
	"pitchmatch/matching"
	"pitchmatch/matching/embed"
)

// noEmbeddingKey clears the embedding key variables for the test.
func noEmbeddingKey(t *testing.T) {
	t.Setenv(embed.EnvKey, "")
	t.Setenv(embed.EnvPitchKey, "")
	t.Setenv(embed.EnvKeylessFlag, "")
}

func hasFeature(fs []matching.FeatureScore, name string) bool {
	for _, f := range fs {
		if f.Name == name {
			return true
		}
	}
	return false
}

// firstRanking shows the rankings view and returns its first result.
func firstRanking(t *testing.T, u *UI) matching.Result {
	t.Helper()
	if err := u.ShowView("rankings"); err != nil {
		t.Fatal(err)
	}
	u.Wait()
	v := u.rankingsV
	if v.themeID == "" {
		v.SelectTheme(u.Data().Themes[0].ID)
		u.Wait()
	}
	if len(v.results) == 0 {
		t.Fatalf("no ranking; status %q", v.status.Text)
	}
	return v.results[0]
}

// TestSettingsComputeEmbeddings: the Settings button embeds every profile
// through the (loopback, keyless) endpoint into the event file's cache,
// saves the settings it used, reports what it did, and the rankings use the
// vectors at once; a second run finds everything cached and sends nothing.
func TestSettingsComputeEmbeddings(t *testing.T) {
	noEmbeddingKey(t)
	srv, n := countingEmbeddingServer(t)
	u, path := openUI(t, event.En)

	before := firstRanking(t, u) // the rankings view now holds a model without vectors
	if hasFeature(before.Features, matching.FeatureEmbedding) || !hasFeature(before.Skipped, matching.FeatureEmbedding) {
		t.Fatalf("before: features %v, skipped %v", before.Features, before.Skipped)
	}

	if err := u.ShowView("settings"); err != nil {
		t.Fatal(err)
	}
	v := u.settingsV
	base := srv.URL + "/v1"
	v.url.SetText(base + "/")
	v.model.SetText("test-embed")
	v.dims.SetText("8")
	test.Tap(v.compute)
	u.Wait()

	st := v.lastStats
	profiles := len(u.Data().Startups) + len(u.Data().Themes)
	if st.Texts != profiles || st.Empty != 0 || st.Cached != 0 || st.Sent != st.Unique || st.Unique == 0 || st.Retries != 0 {
		t.Fatalf("first run stats %+v for %d profiles", st, profiles)
	}
	if int64(st.Sent) != n.inputs.Load() || int64(st.Requests) != n.requests.Load() || st.Requests == 0 {
		t.Fatalf("stats %+v but the server got %d requests with %d texts", st, n.requests.Load(), n.inputs.Load())
	}
	want := tr(event.En, "set.embed_done", profiles, st.Unique, st.Sent, 0, st.Requests, 0) +
		"\n" + tr(event.En, "set.embed_saved", "test-embed@8", base)
	if v.embedResult.Text != want {
		t.Fatalf("summary\n got %q\nwant %q", v.embedResult.Text, want)
	}
	if !strings.Contains(v.embedResult.Text, "0 cached") {
		t.Fatalf("summary %q", v.embedResult.Text)
	}
	if v.stopEmbed != nil || !v.stop.Disabled() || v.compute.Disabled() || v.embedBar.Visible() {
		t.Fatal("the run did not end in the widgets")
	}

	// The settings used are stored (never a key), and the cache holds a
	// vector for every profile under them.
	db := otherStore(t, path)
	ev, err := db.Event(context.Background())
	if err != nil || ev.EmbeddingURL != base || ev.EmbeddingModel != "test-embed" || ev.EmbeddingDims != 8 {
		t.Fatalf("stored settings %q %q %d, %v", ev.EmbeddingURL, ev.EmbeddingModel, ev.EmbeddingDims, err)
	}
	cfg := embed.Config{BaseURL: base, Model: "test-embed", Dims: 8}
	_, total, missing, err := embed.CachedProfiles(context.Background(), db, cfg, u.Data().Startups, u.Data().Themes)
	if err != nil || total != profiles || missing != 0 {
		t.Fatalf("cache: %d of %d missing, %v", missing, total, err)
	}

	after := firstRanking(t, u)
	if !hasFeature(after.Features, matching.FeatureEmbedding) || hasFeature(after.Skipped, matching.FeatureEmbedding) {
		t.Fatalf("after: features %v, skipped %v", after.Features, after.Skipped)
	}

	// Everything is cached now: a second run sends nothing.
	reqs, inputs := n.requests.Load(), n.inputs.Load()
	if err := u.ShowView("settings"); err != nil {
		t.Fatal(err)
	}
	test.Tap(v.compute)
	u.Wait()
	if n.requests.Load() != reqs || n.inputs.Load() != inputs {
		t.Fatalf("second run sent %d requests", n.requests.Load()-reqs)
	}
	st2 := v.lastStats
	if st2.Sent != 0 || st2.Requests != 0 || st2.Cached != st.Unique {
		t.Fatalf("second run stats %+v", st2)
	}
	want = tr(event.En, "set.embed_done", profiles, st.Unique, 0, st.Unique, 0, 0)
	if v.embedResult.Text != want {
		t.Fatalf("second summary\n got %q\nwant %q", v.embedResult.Text, want)
	}
}

// redirectingClient sends every request to srv whatever the URL's host, so
// a test can stand in for a remote endpoint.
func redirectingClient(srv *httptest.Server) *http.Client {
	addr := srv.Listener.Addr().String()
	return &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, addr)
		},
	}}
}

// TestSettingsComputeEmbeddingsNeedsKey: a remote endpoint without a key in
// the environment gets the no-key message and no request; with the key set
// the same endpoint is reached, and the key is never shown.
func TestSettingsComputeEmbeddingsNeedsKey(t *testing.T) {
	noEmbeddingKey(t)
	srv, n := countingEmbeddingServer(t)
	u, _ := openUI(t, event.Ja)
	u.svc.EmbedHTTP = redirectingClient(srv)
	if err := u.ShowView("settings"); err != nil {
		t.Fatal(err)
	}
	v := u.settingsV
	remote := "http://embeddings.example.com/v1"
	v.url.SetText(remote)
	v.model.SetText("test-embed")
	test.Tap(v.compute)
	u.Wait()
	want := tr(event.Ja, "set.embed_nokey", remote, embed.EnvPitchKey, embed.EnvKey)
	if v.embedResult.Text != want {
		t.Fatalf("got %q\nwant %q", v.embedResult.Text, want)
	}
	if n.requests.Load() != 0 {
		t.Fatalf("%d requests sent without a key", n.requests.Load())
	}
	if v.compute.Disabled() || v.stopEmbed != nil {
		t.Fatal("the button stays usable after the message")
	}

	const key = "sk-test-not-shown"
	t.Setenv(embed.EnvPitchKey, key)
	test.Tap(v.compute)
	u.Wait()
	if n.requests.Load() == 0 || v.lastStats.Sent == 0 {
		t.Fatalf("with a key nothing reached the endpoint: %q", v.embedResult.Text)
	}
	if strings.Contains(v.embedResult.Text, key) || strings.Contains(u.status.Text, key) {
		t.Fatalf("the key is shown: %q", v.embedResult.Text)
	}
}

// TestSettingsComputeEmbeddingsErrors: a refused key and a server that is
// not running give their own bilingual message, and the settings are not
// saved.
func TestSettingsComputeEmbeddingsErrors(t *testing.T) {
	noEmbeddingKey(t)
	refusing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		w.Write([]byte(`{"error":{"message":"Incorrect API key provided","type":"invalid_request_error"}}`))
	}))
	t.Cleanup(refusing.Close)
	busy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte(`{"error":{"message":"overloaded","type":"server_error"}}`))
	}))
	t.Cleanup(busy.Close)
	down := httptest.NewServer(http.NotFoundHandler())
	downURL := down.URL
	down.Close()

	for _, tc := range []struct {
		name, url string
		lang      event.Lang
		want      string
		retried   bool // a failure retried with back-off
	}{
		{"401", refusing.URL + "/v1", event.En, "HTTP 401", false},
		{"401 ja", refusing.URL + "/v1", event.Ja, "APIキーを拒否しました", false},
		{"down", downURL + "/v1", event.En, "is it running?", false},
		{"down ja", downURL + "/v1", event.Ja, "接続できません", false},
		// Retried with back-off (0.5 s, 1 s, 2 s… of real time before the
		// client's sleep was injectable), then reported.
		{"503", busy.URL + "/v1", event.En, "failed (HTTP 503) after 6 attempts", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, path := openUI(t, tc.lang)
			if err := u.ShowView("settings"); err != nil {
				t.Fatal(err)
			}
			v := u.settingsV
			v.url.SetText(tc.url)
			v.model.SetText("test-embed")
			// Retries wait on the UI's clock (instant here): count what
			// they asked for, none of it waited for real.
			var waited time.Duration
			var mu sync.Mutex
			after := u.clk.after
			u.clk.after = func(d time.Duration) <-chan time.Time {
				mu.Lock()
				waited += d
				mu.Unlock()
				return after(d)
			}
			start := time.Now()
			test.Tap(v.compute)
			u.Wait()
			t.Logf("back-off asked for %v, the run took %v", waited, time.Since(start))
			if tc.retried && waited == 0 {
				t.Errorf("no back-off through the UI's clock")
			}
			prefix := strings.TrimSuffix(tr(tc.lang, "set.embed_failed", ""), " ")
			if !strings.HasPrefix(v.embedResult.Text, prefix) || !strings.Contains(v.embedResult.Text, tc.want) {
				t.Fatalf("got %q, want %q… containing %q", v.embedResult.Text, prefix, tc.want)
			}
			ev, err := otherStore(t, path).Event(context.Background())
			if err != nil || ev.EmbeddingURL != "" {
				t.Fatalf("settings saved after a failure: %q %v", ev.EmbeddingURL, err)
			}
			if v.compute.Disabled() || !v.stop.Disabled() {
				t.Fatal("the run did not end in the widgets")
			}
		})
	}
}
