package server

// The programme in the portal (issue 19): every role sees what is open now;
// a startup applies to a theme with a proposal and an optional PDF deck
// (one multipart request, checked and stored in one transaction, nothing
// stored on refusal); the scouts of the theme's company screen the
// applications on the organizer's rubric, see the aggregate beside the
// matching score, download the deck and decide; judges reached by their
// private links score the final pitches, never one their company sponsors.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"pitchmatch/event"
	"pitchmatch/event/api"
	"pitchmatch/exchange/ical"
	"pitchmatch/storage"
)

// ProgrammeStore is what the programme routes need of the store.
// *storage.DB implements it.
type ProgrammeStore interface {
	Programme(ctx context.Context) (*event.Programme, error)
	Apply(ctx context.Context, actor string, at time.Time, startupID, themeID string, proposal event.Text, deck *storage.Deck) (*event.Application, error)
	Application(ctx context.Context, id int64) (*event.Application, error)
	SelectedApplications(ctx context.Context) ([]event.Application, error)
	ApplicationsOf(ctx context.Context, kind event.ParticipantKind, id string) ([]event.Application, error)
	ApplicationDeck(ctx context.Context, id int64, kind event.ParticipantKind, viewer string) (*storage.Deck, error)
	ScreenApplication(ctx context.Context, actor string, id int64, companyID string, card event.Scorecard) error
	ScreeningCardsOf(ctx context.Context, companyID string) (map[int64][]event.Scorecard, error)
	DecideApplication(ctx context.Context, actor string, id int64, d event.Decision, msg event.Text, version int64) (*event.Application, error)
	Judge(ctx context.Context, id string) (*event.Judge, error)
	JudgeTokenByHash(ctx context.Context, hash string) (*event.Token, error)
	ScorePitch(ctx context.Context, actor string, id int64, card event.Scorecard) error
	PitchCardsOf(ctx context.Context, judgeID string) (map[int64]event.Scorecard, error)
	SessionsOf(ctx context.Context, kind event.ParticipantKind, id string) ([]event.Session, error)
}

var errJudgeOnly = &event.Error{Code: event.EForbidden, Message: event.T(
	"この機能は審査員用のリンクでのみ使えます。", "This page is for judges' links only.")}

// judgeOnly refuses every token but a judge's.
func judgeOnly(f apiFunc) apiFunc {
	return func(w http.ResponseWriter, r *http.Request, p principal) error {
		if p.judgeID == "" {
			return errJudgeOnly
		}
		return f(w, r, p)
	}
}

func (s *Server) programmeRoutes(mux *http.ServeMux) {
	all := func(pattern string, f apiFunc) { mux.Handle(pattern, s.authed(f)) }
	st := func(pattern string, f apiFunc) { mux.Handle(pattern, s.authed(startupOnly(f))) }
	sc := func(pattern string, f apiFunc) { mux.Handle(pattern, s.authed(scoutOnly(f))) }
	jd := func(pattern string, f apiFunc) { mux.Handle(pattern, s.authed(judgeOnly(f))) }
	all("GET "+api.PathProgramme, s.getProgramme)
	st("GET "+api.PathMyApplications, s.getMyApplications)
	st("POST "+api.PathMyApplications, s.postApplication)
	sc("GET "+api.PathScoutScreening, s.getScreening)
	sc("PUT "+api.PathScoutScreen, s.putScreen)
	sc("PUT "+api.PathScoutDecision, s.putDecision)
	sc("GET "+api.PathScoutDeck, s.getDeck)
	st("GET "+api.PathMySessions, s.getSessions)
	st("GET "+api.PathMySessionsICS, s.getSessionsICS)
	sc("GET "+api.PathScoutSessions, s.getSessions)
	sc("GET "+api.PathScoutSessionsICS, s.getSessionsICS)
	jd("GET "+api.PathJudgeMe, s.getJudgeMe)
	jd("PUT "+api.PathJudgeScore, s.putPitchScore)
}

// programme returns the stored programme, or nil when the event runs none.
func (s *Server) programme(ctx context.Context) (*event.Programme, error) {
	p, err := s.store.Programme(ctx)
	if event.ErrorCode(err) == event.ENotFound {
		return nil, nil
	}
	return p, err
}

var errNoProgramme = &event.Error{Code: event.ENotFound, Message: event.T(
	"このイベントではプログラム(応募・選考・最終ピッチ)を実施していません", "this event runs no programme (applications, screening, final pitch)")}

