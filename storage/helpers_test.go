package storage

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"pitchmatch/event"
)

func openTemp(t testing.TB) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "event.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// pick returns n distinct codes of v chosen by r.
func pick(r *rand.Rand, v *event.Vocabulary, n int) []string {
	codes := v.Codes()
	r.Shuffle(len(codes), func(i, j int) { codes[i], codes[j] = codes[j], codes[i] })
	if n > len(codes) {
		n = len(codes)
	}
	if n == 0 {
		return nil
	}
	return codes[:n]
}

func one(r *rand.Rand, v *event.Vocabulary) string { return pick(r, v, 1)[0] }

var jaProducts = []string{"内視鏡画像AI診断支援システム", "低侵襲カテーテル", "ウェアラブル心電計", "在宅透析モニタ",
	"術後合併症予測ソフトウェア", "眼底画像解析プログラム", "生体吸収性ステント", "嚥下機能評価センサ"}
var enProducts = []string{"AI endoscopy triage", "Minimally invasive catheter", "Wearable ECG patch", "Home dialysis monitor",
	"Post-operative complication predictor", "Retinal image analysis", "Bioresorbable stent", "Swallowing sensor"}

// realisticStartup builds a fully filled, valid startup profile.
func realisticStartup(r *rand.Rand, k int) *event.Startup {
	p := r.IntN(len(jaProducts))
	return &event.Startup{
		ID:           fmt.Sprintf("S%05d", k),
		Name:         event.T(fmt.Sprintf("株式会社メドテック%d", k), fmt.Sprintf("MedTech %d Inc.", k)),
		Founded:      2010 + r.IntN(15),
		Prefecture:   one(r, event.Prefectures),
		Headcount:    1 + r.IntN(200),
		FundingStage: one(r, event.FundingStages),
		ProductName:  event.T(jaProducts[p], enProducts[p]),
		ProductSummary: event.T(
			jaProducts[p]+"は、医療現場の負担を減らし、患者の予後を改善するための製品です。臨床試験を準備中で、国内外の販売パートナーを探しています。",
			enProducts[p]+" reduces the burden on clinical staff and improves patient outcomes. We are preparing a clinical trial and seek distribution partners in Japan and abroad."),
		ProductType:  one(r, event.ProductTypes),
		DeviceClass:  one(r, event.DeviceClasses),
		Purposes:     pick(r, event.Purposes, 1+r.IntN(2)),
		Areas:        pick(r, event.Areas, 1+r.IntN(3)),
		Technologies: pick(r, event.Technologies, 1+r.IntN(3)),
		DevStage:     one(r, event.DevStages),
		Regulatory:   pick(r, event.Regulatory, r.IntN(3)),
		Needs:        pick(r, event.Needs, 1+r.IntN(3)),
		Partnerships: pick(r, event.Partnerships, 1+r.IntN(2)),
		Website:      fmt.Sprintf("https://medtech%d.example.jp", k),
		ContactEmail: fmt.Sprintf("info%d@medtech.example.jp", k),
		MaxMeetings:  r.IntN(8),
	}
}

func realisticCompany(k int) *event.Company {
	return &event.Company{
		ID:          fmt.Sprintf("C%03d", k),
		Name:        event.T(fmt.Sprintf("大手医療機器%d株式会社", k), fmt.Sprintf("Major Devices %d Corp.", k)),
		Description: event.T("手術関連機器と患者モニタリングの大手メーカー。", "A leading maker of surgical devices and patient monitoring."),
		Scouts:      []string{"山田 太郎", "Jane Smith"},
		MaxMeetings: 20,
		Tables:      2,
	}
}

func realisticTheme(r *rand.Rand, k int, companyID string) *event.Theme {
	return &event.Theme{
		ID:           fmt.Sprintf("T%03d", k),
		CompanyID:    companyID,
		Title:        event.T("手術合併症へのソリューション", "Solutions to surgical complications"),
		Description:  event.T("低侵襲かつ高精度な生体信号計測", "Biosignal measurement that is both minimally invasive and precise"),
		Areas:        pick(r, event.Areas, 2),
		Technologies: pick(r, event.Technologies, 2),
		StageMin:     "prototype",
		StageMax:     "approved",
		ProductTypes: []string{"medical_device", "samd"},
		Classes:      []string{"class2", "class3"},
		Partnerships: []string{"co_development", "investment"},
	}
}

func testEvent() *event.Event {
	return &event.Event{
		Name:        event.T("ジャパン・ヘルスケアベンチャー・サミット", "Japan Healthcare Venture Summit"),
		Venue:       event.T("パシフィコ横浜", "Pacifico Yokohama"),
		TimeZone:    "Asia/Tokyo",
		SlotMinutes: 30,
		Tables:      20,
		Days: []event.Day{
			{Date: "2025-10-08", Start: "10:00", Slots: 12, Breaks: []event.Break{{AfterSlot: 4, Minutes: 60}}},
			{Date: "2025-10-09", Start: "10:00", Slots: 12},
			{Date: "2025-10-10", Start: "10:00", Slots: 8, Breaks: []event.Break{{AfterSlot: 2, Minutes: 15}, {AfterSlot: 6, Minutes: 30}}},
		},
		StartupCap:      6,
		CompanyCap:      30,
		FairnessFloor:   1,
		Weights:         map[string]float64{"areas": 3, "technologies": 2, "text": 1.5},
		EmbeddingURL:    "http://localhost:8080/v1",
		EmbeddingModel:  "text-embedding-3-small",
		EmbeddingDims:   256,
		PastFigures:     []event.YearFigures{{Year: 2023, Meetings: 1356}, {Year: 2024, Meetings: 1452}},
		DefaultLanguage: event.Ja,
	}
}

// seed stores an event, n startups, m companies with one theme each.
func seed(t testing.TB, db *DB, n, m int) *event.Batch {
	t.Helper()
	r := rand.New(rand.NewPCG(1, uint64(n)))
	b := &event.Batch{Event: testEvent()}
	for k := 0; k < n; k++ {
		b.Startups = append(b.Startups, realisticStartup(r, k))
	}
	for k := 0; k < m; k++ {
		c := realisticCompany(k)
		b.Companies = append(b.Companies, c)
		b.Themes = append(b.Themes, realisticTheme(r, k, c.ID))
	}
	if err := db.Import(context.Background(), "test", b); err != nil {
		t.Fatal(err)
	}
	return b
}
