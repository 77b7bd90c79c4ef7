package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"pitchmatch/event"
	"pitchmatch/storage"
)

func programmeCmd() *command {
	return &command{name: "programme", summary: "run a programme: applications, screening, sessions, final pitch / プログラム運営", run: runProgramme}
}

// programmeSubs are the programme subcommands, each a flag set of its own.
var programmeSubs = []struct {
	name, synopsis string
	run            func(ctx context.Context, env *cliEnv, pc *progCtx, fs *flag.FlagSet, args []string) error
}{
	{"setup", "setup --file PROGRAMME.json: store the stages, rubrics, session and pitch plans", progSetup},
	{"status", "status [--now TIME]: every stage with its state, and what is open now", progStatus},
	{"apply", "apply --startup ID --theme ID [--proposal-ja T] [--proposal-en T] [--deck FILE.pdf] [--now TIME]", progApply},
	{"deck", "deck (--application N | --startup ID --theme ID) --out FILE [--company ID]: download a pitch deck (the organizer, or the theme's company)", progDeck},
	{"screen", "screen --company ID --scout NAME (--application N | --startup ID --theme ID) --score c=1..5,… [--comment T]", progScreen},
	{"decide", "decide (--application N | --startup ID --theme ID) --decision selected|waitlist|declined [--message-ja T] [--message-en T]", progDecide},
	{"screening", "screening [--json]: aggregated scout scores beside the matching scores, with decisions", progScreening},
	{"busy", "busy (--startup ID | --company ID) --from TIME --to TIME: a time sessions must avoid; busy --list [--startup ID | --company ID] [--json]; busy --remove N", progBusy},
	{"schedule-sessions", "schedule-sessions: place the missing acceleration sessions of every selected pair", progScheduleSessions},
	{"sessions", "sessions [--json] [--ics FILE]: list the sessions, or write them as one calendar", progSessions},
	{"session", "session --id N (--move TIME | --cancel | --held | --note T)", progSession},
	{"judge", "judge --id ID --name NAME [--company ID] [--email ADDR]: add or update a final-pitch judge", progJudge},
	{"order", "order [--json]: the final pitch running order", progOrder},
	{"score-pitch", "score-pitch --judge ID (--application N | --startup ID --theme ID) --score c=1..5,… [--comment T]", progScorePitch},
	{"results", "results [--json] [--xlsx FILE] [--pdf-ja FILE] [--pdf-en FILE]: final totals, ranks, KPI and the results sheet", progResults},
}

// progCtx carries what every programme subcommand shares.
type progCtx struct {
	db     *string
	now    *string
	lang   *string
	store  *storage.DB
	getenv func(string) string
}

func runProgramme(ctx context.Context, env *cliEnv, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(env.stdout, "Usage: pitchmatch programme <subcommand> --db FILE [flags]\n\nSubcommands:")
		for _, s := range programmeSubs {
			fmt.Fprintf(env.stdout, "  %s\n", s.synopsis)
		}
		if len(args) == 0 {
			return usagef("give a subcommand")
		}
		return errHelp
	}
	for _, s := range programmeSubs {
		if s.name != args[0] {
			continue
		}
		fs := newFlags(env, "programme "+s.name, "programme "+s.synopsis)
		pc := &progCtx{db: dbFlag(fs), getenv: env.getenv}
		pc.now = fs.String("now", "", "the time to act at (RFC 3339 or YYYY-MM-DD HH:MM in the event's zone); default: now")
		pc.lang = fs.String("lang", "", "language of messages and tables: ja or en (default: the event's, else $LANG)")
		return s.run(ctx, env, pc, fs, args[1:])
	}
	return usagef("unknown programme subcommand %q", args[0])
}

// open parses the flags and opens the store.
func (pc *progCtx) open(ctx context.Context, fs *flag.FlagSet, args []string) error {
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if *pc.lang != "" && *pc.lang != "ja" && *pc.lang != "en" {
		return usagef("--lang must be ja or en")
	}
	st, err := openDB(ctx, *pc.db)
	if err != nil {
		return err
	}
	pc.store = st
	return nil
}

func (pc *progCtx) close() {
	if pc.store != nil {
		pc.store.Close()
	}
}

func (pc *progCtx) language(ctx context.Context) event.Lang {
	if *pc.lang != "" {
		return event.Lang(*pc.lang)
	}
	if ev, err := pc.store.Event(ctx); err == nil && ev.DefaultLanguage != "" {
		return ev.DefaultLanguage
	}
	return event.ParseLang(pc.getenv("LANG"))
}

