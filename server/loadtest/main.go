// Command loadtest drives a running `pitchmatch serve` from a second process
// on loopback: many concurrent clients, each with its own private link,
// reading and updating startup profiles, with several clients per startup so
// optimistic concurrency is exercised. It reports latency percentiles and
// errors, then checks that no update was lost: every update the server
// acknowledged (200) must be in the final profile, and each profile's
// version must have grown by exactly the number of acknowledged updates.
//
// It is bounded: --clients × --ops requests (plus retries after 409/429) and
// --timeout overall; it refuses any server address that is not loopback.
//
// Typical run (the database must be a scratch copy: load-test startups
// LT0001 … are added to it and their English summary is overwritten):
//
//	go run ./cmd/pitchmatch demo --db /tmp/lt.db
//	go run ./cmd/pitchmatch serve --db /tmp/lt.db --addr 127.0.0.1:8098 &
//	go run ./server/loadtest --db /tmp/lt.db --url http://127.0.0.1:8098 --clients 200 --startups 50 --ops 20
//
// It prints a JSON report and exits 1 if an update was lost, a version does
// not add up or the time limit cut the run short.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"pitchmatch/event"
	"pitchmatch/event/api"
	"pitchmatch/storage"
)

type config struct {
	base     string
	db       string
	clients  int
	startups int
	ops      int
	update   float64
	timeout  time.Duration
}

func main() {
	var c config
	flag.StringVar(&c.base, "url", "", "server base URL (loopback only), e.g. http://127.0.0.1:8080")
	flag.StringVar(&c.db, "db", "", "the server's database file: used to add load-test startups and invite them")
	flag.IntVar(&c.clients, "clients", 200, "concurrent clients (1–1000)")
	flag.IntVar(&c.startups, "startups", 50, "startups shared by the clients (1–clients)")
	flag.IntVar(&c.ops, "ops", 20, "operations per client (1–1000)")
	flag.Float64Var(&c.update, "update", 0.5, "share of operations that update the profile")
	flag.DurationVar(&c.timeout, "timeout", 2*time.Minute, "overall time limit")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rep, err := run(ctx, c, log)
	if rep != nil {
		out, _ := json.MarshalIndent(rep, "", "  ")
		fmt.Println(string(out))
	}
	if err != nil {
		log.Error("load test failed", "err", err.Error())
		os.Exit(1)
	}
}

// report is the load test's result.
type report struct {
	Clients       int      `json:"clients"`
	Startups      int      `json:"startups"`
	Requests      int      `json:"requests"`
	Reads         int      `json:"reads"`
	Updates       int      `json:"updates_acknowledged"`
	Conflicts     int      `json:"conflicts_409_retried"`
	RateLimited   int      `json:"rate_limited_429"`
	Errors        int      `json:"errors"`
	FirstErrors   []string `json:"first_errors,omitempty"`
	DurationS     float64  `json:"duration_s"`
	ThroughputRPS float64  `json:"throughput_rps"`
	P50ms         float64  `json:"p50_ms"`
	P95ms         float64  `json:"p95_ms"`
	P99ms         float64  `json:"p99_ms"`
	MaxMs         float64  `json:"max_ms"`
	LostUpdates   int      `json:"lost_updates"`
	VersionDrift  int      `json:"version_mismatches"`
	Verified      int      `json:"startups_verified"`
}

func checkLoopback(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "http" {
		return nil, fmt.Errorf("--url %q: want http://127.0.0.1:PORT", raw)
	}
	ips, err := net.LookupIP(u.Hostname())
	if err != nil || len(ips) == 0 {
		return nil, fmt.Errorf("--url host %q: %v", u.Hostname(), err)
	}
	for _, ip := range ips {
		if !ip.IsLoopback() {
			return nil, fmt.Errorf("--url %q is not loopback; this load test only runs against the local machine", raw)
		}
	}
	return u, nil
}

