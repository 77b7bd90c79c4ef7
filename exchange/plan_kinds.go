package exchange

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"pitchmatch/event"
)

// participant resolves an ID or a name to a participant of the event:
// a startup or a company (kind restricts it when not empty).
func (p *planner) participant(s string, kind event.ParticipantKind) (event.ParticipantKind, string, bool) {
	ix := p.idx()
	id := strings.TrimSpace(event.FoldWidth(s))
	if _, ok := ix.startups[id]; ok && kind != event.KindCompany {
		return event.KindStartup, id, true
	}
	if _, ok := ix.companies[id]; ok && kind != event.KindStartup {
		return event.KindCompany, id, true
	}
	name := event.Text{Ja: s}
	if kind != event.KindCompany {
		if r, ok := p.byName(event.EntityStartup, name, "").(*event.Startup); ok {
			return event.KindStartup, r.ID, true
		}
	}
	if kind != event.KindStartup {
		if r, ok := p.byName(event.EntityCompany, name, "").(*event.Company); ok {
			return event.KindCompany, r.ID, true
		}
	}
	return kind, id, false
}

func unknownParticipant(s string) event.Text {
	return event.Text{
		Ja: fmt.Sprintf("「%s」はイベントのスタートアップにも企業にもありません（IDか名前で指定してください）。先にスタートアップ・企業を取り込んでください", s),
		En: fmt.Sprintf("%q is neither a startup nor a company of the event (give an ID or a name); import the participants first", s),
	}
}

func (p *planner) availabilityRow(rc *rowCells) {
	ev := p.st.Event
	if ev == nil || ev.NumSlots() == 0 {
		rc.problem("unavailable", event.Text{
			Ja: "イベントに面談枠がまだありません。先に pitchmatch new か設定の取り込みで開催日と枠を設定してください",
			En: "the event has no slots yet; set its days first (pitchmatch new, or import the settings)",
		})
		return
	}
	var kind event.ParticipantKind
	if rc.has("kind") && rc.str("kind") != "" {
		kind = participantKind(rc.str("kind"))
		if kind != event.KindStartup && kind != event.KindCompany {
			rc.problem("kind", event.Text{Ja: fmt.Sprintf("「%s」は startup（スタートアップ）か company（企業）で指定してください", rc.str("kind")),
				En: fmt.Sprintf("%q: use startup or company", rc.str("kind"))})
			return
		}
	}
	who := rc.str("id")
	kind, id, ok := p.participant(who, kind)
	if !ok {
		rc.problem("id", unknownParticipant(who))
		return
	}
	slots := p.slotList(rc, ev)
	if rc.bad {
		return
	}
	key := string(kind) + "\x00" + id
	if first, dup := p.seen[key]; dup {
		rc.problem("id", event.Text{Ja: fmt.Sprintf("「%s」の行が重複しています（%d行目と同じ）", who, first), En: fmt.Sprintf("%q is listed twice (first on row %d)", who, first)})
		return
	}
	p.seen[key] = rc.row
	a := event.Availability{Kind: kind, ID: id, Unavailable: slots}
	if err := a.Validate(ev.NumSlots()); err != nil {
		p.validation(rc, err)
		return
	}
	pr := PlannedRecord{Row: rc.row, ID: id, New: true}
	if old, ok := p.idx().availability[key]; ok {
		pr.New = false
		if slices.Equal(old, slots) {
			p.plan.Unchanged++
			return
		}
		pr.Changes = []FieldChange{slotChange(ev, old, slots)}
	}
	if pr.New {
		p.plan.New++
	} else {
		p.plan.Changed++
	}
	p.plan.Records = append(p.plan.Records, pr)
	p.plan.Batch.Availability = append(p.plan.Batch.Availability, a)
}

// slotChange describes a change of unavailable slots.
func slotChange(ev *event.Event, old, cur []int) FieldChange {
	all := ev.Slots()
	label := func(xs []int) string {
		out := make([]string, 0, len(xs))
		for _, x := range xs {
			if x >= 0 && x < len(all) {
				out = append(out, all[x].Label())
			}
		}
		return strings.Join(out, ", ")
	}
	f := &event.Field{Name: "unavailable", Label: event.T("参加不可枠", "Unavailable slots"), Type: event.TypeID}
	o, n := label(old), label(cur)
	return FieldChange{Field: "unavailable", Label: f.Label, Old: o, New: n, field: f, oldRec: &o, newRec: &n}
}

