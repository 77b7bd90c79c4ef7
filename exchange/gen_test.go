package exchange

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"pitchmatch/event"
)

// Test data: realistic, valid records drawn from the vocabularies with
// Japanese and English names, plus values that are awkward for CSV
// (commas, quotes, line breaks, formula-like starts).

var (
	jaStems = []string{"メディ", "ハート", "バイオ", "ケア", "ライフ", "ニューロ", "オルソ", "アイ", "サージ", "ゲノ", "リハ", "ホーム"}
	jaTails = []string{"テック", "ラボ", "ロボティクス", "センシング", "メディカル", "ソリューションズ", "イノベーション", "ヘルス"}
	enStems = []string{"Medi", "Heart", "Bio", "Care", "Life", "Neuro", "Ortho", "Eye", "Surgi", "Geno", "Reha", "Home"}
	enTails = []string{"Tech", "Labs", "Robotics", "Sensing", "Medical", "Solutions", "Innovation", "Health"}
	awkward = []string{"=SUM(A1:A2)", "+81 3-1234-5678", "-ハイフン始まり", "@mention", "'=quoted", "''", "'apostrophe", "a, b and \"c\"", "行1\n行2"}
)

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// pickCodes returns up to n distinct codes of v, nil when none.
func pickCodes(r *rand.Rand, v *event.Vocabulary, n int) []event.Code {
	k := r.IntN(n + 1)
	if k == 0 {
		return nil
	}
	codes := v.Codes()
	r.Shuffle(len(codes), func(i, j int) { codes[i], codes[j] = codes[j], codes[i] })
	return slices.Clone(codes[:min(k, len(codes))])
}

func maybeCode(r *rand.Rand, v *event.Vocabulary) event.Code {
	if r.IntN(5) == 0 {
		return ""
	}
	return pick(r, v.Codes())
}

func genStartup(r *rand.Rand, i int) *event.Startup {
	ja := pick(r, jaStems) + pick(r, jaTails)
	en := pick(r, enStems) + pick(r, enTails)
	s := &event.Startup{
		ID:           fmt.Sprintf("S%05d", i),
		Name:         event.T("株式会社"+ja, en+" Inc."),
		Founded:      2000 + r.IntN(26),
		Prefecture:   maybeCode(r, event.Prefectures),
		Headcount:    r.IntN(300),
		FundingStage: maybeCode(r, event.FundingStages),
		ProductName:  event.T(ja+"システム", en+" System"),
		ProductSummary: event.T(
			strings.Repeat(ja+"は低侵襲で高精度な生体信号計測を実現し、術後合併症の早期発見に貢献します。", 1+r.IntN(4)),
			strings.TrimSpace(strings.Repeat(en+" measures biosignals precisely and minimally invasively to detect surgical complications early. ", 1+r.IntN(4)))),
		ProductType:  maybeCode(r, event.ProductTypes),
		DeviceClass:  maybeCode(r, event.DeviceClasses),
		Purposes:     pickCodes(r, event.Purposes, 2),
		Areas:        pickCodes(r, event.Areas, 3),
		Technologies: pickCodes(r, event.Technologies, 3),
		DevStage:     maybeCode(r, event.DevStages),
		Regulatory:   pickCodes(r, event.Regulatory, 2),
		Needs:        pickCodes(r, event.Needs, 3),
		Partnerships: pickCodes(r, event.Partnerships, 2),
		Website:      fmt.Sprintf("https://%s%d.example.jp/", strings.ToLower(en), i),
		ContactEmail: fmt.Sprintf("info%d@%s.example.jp", i, strings.ToLower(en)),
		MaxMeetings:  r.IntN(12),
	}
	if r.IntN(4) == 0 {
		s.Name.En = pick(r, awkward[:len(awkward)-1]) // names are one line (event.CheckText)
		s.ProductSummary.Ja = pick(r, awkward)
	}
	if r.IntN(10) == 0 {
		s.Name.Ja = "" // English only
	}
	if r.IntN(3) == 0 {
		s.Notes = pick(r, awkward) + "\n代表者名: 山田 太郎"
	}
	return s
}