func run(ctx context.Context, c config, log *slog.Logger) (*report, error) {
	u, err := checkLoopback(c.base)
	if err != nil {
		return nil, err
	}
	if c.clients < 1 || c.clients > 1000 || c.ops < 1 || c.ops > 1000 || c.startups < 1 || c.startups > c.clients || c.db == "" {
		return nil, errors.New("need --db, 1 ≤ --clients ≤ 1000, 1 ≤ --startups ≤ clients, 1 ≤ --ops ≤ 1000")
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()

	ids, tokens, err := setup(ctx, c)
	if err != nil {
		return nil, err
	}
	log.Info("setup done", "startups", len(ids), "tokens", len(tokens))

	hc := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConns: c.clients * 2, MaxIdleConnsPerHost: c.clients * 2, IdleConnTimeout: time.Minute}}
	base := strings.TrimRight(u.String(), "/")

	// Versions before the run, to check the growth afterwards.
	startV := map[string]int64{}
	for i, id := range ids {
		s, _, err := getMe(ctx, hc, base, tokens[i])
		if err != nil {
			return nil, fmt.Errorf("initial read of %s: %w", id, err)
		}
		startV[id] = s.Version
	}

	var (
		mu      sync.Mutex
		lat     []time.Duration
		rep     = &report{Clients: c.clients, Startups: c.startups}
		acked   = map[string][]string{} // startup → markers acknowledged
		firstEr []string
	)
	note := func(d time.Duration, kind string, errMsg string) {
		mu.Lock()
		defer mu.Unlock()
		lat = append(lat, d)
		rep.Requests++
		switch kind {
		case "read":
			rep.Reads++
		case "409":
			rep.Conflicts++
		case "429":
			rep.RateLimited++
		case "err":
			rep.Errors++
			if len(firstEr) < 5 {
				firstEr = append(firstEr, errMsg)
			}
		}
	}
	runID := strconv.FormatUint(rand.Uint64()%1e6, 36) // markers are unique per run
	start := time.Now()
	var wg sync.WaitGroup
	for i := 0; i < c.clients; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			sid := ids[i%len(ids)]
			tok := tokens[i]
			rng := rand.New(rand.NewPCG(uint64(i), 7))
			var cur *event.Startup
			for k := 0; k < c.ops && ctx.Err() == nil; k++ {
				if cur == nil || rng.Float64() >= c.update {
					t0 := time.Now()
					s, status, err := getMe(ctx, hc, base, tok)
					switch {
					case status == 429:
						note(time.Since(t0), "429", "")
						time.Sleep(time.Second)
						continue
					case err != nil:
						note(time.Since(t0), "err", err.Error())
						continue
					}
					note(time.Since(t0), "read", "")
					cur = s
					continue
				}
				marker := fmt.Sprintf("%s.c%d.%d;", runID, i, k)
				for attempt := 0; attempt < 50 && ctx.Err() == nil; attempt++ {
					next := *cur
					next.ProductSummary.En += marker
					next.UpdatedAt = time.Time{}
					t0 := time.Now()
					saved, current, status, err := putMe(ctx, hc, base, tok, &next)
					d := time.Since(t0)
					switch {
					case err == nil:
						note(d, "update", "")
						cur = saved
						mu.Lock()
						acked[sid] = append(acked[sid], marker)
						mu.Unlock()
					case status == 409 && current != nil:
						note(d, "409", "")
						cur = current
						continue
					case status == 429:
						note(d, "429", "")
						time.Sleep(time.Second)
						continue
					default:
						note(d, "err", err.Error())
					}
					break
				}
			}
		}(i)
	}
	wg.Wait()
	elapsed := time.Since(start)
	rep.DurationS = elapsed.Seconds()
	rep.ThroughputRPS = float64(rep.Requests) / elapsed.Seconds()
	rep.FirstErrors = firstEr
	slices.Sort(lat)
	pct := func(p float64) float64 {
		if len(lat) == 0 {
			return 0
		}
		i := int(p*float64(len(lat))+0.5) - 1
		i = max(0, min(i, len(lat)-1))
		return float64(lat[i].Microseconds()) / 1000
	}
	rep.P50ms, rep.P95ms, rep.P99ms, rep.MaxMs = pct(0.50), pct(0.95), pct(0.99), pct(1)
	for _, ms := range acked {
		rep.Updates += len(ms)
	}

	// Verify: nothing acknowledged is missing, versions add up.
	for i, id := range ids {
		s, _, err := getMe(context.Background(), hc, base, tokens[i])
		if err != nil {
			return rep, fmt.Errorf("final read of %s: %w", id, err)
		}
		rep.Verified++
		for _, m := range acked[id] {
			if strings.Count(s.ProductSummary.En, m) != 1 {
				rep.LostUpdates++
			}
		}
		if s.Version != startV[id]+int64(len(acked[id])) {
			rep.VersionDrift++
		}
	}
	if ctx.Err() != nil {
		return rep, fmt.Errorf("time limit reached before the clients finished")
	}
	if rep.LostUpdates > 0 || rep.VersionDrift > 0 {
		return rep, fmt.Errorf("%d lost updates, %d version mismatches", rep.LostUpdates, rep.VersionDrift)
	}
	return rep, nil
}

