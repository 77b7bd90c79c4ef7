package server

// The API's routes: who a request acts for and which handler serves each
// path (the startup routes here, both sides online in online.go).

import (
	"net/http"

	"pitchmatch/event"
	"pitchmatch/event/api"
)

// principal is who a request acts for: the startup its token reaches, or
// (scout tokens, server/online_auth.go) a company's scout.
type principal struct {
	startupID string
	companyID string
	scout     string
	judgeID   string // a final-pitch judge's link (server/programme.go)
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
	s.programmeRoutes(mux)
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
