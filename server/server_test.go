package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"pitchmatch/event"
	"pitchmatch/event/api"
)

func FuzzDecodeStartup(f *testing.F) {
	f.Add([]byte(`{"id":"S1","version":3,"name":{"ja":"メドテック","en":"MedTech"},"areas":["oncology"]}`))
	f.Add([]byte(`{"version":1,"founded":2019,"headcount":-1,"website":"https://x"}`))
	f.Add([]byte(`{"name":{"ja":"\ud800"}}`))
	f.Add([]byte(`{"version":1} {}`))
	f.Add([]byte(`[]`))
	f.Add([]byte(`{"unknown":1}`))
	f.Add([]byte("{\"name\":{\"ja\":\"\xff\"}}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		const limit = 4 << 10
		var s event.Startup
		err := decodeJSON(bytes.NewReader(data), limit, &s)
		if err != nil {
			code := event.ErrorCode(err)
			if code != event.EInvalid && code != event.ETooLarge {
				t.Fatalf("decode error with code %q: %v", code, err)
			}
			if len(data) > limit && code != event.ETooLarge {
				t.Fatalf("%d bytes over the limit not reported as too large: %v", len(data), err)
			}
			return
		}
		if len(data) > limit {
			t.Fatalf("accepted %d bytes over the limit", len(data))
		}
		// Whatever decodes must validate without panicking and report
		// problems only as field errors.
		if verr := s.Validate(); verr != nil {
			var ve *event.ValidationError
			if !errors.As(verr, &ve) || len(ve.Errors) == 0 {
				t.Fatalf("validate: %v", verr)
			}
		}
	})
}

