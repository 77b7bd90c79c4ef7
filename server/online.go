package server

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"sort"
	"strconv"

	"pitchmatch/event"
	"pitchmatch/event/api"
	"pitchmatch/exchange/docs"
	"pitchmatch/exchange/ical"
	"pitchmatch/notify"
	"pitchmatch/storage"
)

// onlineRoutes registers the routes of both sides online (issue 15). Every
// route is behind authed (token, expiry, revocation, rate limit) and a role
// check; every record a route names is checked against the principal.
func (s *Server) onlineRoutes(mux *http.ServeMux) {
	both := func(pattern string, f apiFunc) { mux.Handle(pattern, s.authed(f)) }
	st := func(pattern string, f apiFunc) { mux.Handle(pattern, s.authed(startupOnly(f))) }
	sc := func(pattern string, f apiFunc) { mux.Handle(pattern, s.authed(scoutOnly(f))) }
	both("GET "+api.PathEventInfo, s.getEventInfo)
	both("PUT "+api.PathLang, s.putLang)

	st("GET "+api.PathMyRequests, s.getMyRequests)
	st("POST "+api.PathMyRequestAnswer, s.answerRequest)
	st("GET "+api.PathMyMeetingsDetail, s.getOnlineMeetings)
	st("POST "+api.PathMyMeetingAction, s.meetingStep)
	st("PUT "+api.PathMyMeetingOutcome, s.meetingOutcome)
	st("GET "+api.PathMyAvailability, s.getAvailability)
	st("PUT "+api.PathMyAvailability, s.putAvailability)

	sc("GET "+api.PathScoutMe, s.getScoutMe)
	sc("GET "+api.PathScoutRanking, s.getRanking)
	sc("GET "+api.PathScoutStartup, s.getScoutStartup)
	sc("PUT "+api.PathScoutMark, s.putMark)
	sc("DELETE "+api.PathScoutMark, s.deleteMark)
	sc("GET "+api.PathScoutNote, s.getNote)
	sc("PUT "+api.PathScoutNote, s.putNote)
	sc("GET "+api.PathScoutApplications, s.getApplications)
	sc("POST "+api.PathScoutApplicationAnswer, s.answerApplication)
	sc("GET "+api.PathScoutMeetings, s.getOnlineMeetings)
	sc("GET "+api.PathScoutMeetingsICS, s.getScoutICS)
	sc("POST "+api.PathScoutMeetingAction, s.meetingStep)
	sc("PUT "+api.PathScoutMeetingOutcome, s.meetingOutcome)
	sc("GET "+api.PathScoutAvailability, s.getAvailability)
	sc("PUT "+api.PathScoutAvailability, s.putAvailability)
}

func (s *Server) decode(w http.ResponseWriter, r *http.Request, v any) error {
	return decodeJSON(http.MaxBytesReader(w, r.Body, s.maxBody), s.maxBody, v)
}

func pathInt(r *http.Request, name string) (int64, error) {
	v, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || v <= 0 {
		return 0, &event.Error{Code: event.ENotFound, Message: event.T("記録が見つかりません", "no such record")}
	}
	return v, nil
}

// ---- both roles ----