func genCompany(r *rand.Rand, i int) *event.Company {
	c := &event.Company{
		ID:          fmt.Sprintf("C%03d", i),
		Name:        event.T(pick(r, jaStems)+"医療機器株式会社", pick(r, enStems)+" Medical Corp."),
		Description: event.T("手術関連機器と患者モニタリング機器のメーカー", "Maker of surgical and patient-monitoring devices"),
		MaxMeetings: r.IntN(40),
		Tables:      r.IntN(4),
	}
	for k := r.IntN(4); k > 0; k-- {
		c.Scouts = append(c.Scouts, pick(r, []string{"山田 太郎", "Sato Hanako", "鈴木一郎", "Yamada, Taro", "=cmd"}))
	}
	if r.IntN(3) == 0 {
		c.Description.En = pick(r, awkward)
	}
	if r.IntN(3) == 0 {
		c.Notes = "担当: " + pick(r, awkward)
	}
	return c
}

func genTheme(r *rand.Rand, i int, company string) *event.Theme {
	lo, hi := r.IntN(len(event.DevStages.Terms)), r.IntN(len(event.DevStages.Terms))
	if lo > hi {
		lo, hi = hi, lo
	}
	t := &event.Theme{
		ID:           fmt.Sprintf("T%03d", i),
		CompanyID:    company,
		Title:        event.T("術後合併症へのソリューション", "Solutions to surgical complications"),
		Description:  event.T("低侵襲かつ高精度な生体信号計測", "Biosignal measurement that is both minimally invasive and precise"),
		Areas:        pickCodes(r, event.Areas, 3),
		Technologies: pickCodes(r, event.Technologies, 3),
		ProductTypes: pickCodes(r, event.ProductTypes, 2),
		Classes:      pickCodes(r, event.DeviceClasses, 2),
		Partnerships: pickCodes(r, event.Partnerships, 3),
	}
	if r.IntN(4) > 0 {
		t.StageMin, t.StageMax = event.DevStages.Terms[lo].Code, event.DevStages.Terms[hi].Code
	}
	return t
}

func genAvailability(r *rand.Rand, i, numSlots int) event.Availability {
	a := event.Availability{Kind: event.KindStartup, ID: fmt.Sprintf("S%05d", i)}
	if i%2 == 1 {
		a.Kind, a.ID = event.KindCompany, fmt.Sprintf("C%03d", i)
	}
	for s := 0; s < numSlots; s++ {
		if r.IntN(4) == 0 {
			a.Unavailable = append(a.Unavailable, s)
		}
	}
	return a
}

// genBatch makes n valid records of every kind.
func genBatch(seed uint64, n, numSlots int) *event.Batch {
	r := rand.New(rand.NewPCG(seed, 1))
	b := &event.Batch{}
	for i := 1; i <= n; i++ {
		b.Startups = append(b.Startups, genStartup(r, i))
		b.Companies = append(b.Companies, genCompany(r, i))
		b.Themes = append(b.Themes, genTheme(r, i, fmt.Sprintf("C%03d", 1+r.IntN(n))))
		b.Availability = append(b.Availability, genAvailability(r, i, numSlots))
	}
	return b
}

// withStoreFields sets Version and UpdatedAt as a store would, for JSON
// round trips.
func withStoreFields(b *event.Batch) {
	at := time.Date(2026, 11, 21, 9, 30, 0, 0, time.UTC)
	for i, s := range b.Startups {
		s.Version, s.UpdatedAt = int64(i+1), at
	}
	for i, c := range b.Companies {
		c.Version, c.UpdatedAt = int64(i+1), at
	}
	for i, t := range b.Themes {
		t.Version, t.UpdatedAt = int64(i+1), at
	}
}
