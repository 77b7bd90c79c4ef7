// Package demo generates a realistic, deterministic demo event: bilingual
// startup profiles drawn from MedTech product archetypes, large companies
// with themes modelled on published calls (MedTech ROUND, JHVS), gaps in
// availability, applications, scout requests, no-thanks and a few must-meets.
//
// The same Options (including Seed) always produce the same event, so demos,
// screenshots and benchmarks are repeatable. The default size is the Japan
// Healthcare Venture Summit's: 120 startups, 25 companies with 40 themes,
// 3 days × 12 slots × 30 tables; Options scale it up to 20,000 startups and
// beyond for benchmarks.
package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"pitchmatch/event"
)

// Options size the demo event. Zero fields take the JHVS defaults.
type Options struct {
	Seed        uint64
	Startups    int
	Companies   int
	Themes      int
	Days        int
	SlotsPerDay int
	Tables      int
	StartDate   string // YYYY-MM-DD of day 1; default 2026-10-14
}

// Defaults are the JHVS-scale defaults.
func Defaults() Options {
	return Options{Seed: 2026, Startups: 120, Companies: 25, Themes: 40, Days: 3, SlotsPerDay: 12, Tables: 30, StartDate: "2026-10-14"}
}

func (o Options) withDefaults() Options {
	d := Defaults()
	if o.Seed == 0 {
		o.Seed = d.Seed
	}
	if o.Startups <= 0 {
		o.Startups = d.Startups
	}
	if o.Companies <= 0 {
		o.Companies = d.Companies
	}
	if o.Themes <= 0 {
		o.Themes = d.Themes
	}
	if o.Themes < o.Companies {
		o.Themes = o.Companies // every company publishes at least one theme
	}
	if o.Days <= 0 {
		o.Days = d.Days
	}
	if o.SlotsPerDay <= 0 {
		o.SlotsPerDay = d.SlotsPerDay
	}
	if o.Tables <= 0 {
		o.Tables = d.Tables
	}
	if o.StartDate == "" {
		o.StartDate = d.StartDate
	}
	return o
}

// Validate reports options that cannot make an event.
func (o Options) Validate() error {
	switch {
	case o.Startups < 0 || o.Startups > 1_000_000:
		return fmt.Errorf("startups must be between 1 and 1,000,000 (got %d)", o.Startups)
	case o.Companies < 0 || o.Companies > 100_000:
		return fmt.Errorf("companies must be between 1 and 100,000 (got %d)", o.Companies)
	case o.Themes < 0 || o.Themes > 1_000_000:
		return fmt.Errorf("themes must be between 1 and 1,000,000 (got %d)", o.Themes)
	case o.Days < 0 || o.Days > 30:
		return fmt.Errorf("days must be between 1 and 30 (got %d)", o.Days)
	case o.SlotsPerDay < 0 || o.SlotsPerDay > 48:
		return fmt.Errorf("slots per day must be between 1 and 48 (got %d)", o.SlotsPerDay)
	case o.Tables < 0 || o.Tables > 100_000:
		return fmt.Errorf("tables must be between 1 and 100,000 (got %d)", o.Tables)
	}
	if o.StartDate != "" {
		if _, err := time.Parse("2006-01-02", o.StartDate); err != nil {
			return fmt.Errorf("start date must be YYYY-MM-DD (got %q)", o.StartDate)
		}
	}
	return nil
}

// Generate builds the demo event. The result passes event validation and
// refers only to IDs it contains.
func Generate(opt Options) *event.Batch {
	opt = opt.withDefaults()
	g := &gen{opt: opt, rng: rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15)), used: map[string]int{}}
	b := &event.Batch{Event: g.event()}
	b.Companies = g.companies()
	b.Themes = g.themes(b.Companies)
	b.Startups = g.startups()
	b.Availability = g.availability(b.Startups, b.Companies, b.Event.NumSlots())
	b.Interests = g.interests(b.Startups, b.Companies, b.Themes)
	return b
}

type gen struct {
	opt  Options
	rng  *rand.Rand
	used map[string]int
}

func (g *gen) pick(n int) int { return g.rng.IntN(n) }

func (g *gen) chance(p float64) bool { return g.rng.Float64() < p }