// parseTimeFlag reads RFC 3339 or "YYYY-MM-DD HH:MM" / "YYYY-MM-DD" in loc.
func parseTimeFlag(name, v string, loc *time.Location) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, v, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, usagef("--%s %q: give RFC 3339 or YYYY-MM-DD HH:MM", name, v)
}

// clock is the --now time, else the real time.
func (pc *progCtx) clock(ctx context.Context) (time.Time, error) {
	if *pc.now == "" {
		return time.Now(), nil
	}
	ev, err := pc.store.Event(ctx)
	if err != nil {
		return time.Time{}, err
	}
	return parseTimeFlag("now", *pc.now, ev.Location())
}

// userError prints err's message in lang (the bilingual domain message)
// instead of the English chain.
func (pc *progCtx) userError(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	var e *event.Error
	if lang := pc.language(ctx); lang == event.Ja && asError(err, &e) {
		return fmt.Errorf("%s", event.ErrorMessage(err, lang))
	}
	return err
}

func asError(err error, e **event.Error) bool {
	for ; err != nil; err = unwrap(err) {
		if v, ok := err.(*event.Error); ok {
			*e = v
			return true
		}
	}
	return false
}

func unwrap(err error) error {
	u, ok := err.(interface{ Unwrap() error })
	if !ok {
		return nil
	}
	return u.Unwrap()
}

func progSetup(ctx context.Context, env *cliEnv, pc *progCtx, fs *flag.FlagSet, args []string) error {
	file := fs.String("file", "", "the programme settings as JSON (event.Programme)")
	if err := pc.open(ctx, fs, args); err != nil {
		return err
	}
	defer pc.close()
	if *file == "" {
		return usagef("--file is required")
	}
	data, err := os.ReadFile(*file)
	if err != nil {
		return fmt.Errorf("read %s: %w", *file, err)
	}
	var p event.Programme
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return fmt.Errorf("%s: %w", *file, err)
	}
	if cur, err := pc.store.Programme(ctx); err == nil {
		p.Version = cur.Version
	}
	if err := pc.store.SaveProgramme(ctx, "cli", &p); err != nil {
		return pc.userError(ctx, err)
	}
	fmt.Fprintf(env.stdout, "programme stored (version %d): %d stages, %d screening criteria, %d pitch criteria\n",
		p.Version, len(p.Stages), len(p.ScreeningRubric.Criteria), len(p.PitchRubric.Criteria))
	return nil
}

func progStatus(ctx context.Context, env *cliEnv, pc *progCtx, fs *flag.FlagSet, args []string) error {
	if err := pc.open(ctx, fs, args); err != nil {
		return err
	}
	defer pc.close()
	p, err := pc.store.Programme(ctx)
	if err != nil {
		return pc.userError(ctx, err)
	}
	now, err := pc.clock(ctx)
	if err != nil {
		return err
	}
	ev, err := pc.store.Event(ctx)
	if err != nil {
		return err
	}
	lang, loc := pc.language(ctx), ev.Location()
	tw := tabwriter.NewWriter(env.stdout, 2, 4, 2, ' ', 0)
	for _, k := range event.StageKinds() {
		s, ok := p.Stage(k)
		if !ok {
			continue
		}
		fmt.Fprintf(tw, "%s\t%s – %s\t%s\n", event.StageLabel(k).In(lang), s.Opens.In(loc).Format("2006-01-02 15:04"),
			s.Closes.In(loc).Format("2006-01-02 15:04"), event.StateLabel(s.State(now)).In(lang))
	}
	tw.Flush()
	fmt.Fprintln(env.stdout, p.OpenNowLine(now, loc, lang))
	return nil
}

