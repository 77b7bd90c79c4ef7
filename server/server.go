// Package server is PitchMatch's HTTP side for startups: a versioned JSON API
// (/api/v1/...) reached through private links, and the browser portal bundle
// (Go compiled to WebAssembly, its loader, HTML, CSS and font), served
// precompressed with cache headers.
//
// Authorisation: a private link carries a random 256-bit token in its URL
// fragment; the portal sends it as "Authorization: Bearer <token>". The store
// keeps only the token's SHA-256; a token expires, can be revoked, and
// reaches exactly one startup: every /me route acts on the token's startup
// and routes that name another startup answer 403.
//
// Errors are JSON {code, message, field} with code from event's error kinds;
// validation errors add the full list of field errors and a stale update (409)
// carries the current record. Request bodies are capped, unknown fields are
// rejected and each token has its own rate limit.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"pitchmatch/event"
)

// Store is what the server needs: the event store plus the private-link
// tokens. *storage.DB implements it.
type Store interface {
	event.Store
	OnlineStore
	ProgrammeStore
	CreateToken(ctx context.Context, t event.Token) error
	TokenByHash(ctx context.Context, hash string) (*event.Token, error)
	RevokeToken(ctx context.Context, hash string) error
	RevokeStartupTokens(ctx context.Context, startupID string) error
	Tokens(ctx context.Context, startupID string) ([]event.Token, error)
}

// Options tune a Server; the zero value gives the defaults noted.
type Options struct {
	Logger *slog.Logger // default: slog.Default()
	// Font is a TrueType font served at /font.ttf as the portal's last
	// fallback for Japanese (browsers use an installed Japanese font first).
	Font []byte
	// RatePerSecond and RateBurst bound the requests of one token (a token
	// bucket): default 10/s with bursts of 60.
	RatePerSecond float64
	RateBurst     int
	// MaxBody caps request bodies in bytes; default 64 KiB.
	MaxBody int64
	// Now is the clock (for token expiry); default time.Now.
	Now func() time.Time
	// Background lets the server refresh the scouts' ranking model in a
	// goroutine (requests keep the previous model meanwhile); without it
	// the request that finds the model stale rebuilds it. Call Close before
	// closing the store.
	Background bool
}

// Server serves the API and the portal. Create it with New.
type Server struct {
	store   Store
	log     *slog.Logger
	now     func() time.Time
	maxBody int64
	limiter *limiter
	bundle  *bundle
	handler http.Handler
	// ranks is the scouts' ranking model (server/ranking.go).
	ranks *rankCache
	// slots caches the event's slots (server/eventcache.go).
	slots slotCache
	// themes is GET /themes's answer (server/startup.go).
	themes bodyCache
	// tokenKinds remembers which table each token was found in
	// (server/online_auth.go).
	tokenKinds tokenKinds
	// bg is the context of background work (ranking rebuilds) when
	// Options.Background is set; Close cancels it and waits.
	bg     context.Context
	stopBG context.CancelFunc
	bgWG   sync.WaitGroup
}

// Close stops the server's background work and waits for it; the store
// may be closed after. Call it when Options.Background was set.
func (s *Server) Close() {
	if s.stopBG != nil {
		s.stopBG()
	}
	s.bgWG.Wait()
}

// DefaultMaxBody is the default request body limit.
const DefaultMaxBody = 64 << 10

// New returns a Server over store. It prepares the embedded portal bundle
// (compressing what was not precompressed by the build).
func New(store Store, opts Options) (*Server, error) {
	s := &Server{store: store, log: opts.Logger, now: opts.Now, maxBody: opts.MaxBody, ranks: newRankCache()}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.maxBody <= 0 {
		s.maxBody = DefaultMaxBody
	}
	rate, burst := opts.RatePerSecond, opts.RateBurst
	if rate <= 0 {
		rate = 10
	}
	if burst <= 0 {
		burst = 60
	}
	s.limiter = newLimiter(rate, burst)
	if opts.Background {
		s.bg, s.stopBG = context.WithCancel(context.Background())
	}
	b, err := loadBundle(opts.Font)
	if err != nil {
		return nil, err
	}
	s.bundle = b
	s.handler = s.routes()
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// BundleReady reports whether the WebAssembly portal was built into the
// binary (scripts/build-portal.sh); without it only the API works.
func (s *Server) BundleReady() bool { return s.bundle.ready() }

// BundleSizes returns the raw and gzip-compressed byte sizes of the portal
// bundle files (without the font).
func (s *Server) BundleSizes() map[string][2]int { return s.bundle.sizes() }

// Serve accepts connections on ln until ctx is cancelled, then shuts down
// gracefully, giving in-flight requests up to grace to finish.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, log *slog.Logger, grace time.Duration) error {
	if log == nil {
		log = slog.Default()
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down", "grace", grace)
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("stopped")
	return nil
}