// subset returns a copy of codes with each entry dropped with probability
// drop, keeping at least one, plus occasionally one extra from vocab.
func (g *gen) vary(codes []string, vocab *event.Vocabulary, drop, add float64) []string {
	out := make([]string, 0, len(codes)+1)
	for _, c := range codes {
		if !g.chance(drop) {
			out = append(out, c)
		}
	}
	if len(out) == 0 && len(codes) > 0 {
		out = append(out, codes[g.pick(len(codes))])
	}
	if g.chance(add) {
		extra := vocab.Terms[g.pick(len(vocab.Terms))].Code
		if !slices.Contains(out, extra) {
			out = append(out, extra)
		}
	}
	return out
}

func (g *gen) event() *event.Event {
	o := g.opt
	days := make([]event.Day, o.Days)
	date := mustDate(o.StartDate)
	for i := range days {
		d := event.Day{Date: date.AddDate(0, 0, i).Format("2006-01-02"), Start: "10:00", Slots: o.SlotsPerDay}
		if o.SlotsPerDay > 4 {
			d.Breaks = []event.Break{{AfterSlot: 4, Minutes: 60}} // lunch 12:00–13:00
		}
		days[i] = d
	}
	return &event.Event{
		Name:          event.T("ジャパン・ヘルスケアベンチャー・サミット 2026（デモ）", "Japan Healthcare Venture Summit 2026 (demo)"),
		Venue:         event.T("パシフィコ横浜", "PACIFICO Yokohama"),
		TimeZone:      "Asia/Tokyo",
		SlotMinutes:   30,
		Tables:        o.Tables,
		Days:          days,
		StartupCap:    10,
		CompanyCap:    2 * o.Days * o.SlotsPerDay, // a two-table company can meet in every slot at both
		FairnessFloor: 2,
		PastFigures: []event.YearFigures{ // JHVS business meetings, public programme figures
			{Year: 2017, Meetings: 418}, {Year: 2018, Meetings: 1153}, {Year: 2019, Meetings: 1349},
			{Year: 2020, Meetings: 1188}, {Year: 2021, Meetings: 977}, {Year: 2022, Meetings: 1296},
			{Year: 2023, Meetings: 1356}, {Year: 2024, Meetings: 1452},
		},
		DefaultLanguage: event.Ja,
	}
}

var scoutFamily = []event.Text{event.T("佐藤", "Sato"), event.T("鈴木", "Suzuki"), event.T("高橋", "Takahashi"), event.T("田中", "Tanaka"),
	event.T("伊藤", "Ito"), event.T("渡辺", "Watanabe"), event.T("山本", "Yamamoto"), event.T("中村", "Nakamura"),
	event.T("小林", "Kobayashi"), event.T("加藤", "Kato"), event.T("吉田", "Yoshida"), event.T("山田", "Yamada")}
var scoutGiven = []event.Text{event.T("健一", "Kenichi"), event.T("美咲", "Misaki"), event.T("大輔", "Daisuke"), event.T("陽子", "Yoko"),
	event.T("拓也", "Takuya"), event.T("由美", "Yumi"), event.T("翔", "Sho"), event.T("真理子", "Mariko")}

func (g *gen) companies() []*event.Company {
	out := make([]*event.Company, g.opt.Companies)
	for i := range out {
		p := companyPrefixes[i%len(companyPrefixes)]
		s := companySuffixes[(i/len(companyPrefixes)+i*3)%len(companySuffixes)]
		name := event.T(p.Ja+s.Ja, p.En+" "+s.En)
		if n := i / (len(companyPrefixes) * len(companySuffixes)); n > 0 {
			name = event.T(fmt.Sprintf("%s（第%d）", name.Ja, n+1), fmt.Sprintf("%s (%d)", name.En, n+1))
		}
		scouts := make([]string, 1+g.pick(4))
		for k := range scouts {
			f, gv := scoutFamily[g.pick(len(scoutFamily))], scoutGiven[g.pick(len(scoutGiven))]
			scouts[k] = f.Ja + " " + gv.Ja
		}
		out[i] = &event.Company{
			ID:          fmt.Sprintf("C%03d", i+1),
			Name:        name,
			Scouts:      scouts,
			Tables:      1 + (len(scouts)-1)/2,
			Description: event.T(name.Ja+"は医療機器・ヘルスケア事業を展開し、スタートアップとの協業を通じて新しい医療の実現を目指しています。", name.En+" develops medical devices and healthcare businesses and partners with startups to bring new care to patients."),
		}
	}
	return out
}

