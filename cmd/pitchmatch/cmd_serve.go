package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"sort"
	"strings"
	"time"

	"pitchmatch/assets"
	"pitchmatch/notify"
	"pitchmatch/server"
)

func serveCmd() *command {
	return &command{name: "serve", summary: "serve the startup portal and its API (private links)", run: runServe}
}

func runServe(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "serve", "serve --db FILE [--addr 127.0.0.1:8080]")
	db := dbFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "listen address (host:port; port 0 picks a free one)")
	rate := fs.Float64("rate", 10, "requests per second allowed per private link")
	burst := fs.Int("burst", 60, "burst of requests allowed per private link")
	maxBody := fs.Int64("max-body", server.DefaultMaxBody, "request body limit in bytes")
	logJSON := fs.Bool("log-json", false, "write logs as JSON lines")
	grace := fs.Duration("grace", 10*time.Second, "time given to in-flight requests at shutdown")
	mailEvery := fs.Duration("outbox-interval", 15*time.Second, "how often notifications are queued and the outbox sent (0: never; see pitchmatch outbox)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected arguments %q", fs.Args())
	}
	if err := checkPositive("--rate", *rate); err != nil {
		return err
	}
	if err := checkRange("--burst", int64(*burst), 1, 1_000_000); err != nil {
		return err
	}
	if err := checkRange("--max-body", *maxBody, 1<<10, 64<<20); err != nil {
		return err
	}
	if err := checkDuration("--grace", *grace, time.Hour); err != nil {
		return err
	}
	var h slog.Handler = slog.NewTextHandler(env.stderr, nil)
	if *logJSON {
		h = slog.NewJSONHandler(env.stderr, nil)
	}
	log := slog.New(h)

	store, err := openDB(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	srv, err := server.New(store, server.Options{Logger: log, Font: assets.JapaneseFont(),
		RatePerSecond: *rate, RateBurst: *burst, MaxBody: *maxBody, Background: true})
	if err != nil {
		return err
	}
	defer srv.Close()
	if !srv.BundleReady() {
		log.Warn("portal bundle not built: the API works but the browser portal does not; run scripts/build-portal.sh and rebuild")
	} else {
		sizes := srv.BundleSizes()
		names := make([]string, 0, len(sizes))
		raw, gz := 0, 0
		for n, s := range sizes {
			names = append(names, n)
			raw += s[0]
			gz += s[1]
		}
		sort.Strings(names)
		log.Info("portal bundle", "files", strings.Join(names, ","), "bytes", raw, "gzip_bytes", gz)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", *addr, err)
	}
	// The first line on stdout is the URL (scripts read it when --addr has port 0).
	fmt.Fprintf(env.stdout, "listening on http://%s\n", ln.Addr())
	log.Info("serving", "addr", ln.Addr().String(), "db", *db)
	if *mailEvery > 0 {
		// Notifications: queued and sent apart from every request (notify.Run).
		nctx, stop := context.WithCancel(ctx)
		defer stop()
		go notify.Run(nctx, store, &notify.Sender{Getenv: env.getenv}, *mailEvery, func(err error) { log.Warn("outbox", "err", err.Error()) })
	}
	return server.Serve(ctx, ln, srv, log, *grace)
}
