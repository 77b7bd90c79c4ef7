package server

// Request handling around every route: security headers, panic recovery and
// logging, the bearer token, its expiry, revocation and rate limit.

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"pitchmatch/event"
	"pitchmatch/event/api"
)

// middleware adds security headers, recovers panics and logs each request
// without secrets: never the Authorization header, the query or the token.
func (s *Server) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		info := &reqInfo{}
		r = r.WithContext(context.WithValue(r.Context(), reqInfoKey{}, info))
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "path", r.URL.Path, "panic", fmt.Sprint(v))
				if sw.status == 0 {
					s.writeError(sw, r, errors.New("internal panic"))
				}
			}
			attrs := []any{"method", r.Method, "path", r.URL.Path, "status", sw.code(), "bytes", sw.n,
				"dur_ms", float64(time.Since(start).Microseconds()) / 1000}
			if info.startupID != "" {
				attrs = append(attrs, "startup", info.startupID)
			}
			if info.errCode != "" {
				attrs = append(attrs, "err", info.errCode)
			}
			lvl := slog.LevelInfo
			if sw.code() >= 500 {
				lvl = slog.LevelError
			}
			s.log.Log(r.Context(), lvl, "http", attrs...)
		}()
		next.ServeHTTP(sw, r)
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
	n      int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.n += n
	return n, err
}

func (w *statusWriter) code() int {
	if w.status == 0 {
		return http.StatusOK
	}
	return w.status
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

var (
	errNoToken = &event.Error{Code: event.EUnauthorized, Message: event.T(
		"ログインが必要です。招待リンクから開いてください。", "A private link is required: open the portal from your invitation link.")}
	errBadToken = &event.Error{Code: event.EUnauthorized, Message: event.T(
		"このリンクは無効です。事務局に新しいリンクを依頼してください。", "This link is not valid. Ask the organizer for a new link.")}
	errExpired = &event.Error{Code: event.EUnauthorized, Message: event.T(
		"このリンクは有効期限が切れています。事務局に新しいリンクを依頼してください。", "This link has expired. Ask the organizer for a new link.")}
	errRevoked = &event.Error{Code: event.EUnauthorized, Message: event.T(
		"このリンクは取り消されています。事務局に新しいリンクを依頼してください。", "This link has been revoked. Ask the organizer for a new link.")}
	errOther = &event.Error{Code: event.EForbidden, Message: event.T(
		"このリンクでは他のスタートアップの情報にはアクセスできません。", "This link does not give access to another startup.")}
)

// authed resolves the bearer token to its startup, enforces expiry,
// revocation and the per-token rate limit, then runs f.
func (s *Server) authed(f apiFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Vary", "Authorization, Accept-Language")
		now := s.now()
		raw, ok := bearer(r.Header.Get("Authorization"))
		if !ok {
			if !s.allowAnon(w, r, now) {
				return
			}
			s.writeError(w, r, errNoToken)
			return
		}
		hash := api.HashToken(raw)
		tok, err := s.lookupToken(r.Context(), hash)
		if err != nil && event.ErrorCode(err) != event.ENotFound {
			s.writeError(w, r, fmt.Errorf("token lookup: %w", err))
			return
		}
		var fail *event.Error
		switch {
		case err != nil || tok == nil || tok.Hash != "" && tok.Hash != hash:
			fail = errBadToken
		case tok.Revoked:
			fail = errRevoked
		case !tok.ExpiresAt.IsZero() && !now.Before(tok.ExpiresAt):
			fail = errExpired
		}
		if fail != nil {
			// Failed attempts are limited per client address, so guessing
			// tokens costs the guesser's own budget.
			if !s.allowAnon(w, r, now) {
				return
			}
			s.writeError(w, r, fail)
			return
		}
		if info, _ := r.Context().Value(reqInfoKey{}).(*reqInfo); info != nil {
			info.startupID = tok.StartupID
			if tok.CompanyID != "" {
				info.startupID = "scout:" + tok.CompanyID
			}
			if tok.JudgeID != "" {
				info.startupID = "judge:" + tok.JudgeID
			}
		}
		if ok, wait := s.limiter.allow("t:"+hash, now); !ok {
			s.rateLimited(w, r, wait)
			return
		}
		if err := f(w, r, principal{startupID: tok.StartupID, companyID: tok.CompanyID, scout: tok.Scout, judgeID: tok.JudgeID, tokenHash: hash}); err != nil {
			s.writeError(w, r, err)
		}
	})
}

func (s *Server) allowAnon(w http.ResponseWriter, r *http.Request, now time.Time) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ok, wait := s.limiter.allow("a:"+host, now)
	if !ok {
		s.rateLimited(w, r, wait)
	}
	return ok
}

func (s *Server) rateLimited(w http.ResponseWriter, r *http.Request, wait time.Duration) {
	secs := int(wait/time.Second) + 1
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	s.writeError(w, r, &event.Error{Code: event.ERateLimited, Message: event.T(
		fmt.Sprintf("リクエストが多すぎます。%d秒後にもう一度お試しください。", secs),
		fmt.Sprintf("Too many requests; try again in %d s.", secs))})
}

func bearer(h string) (string, bool) {
	const p = "bearer "
	if len(h) <= len(p) || !strings.EqualFold(h[:len(p)], p) {
		return "", false
	}
	t := strings.TrimSpace(h[len(p):])
	if t == "" || len(t) > 256 {
		return "", false
	}
	return t, true
}

// own wraps f for routes naming a startup: only the token's own startup.
func (s *Server) own(f apiFunc) apiFunc {
	return func(w http.ResponseWriter, r *http.Request, p principal) error {
		if r.PathValue("id") != p.startupID {
			return errOther
		}
		return f(w, r, p)
	}
}

// requestLang is the language of error messages: ?lang=, else