func TestNewInvite(t *testing.T) {
	f := newFixture(t, Options{})
	ctx := context.Background()
	link, err := api.NewInvite(ctx, f.db, "S1", "https://portal.example.jp/jhvs", 30*24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(link, "https://portal.example.jp/jhvs#t=") {
		t.Fatalf("link %q", link)
	}
	raw := api.TokenFromLink(link)
	if len(raw) < 43 { // 32 bytes in unpadded base64url
		t.Fatalf("token %q too short", raw)
	}
	tok, err := f.db.TokenByHash(ctx, api.HashToken(raw))
	if err != nil || tok.StartupID != "S1" || tok.Revoked {
		t.Fatalf("stored token %+v, %v", tok, err)
	}
	if d := time.Until(tok.ExpiresAt); d < 29*24*time.Hour || d > 31*24*time.Hour {
		t.Fatalf("expiry in %s", d)
	}
	tokens, err := f.db.Tokens(ctx, "S1")
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range tokens {
		if strings.Contains(tk.Hash, raw) || tk.Hash == raw {
			t.Fatal("raw token stored")
		}
	}
	// Revoking the link by its text stops it.
	if err := api.RevokeLink(ctx, f.db, link); err != nil {
		t.Fatal(err)
	}
	if tok, err := f.db.TokenByHash(ctx, api.HashToken(raw)); err != nil || !tok.Revoked {
		t.Fatalf("after RevokeLink: %+v %v", tok, err)
	}
	if r := f.do("GET", "/api/v1/me", raw, nil); r.status != 401 {
		t.Fatalf("revoked link still works: %d", r.status)
	}
	// Two links never share a token.
	link2, err := api.NewInvite(ctx, f.db, "S1", "https://portal.example.jp/jhvs", time.Hour)
	if err != nil || api.TokenFromLink(link2) == raw {
		t.Fatalf("second link %q %v", link2, err)
	}
	for _, bad := range []struct {
		id, base string
		ttl      time.Duration
	}{{"S9", "https://x.jp", time.Hour}, {"S1", "ftp://x.jp", time.Hour}, {"S1", "https://x.jp", 0}, {"S1", "not a url", time.Hour}} {
		if _, err := api.NewInvite(ctx, f.db, bad.id, bad.base, bad.ttl); err == nil {
			t.Errorf("api.NewInvite(%q, %q, %s) succeeded", bad.id, bad.base, bad.ttl)
		}
	}
}

func TestStaticBundle(t *testing.T) {
	f := newFixture(t, Options{Font: []byte("not really a font, but bytes to serve")})
	get := func(path string, gz bool) (*http.Response, []byte) {
		req, _ := http.NewRequest("GET", f.http.URL+path, nil)
		if gz {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		res, err := http.DefaultTransport.RoundTrip(req) // no transparent decompression
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res, b
	}
	res, body := get("/", true)
	if res.StatusCode != 200 || res.Header.Get("Content-Encoding") != "gzip" || res.Header.Get("Cache-Control") != "no-cache" {
		t.Fatalf("index: %d %v", res.StatusCode, res.Header)
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	html, _ := io.ReadAll(zr)
	if !strings.Contains(string(html), "?v="+f.srv.bundle.version) || strings.Contains(string(html), versionMark) {
		t.Fatalf("index not versioned:\n%s", html)
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "wasm-unsafe-eval") {
		t.Fatalf("CSP %q", csp)
	}
	res, body = get("/style.css?v="+f.srv.bundle.version, false)
	if res.StatusCode != 200 || res.Header.Get("Content-Encoding") != "" || !strings.Contains(res.Header.Get("Cache-Control"), "immutable") ||
		!strings.Contains(string(body), "/font.ttf?v="+f.srv.bundle.version) {
		t.Fatalf("css: %d %v", res.StatusCode, res.Header)
	}
	etag := res.Header.Get("ETag")
	req, _ := http.NewRequest("GET", f.http.URL+"/style.css", nil)
	req.Header.Set("If-None-Match", etag)
	if r2, err := http.DefaultClient.Do(req); err != nil || r2.StatusCode != 304 {
		t.Fatalf("revalidation: %v %v", r2, err)
	}
	if res, _ := get("/font.ttf", false); res.StatusCode != 200 || res.Header.Get("Content-Type") != "font/ttf" {
		t.Fatalf("font: %d %v", res.StatusCode, res.Header)
	}
	for _, p := range []string{"/server.go", "/static/index.html", "/.gitignore", "/../server.go"} {
		if res, _ := get(p, false); res.StatusCode == 200 {
			t.Fatalf("%s served", p)
		}
	}
	if f.srv.BundleReady() {
		res, body := get("/portal.wasm?v="+f.srv.bundle.version, true)
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/wasm" || res.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("wasm: %d %v", res.StatusCode, res.Header)
		}
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		head := make([]byte, 4)
		io.ReadFull(zr, head)
		if string(head) != "\x00asm" {
			t.Fatalf("not wasm: %q", head)
		}
	} else {
		t.Log("portal.wasm not built (scripts/build-portal.sh); bundle checks limited to the tracked files")
	}
}

func TestServeGracefulShutdown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{})
	release := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
		io.WriteString(w, "done")
	})
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- Serve(ctx, ln, h, slog.New(slog.NewTextHandler(io.Discard, nil)), 5*time.Second) }()
	got := make(chan string, 1)
	go func() {
		res, err := http.Get("http://" + ln.Addr().String())
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		got <- string(b)
	}()
	<-started
	cancel() // shutdown begins while the request is in flight
	time.Sleep(50 * time.Millisecond)
	close(release)
	if body := <-got; body != "done" {
		t.Fatalf("in-flight request cut: %q", body)
	}
	if err := <-errc; err != nil {
		t.Fatalf("Serve: %v", err)
	}
	if _, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second); err == nil {
		t.Fatal("still listening after shutdown")
	}
}

func TestLogsHoldNoSecrets(t *testing.T) {
	var buf bytes.Buffer
	f := newFixture(t, Options{Logger: slog.New(slog.NewJSONHandler(&buf, nil))})
	tok := f.invite("S1", time.Hour)
	f.do("GET", "/api/v1/me?lang=ja", tok, nil)
	f.do("GET", "/api/v1/me", tok+"x", nil)
	logs := buf.String()
	if !strings.Contains(logs, `"startup":"S1"`) || !strings.Contains(logs, `"status":401`) {
		t.Fatalf("logs lack request lines:\n%s", logs)
	}
	if strings.Contains(logs, tok) || strings.Contains(logs, api.HashToken(tok)) {
		t.Fatalf("token in logs:\n%s", logs)
	}
}