func progApply(ctx context.Context, env *cliEnv, pc *progCtx, fs *flag.FlagSet, args []string) error {
	startup := fs.String("startup", "", "the applying startup's ID")
	theme := fs.String("theme", "", "the theme applied to")
	ja := fs.String("proposal-ja", "", "the proposal in Japanese")
	en := fs.String("proposal-en", "", "the proposal in English")
	deck := fs.String("deck", "", "an optional pitch deck (PDF)")
	if err := pc.open(ctx, fs, args); err != nil {
		return err
	}
	defer pc.close()
	if *startup == "" || *theme == "" {
		return usagef("--startup and --theme are required")
	}
	now, err := pc.clock(ctx)
	if err != nil {
		return err
	}
	var d *storage.Deck
	if *deck != "" {
		data, err := os.ReadFile(*deck)
		if err != nil {
			return fmt.Errorf("read deck: %w", err)
		}
		d = &storage.Deck{Name: baseName(*deck), Data: data}
	}
	a, err := pc.store.Apply(ctx, "cli", now, *startup, *theme, event.T(*ja, *en), d)
	if err != nil {
		return pc.userError(ctx, err)
	}
	fmt.Fprintf(env.stdout, "application %d: %s → %s (%s)\n", a.ID, a.StartupID, a.ThemeID, a.CompanyID)
	return nil
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// appFlags adds --application or --startup/--theme and resolves them.
func appFlags(fs *flag.FlagSet) func(ctx context.Context, st *storage.DB) (*event.Application, error) {
	id := fs.Int64("application", 0, "the application ID")
	startup := fs.String("startup", "", "the startup (with --theme) instead of --application")
	theme := fs.String("theme", "", "the theme (with --startup)")
	return func(ctx context.Context, st *storage.DB) (*event.Application, error) {
		if *id != 0 {
			return st.Application(ctx, *id)
		}
		if *startup == "" || *theme == "" {
			return nil, usagef("give --application or both --startup and --theme")
		}
		apps, err := st.Applications(ctx)
		if err != nil {
			return nil, err
		}
		for i := range apps {
			if apps[i].StartupID == *startup && apps[i].ThemeID == *theme {
				return &apps[i], nil
			}
		}
		return nil, event.NotFound("application of "+*startup+" to", *theme)
	}
}

// scoreFlag parses "c1=4,c2=5".
func scoreFlag(fs *flag.FlagSet) *map[string]int {
	m := map[string]int{}
	fs.Func("score", "scores as criterion=1..5, comma-separated", func(v string) error {
		for _, part := range strings.Split(v, ",") {
			k, val, ok := strings.Cut(strings.TrimSpace(part), "=")
			if !ok {
				return fmt.Errorf("%q: give criterion=score", part)
			}
			n, err := event.ParseWhole(val)
			if err != nil {
				return fmt.Errorf("%q: %v", part, err)
			}
			m[strings.TrimSpace(k)] = n
		}
		return nil
	})
	return &m
}

func progScreen(ctx context.Context, env *cliEnv, pc *progCtx, fs *flag.FlagSet, args []string) error {
	company := fs.String("company", "", "the scout's company")
	scout := fs.String("scout", "", "the scout's name")
	comment := fs.String("comment", "", "a comment")
	scores := scoreFlag(fs)
	resolve := appFlags(fs)
	if err := pc.open(ctx, fs, args); err != nil {
		return err
	}
	defer pc.close()
	if *company == "" || *scout == "" {
		return usagef("--company and --scout are required")
	}
	a, err := resolve(ctx, pc.store)
	if err != nil {
		return pc.userError(ctx, err)
	}
	card := event.Scorecard{Reviewer: *scout, CompanyID: *company, Scores: *scores, Comment: *comment}
	if err := pc.store.ScreenApplication(ctx, "scout:"+*company+"/"+*scout, a.ID, *company, card); err != nil {
		return pc.userError(ctx, err)
	}
	p, _ := pc.store.Programme(ctx)
	fmt.Fprintf(env.stdout, "application %d screened by %s: %.2f\n", a.ID, *scout, p.ScreeningRubric.Weighted(&card))
	return nil
}

func progDecide(ctx context.Context, env *cliEnv, pc *progCtx, fs *flag.FlagSet, args []string) error {
	decision := fs.String("decision", "", "selected, waitlist or declined")
	ja := fs.String("message-ja", "", "the message to the startup in Japanese")
	en := fs.String("message-en", "", "the message to the startup in English")
	resolve := appFlags(fs)
	if err := pc.open(ctx, fs, args); err != nil {
		return err
	}
	defer pc.close()
	d, err := event.ParseDecision(*decision)
	if err != nil {
		return usageError{err.Error()}
	}
	a, err := resolve(ctx, pc.store)
	if err != nil {
		return pc.userError(ctx, err)
	}
	if a, err = pc.store.DecideApplication(ctx, "cli", a.ID, d, event.T(*ja, *en), a.Version); err != nil {
		return pc.userError(ctx, err)
	}
	fmt.Fprintf(env.stdout, "application %d (%s → %s): %s\n", a.ID, a.StartupID, a.ThemeID, event.DecisionLabel(a.Decision).In(pc.language(ctx)))
	return nil
}

func progBusy(ctx context.Context, env *cliEnv, pc *progCtx, fs *flag.FlagSet, args []string) error {
	startup := fs.String("startup", "", "the startup that is busy")
	company := fs.String("company", "", "the company that is busy")
	from := fs.String("from", "", "from (RFC 3339 or YYYY-MM-DD HH:MM)")
	to := fs.String("to", "", "to (exclusive)")
	list := fs.Bool("list", false, "list the busy times (of --startup or --company when given) with their numbers")
	remove := fs.Int64("remove", 0, "remove busy time N (its number from --list)")
	asJSON := fs.Bool("json", false, "with --list: print JSON")
	if err := pc.open(ctx, fs, args); err != nil {
		return err
	}
	defer pc.close()
	ev, err := pc.store.Event(ctx)
	if err != nil {
		return err
	}
	switch {
	case *list && *remove != 0:
		return usagef("give --list or --remove, not both")
	case *list:
		if *startup != "" && *company != "" {
			return usagef("give at most one of --startup or --company")
		}
		return progBusyList(ctx, env, pc, ev.Location(), *startup, *company, *asJSON)
	case *remove != 0:
		if *startup != "" || *company != "" || *from != "" || *to != "" {
			return usagef("--remove takes only the busy time's number")
		}
		if err := pc.store.RemoveBusy(ctx, "cli", *remove); err != nil {
			return pc.userError(ctx, err)
		}
		fmt.Fprintf(env.stdout, "%s\n", event.T(fmt.Sprintf("予定あり %d を削除しました", *remove), fmt.Sprintf("busy time %d removed", *remove)).In(pc.language(ctx)))
		return nil
	}
	if (*startup == "") == (*company == "") {
		return usagef("give exactly one of --startup or --company")
	}
	b := event.Busy{Kind: event.KindStartup, ID: *startup}
	if *company != "" {
		b = event.Busy{Kind: event.KindCompany, ID: *company}
	}
	if b.From, err = parseTimeFlag("from", *from, ev.Location()); err != nil {
		return err
	}
	if b.To, err = parseTimeFlag("to", *to, ev.Location()); err != nil {
		return err
	}
	if err := pc.store.AddBusy(ctx, "cli", b); err != nil {
		return pc.userError(ctx, err)
	}
	fmt.Fprintf(env.stdout, "%s %s busy %s – %s\n", b.Kind, b.ID, b.From.In(ev.Location()).Format("2006-01-02 15:04"), b.To.In(ev.Location()).Format("2006-01-02 15:04"))
	return nil
}

// progBusyList prints the busy times, each with the number --remove takes.
func progBusyList(ctx context.Context, env *cliEnv, pc *progCtx, loc *time.Location, startup, company string, asJSON bool) error {
	kind, who := event.ParticipantKind(""), ""
	switch {
	case startup != "":
		kind, who = event.KindStartup, startup
	case company != "":
		kind, who = event.KindCompany, company
	}
	l, err := pc.store.BusyList(ctx, kind, who)
	if err != nil {
		return err
	}
	if asJSON {
		if l == nil {
			l = []storage.BusyEntry{}
		}
		return writeJSON(env.stdout, l)
	}
	lang := pc.language(ctx)
	if len(l) == 0 {
		fmt.Fprintln(env.stdout, event.T("予定ありの時間はありません", "no busy times").In(lang))
		return nil
	}
	tw := tabwriter.NewWriter(env.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, event.T("番号\t種類\tID\t開始\t終了", "no.\tkind\tID\tfrom\tto").In(lang))
	for _, b := range l {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", b.Ref, b.Kind, b.ID, b.From.In(loc).Format("2006-01-02 15:04"), b.To.In(loc).Format("2006-01-02 15:04"))
	}
	return tw.Flush()
}

func progScheduleSessions(ctx context.Context, env *cliEnv, pc *progCtx, fs *flag.FlagSet, args []string) error {
	if err := pc.open(ctx, fs, args); err != nil {
		return err
	}
	defer pc.close()
	placed, unplaced, err := pc.store.ScheduleSessions(ctx, "cli")
	if err != nil {
		return pc.userError(ctx, err)
	}
	lang := pc.language(ctx)
	fmt.Fprintf(env.stdout, "%d sessions placed, %d not placed\n", len(placed), len(unplaced))
	for _, u := range unplaced {
		fmt.Fprintf(env.stdout, "  not placed: %s × %s session %d: %s\n", u.Pair.StartupID, u.Pair.CompanyID, u.Number, u.Reason.In(lang))
	}
	return nil
}

func progSession(ctx context.Context, env *cliEnv, pc *progCtx, fs *flag.FlagSet, args []string) error {
	id := fs.Int64("id", 0, "the session ID")
	move := fs.String("move", "", "move to this start time")
	cancel := fs.Bool("cancel", false, "cancel the session")
	held := fs.Bool("held", false, "record that it took place")
	note := fs.String("note", "", "replace the session's note")
	if err := pc.open(ctx, fs, args); err != nil {
		return err
	}
	defer pc.close()
	n := 0
	for _, b := range []bool{*move != "", *cancel, *held, *note != ""} {
		if b {
			n++
		}
	}
	if *id == 0 || n != 1 {
		return usagef("give --id and exactly one of --move, --cancel, --held, --note")
	}
	var act event.SessionAction
	var start time.Time
	switch {
	case *move != "":
		ev, err := pc.store.Event(ctx)
		if err != nil {
			return err
		}
		if start, err = parseTimeFlag("move", *move, ev.Location()); err != nil {
			return err
		}
		act = event.SessionMove
	case *cancel:
		act = event.SessionCancel
	case *held:
		act = event.SessionHold
	default:
		act = event.SessionNote
	}
	s, err := pc.store.StepSession(ctx, "cli", *id, act, start, *note, 0)
	if err != nil {
		return pc.userError(ctx, err)
	}
	fmt.Fprintf(env.stdout, "session %d (%s): %s %s sequence %d\n", s.ID, s.UID, s.Status, s.Start.Format(time.RFC3339), s.Sequence)
	return nil
}

func progJudge(ctx context.Context, env *cliEnv, pc *progCtx, fs *flag.FlagSet, args []string) error {
	id := fs.String("id", "", "the judge's ID")
	name := fs.String("name", "", "the judge's name")
	company := fs.String("company", "", "the judge's company, if any (its pairs' pitches are excluded)")
	email := fs.String("email", "", "the judge's e-mail")
	if err := pc.open(ctx, fs, args); err != nil {
		return err
	}
	defer pc.close()
	if err := pc.store.AddJudge(ctx, "cli", event.Judge{ID: *id, Name: *name, CompanyID: *company, Email: *email}); err != nil {
		return pc.userError(ctx, err)
	}
	fmt.Fprintf(env.stdout, "judge %s stored\n", *id)
	return nil
}

func progScorePitch(ctx context.Context, env *cliEnv, pc *progCtx, fs *flag.FlagSet, args []string) error {
	judge := fs.String("judge", "", "the judge's ID")
	comment := fs.String("comment", "", "a comment")
	scores := scoreFlag(fs)
	resolve := appFlags(fs)
	if err := pc.open(ctx, fs, args); err != nil {
		return err
	}
	defer pc.close()
	if *judge == "" {
		return usagef("--judge is required")
	}
	a, err := resolve(ctx, pc.store)
	if err != nil {
		return pc.userError(ctx, err)
	}
	if err := pc.store.ScorePitch(ctx, "judge:"+*judge, a.ID, event.Scorecard{Reviewer: *judge, Scores: *scores, Comment: *comment}); err != nil {
		return pc.userError(ctx, err)
	}
	fmt.Fprintf(env.stdout, "pitch of %s scored by %s\n", a.StartupID, *judge)
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func progDeck(ctx context.Context, env *cliEnv, pc *progCtx, fs *flag.FlagSet, args []string) error {
	out := fs.String("out", "", "where to write the deck")
	company := fs.String("company", "", "download as this company (default: as the organizer)")
	resolve := appFlags(fs)
	if err := pc.open(ctx, fs, args); err != nil {
		return err
	}
	defer pc.close()
	if *out == "" {
		return usagef("--out is required")
	}
	a, err := resolve(ctx, pc.store)
	if err != nil {
		return pc.userError(ctx, err)
	}
	kind, viewer := event.KindOrganizer, ""
	if *company != "" {
		kind, viewer = event.KindCompany, *company
	}
	d, err := pc.store.ApplicationDeck(ctx, a.ID, kind, viewer)
	if err != nil {
		return pc.userError(ctx, err)
	}
	if err := writeFileAtomic(*out, func(w *os.File) error { _, err := w.Write(d.Data); return err }); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "%s (%d bytes) written to %s\n", d.Name, len(d.Data), *out)
	return nil
}