// setup adds the load-test startups (LT0001 …) to the database if missing
// and creates one private link per client.
func setup(ctx context.Context, c config) (ids, tokens []string, err error) {
	db, err := storage.Open(ctx, c.db)
	if err != nil {
		return nil, nil, err
	}
	defer db.Close()
	var b event.Batch
	for i := 1; i <= c.startups; i++ {
		id := fmt.Sprintf("LT%04d", i)
		ids = append(ids, id)
		if s, err := db.Startup(ctx, id); err == nil {
			// Start from an empty marker field so repeated runs stay under
			// the summary's length limit.
			s.ProductSummary.En = ""
			if err := db.SaveStartup(ctx, "loadtest", s); err != nil {
				return nil, nil, fmt.Errorf("reset %s: %w", id, err)
			}
			continue
		}
		b.Startups = append(b.Startups, &event.Startup{ID: id, Name: event.T("負荷試験スタートアップ"+strconv.Itoa(i), "Load test startup "+strconv.Itoa(i)),
			Areas: []string{"cardiovascular"}, DevStage: "prototype"})
	}
	if len(b.Startups) > 0 {
		if err := db.Import(ctx, "loadtest", &b); err != nil {
			return nil, nil, fmt.Errorf("add startups: %w", err)
		}
	}
	for i := 0; i < c.clients; i++ {
		link, err := api.NewInvite(ctx, db, ids[i%len(ids)], c.base, time.Hour)
		if err != nil {
			return nil, nil, err
		}
		tokens = append(tokens, api.TokenFromLink(link))
	}
	return ids, tokens, nil
}

func do(ctx context.Context, hc *http.Client, method, url, tok string, body any) (int, []byte, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, nil, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json")
	res, err := hc.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	return res.StatusCode, data, err
}

func getMe(ctx context.Context, hc *http.Client, base, tok string) (*event.Startup, int, error) {
	status, data, err := do(ctx, hc, "GET", base+"/api/v1/me", tok, nil)
	if err != nil {
		return nil, status, err
	}
	if status != 200 {
		return nil, status, fmt.Errorf("GET /me: %d %s", status, data)
	}
	var s event.Startup
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, status, err
	}
	return &s, status, nil
}

func putMe(ctx context.Context, hc *http.Client, base, tok string, s *event.Startup) (saved, current *event.Startup, status int, err error) {
	status, data, err := do(ctx, hc, "PUT", base+"/api/v1/me", tok, s)
	if err != nil {
		return nil, nil, status, err
	}
	switch status {
	case 200:
		var out event.Startup
		if err := json.Unmarshal(data, &out); err != nil {
			return nil, nil, status, err
		}
		return &out, nil, status, nil
	case 409:
		var e struct {
			Current *event.Startup `json:"current"`
		}
		json.Unmarshal(data, &e)
		return nil, e.Current, status, fmt.Errorf("409")
	}
	return nil, nil, status, fmt.Errorf("PUT /me: %d %s", status, data)
}
