package server

// The startup portal's read routes: its profile, the themes, its meetings
// and its calendar.

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"time"

	"pitchmatch/event"
	"pitchmatch/event/api"
	"pitchmatch/exchange/docs"
	"pitchmatch/exchange/ical"
)

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

// getThemes answers every startup the same catalogue (the event's public
// settings, the companies' names, the themes), so it is encoded and
// compressed once per change of the event, a company or a theme
// (storage's ThemesStamp) rather than per request. It carries only what
// the portal's fit preview and themes list use: no company descriptions,
// no record versions or times.
func (s *Server) getThemes(w http.ResponseWriter, r *http.Request, _ principal) error {
	ctx := r.Context()
	stamp, err := s.store.ThemesStamp(ctx)
	if err != nil {
		return err
	}
	body, err := s.themes.get(stamp, func() ([]byte, error) { return s.themesBody(ctx) })
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Add("Vary", "Accept-Encoding")
	b := body.raw
	if acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		b = body.gz
	}
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(http.StatusOK)
	w.Write(b)
	return nil
}

// publicCompanyName is what the themes list shows of a company (decodes
// as an api.PublicCompany).
type publicCompanyName struct {
	ID   string     `json:"id"`
	Name event.Text `json:"name"`
}

// themesBody encodes the catalogue (as an api.Themes).
func (s *Server) themesBody(ctx context.Context) ([]byte, error) {
	ev, err := s.loadEvent(ctx)
	if err != nil {
		return nil, err
	}
	cos, err := s.store.Companies(ctx)
	if err != nil {
		return nil, err
	}
	ths, err := s.store.Themes(ctx)
	if err != nil {
		return nil, err
	}
	out := struct {
		Event     api.PublicEvent     `json:"event"`
		Companies []publicCompanyName `json:"companies"`
		Themes    []event.Theme       `json:"themes"`
	}{Event: api.PublicEventOf(ev), Companies: make([]publicCompanyName, 0, len(cos)), Themes: make([]event.Theme, 0, len(ths))}
	for _, c := range cos {
		out.Companies = append(out.Companies, publicCompanyName{ID: c.ID, Name: c.Name})
	}
	for _, t := range ths {
		x := *t
		x.Version, x.UpdatedAt = 0, time.Time{}
		out.Themes = append(out.Themes, x)
	}
	b, err := json.Marshal(out)
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
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
	names.meetingNames(ctx, ms)
	slots, _ := s.slots.get(ev)
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
	var cids, tids []string
	for _, m := range all {
		if m.StartupID == startupID {
			d.Meetings = append(d.Meetings, m)
			cids, tids = append(cids, m.CompanyID), append(tids, m.ThemeID)
		}
	}
	cos, err := s.store.CompaniesByID(ctx, cids)
	if err != nil {
		return nil, err
	}
	ths, err := s.store.ThemesByID(ctx, tids)
	if err != nil {
		return nil, err
	}
	coByID, thByID := map[string]*event.Company{}, map[string]*event.Theme{}
	for _, c := range cos {
		coByID[c.ID] = c
	}
	for _, t := range ths {
		thByID[t.ID] = t
	}
	seenC, seenT := map[string]bool{}, map[string]bool{}
	for _, m := range d.Meetings {
		if !seenC[m.CompanyID] {
			seenC[m.CompanyID] = true
			c := coByID[m.CompanyID]
			if c == nil {
				return nil, event.NotFound("company", m.CompanyID)
			}
			d.Companies = append(d.Companies, c)
		}
		if m.ThemeID != "" && !seenT[m.ThemeID] {
			seenT[m.ThemeID] = true
			if t := thByID[m.ThemeID]; t != nil {
				d.Themes = append(d.Themes, t)
			}
		}
	}
	return d, nil
}