func (s *Server) getProgramme(w http.ResponseWriter, r *http.Request, _ principal) error {
	ctx := r.Context()
	ev, err := s.loadEvent(ctx)
	if err != nil {
		return err
	}
	p, err := s.programme(ctx)
	if err != nil {
		return err
	}
	now := s.now()
	out := api.ProgrammeInfo{Now: now, TimeZone: ev.TimeZone, Stages: []api.StageInfo{}, OpenNow: []event.StageKind{}}
	if p != nil {
		out.Active, out.DeckLimit = true, p.DeckLimit()
		for _, k := range event.StageKinds() {
			if st, ok := p.Stage(k); ok {
				state := st.State(now)
				out.Stages = append(out.Stages, api.StageInfo{Kind: k, Label: event.StageLabel(k), Opens: st.Opens, Closes: st.Closes,
					State: state, StateLabel: event.StateLabel(state)})
			}
		}
		for _, st := range p.OpenNow(now) {
			out.OpenNow = append(out.OpenNow, st.Kind)
		}
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// ---- startup ----

func (s *Server) myApplications(ctx context.Context, r *http.Request, p principal) (*api.MyApplications, error) {
	prog, err := s.programme(ctx)
	if err != nil {
		return nil, err
	}
	if prog == nil {
		return nil, errNoProgramme
	}
	ev, err := s.loadEvent(ctx)
	if err != nil {
		return nil, err
	}
	out := &api.MyApplications{DeckLimit: prog.DeckLimit(), Themes: []api.ThemeChoice{}, Applications: []api.MyApplication{}}
	if st, ok := prog.Stage(event.StageApplications); ok {
		out.Deadline = st.Closes
	}
	if err := prog.CanApply(s.now(), ev.Location()); err != nil {
		out.Refusal = event.ErrorMessage(err, requestLang(r))
	} else {
		out.Open = true
	}
	names := newNameCache(s.store)
	themes, err := s.store.Themes(ctx)
	if err != nil {
		return nil, err
	}
	companies := make([]string, 0, len(themes))
	for _, t := range themes {
		companies = append(companies, t.CompanyID)
	}
	names.prefetch(ctx, nil, companies, nil)
	for _, t := range themes {
		names.themes[t.ID] = t.Title
		out.Themes = append(out.Themes, api.ThemeChoice{ID: t.ID, Title: t.Title, Company: names.company(ctx, t.CompanyID)})
	}
	apps, err := s.store.ApplicationsOf(ctx, event.KindStartup, p.startupID)
	if err != nil {
		return nil, err
	}
	for _, a := range apps {
		out.Applications = append(out.Applications, api.MyApplication{ID: a.ID, ThemeID: a.ThemeID, Theme: names.theme(ctx, a.ThemeID),
			Company: names.company(ctx, a.CompanyID), Proposal: a.Proposal, DeckName: a.DeckName, DeckSize: a.DeckSize,
			SubmittedAt: a.SubmittedAt, Decision: a.Decision, DecisionLabel: event.DecisionLabel(a.Decision), Message: a.Message})
	}
	return out, nil
}

func (s *Server) getMyApplications(w http.ResponseWriter, r *http.Request, p principal) error {
	out, err := s.myApplications(r.Context(), r, p)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// uploadTimeout is how long reading an application with its deck may take.
const uploadTimeout = 5 * time.Minute

// formFieldMax bounds a text field of the application form in bytes (a
// proposal of MaxProposalRunes characters of up to 4 bytes each).
const formFieldMax = 4*event.MaxProposalRunes + 64

// postApplication reads the multipart application: the theme, the proposal
// in both languages and the optional deck, read only up to the programme's
// deck limit, then stores it with storage.Apply (the deadline, proposal and
// deck checked again in its transaction).
func (s *Server) postApplication(w http.ResponseWriter, r *http.Request, p principal) error {
	ctx := r.Context()
	prog, err := s.programme(ctx)
	if err != nil {
		return err
	}
	if prog == nil {
		return errNoProgramme
	}
	limit := prog.DeckLimit()
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		return &fieldError{field: "content-type", err: event.Errorf(event.EInvalid, "応募は multipart/form-data で送信してください",
			"send the application as multipart/form-data")}
	}
	// The whole body: the deck, the proposals and the parts' headers. A
	// deck of several MB from a phone may take longer than the server's
	// read timeout: this request gets minutes (the limit still bounds it).
	r.Body = http.MaxBytesReader(w, r.Body, int64(limit)+int64(3*formFieldMax)+64<<10)
	rc := http.NewResponseController(w)
	if err := rc.SetReadDeadline(time.Now().Add(uploadTimeout)); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return fmt.Errorf("application upload deadline: %w", err)
	}
	if err := rc.SetWriteDeadline(time.Now().Add(uploadTimeout + time.Minute)); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return fmt.Errorf("application upload deadline: %w", err)
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return &fieldError{field: "body", err: event.Errorf(event.EInvalid, "応募の形式が正しくありません", "malformed application form: %v", err)}
	}
	var themeID string
	var prop event.Text
	var deck *storage.Deck
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var mb *http.MaxBytesError
			if errors.As(err, &mb) {
				return event.DeckTooLarge(max(int(r.ContentLength), limit+1), limit)
			}
			return &fieldError{field: "body", err: event.Errorf(event.EInvalid, "応募の形式が正しくありません", "malformed application form: %v", err)}
		}
		name := part.FormName()
		switch name {
		case api.FormTheme, api.FormProposalJa, api.FormProposalEn:
			b, err := io.ReadAll(io.LimitReader(part, formFieldMax+1))
			if err != nil {
				return readFailed(err, r, limit)
			}
			if len(b) > formFieldMax {
				return &fieldError{field: name, err: event.Errorf(event.EInvalid,
					fmt.Sprintf("%d文字以内にしてください", event.MaxProposalRunes), "%s: at most %d characters", name, event.MaxProposalRunes)}
			}
			v := strings.ReplaceAll(string(b), "\r\n", "\n")
			switch name {
			case api.FormTheme:
				themeID = strings.TrimSpace(v)
			case api.FormProposalJa:
				prop.Ja = strings.TrimSpace(v)
			case api.FormProposalEn:
				prop.En = strings.TrimSpace(v)
			}
		case api.FormDeck:
			if part.FileName() == "" {
				continue // no file chosen
			}
			b, err := io.ReadAll(io.LimitReader(part, int64(limit)+1))
			if err != nil {
				return readFailed(err, r, limit)
			}
			if len(b) > limit {
				return event.DeckTooLarge(max(int(r.ContentLength), len(b)), limit)
			}
			if len(b) == 0 {
				continue // an empty file input
			}
			deck = &storage.Deck{Name: deckName(part.FileName()), Data: b}
		default:
			return &fieldError{field: name, err: event.Errorf(event.EInvalid, "不明な項目です: "+name, "unknown form field %q", name)}
		}
	}
	if themeID == "" {
		return &fieldError{field: api.FormTheme, err: event.Errorf(event.EInvalid, "応募するテーマを選んでください", "choose the theme to apply to")}
	}
	if deck != nil {
		// Checked before the transaction too, for the message; storage
		// checks it again.
		if err := event.CheckDeck(deck.Name, deck.Data, limit); err != nil {
			return err
		}
	}
	if _, err := s.store.Apply(ctx, p.actor(), s.now(), p.startupID, themeID, prop, deck); err != nil {
		if event.ErrorCode(err) == event.ENotFound {
			return &fieldError{field: api.FormTheme, err: event.NotFound("theme", themeID)}
		}
		return err
	}
	out, err := s.myApplications(ctx, r, p)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func readFailed(err error, r *http.Request, limit int) error {
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return event.DeckTooLarge(max(int(r.ContentLength), limit+1), limit)
	}
	return fmt.Errorf("read application form: %w", err)
}