func (g *gen) themes(companies []*event.Company) []*event.Theme {
	out := make([]*event.Theme, g.opt.Themes)
	uses := map[int]int{}
	for i := range out {
		// Every company gets one theme first, then the rest go to random companies.
		ci := i
		if i >= len(companies) {
			ci = g.pick(len(companies))
		}
		ti := g.pick(len(themes))
		tpl := themes[ti]
		uses[ti]++
		title := tpl.title
		areas := g.vary(tpl.areas, event.Areas, 0.2, 0.15)
		if uses[ti] > 1 { // another company's take on the same call
			focus := areas[0]
			title = event.T(title.Ja+"（"+event.Areas.Label(focus, event.Ja)+"）", title.En+" ("+event.Areas.Label(focus, event.En)+")")
		}
		out[i] = &event.Theme{
			ID:           fmt.Sprintf("T%03d", i+1),
			CompanyID:    companies[ci].ID,
			Title:        title,
			Description:  tpl.desc,
			Areas:        areas,
			Technologies: g.vary(tpl.techs, event.Technologies, 0.2, 0.1),
			StageMin:     tpl.min,
			StageMax:     tpl.max,
			ProductTypes: slices.Clone(tpl.ptypes),
			Classes:      slices.Clone(tpl.classes),
			Partnerships: slices.Clone(tpl.partners),
		}
	}
	return out
}

var stageWeights = []int{6, 18, 22, 20, 10, 12, 12} // concept … launched

func (g *gen) weighted(weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	r := g.pick(total)
	for i, w := range weights {
		if r < w {
			return i
		}
		r -= w
	}
	return len(weights) - 1
}

// needShares are the MEDISO consultation shares (2018–2024), in percent.
var needShares = map[string]int{"regulatory": 50, "marketing": 27, "business_plan": 32, "fundraising": 32,
	"management": 24, "ip": 22, "international": 19, "reimbursement": 22, "other": 21}

func (g *gen) startupName() event.Text {
	for try := 0; ; try++ {
		h, t := startupHeads[g.pick(len(startupHeads))], startupTails[g.pick(len(startupTails))]
		ja, en := h.Ja+t.Ja, h.En+t.En
		if try >= 3 {
			h2 := startupHeads[g.pick(len(startupHeads))]
			ja, en = h2.Ja+ja, h2.En+strings.ToLower(en)
		}
		key := ja
		g.used[key]++
		if g.used[key] == 1 || try >= 6 {
			if n := g.used[key]; n > 1 {
				ja, en = fmt.Sprintf("%s%d", ja, n), fmt.Sprintf("%s %d", en, n)
			}
			return event.T("株式会社"+ja, en+" Inc.")
		}
	}
}

