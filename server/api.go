package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"pitchmatch/event"
	"pitchmatch/event/api"
	"pitchmatch/exchange/docs"
	"pitchmatch/exchange/ical"
)

// principal is who a request acts for: the startup its token reaches, or
// (scout tokens, server/online_auth.go) a company's scout.
type principal struct {
	startupID string
	companyID string
	scout     string
	tokenHash string
}

type apiFunc func(w http.ResponseWriter, r *http.Request, p principal) error

// reqInfo is filled in while a request is handled and logged at its end.
type reqInfo struct {
	startupID string
	errCode   string
}

type reqInfoKey struct{}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	// Startup routes refuse scout tokens (server/online_auth.go).
	route := func(pattern string, f apiFunc) { mux.Handle(pattern, s.authed(startupOnly(f))) }
	s.onlineRoutes(mux)
	route("GET "+api.PathMe, s.getMe)
	route("PUT "+api.PathMe, s.putMe)
	route("PATCH "+api.PathMe, s.patchMe)
	route("GET "+api.PathInterests, s.getInterests)
	route("PUT "+api.PathInterests, s.putInterests)
	route("PUT "+api.PathInterest, s.putInterest)
	route("GET "+api.PathMeetings, s.getMeetings)
	route("GET "+api.PathMeetingsICS, s.getICS)
	route("GET "+api.PathThemes, s.getThemes)
	// Routes that name a startup: a token reaches only its own.
	route("GET "+api.PathStartup, s.own(s.getMe))
	route("PUT "+api.PathStartup, s.own(s.putMe))
	route("PATCH "+api.PathStartup, s.own(s.patchMe))
	route("GET "+api.PathStartup+"/interests", s.own(s.getInterests))
	route("PUT "+api.PathStartup+"/interests", s.own(s.putInterests))
	route("PUT "+api.PathStartup+"/interests/{theme}", s.own(s.putInterest))
	route("GET "+api.PathStartup+"/meetings", s.own(s.getMeetings))
	mux.HandleFunc(api.Prefix, func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, &event.Error{Code: event.ENotFound, Message: event.T("APIが見つかりません", "no such API route")})
	})
	mux.Handle("/", s.bundle)
	return s.middleware(gzipJSON(mux))
}

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
		}
		if ok, wait := s.limiter.allow("t:"+hash, now); !ok {
			s.rateLimited(w, r, wait)
			return
		}
		if err := f(w, r, principal{startupID: tok.StartupID, companyID: tok.CompanyID, scout: tok.Scout, tokenHash: hash}); err != nil {
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
// Accept-Language, else Japanese.
func requestLang(r *http.Request) event.Lang {
	if l := r.URL.Query().Get("lang"); l != "" {
		return event.ParseLang(l)
	}
	if al := r.Header.Get("Accept-Language"); al != "" {
		return event.ParseLang(al)
	}
	return event.Ja
}

func statusFor(code string) int {
	switch code {
	case event.EInvalid:
		return http.StatusUnprocessableEntity
	case event.EConflict, event.EExists:
		return http.StatusConflict
	case event.ENotFound:
		return http.StatusNotFound
	case event.EUnauthorized:
		return http.StatusUnauthorized
	case event.EForbidden:
		return http.StatusForbidden
	case event.ETooLarge:
		return http.StatusRequestEntityTooLarge
	case event.ERateLimited:
		return http.StatusTooManyRequests
	case event.EUnavailable, event.EBusy, event.EReadOnly:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	lang := requestLang(r)
	code := event.ErrorCode(err)
	if code == event.EBusy {
		// Another program holds the event file's write lock (storage
		// reports it as event.EBusy): the client may retry shortly.
		w.Header().Set("Retry-After", "1")
	}
	body := api.Error{Code: code, Message: event.ErrorMessage(err, lang)}
	status := statusFor(code)
	var fe *fieldError
	var ve *event.ValidationError
	var ce *event.ConflictError
	switch {
	case errors.As(err, &fe):
		body.Field = fe.field
		if code == event.EInvalid {
			status = http.StatusBadRequest
		}
	case errors.As(err, &ve):
		body.Errors = ve.Errors
		if len(ve.Errors) > 0 {
			f := ve.Errors[0]
			body.Field = f.Field
			body.Message = f.Field + ": " + f.Message.In(lang)
		}
	case errors.As(err, &ce) && ce.Current != nil:
		body.Field = "version" // the version sent is not the stored one
		cur, merr := json.Marshal(ce.Current)
		if merr != nil {
			s.log.Error("encode conflict record", "path", r.URL.Path, "err", merr.Error())
		} else {
			body.Current = cur
		}
	}
	if code == event.EInvalid && fe == nil && ve == nil {
		status = http.StatusBadRequest // malformed request rather than bad values
	}
	if status == http.StatusInternalServerError {
		s.log.Error("request failed", "path", r.URL.Path, "err", err.Error())
		body.Message = event.T("サーバーでエラーが発生しました", "internal server error").In(lang)
	}
	if info, _ := r.Context().Value(reqInfoKey{}).(*reqInfo); info != nil {
		info.errCode = code
	}
	body.Status = status
	writeJSON(w, body.Status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, `{"code":"internal","message":"encoding failed","field":""}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)+1))
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

func (s *Server) getMe(w http.ResponseWriter, r *http.Request, p principal) error {
	st, err := s.store.Startup(r.Context(), p.startupID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, api.StartupJSON(st))
	return nil
}

func (s *Server) loadEvent(ctx context.Context) (*event.Event, error) {
	ev, err := s.store.Event(ctx)
	if event.ErrorCode(err) == event.ENotFound || (err == nil && ev == nil) {
		return &event.Event{}, nil
	}
	return ev, err
}

func (s *Server) getThemes(w http.ResponseWriter, r *http.Request, _ principal) error {
	ctx := r.Context()
	ev, err := s.loadEvent(ctx)
	if err != nil {
		return err
	}
	cos, err := s.store.Companies(ctx)
	if err != nil {
		return err
	}
	ths, err := s.store.Themes(ctx)
	if err != nil {
		return err
	}
	out := api.Themes{
		Event:     api.PublicEventOf(ev),
		Companies: make([]api.PublicCompany, 0, len(cos)),
		Themes:    ths,
	}
	if out.Themes == nil {
		out.Themes = []*event.Theme{}
	}
	for _, c := range cos {
		out.Companies = append(out.Companies, api.PublicCompanyOf(c))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) myMeetings(ctx context.Context, startupID string) (*event.Event, []api.Meeting, error) {
	ev, err := s.loadEvent(ctx)
	if err != nil {
		return nil, nil, err
	}
	ms, err := s.store.MeetingsOf(ctx, event.KindStartup, startupID)
	if err != nil {
		return nil, nil, err
	}
	// Only the companies and themes the startup meets are read (per
	// participant: the cost does not grow with the event).
	names := newNameCache(s.store)
	slots := ev.Slots()
	out := []api.Meeting{}
	for _, m := range ms {
		if m.StartupID != startupID {
			continue
		}
		v := api.Meeting{ID: m.ID, UID: m.UID, CompanyID: m.CompanyID, Company: names.company(ctx, m.CompanyID),
			ThemeID: m.ThemeID, Theme: names.theme(ctx, m.ThemeID), Slot: m.Slot, Table: m.Table + 1,
			Status: m.Status, Sequence: m.Sequence}
		if m.Slot >= 0 && m.Slot < len(slots) {
			sl := slots[m.Slot]
			v.SlotLabel, v.Start, v.End = sl.Label(), sl.Start, sl.End
		}
		out = append(out, v)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Slot != out[j].Slot {
			return out[i].Slot < out[j].Slot
		}
		return out[i].ID < out[j].ID
	})
	return ev, out, nil
}

func (s *Server) getMeetings(w http.ResponseWriter, r *http.Request, p principal) error {
	ev, ms, err := s.myMeetings(r.Context(), p.startupID)
	if err != nil {
		return err
	}
	pub := api.PublicEventOf(ev)
	pub.Weights = nil // the meetings list shares no scoring weights
	writeJSON(w, http.StatusOK, api.Meetings{Event: pub, Meetings: ms})
	return nil
}

func (s *Server) getICS(w http.ResponseWriter, r *http.Request, p principal) error {
	ctx := r.Context()
	d, err := s.calendarData(ctx, p.startupID)
	if err != nil {
		return err
	}
	var body bytes.Buffer
	scope := docs.Scope{Kind: event.KindStartup, ID: p.startupID}
	if err := ical.Write(ctx, &body, d, scope, ical.Options{Now: s.now()}); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="pitchmatch-`+p.startupID+`.ics"`)
	w.Header().Set("Content-Length", strconv.Itoa(body.Len()))
	w.WriteHeader(http.StatusOK)
	if _, err := w.Write(body.Bytes()); err != nil {
		s.log.Debug("write ics", "err", err.Error())
	}
	return nil
}

// calendarData is what the startup's calendar needs: the event, the startup,
// the companies and themes it meets, and its own meetings (cancelled ones
// included, so calendars drop them) — nothing of other startups.
func (s *Server) calendarData(ctx context.Context, startupID string) (*docs.Data, error) {
	ev, err := s.loadEvent(ctx)
	if err != nil {
		return nil, err
	}
	me, err := s.store.Startup(ctx, startupID)
	if err != nil {
		return nil, err
	}
	all, err := s.store.MeetingsOf(ctx, event.KindStartup, startupID)
	if err != nil {
		return nil, err
	}
	d := &docs.Data{Event: ev, Startups: []*event.Startup{me}}
	seenC, seenT := map[string]bool{}, map[string]bool{}
	for _, m := range all {
		if m.StartupID != startupID {
			continue
		}
		d.Meetings = append(d.Meetings, m)
		if !seenC[m.CompanyID] {
			seenC[m.CompanyID] = true
			c, err := s.store.Company(ctx, m.CompanyID)
			if err != nil {
				return nil, err
			}
			d.Companies = append(d.Companies, c)
		}
		if m.ThemeID != "" && !seenT[m.ThemeID] {
			seenT[m.ThemeID] = true
			if t, err := s.store.Theme(ctx, m.ThemeID); err == nil {
				d.Themes = append(d.Themes, t)
			}
		}
	}
	return d, nil
}