// slotList reads a cell of unavailable slots: slot numbers ("3", "3-5")
// as exports write them, or as people write them: a day ("D1", "1日目",
// "10/14", "2026-10-14", "10月14日") optionally with a time ("午前",
// "午後", "終日", "13:00-15:00", "13:00"). The result is sorted, without
// repeats.
func (p *planner) slotList(rc *rowCells, ev *event.Event) []int {
	all := ev.Slots()
	set := map[int]bool{}
	for _, item := range splitList(rc.raw("unavailable"), codeSeparators) {
		got, ok := parseSlotItem(item, ev, all)
		if !ok {
			rc.problem("unavailable", event.Text{
				Ja: fmt.Sprintf("「%s」を面談枠として読めません（例: 3、3-5、D1、10/14 午前、D1 13:00-15:00）。枠は 0〜%d、日は %s", item, len(all)-1, dayList(ev)),
				En: fmt.Sprintf("%q is not a slot (e.g. 3, 3-5, D1, 10/14 午前, D1 13:00-15:00); slots are 0-%d, the days %s", item, len(all)-1, dayList(ev)),
			})
			continue
		}
		for _, s := range got {
			set[s] = true
		}
	}
	out := make([]int, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

func dayList(ev *event.Event) string {
	out := make([]string, len(ev.Days))
	for i, d := range ev.Days {
		out[i] = fmt.Sprintf("D%d=%s", i+1, d.Date)
	}
	return strings.Join(out, ", ")
}

var (
	reSlotRange = regexp.MustCompile(`^(\d+)\s*[-~〜]\s*(\d+)$`)
	reTimeRange = regexp.MustCompile(`^(\d{1,2}):?(\d{2})\s*[-~〜]\s*(\d{1,2}):?(\d{2})$`)
	reTime      = regexp.MustCompile(`^(\d{1,2}):(\d{2})$`)
	reDayN      = regexp.MustCompile(`^(?:d|day\s*)(\d+)$|^(\d+)日目$`)
	reMonthDay  = regexp.MustCompile(`^(?:(\d{4})[/\-.年])?(\d{1,2})[/\-.月](\d{1,2})日?(?:\([^)]*\))?$`)
)

// parseSlotItem reads one item of an unavailable-slots cell.
func parseSlotItem(item string, ev *event.Event, all []event.Slot) ([]int, bool) {
	s := strings.TrimSpace(strings.ToLower(event.FoldWidth(item)))
	s = strings.NewReplacer("～", "~", "〜", "~", "－", "-", "　", " ").Replace(s)
	if n, err := strconv.Atoi(s); err == nil {
		return []int{n}, n >= 0 && n < len(all)
	}
	if m := reSlotRange.FindStringSubmatch(s); m != nil {
		lo, _ := strconv.Atoi(m[1])
		hi, _ := strconv.Atoi(m[2])
		if lo > hi || hi >= len(all) {
			return nil, false
		}
		var out []int
		for i := lo; i <= hi; i++ {
			out = append(out, i)
		}
		return out, true
	}
	dayPart, timePart := s, ""
	if i := strings.IndexAny(s, " "); i > 0 {
		dayPart, timePart = s[:i], strings.TrimSpace(s[i+1:])
	} else {
		for _, w := range []string{"午前", "午後", "終日", "am", "pm"} {
			if rest, ok := strings.CutSuffix(s, w); ok && rest != "" {
				dayPart, timePart = rest, w
			}
		}
	}
	day := -1
	if m := reDayN.FindStringSubmatch(dayPart); m != nil {
		n, _ := strconv.Atoi(m[1] + m[2])
		day = n - 1
	} else if m := reMonthDay.FindStringSubmatch(dayPart); m != nil {
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		for i, dd := range ev.Days {
			t, err := time.Parse("2006-01-02", dd.Date)
			if err == nil && int(t.Month()) == mo && t.Day() == d && (m[1] == "" || strconv.Itoa(t.Year()) == m[1]) {
				day = i
			}
		}
	} else if timePart == "" && (reTimeRange.MatchString(dayPart) || reTime.MatchString(dayPart)) && len(ev.Days) == 1 {
		day, timePart = 0, dayPart
	}
	if day < 0 || day >= len(ev.Days) {
		return nil, false
	}
	minutes := func(h, m string) int { a, _ := strconv.Atoi(h); b, _ := strconv.Atoi(m); return a*60 + b }
	from, to := 0, 24*60
	switch {
	case timePart == "" || timePart == "終日" || timePart == "all day" || timePart == "全日":
	case timePart == "午前" || timePart == "am":
		to = 12 * 60
	case timePart == "午後" || timePart == "pm":
		from = 12 * 60
	case reTimeRange.MatchString(timePart):
		m := reTimeRange.FindStringSubmatch(timePart)
		from, to = minutes(m[1], m[2]), minutes(m[3], m[4])
		if from >= to {
			return nil, false
		}
	case reTime.MatchString(timePart):
		m := reTime.FindStringSubmatch(timePart)
		from = minutes(m[1], m[2])
		to = from + 1
	default:
		return nil, false
	}
	var out []int
	for _, sl := range all {
		if sl.Day != day {
			continue
		}
		st := sl.Start.Hour()*60 + sl.Start.Minute()
		en := st + int(sl.End.Sub(sl.Start).Minutes())
		if st < to && en > from {
			out = append(out, sl.Index)
		}
	}
	return out, len(out) > 0
}

func (p *planner) interestRow(rc *rowCells) {
	in := event.Interest{}
	kindText := rc.str("kind")
	if kindText == "" {
		kindText = string(event.InterestApply)
		if !rc.has("theme_id") || rc.str("theme_id") == "" {
			kindText = string(event.InterestRequest)
		}
	}
	kc := &column{name: "kind", field: &event.Field{Name: "kind", Label: event.T("種別", "interest kinds"), Type: event.TypeCode, Vocab: event.InterestKinds}}
	in.Kind = event.InterestKind(p.code(rc, kc, kindText))
	if rc.bad {
		return
	}
	_, sid, ok := p.participant(rc.str("startup_id"), event.KindStartup)
	if !ok {
		rc.problem("startup_id", unknownParticipant(rc.str("startup_id")))
	}
	in.StartupID = sid
	if t := rc.str("theme_id"); t != "" {
		th := p.theme(t)
		if th == nil {
			rc.problem("theme_id", event.Text{Ja: fmt.Sprintf("テーマ「%s」がイベントにありません", t), En: fmt.Sprintf("theme %q is not in the event", t)})
		} else {
			in.ThemeID, in.CompanyID = th.ID, th.CompanyID
		}
	}
	if c := rc.str("company_id"); c != "" {
		_, cid, ok := p.participant(c, event.KindCompany)
		switch {
		case !ok:
			rc.problem("company_id", unknownCompany(c))
		case in.CompanyID != "" && in.CompanyID != cid:
			rc.problem("company_id", event.Text{Ja: fmt.Sprintf("テーマ「%s」は企業「%s」のテーマではありません", in.ThemeID, cid), En: fmt.Sprintf("theme %q is not a theme of company %q", in.ThemeID, cid)})
		default:
			in.CompanyID = cid
		}
	}
	switch by := fold(rc.str("by")); {
	case by == "":
		in.By = event.KindCompany
		if in.Kind == event.InterestApply {
			in.By = event.KindStartup
		}
	default:
		in.By = participantKind(by)
	}
	in.Note = rc.str("note")
	if rc.bad {
		return
	}
	if err := in.Validate(); err != nil {
		p.validation(rc, err)
		return
	}
	key := interestKey(in)
	if first, dup := p.seen[key]; dup {
		rc.problem("", event.Text{Ja: fmt.Sprintf("%d行目と同じ内容の行です（重複行）", first), En: fmt.Sprintf("repeats row %d (a duplicate row)", first)})
		return
	}
	p.seen[key] = rc.row
	if p.idx().interests[key] {
		p.plan.Unchanged++
		return
	}
	p.plan.New++
	p.plan.Records = append(p.plan.Records, PlannedRecord{Row: rc.row, ID: in.StartupID + "–" + in.CompanyID, New: true})
	p.plan.Batch.Interests = append(p.plan.Batch.Interests, in)
}

// removeAbsent plans the removal of every stored statement of the kinds
// in PlanOptions.RemoveAbsent that the file does not list.
func (p *planner) removeAbsent() {
	for _, in := range p.st.Interests {
		if !slices.Contains(p.opt.RemoveAbsent, in.Kind) {
			continue
		}
		if _, listed := p.seen[interestKey(in)]; listed {
			continue
		}
		p.plan.Removed++
		p.plan.Records = append(p.plan.Records, PlannedRecord{ID: in.StartupID + "–" + in.CompanyID, Removed: true, What: p.interestWhat(in)})
		p.plan.Batch.RemoveInterests = append(p.plan.Batch.RemoveInterests, in)
	}
}

// interestWhat describes a statement for the preview in both languages:
// kind, startup, company and theme by name (with their IDs), and who made
// it.
func (p *planner) interestWhat(in event.Interest) event.Text {
	ix := p.idx()
	name := func(rec any, id string, lang event.Lang) string {
		var t event.Text
		switch r := rec.(type) {
		case *event.Startup:
			t = r.Name
		case *event.Company:
			t = r.Name
		case *event.Theme:
			t = r.Title
		}
		if n := t.In(lang); n != "" && n != id {
			return n + " (" + id + ")"
		}
		return id
	}
	side := map[event.ParticipantKind]event.Text{event.KindStartup: event.T("スタートアップから", "by the startup"), event.KindCompany: event.T("企業から", "by the company")}[in.By]
	out := event.Text{}
	for _, lang := range []event.Lang{event.Ja, event.En} {
		s := event.InterestKinds.Label(string(in.Kind), lang) + ": " + name(ix.startups[in.StartupID], in.StartupID, lang) + " → " + name(ix.companies[in.CompanyID], in.CompanyID, lang)
		if in.ThemeID != "" {
			s += " / " + name(ix.themes[in.ThemeID], in.ThemeID, lang)
		}
		if side.Ja != "" {
			s += " (" + side.In(lang) + ")"
		}
		if lang == event.Ja {
			out.Ja = s
		} else {
			out.En = s
		}
	}
	return out
}

// ParseInterestKinds reads the kinds of --remove-absent: "all", or codes
// and labels (must_meet, 必須面談, no_thanks, 見送り …) separated by commas.
func ParseInterestKinds(s string) ([]event.InterestKind, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	if strings.EqualFold(strings.TrimSpace(s), "all") {
		var out []event.InterestKind
		for _, t := range event.InterestKinds.Terms {
			out = append(out, event.InterestKind(t.Code))
		}
		return out, nil
	}
	ix := newLookups().of(event.InterestKinds)
	var out []event.InterestKind
	for _, item := range splitList(s, codeSeparators) {
		code := ix.code(item)
		if !event.InterestKinds.Has(code) {
			return nil, &event.Error{Code: event.EInvalid, Message: event.Text{
				Ja: fmt.Sprintf("「%s」は面談希望の種別ではありません（all または %s）", item, kindCodes()),
				En: fmt.Sprintf("%q is not a kind of interest (all, or %s)", item, kindCodes()),
			}}
		}
		if !slices.Contains(out, event.InterestKind(code)) {
			out = append(out, event.InterestKind(code))
		}
	}
	return out, nil
}

func kindCodes() string {
	var cs []string
	for _, t := range event.InterestKinds.Terms {
		cs = append(cs, t.Code)
	}
	return strings.Join(cs, ", ")
}

// theme finds a stored theme by ID or title.
func (p *planner) theme(s string) *event.Theme {
	if t, ok := p.idx().themes[strings.TrimSpace(event.FoldWidth(s))].(*event.Theme); ok {
		return t
	}
	t, _ := p.byName(event.EntityTheme, event.Text{Ja: s}, "").(*event.Theme)
	return t
}

// eventCopy is the event the plan changes: the batch's (after an earlier
// row) or a copy of the stored one.
func (p *planner) eventCopy(rc *rowCells) *event.Event {
	if p.plan.Batch.Event != nil {
		return p.plan.Batch.Event
	}
	if p.st.Event == nil {
		rc.problem("", event.Text{Ja: "イベントがまだありません。先に pitchmatch new でイベントを作成してください", En: "the event does not exist yet; create it first with pitchmatch new"})
		return nil
	}
	e := *p.st.Event
	e.Days = slices.Clone(e.Days)
	e.PastFigures = slices.Clone(e.PastFigures)
	return &e
}

func (p *planner) figuresRow(rc *rowCells) {
	num := func(c string) (int, bool) {
		s := rc.str(c)
		if s == "" {
			return 0, false
		}
		var n int
		var err error
		if c == "year" {
			n, err = event.ParseYear(s)
		} else {
			n, err = event.ParseWhole(s)
		}
		if err != nil || n < 0 {
			rc.problem(c, numberReason(err))
			return 0, false
		}
		return n, true
	}
	y := event.YearFigures{}
	var ok bool
	if y.Year, ok = num("year"); !ok && !rc.bad {
		rc.problem("year", event.Text{Ja: "年が必要です", En: "the year is required"})
	}
	y.Exhibitors, _ = num("exhibitors")
	y.Meetings, _ = num("meetings")
	y.Deals, _ = num("deals")
	if y.Year != 0 && (y.Year < 1990 || y.Year > 2100) {
		rc.problem("year", event.Text{Ja: "年は1990〜2100です", En: "the year must be between 1990 and 2100"})
	}
	if rc.bad {
		return
	}
	key := fmt.Sprint("year", y.Year)
	if first, dup := p.seen[key]; dup {
		rc.problem("year", event.Text{Ja: fmt.Sprintf("%d年が重複しています（%d行目と同じ）", y.Year, first), En: fmt.Sprintf("year %d is listed twice (first on row %d)", y.Year, first)})
		return
	}
	p.seen[key] = rc.row
	e := p.eventCopy(rc)
	if e == nil {
		return
	}
	pr := PlannedRecord{Row: rc.row, ID: strconv.Itoa(y.Year), New: true}
	for i, old := range e.PastFigures {
		if old.Year != y.Year {
			continue
		}
		pr.New = false
		// Only the mapped columns change.
		if !rc.has("exhibitors") {
			y.Exhibitors = old.Exhibitors
		}
		if !rc.has("meetings") {
			y.Meetings = old.Meetings
		}
		if !rc.has("deals") {
			y.Deals = old.Deals
		}
		if old == y {
			p.plan.Unchanged++
			return
		}
		o, n := fmt.Sprintf("%+v", old), fmt.Sprintf("%+v", y)
		f := &event.Field{Name: "past_figures", Label: event.T("過去実績", "Past figures"), Type: event.TypeID}
		pr.Changes = []FieldChange{{Field: f.Name, Label: f.Label, Old: o, New: n, field: f, oldRec: &o, newRec: &n}}
		e.PastFigures[i] = y
	}
	if pr.New {
		e.PastFigures = append(e.PastFigures, y)
		slices.SortFunc(e.PastFigures, func(a, b event.YearFigures) int { return a.Year - b.Year })
		p.plan.New++
	} else {
		p.plan.Changed++
	}
	p.plan.Records = append(p.plan.Records, pr)
	p.plan.Batch.Event = e
}

func (p *planner) settingsRow(rc *rowCells) {
	if first, dup := p.seen["settings"]; dup {
		rc.problem("", event.Text{Ja: fmt.Sprintf("イベント設定は1行だけです（%d行目が設定の行です）", first), En: fmt.Sprintf("event settings take one row (row %d is the settings row)", first)})
		return
	}
	p.seen["settings"] = rc.row
	e := p.eventCopy(rc)
	if e == nil {
		return
	}
	rec := &event.Event{}
	for _, c := range columnsOf(KindSettings) {
		if rc.has(c.name) {
			p.value(rc, p.cols[c.name], rec)
		}
	}
	old := *e
	fs := event.EventFields()
	for _, c := range columnsOf(KindSettings) {
		if !rc.has(c.name) {
			continue
		}
		f := c.field
		if f.Type.Bilingual() {
			if strings.HasSuffix(c.name, "_en") {
				f.Text(e).En = f.Text(rec).En
			} else {
				f.Text(e).Ja = f.Text(rec).Ja
			}
			continue
		}
		f.Copy(e, rec)
	}
	if err := e.Validate(); err != nil {
		p.validation(rc, err)
		return
	}
	if rc.bad {
		return
	}
	pr := PlannedRecord{Row: rc.row, ID: "event", StoredVersion: old.Version}
	for i := range fs {
		if !fs[i].Equal(&old, e) {
			pr.Changes = append(pr.Changes, FieldChange{Field: fs[i].Name, Label: fs[i].Label, Old: fs[i].Display(&old, event.Ja), New: fs[i].Display(e, event.Ja),
				oldRec: &old, newRec: e, field: &fs[i]})
		}
	}
	if len(pr.Changes) == 0 {
		p.plan.Unchanged++
		return
	}
	p.plan.Changed++
	p.plan.Records = append(p.plan.Records, pr)
	p.plan.Batch.Event = e
}