func (g *gen) startups() []*event.Startup {
	out := make([]*event.Startup, g.opt.Startups)
	prefTotal := 0
	for _, p := range prefectureWeights {
		prefTotal += p.weight
	}
	for i := range out {
		p := products[g.pick(len(products))]
		stage := g.weighted(stageWeights)
		name := g.startupName()
		slug := strings.ToLower(strings.NewReplacer(" ", "", ".", "", "Inc", "").Replace(name.En))
		s := &event.Startup{
			ID:           fmt.Sprintf("S%05d", i+1),
			Name:         name,
			Founded:      2008 + g.pick(18),
			Headcount:    3 + g.pick(10) + g.pick(10)*g.pick(12),
			ProductName:  p.name,
			ProductType:  p.ptype,
			DeviceClass:  p.class,
			Purposes:     slices.Clone(p.purpose),
			Areas:        g.vary(p.areas, event.Areas, 0.15, 0.2),
			Technologies: g.vary(p.techs, event.Technologies, 0.2, 0.15),
			DevStage:     event.DevStages.Terms[stage].Code,
			Website:      "https://" + slug + ".example.com",
			ContactEmail: "info@" + slug + ".example.com",
		}
		r := g.pick(prefTotal)
		for _, pw := range prefectureWeights {
			if r < pw.weight {
				s.Prefecture = pw.code
				break
			}
			r -= pw.weight
		}
		s.FundingStage = event.FundingStages.Terms[min(len(event.FundingStages.Terms)-1, max(0, stage/2+g.pick(2)-(g.pick(3)/2)))].Code
		for _, c := range event.Partnerships.Codes() {
			if g.chance(0.3) {
				s.Partnerships = append(s.Partnerships, c)
			}
		}
		if len(s.Partnerships) == 0 {
			s.Partnerships = []string{"co_development"}
		}
		for _, c := range event.Needs.Codes() {
			share := needShares[c]
			if p.ptype == "medical_device" && (c == "regulatory" || c == "marketing" || c == "international" || c == "reimbursement") {
				share += 10 // device startups ask more about these (MEDISO)
			}
			if g.pick(100) < share {
				s.Needs = append(s.Needs, c)
			}
		}
		s.Regulatory = g.regulatory(p, stage)
		partners := make([]string, len(s.Partnerships))
		partnersEn := make([]string, len(s.Partnerships))
		for k, c := range s.Partnerships {
			partners[k] = event.Partnerships.Label(c, event.Ja)
			partnersEn[k] = strings.ToLower(event.Partnerships.Label(c, event.En))
		}
		s.ProductSummary = event.T(
			p.summary.Ja+"現在は「"+event.DevStages.Label(s.DevStage, event.Ja)+"」の段階で、"+strings.Join(partners, "・")+"のパートナーを探しています。",
			p.summary.En+" We are at the "+strings.ToLower(event.DevStages.Label(s.DevStage, event.En))+" stage and looking for partners in "+strings.Join(partnersEn, ", ")+".")
		// Real application data has gaps: some profiles are Japanese only,
		// some leave technologies or the stage empty.
		switch g.pick(20) {
		case 0:
			s.ProductSummary.En = ""
			s.Name.En = ""
		case 1:
			s.Technologies = nil
		case 2:
			s.DevStage = ""
		}
		out[i] = s
	}
	return out
}

func (g *gen) regulatory(p product, stage int) []string {
	var out []string
	if stage >= 2 && (p.ptype == "medical_device" || p.ptype == "samd") && g.chance(0.6) {
		out = append(out, "jp_pmda_consultation")
	}
	if stage >= 5 {
		if p.class == "class3" || p.class == "class4" || p.ptype == "regenerative" || p.ptype == "drug" {
			out = append(out, "jp_approved")
		} else if p.ptype != "non_regulated" {
			out = append(out, "jp_certified")
		}
		if g.chance(0.25) && p.ptype != "non_regulated" {
			out = append(out, "us_510k")
		}
		if g.chance(0.15) && p.ptype != "non_regulated" {
			out = append(out, "eu_ce")
		}
	}
	if stage >= 3 && g.chance(0.05) && p.ptype != "non_regulated" {
		out = append(out, "us_breakthrough")
	}
	return out
}

// availability gives about a quarter of the startups and a third of the
// companies gaps: a whole day away, a block of a few slots, or scattered
// slots.
func (g *gen) availability(startups []*event.Startup, companies []*event.Company, numSlots int) []event.Availability {
	var out []event.Availability
	perDay := g.opt.SlotsPerDay
	make1 := func(kind event.ParticipantKind, id string) {
		set := map[int]bool{}
		switch g.pick(3) {
		case 0:
			if g.opt.Days > 1 {
				d := g.pick(g.opt.Days)
				for k := 0; k < perDay; k++ {
					set[d*perDay+k] = true
				}
				break
			}
			fallthrough
		case 1:
			start, n := g.pick(numSlots), 2+g.pick(3)
			for k := start; k < min(numSlots, start+n); k++ {
				set[k] = true
			}
		default:
			for k := 0; k < numSlots; k++ {
				if g.chance(0.15) {
					set[k] = true
				}
			}
		}
		if len(set) == 0 || len(set) >= numSlots {
			return
		}
		slots := make([]int, 0, len(set))
		for k := range set {
			slots = append(slots, k)
		}
		slices.Sort(slots)
		out = append(out, event.Availability{Kind: kind, ID: id, Unavailable: slots})
	}
	for _, s := range startups {
		if g.chance(0.25) {
			make1(event.KindStartup, s.ID)
		}
	}
	for _, c := range companies {
		if g.chance(0.33) {
			make1(event.KindCompany, c.ID)
		}
	}
	return out
}