func (s *Server) getEventInfo(w http.ResponseWriter, r *http.Request, p principal) error {
	ctx := r.Context()
	ev, err := s.loadEvent(ctx)
	if err != nil {
		return err
	}
	out := api.EventInfo{Name: ev.Name, Venue: ev.Venue, TimeZone: ev.TimeZone, Contact: ev.Contact, Slots: []api.SlotInfo{}}
	for _, d := range ev.Days {
		out.Dates = append(out.Dates, d.Date)
	}
	if _, infos := s.slots.get(ev); len(infos) > 0 {
		out.Slots = infos
	}
	if p.judgeID != "" {
		j, err := s.store.Judge(ctx, p.judgeID)
		if err != nil {
			return err
		}
		out.Role, out.Who = "judge", event.T(j.Name, j.Name)
	} else if p.companyID != "" {
		c, err := s.store.Company(ctx, p.companyID)
		if err != nil {
			return err
		}
		out.Role, out.Who, out.Scout = "scout", c.Name, p.scout
	} else {
		st, err := s.store.Startup(ctx, p.startupID)
		if err != nil {
			return err
		}
		out.Role, out.Who = "startup", st.Name
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// participant is the principal as a participant kind and ID.
func (p principal) participant() (event.ParticipantKind, string) {
	if p.companyID != "" {
		return event.KindCompany, p.companyID
	}
	return event.KindStartup, p.startupID
}

func (s *Server) getAvailability(w http.ResponseWriter, r *http.Request, p principal) error {
	kind, id := p.participant()
	un, err := s.store.AvailabilityOf(r.Context(), kind, id)
	if err != nil {
		return err
	}
	if un == nil {
		un = []int{}
	}
	writeJSON(w, http.StatusOK, api.AvailabilityBody{Unavailable: un})
	return nil
}

func (s *Server) putAvailability(w http.ResponseWriter, r *http.Request, p principal) error {
	var body api.AvailabilityBody
	if err := s.decode(w, r, &body); err != nil {
		return err
	}
	kind, id := p.participant()
	// Per slot, in the write's transaction: slots changed elsewhere since
	// the client read (body.Base) are kept.
	if err := s.store.UpdateAvailability(r.Context(), p.actor(), kind, id, func(stored []int) ([]int, error) {
		if body.Base == nil {
			return body.Unavailable, nil
		}
		return api.MergeSlots(body.Base, body.Unavailable, stored), nil
	}); err != nil {
		return err
	}
	return s.getAvailability(w, r, p)
}

// ---- meetings, both sides ----

// onlineMeetings lists the principal's meetings with its own side's
// records; the other side's note and outcome are never included.
func (s *Server) onlineMeetings(ctx context.Context, p principal) ([]api.OnlineMeeting, error) {
	kind, id := p.participant()
	ms, err := s.store.MeetingsOf(ctx, kind, id)
	if err != nil {
		return nil, err
	}
	ev, err := s.loadEvent(ctx)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	mine, err := s.store.SidesOf(ctx, p.side(), ids)
	if err != nil {
		return nil, err
	}
	other := event.KindCompany
	if p.side() == event.KindCompany {
		other = event.KindStartup
	}
	theirs, err := s.store.SidesOf(ctx, other, ids)
	if err != nil {
		return nil, err
	}
	names := newNameCache(s.store)
	names.meetingNames(ctx, ms)
	slots, _ := s.slots.get(ev)
	out := make([]api.OnlineMeeting, 0, len(ms))
	for _, m := range ms {
		v := api.OnlineMeeting{Meeting: api.Meeting{ID: m.ID, UID: m.UID, CompanyID: m.CompanyID, ThemeID: m.ThemeID,
			Slot: m.Slot, Table: m.Table + 1, Status: m.Status, Sequence: m.Sequence},
			StartupID: m.StartupID, Version: m.Version, IsDeal: m.IsDeal()}
		v.Company = names.company(ctx, m.CompanyID)
		v.Startup = names.startup(ctx, m.StartupID)
		v.Theme = names.theme(ctx, m.ThemeID)
		if m.Slot >= 0 && m.Slot < len(slots) {
			sl := slots[m.Slot]
			v.SlotLabel, v.Start, v.End = sl.Label(), sl.Start, sl.End
		}
		if sd, ok := mine[m.ID]; ok {
			v.Response, v.Outcome, v.Note = sd.Response, sd.Outcome, sd.Note
			if !sd.Accepted(&m) && sd.Response == event.ResponseAccepted {
				v.Response = event.ResponseNone // accepted an earlier placement
			}
		}
		if sd, ok := theirs[m.ID]; ok {
			v.OtherAccepted = sd.Accepted(&m)
			v.MoveRequested = sd.Response == event.ResponseMove
		}
		out = append(out, v)
	}
	return out, nil
}

func (s *Server) getOnlineMeetings(w http.ResponseWriter, r *http.Request, p principal) error {
	ms, err := s.onlineMeetings(r.Context(), p)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, api.OnlineMeetings{Meetings: ms})
	return nil
}

// ownMeeting loads meeting {id} and checks it is the principal's.
func (s *Server) ownMeeting(r *http.Request, p principal) (*event.Meeting, error) {
	id, err := pathInt(r, "id")
	if err != nil {
		return nil, err
	}
	m, err := s.store.Meeting(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if !p.owns(m) {
		return nil, errNotYours
	}
	return m, nil
}

func (s *Server) meetingStep(w http.ResponseWriter, r *http.Request, p principal) error {
	var body api.MeetingStepBody
	if err := s.decode(w, r, &body); err != nil {
		return err
	}
	cur, err := s.ownMeeting(r, p)
	if err != nil {
		return err
	}
	switch body.Action {
	case event.ActAccept, event.ActDecline, event.ActAskMove:
	default:
		return &event.ValidationError{Entity: "meeting", ID: fmt.Sprint(cur.ID), Errors: []event.FieldError{{Field: "action",
			Code: event.FieldUnknown, Message: event.T("accept / decline / ask_move のいずれかです", "must be accept, decline or ask_move")}}}
	}
	_, party := p.participant()
	if _, err := s.store.ActOnMeeting(r.Context(), p.actor(), storage.MeetingStep{ID: cur.ID, By: p.side(), Action: body.Action,
		Message: body.Message, Version: body.Version, Party: party}); err != nil {
		return err
	}
	return s.getOnlineMeetings(w, r, p)
}

func (s *Server) meetingOutcome(w http.ResponseWriter, r *http.Request, p principal) error {
	var body api.OutcomeBody
	if err := s.decode(w, r, &body); err != nil {
		return err
	}
	cur, err := s.ownMeeting(r, p)
	if err != nil {
		return err
	}
	_, party := p.participant()
	if _, err := s.store.RecordOutcomeAs(r.Context(), p.actor(), party, cur.ID, p.side(), body.Outcome, body.Note); err != nil {
		return err
	}
	return s.getOnlineMeetings(w, r, p)
}

// ---- startup: requests received ----

// answerOf is how the answering side answered a statement of the other
// side about (startup, company, theme): its must_meet (accept) or
// no_thanks (decline) interest for the same pair and theme.
func answerOf(all []event.Interest, by event.ParticipantKind, startupID, companyID, themeID string) (string, *event.Interest) {
	for k := range all {
		in := &all[k]
		if in.By != by || in.StartupID != startupID || in.CompanyID != companyID || in.ThemeID != themeID {
			continue
		}
		switch in.Kind {
		case event.InterestMustMeet:
			return api.AnswerAccept, in
		case event.InterestNoThanks:
			return api.AnswerDecline, in
		}
	}
	return "", nil
}

func (s *Server) getMyRequests(w http.ResponseWriter, r *http.Request, p principal) error {
	ctx := r.Context()
	all, err := s.store.InterestsOf(ctx, event.KindStartup, p.startupID)
	if err != nil {
		return err
	}
	names := newNameCache(s.store)
	var cos, ths []string
	for _, in := range all {
		if in.Kind == event.InterestRequest && in.By == event.KindCompany {
			cos, ths = append(cos, in.CompanyID), append(ths, in.ThemeID)
		}
	}
	names.prefetch(ctx, nil, cos, ths)
	out := api.Requests{Requests: []api.Request{}}
	for _, in := range all {
		if in.Kind != event.InterestRequest || in.By != event.KindCompany {
			continue
		}
		ans, _ := answerOf(all, event.KindStartup, in.StartupID, in.CompanyID, in.ThemeID)
		out.Requests = append(out.Requests, api.Request{ID: in.ID, CompanyID: in.CompanyID, Company: names.company(ctx, in.CompanyID),
			ThemeID: in.ThemeID, Theme: names.theme(ctx, in.ThemeID), Message: in.Note, At: in.CreatedAt, Answer: ans})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// answerKinds are the answers and what each stores: accept a must_meet,
// decline a no_thanks, undo withdraws the earlier answer.
var answerKinds = map[string]event.InterestKind{
	api.AnswerAccept:  event.InterestMustMeet,
	api.AnswerDecline: event.InterestNoThanks,
	api.AnswerUndo:    "",
}

func (s *Server) answerRequest(w http.ResponseWriter, r *http.Request, p principal) error {
	return s.answerInterestOf(w, r, p, event.KindStartup, p.startupID, event.InterestRequest,
		func() error { return s.getMyRequests(w, r, p) })
}

// answerInterestOf answers the interest named by the path's id: one of
// the owner's interests of the given kind made by the other side. The
// check and the answer are one storage transaction (storage.AnswerInterest).
// It then writes the refreshed list with done.
func (s *Server) answerInterestOf(w http.ResponseWriter, r *http.Request, p principal, owner event.ParticipantKind, ownerID string,
	kind event.InterestKind, done func() error) error {
	var body api.Answer
	if err := s.decode(w, r, &body); err != nil {
		return err
	}
	id, err := pathInt(r, "id")
	if err != nil {
		return err
	}
	with, ok := answerKinds[body.Answer]
	if !ok {
		return &event.ValidationError{Entity: "answer", Errors: []event.FieldError{{Field: "answer", Code: event.FieldUnknown,
			Message: event.T("accept / decline / undo のいずれかです", "must be accept, decline or undo")}}}
	}
	if err := s.store.AnswerInterest(r.Context(), p.actor(), storage.Answer{To: id, Kind: kind, By: owner, Party: ownerID, With: with}); err != nil {
		return err
	}
	return done()
}

// ---- scout ----

func (s *Server) getScoutMe(w http.ResponseWriter, r *http.Request, p principal) error {
	ctx := r.Context()
	c, err := s.store.Company(ctx, p.companyID)
	if err != nil {
		return err
	}
	ths, err := s.store.ThemesOf(ctx, p.companyID)
	if err != nil {
		return err
	}
	if ths == nil {
		ths = []*event.Theme{}
	}
	writeJSON(w, http.StatusOK, api.ScoutMe{Scout: p.scout, Company: api.PublicCompanyOf(c), Themes: ths})
	return nil
}

// ownTheme checks that theme id is one of the scout's company's.
func (s *Server) ownTheme(ctx context.Context, p principal, id string) (*event.Theme, error) {
	t, err := s.store.Theme(ctx, id)
	if event.ErrorCode(err) == event.ENotFound {
		return nil, errNotYours
	}
	if err != nil {
		return nil, err
	}
	if t.CompanyID != p.companyID {
		return nil, errNotYours
	}
	return t, nil
}

// markKinds are the marks a scout sets on a startup.
var markKinds = map[string]event.InterestKind{
	"shortlist": event.InterestShortlist,
	"request":   event.InterestRequest,
	"no_thanks": event.InterestNoThanks,
}

func (s *Server) putMark(w http.ResponseWriter, r *http.Request, p principal) error {
	var body api.MarkBody
	if err := s.decode(w, r, &body); err != nil {
		return err
	}
	ctx := r.Context()
	kind, ok := markKinds[r.PathValue("kind")]
	if !ok {
		return event.NotFound("mark", r.PathValue("kind"))
	}
	if body.ThemeID != "" {
		if _, err := s.ownTheme(ctx, p, body.ThemeID); err != nil {
			return err
		}
	}
	if err := checkMessage(body.Message); err != nil {
		return err
	}
	sid := r.PathValue("id")
	if _, err := s.store.Startup(ctx, sid); err != nil {
		return err
	}
	in := event.Interest{Kind: kind, StartupID: sid, CompanyID: p.companyID, ThemeID: body.ThemeID, By: event.KindCompany, Note: body.Message}
	err := s.store.AddInterest(ctx, p.actor(), &in)
	if event.ErrorCode(err) == event.EExists {
		err = nil // already marked: PUT is idempotent
	} else if err == nil {
		s.ranks.invalidate()
		if kind == event.InterestRequest {
			s.queueRequestMail(ctx, p, sid, body)
		}
	}
	if err != nil {
		return err
	}
	return s.writeMarks(w, r, p, sid)
}

func (s *Server) deleteMark(w http.ResponseWriter, r *http.Request, p principal) error {
	ctx := r.Context()
	kind, ok := markKinds[r.PathValue("kind")]
	if !ok {
		return event.NotFound("mark", r.PathValue("kind"))
	}
	sid := r.PathValue("id")
	theme := r.URL.Query().Get("theme")
	if _, err := s.store.DeleteMarks(ctx, p.actor(), p.companyID, sid, kind, theme); err != nil {
		return err
	}
	s.ranks.invalidate()
	return s.writeMarks(w, r, p, sid)
}

// queueRequestMail tells the startup it received a request: one mail in
// the outbox (sent later, never during the request). A failure to queue is
// logged; the request itself is stored.
func (s *Server) queueRequestMail(ctx context.Context, p principal, sid string, body api.MarkBody) {
	ev, err := s.loadEvent(ctx)
	if err != nil {
		s.log.Warn("request mail", "err", err.Error())
		return
	}
	st, err := s.store.Startup(ctx, sid)
	if err != nil {
		return
	}
	co, err := s.store.Company(ctx, p.companyID)
	if err != nil {
		return
	}
	var th *event.Theme
	if body.ThemeID != "" {
		th, _ = s.store.Theme(ctx, body.ThemeID)
	}
	lang, _ := s.store.PortalLang(ctx, event.KindStartup, sid)
	m, ok := notify.RequestMail(ev, st, co, th, body.Message, lang)
	if !ok {
		return
	}
	if err := s.store.Enqueue(ctx, []event.Mail{m}); err != nil {
		s.log.Warn("request mail", "startup", sid, "err", err.Error())
	}
}

// putLang records the participant's portal language for its
// notifications.
func (s *Server) putLang(w http.ResponseWriter, r *http.Request, p principal) error {
	var body api.LangBody
	if err := s.decode(w, r, &body); err != nil {
		return err
	}
	kind, id := p.participant()
	lang := event.ParseLang(string(body.Lang))
	if err := s.store.SetPortalLang(r.Context(), kind, id, lang); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, api.LangBody{Lang: lang})
	return nil
}

// MarksBody answers mark changes: the company's marks on the startup.
type marksBody struct {
	StartupID string   `json:"startup_id"`
	Marks     []string `json:"marks"`
}

func (s *Server) writeMarks(w http.ResponseWriter, r *http.Request, p principal, sid string) error {
	all, err := s.store.InterestsOf(r.Context(), event.KindStartup, sid)
	if err != nil {
		return err
	}
	out := marksBody{StartupID: sid, Marks: marksOf(all, p.companyID, sid)}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// marksOf lists the company's marks on a startup, sorted.
func marksOf(all []event.Interest, companyID, startupID string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, in := range all {
		if in.By != event.KindCompany || in.CompanyID != companyID || in.StartupID != startupID {
			continue
		}
		for name, k := range markKinds {
			if in.Kind == k && !seen[name] {
				seen[name] = true
				out = append(out, name)
			}
		}
	}
	sort.Strings(out)
	return out
}

func checkMessage(msg string) error {
	if len([]rune(msg)) > event.MaxNoteRunes {
		return &event.ValidationError{Entity: "message", Errors: []event.FieldError{{Field: "message", Code: event.FieldTooLong,
			Message: event.T(fmt.Sprintf("%d文字以内にしてください", event.MaxNoteRunes), fmt.Sprintf("at most %d characters", event.MaxNoteRunes))}}}
	}
	return nil
}

func (s *Server) getNote(w http.ResponseWriter, r *http.Request, p principal) error {
	sid := r.PathValue("id")
	if _, err := s.store.Startup(r.Context(), sid); err != nil {
		return err
	}
	note, err := s.store.ScoutNote(r.Context(), p.companyID, sid)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, api.NoteBody{Note: note})
	return nil
}

func (s *Server) putNote(w http.ResponseWriter, r *http.Request, p principal) error {
	var body api.NoteBody
	if err := s.decode(w, r, &body); err != nil {
		return err
	}
	sid := r.PathValue("id")
	if _, err := s.store.Startup(r.Context(), sid); err != nil {
		return err
	}
	prev, err := s.store.SetScoutNote(r.Context(), p.actor(), p.companyID, sid, body.Note)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, api.NoteBody{Note: body.Note, Previous: prev})
	return nil
}

func (s *Server) getApplications(w http.ResponseWriter, r *http.Request, p principal) error {
	ctx := r.Context()
	all, err := s.store.InterestsOf(ctx, event.KindCompany, p.companyID)
	if err != nil {
		return err
	}
	ev, err := s.loadEvent(ctx)
	if err != nil {
		return err
	}
	names := newNameCache(s.store)
	fields := event.PublishedToScouts(ev)
	var sids, tids []string
	for _, in := range all {
		if in.Kind == event.InterestApply && in.By == event.KindStartup {
			sids, tids = append(sids, in.StartupID), append(tids, in.ThemeID)
		}
	}
	names.prefetch(ctx, nil, nil, tids)
	sts, err := s.startupsByID(ctx, sids)
	if err != nil {
		return err
	}
	out := api.Applications{Applications: []api.Application{}}
	for _, in := range all {
		if in.Kind != event.InterestApply || in.By != event.KindStartup {
			continue
		}
		st := sts[in.StartupID]
		if st == nil {
			return event.NotFound("startup", in.StartupID)
		}
		ans, _ := answerOf(all, event.KindCompany, in.StartupID, in.CompanyID, in.ThemeID)
		a := api.Application{ID: in.ID, ThemeID: in.ThemeID, Theme: names.theme(ctx, in.ThemeID), Startup: event.ScoutStartupWith(fields, st),
			StartupID: in.StartupID, At: in.CreatedAt, Answer: ans}
		if res, err := s.ranks.score(ctx, s, in.StartupID, in.ThemeID); err == nil {
			a.Score = res.Score
		}
		out.Applications = append(out.Applications, a)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) answerApplication(w http.ResponseWriter, r *http.Request, p principal) error {
	return s.answerInterestOf(w, r, p, event.KindCompany, p.companyID, event.InterestApply,
		func() error {
			s.ranks.invalidate()
			return s.getApplications(w, r, p)
		})
}

// scoutCalendarData is what the company's calendar needs: the event, the
// company, its themes, the startups it meets and its meetings (cancelled
// included) — nothing of other companies.
func (s *Server) scoutCalendarData(ctx context.Context, companyID string) (*docs.Data, error) {
	ev, err := s.loadEvent(ctx)
	if err != nil {
		return nil, err
	}
	c, err := s.store.Company(ctx, companyID)
	if err != nil {
		return nil, err
	}
	ths, err := s.store.ThemesOf(ctx, companyID)
	if err != nil {
		return nil, err
	}
	ms, err := s.store.MeetingsOf(ctx, event.KindCompany, companyID)
	if err != nil {
		return nil, err
	}
	d := &docs.Data{Event: ev, Companies: []*event.Company{c}, Themes: ths, Meetings: ms}
	// The calendar shows the startups' names only (exchange/ical), so
	// only names are read.
	var sids []string
	for _, m := range ms {
		sids = append(sids, m.StartupID)
	}
	names, err := s.store.NamesByID(ctx, "startup", sids)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, m := range ms {
		if seen[m.StartupID] {
			continue
		}
		seen[m.StartupID] = true
		name, ok := names[m.StartupID]
		if !ok {
			return nil, event.NotFound("startup", m.StartupID)
		}
		d.Startups = append(d.Startups, &event.Startup{ID: m.StartupID, Name: name})
	}
	return d, nil
}

// startupsByID reads the startups with the given IDs in one query.
func (s *Server) startupsByID(ctx context.Context, ids []string) (map[string]*event.Startup, error) {
	l, err := s.store.StartupsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*event.Startup, len(l))
	for _, x := range l {
		out[x.ID] = x
	}
	return out, nil
}

func (s *Server) getScoutICS(w http.ResponseWriter, r *http.Request, p principal) error {
	ctx := r.Context()
	d, err := s.scoutCalendarData(ctx, p.companyID)
	if err != nil {
		return err
	}
	var body bytes.Buffer
	if err := ical.Write(ctx, &body, d, docs.Scope{Kind: event.KindCompany, ID: p.companyID}, ical.Options{Now: s.now()}); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="pitchmatch-`+p.companyID+`.ics"`)
	w.Header().Set("Content-Length", strconv.Itoa(body.Len()))
	w.WriteHeader(http.StatusOK)
	w.Write(body.Bytes())
	return nil
}

// nameCache reads the few companies, startups and themes a response names,
// once each.
type nameCache struct {
	store     Store
	companies map[string]event.Text
	startups  map[string]event.Text
	themes    map[string]event.Text
}

func newNameCache(st Store) *nameCache {
	return &nameCache{store: st, companies: map[string]event.Text{}, startups: map[string]event.Text{}, themes: map[string]event.Text{}}
}

// prefetch reads the names of the given records in one query per kind
// (instead of one per record); records that do not exist get an empty
// name. A failed read leaves the names to be read one by one.
func (n *nameCache) prefetch(ctx context.Context, startups, companies, themes []string) {
	need := func(have map[string]event.Text, ids []string) []string {
		var out []string
		for _, id := range ids {
			if _, ok := have[id]; !ok && id != "" {
				out = append(out, id)
			}
		}
		return out
	}
	fill := func(have map[string]event.Text, ids []string, got map[string]event.Text) {
		for _, id := range ids {
			have[id] = got[id]
		}
	}
	for _, k := range []struct {
		entity string
		have   map[string]event.Text
		ids    []string
	}{{"startup", n.startups, startups}, {"company", n.companies, companies}, {"theme", n.themes, themes}} {
		if ids := need(k.have, k.ids); len(ids) > 0 {
			if got, err := n.store.NamesByID(ctx, k.entity, ids); err == nil {
				fill(k.have, ids, got)
			}
		}
	}
}

// meetingNames prefetches the names of the meetings' startups, companies
// and themes.
func (n *nameCache) meetingNames(ctx context.Context, ms []event.Meeting) {
	var st, co, th []string
	for _, m := range ms {
		st, co, th = append(st, m.StartupID), append(co, m.CompanyID), append(th, m.ThemeID)
	}
	n.prefetch(ctx, st, co, th)
}

func (n *nameCache) company(ctx context.Context, id string) event.Text {
	return cachedName(n.companies, id, func() (event.Text, error) {
		c, err := n.store.Company(ctx, id)
		if err != nil {
			return event.Text{}, err
		}
		return c.Name, nil
	})
}

func (n *nameCache) startup(ctx context.Context, id string) event.Text {
	return cachedName(n.startups, id, func() (event.Text, error) {
		st, err := n.store.Startup(ctx, id)
		if err != nil {
			return event.Text{}, err
		}
		return st.Name, nil
	})
}

func (n *nameCache) theme(ctx context.Context, id string) event.Text {
	return cachedName(n.themes, id, func() (event.Text, error) {
		t, err := n.store.Theme(ctx, id)
		if err != nil {
			return event.Text{}, err
		}
		return t.Title, nil
	})
}

// cachedName reads a record's name once per response; an unknown record
// (deleted meanwhile) has an empty name.
func cachedName(m map[string]event.Text, id string, load func() (event.Text, error)) event.Text {
	if v, ok := m[id]; ok || id == "" {
		return v
	}
	v, err := load()
	if err == nil {
		m[id] = v
	}
	return v
}