// deckName keeps the base name of an uploaded file (browsers send the
// name only; others may send a path), at most 200 bytes.
func deckName(n string) string {
	if i := strings.LastIndexAny(n, `/\`); i >= 0 {
		n = n[i+1:]
	}
	n = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, n)
	for len(n) > 200 {
		_, size := lastRune(n)
		n = n[:len(n)-size]
	}
	if n == "" {
		n = "deck.pdf"
	}
	return n
}

func lastRune(s string) (rune, int) {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i]&0xC0 != 0x80 {
			return rune(s[i]), len(s) - i
		}
	}
	return 0, 1
}

// ---- scout ----

func (s *Server) screening(ctx context.Context, p principal) (*api.Screening, error) {
	prog, err := s.programme(ctx)
	if err != nil {
		return nil, err
	}
	if prog == nil {
		return nil, errNoProgramme
	}
	apps, err := s.store.ApplicationsOf(ctx, event.KindCompany, p.companyID)
	if err != nil {
		return nil, err
	}
	cards, err := s.store.ScreeningCardsOf(ctx, p.companyID)
	if err != nil {
		return nil, err
	}
	out := &api.Screening{Scout: p.scout, Rubric: prog.ScreeningRubric, Applications: []api.ScreeningApp{}}
	for _, d := range []event.Decision{event.DecisionSelected, event.DecisionWaitlist, event.DecisionDeclined} {
		out.Decisions = append(out.Decisions, api.Choice{Code: string(d), Label: event.DecisionLabel(d)})
	}
	names := newNameCache(s.store)
	names.applicationNames(ctx, apps)
	for _, a := range apps {
		cs := cards[a.ID]
		if cs == nil {
			cs = []event.Scorecard{}
		}
		v := api.ScreeningApp{ID: a.ID, ThemeID: a.ThemeID, Theme: names.theme(ctx, a.ThemeID), StartupID: a.StartupID,
			Startup: names.startup(ctx, a.StartupID), Proposal: a.Proposal, DeckName: a.DeckName, DeckSize: a.DeckSize,
			SubmittedAt: a.SubmittedAt, Cards: cs, Aggregate: prog.ScreeningRubric.Aggregate(cs), Decision: a.Decision,
			DecisionLabel: event.DecisionLabel(a.Decision), Message: a.Message, Version: a.Version}
		// The matching score the desktop and the ranking show, from the
		// same cached model.
		if res, err := s.ranks.score(ctx, s, a.StartupID, a.ThemeID); err == nil {
			v.Matching = res.Score
		} else if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		out.Applications = append(out.Applications, v)
	}
	return out, nil
}

func (s *Server) getScreening(w http.ResponseWriter, r *http.Request, p principal) error {
	out, err := s.screening(r.Context(), p)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// ownApplication reads application {id} and checks it is to one of the
// scout's company's themes (else 403, as for an unknown one).
func (s *Server) ownApplication(r *http.Request, p principal) (*event.Application, error) {
	id, err := pathInt(r, "id")
	if err != nil {
		return nil, err
	}
	a, err := s.store.Application(r.Context(), id)
	if event.ErrorCode(err) == event.ENotFound {
		return nil, errNotYours
	}
	if err != nil {
		return nil, err
	}
	if err := event.MayScreen(a, p.companyID); err != nil {
		return nil, errNotYours
	}
	return a, nil
}

func (s *Server) putScreen(w http.ResponseWriter, r *http.Request, p principal) error {
	a, err := s.ownApplication(r, p)
	if err != nil {
		return err
	}
	var body api.ScoreBody
	if err := s.decode(w, r, &body); err != nil {
		return err
	}
	card := event.Scorecard{Reviewer: p.scout, CompanyID: p.companyID, Scores: body.Scores, Comment: body.Comment}
	if err := s.store.ScreenApplication(r.Context(), p.actor(), a.ID, p.companyID, card); err != nil {
		return err
	}
	return s.getScreening(w, r, p)
}

func (s *Server) putDecision(w http.ResponseWriter, r *http.Request, p principal) error {
	a, err := s.ownApplication(r, p)
	if err != nil {
		return err
	}
	var body api.DecisionBody
	if err := s.decode(w, r, &body); err != nil {
		return err
	}
	if _, err := s.store.DecideApplication(r.Context(), p.actor(), a.ID, body.Decision, body.Message, body.Version); err != nil {
		return err
	}
	return s.getScreening(w, r, p)
}

func (s *Server) getDeck(w http.ResponseWriter, r *http.Request, p principal) error {
	a, err := s.ownApplication(r, p)
	if err != nil {
		return err
	}
	d, err := s.store.ApplicationDeck(r.Context(), a.ID, event.KindCompany, p.companyID)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(d.Name))
	h.Set("Content-Length", strconv.Itoa(len(d.Data)))
	w.WriteHeader(http.StatusOK)
	w.Write(d.Data)
	return nil
}

// ---- judge ----

func (s *Server) judgeMe(ctx context.Context, p principal) (*api.JudgeMe, error) {
	prog, err := s.programme(ctx)
	if err != nil {
		return nil, err
	}
	if prog == nil {
		return nil, errNoProgramme
	}
	j, err := s.store.Judge(ctx, p.judgeID)
	if err != nil {
		return nil, err
	}
	apps, err := s.store.SelectedApplications(ctx) // the pitches
	if err != nil {
		return nil, err
	}
	mine, err := s.store.PitchCardsOf(ctx, j.ID)
	if err != nil {
		return nil, err
	}
	out := &api.JudgeMe{ID: j.ID, Name: j.Name, Rubric: prog.PitchRubric, Pitches: []api.JudgePitch{}}
	names := newNameCache(s.store)
	order := event.PitchOrder(&prog.Pitch, apps)
	var st, co, th []string
	for _, sl := range order {
		st, co, th = append(st, sl.StartupID), append(co, sl.CompanyID), append(th, sl.ThemeID)
	}
	names.prefetch(ctx, st, co, th)
	for _, sl := range order {
		jp := api.JudgePitch{Order: sl.Order, ApplicationID: sl.ApplicationID, StartupID: sl.StartupID, Startup: names.startup(ctx, sl.StartupID),
			Theme: names.theme(ctx, sl.ThemeID), Company: names.company(ctx, sl.CompanyID), Start: sl.Start, QAStart: sl.QAStart, End: sl.End,
			BreakAfter: sl.BreakAfter, Conflict: event.MayJudge(j, &sl) != nil}
		if c, ok := mine[sl.ApplicationID]; ok && !jp.Conflict {
			jp.Mine = &c
		}
		out.Pitches = append(out.Pitches, jp)
	}
	return out, nil
}

func (s *Server) getJudgeMe(w http.ResponseWriter, r *http.Request, p principal) error {
	out, err := s.judgeMe(r.Context(), p)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) putPitchScore(w http.ResponseWriter, r *http.Request, p principal) error {
	id, err := pathInt(r, "id")
	if err != nil {
		return err
	}
	var body api.ScoreBody
	if err := s.decode(w, r, &body); err != nil {
		return err
	}
	card := event.Scorecard{Reviewer: p.judgeID, Scores: body.Scores, Comment: body.Comment}
	if err := s.store.ScorePitch(r.Context(), p.actor(), id, card); err != nil {
		return err
	}
	return s.getJudgeMe(w, r, p)
}

// applicationNames prefetches the names of the applications' startups,
// companies and themes.
func (n *nameCache) applicationNames(ctx context.Context, apps []event.Application) {
	var st, co, th []string
	for _, a := range apps {
		st, co, th = append(st, a.StartupID), append(co, a.CompanyID), append(th, a.ThemeID)
	}
	n.prefetch(ctx, st, co, th)
}

// ---- acceleration sessions ----

// mySessions reads the principal's sessions (a startup's, or the scout's
// company's) with the names they show.
func (s *Server) mySessions(ctx context.Context, p principal) ([]event.Session, *nameCache, error) {
	kind, id := p.participant()
	l, err := s.store.SessionsOf(ctx, kind, id)
	if err != nil {
		return nil, nil, err
	}
	names := newNameCache(s.store)
	var st, co, th []string
	for _, x := range l {
		st, co, th = append(st, x.StartupID), append(co, x.CompanyID), append(th, x.ThemeID)
	}
	names.prefetch(ctx, st, co, th)
	return l, names, nil
}

func (s *Server) getSessions(w http.ResponseWriter, r *http.Request, p principal) error {
	ctx := r.Context()
	l, names, err := s.mySessions(ctx, p)
	if err != nil {
		return err
	}
	out := api.Sessions{Sessions: make([]api.SessionInfo, 0, len(l))}
	for _, x := range l {
		out.Sessions = append(out.Sessions, api.SessionInfo{ID: x.ID, Number: x.Number, Start: x.Start, End: x.End(), Mode: x.Mode,
			ModeLabel: event.ModeLabel(x.Mode), Status: x.Status, Startup: names.startup(ctx, x.StartupID), Company: names.company(ctx, x.CompanyID),
			Theme: names.theme(ctx, x.ThemeID), Note: x.Note})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) getSessionsICS(w http.ResponseWriter, r *http.Request, p principal) error {
	ctx := r.Context()
	l, names, err := s.mySessions(ctx, p)
	if err != nil {
		return err
	}
	ev, err := s.loadEvent(ctx)
	if err != nil {
		return err
	}
	var body bytes.Buffer
	sn := ical.SessionNames{
		Startup: func(id string) event.Text { return names.startup(ctx, id) },
		Company: func(id string) event.Text { return names.company(ctx, id) },
		Theme:   func(id string) event.Text { return names.theme(ctx, id) },
	}
	if err := ical.WriteSessions(ctx, &body, ev, event.T("アクセラレーション", "Acceleration sessions"), l, sn, ical.Options{Now: s.now()}); err != nil {
		return fmt.Errorf("sessions calendar: %w", err)
	}
	_, id := p.participant()
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="pitchmatch-sessions-`+id+`.ics"`)
	w.Header().Set("Content-Length", strconv.Itoa(body.Len()))
	w.WriteHeader(http.StatusOK)
	w.Write(body.Bytes())
	return nil
}