func (g *gen) interests(startups []*event.Startup, companies []*event.Company, ths []*event.Theme) []event.Interest {
	byArea := map[string][]*event.Theme{}
	for _, t := range ths {
		for _, a := range t.Areas {
			byArea[a] = append(byArea[a], t)
		}
	}
	var out []event.Interest
	seen := map[event.PairKey]event.InterestKind{}
	add := func(i event.Interest) {
		k := event.PairKey{StartupID: i.StartupID, CompanyID: i.CompanyID}
		if prev, ok := seen[k]; ok && (prev == i.Kind || prev == event.InterestNoThanks || i.Kind == event.InterestNoThanks) {
			return // one statement of a kind per pair; never both asked and declined
		}
		seen[k] = i.Kind
		out = append(out, i)
	}
	// Applications: most startups apply to one to four themes, mostly in
	// their own areas.
	for _, s := range startups {
		n := g.weighted([]int{15, 35, 30, 15, 5})
		for k := 0; k < n; k++ {
			var t *event.Theme
			if len(s.Areas) > 0 && g.chance(0.8) {
				cands := byArea[s.Areas[g.pick(len(s.Areas))]]
				if len(cands) > 0 {
					t = cands[g.pick(len(cands))]
				}
			}
			if t == nil {
				t = ths[g.pick(len(ths))]
			}
			add(event.Interest{Kind: event.InterestApply, StartupID: s.ID, CompanyID: t.CompanyID, ThemeID: t.ID, By: event.KindStartup})
		}
	}
	// Scout requests: each company asks for a few startups that fit one of
	// its themes; a few of them are also shortlisted with a note.
	byCompany := map[string][]*event.Theme{}
	for _, t := range ths {
		byCompany[t.CompanyID] = append(byCompany[t.CompanyID], t)
	}
	byStartupArea := map[string][]*event.Startup{}
	for _, s := range startups {
		for _, a := range s.Areas {
			byStartupArea[a] = append(byStartupArea[a], s)
		}
	}
	for _, c := range companies {
		n := 3 + g.pick(6)
		for k := 0; k < n; k++ {
			t := byCompany[c.ID][g.pick(len(byCompany[c.ID]))]
			cands := byStartupArea[t.Areas[g.pick(len(t.Areas))]]
			if len(cands) == 0 {
				continue
			}
			s := cands[g.pick(len(cands))]
			add(event.Interest{Kind: event.InterestRequest, StartupID: s.ID, CompanyID: c.ID, ThemeID: t.ID, By: event.KindCompany,
				Note: "技術の臨床データについて詳しく伺いたい / Would like to hear about the clinical data"})
		}
	}
	// No-thanks from both sides, about 1 in 60 startups, and a few declared
	// conflicts of interest and organizer must-meets.
	for _, s := range startups {
		if g.chance(1.0 / 60) {
			c := companies[g.pick(len(companies))]
			by := event.KindCompany
			if g.chance(0.5) {
				by = event.KindStartup
			}
			add(event.Interest{Kind: event.InterestNoThanks, StartupID: s.ID, CompanyID: c.ID, By: by})
		}
	}
	extras := max(2, len(startups)/60)
	for k := 0; k < extras; k++ {
		s, c := startups[g.pick(len(startups))], companies[g.pick(len(companies))]
		add(event.Interest{Kind: event.InterestConflict, StartupID: s.ID, CompanyID: c.ID, By: event.KindStartup, Note: "競合製品を開発中 / competing product"})
		s, c = startups[g.pick(len(startups))], companies[g.pick(len(companies))]
		add(event.Interest{Kind: event.InterestMustMeet, StartupID: s.ID, CompanyID: c.ID, By: event.KindCompany, Note: "事務局推薦 / recommended by the secretariat"})
	}
	return out
}
