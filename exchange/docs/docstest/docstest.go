// Package docstest builds deterministic event data for the tests and
// benchmarks of PitchMatch's document exports: a small bilingual event whose
// every name and time a test can check, and a large generated one (for
// example 20,000 startups) for measuring time and memory.
//
// The participants are fictional. The only real figures are the JHVS
// business-meeting counts 2017–2024 published by the summit (see
// DESIGN.md), returned by JHVSMeetings.
package docstest

import (
	"fmt"
	"time"

	"pitchmatch/event"
	"pitchmatch/exchange/docs"
)

// JHVSMeetings are the Japan Healthcare Venture Summit's published counts of
// business meetings established through its matching system, by year.
// Exhibitor and deal counts per year are not published there, so they are 0.
func JHVSMeetings() []event.YearFigures {
	return []event.YearFigures{
		{Year: 2017, Meetings: 418}, {Year: 2018, Meetings: 1153}, {Year: 2019, Meetings: 1349},
		{Year: 2020, Meetings: 1188}, {Year: 2021, Meetings: 977}, {Year: 2022, Meetings: 1296},
		{Year: 2023, Meetings: 1356}, {Year: 2024, Meetings: 1452},
	}
}

// Stamp returns the fixed UpdatedAt of generated records.
func Stamp() time.Time { return time.Date(2026, 9, 1, 3, 0, 0, 0, time.UTC) }

// Small is a two-day event with three startups, two companies, three themes
// and five meetings, one of them cancelled and one held with a deal:
//
//	slot 0 (2026-10-14 10:00 JST) table 0: S001 × C01 theme T01, confirmed
//	slot 1 (10:20) table 1: S002 × C01 theme T01, confirmed
//	slot 2 (10:50, after a 10-minute break) table 0: S001 × C02 theme T03, held, deal
//	slot 3 (2026-10-15 13:00) table 0: S003 × C02 theme T02, proposed
//	slot 1 table 0: S003 × C01 theme T01, cancelled (sequence 2)
func Small() *docs.Data {
	stamp := Stamp()
	ev := &event.Event{
		Name:        event.T("ジャパン・ヘルスケアベンチャー・サミット 2026", "Japan Healthcare Venture Summit 2026"),
		Venue:       event.T("パシフィコ横浜", "Pacifico Yokohama"),
		TimeZone:    "Asia/Tokyo",
		SlotMinutes: 20,
		Tables:      4,
		Days: []event.Day{
			{Date: "2026-10-14", Start: "10:00", Slots: 3, Breaks: []event.Break{{AfterSlot: 2, Minutes: 10}}},
			{Date: "2026-10-15", Start: "13:00", Slots: 2},
		},
		StartupCap: 8, CompanyCap: 12,
		PastFigures: JHVSMeetings(),
	}
	st := func(id, ja, en string) *event.Startup {
		return &event.Startup{ID: id, Version: 1, Name: event.T(ja, en), ProductName: event.T(ja+"製品", en+" product"), UpdatedAt: stamp}
	}
	startups := []*event.Startup{
		st("S001", "株式会社メディカルロボ研究所", "Medical Robo Lab Inc."),
		st("S002", "バイオセンス株式会社", "BioSense K.K."),
		st("S003", "合同会社さくら内視鏡", "Sakura Endoscopy LLC"),
	}
	companies := []*event.Company{
		{ID: "C01", Version: 1, Name: event.T("東和医療機器株式会社", "Towa Medical Devices Co., Ltd."), Tables: 2, UpdatedAt: stamp},
		{ID: "C02", Version: 1, Name: event.T("日の出ヘルスケア株式会社", "Hinode Healthcare Corp."), UpdatedAt: stamp},
	}
	themes := []*event.Theme{
		{ID: "T01", CompanyID: "C01", Version: 1, Title: event.T("手術合併症を減らすソリューション", "Solutions to surgical complications"), UpdatedAt: stamp},
		{ID: "T02", CompanyID: "C02", Version: 1, Title: event.T("低侵襲かつ高精度な生体信号計測", "Minimally invasive yet precise biosignal measurement"), UpdatedAt: stamp},
		{ID: "T03", CompanyID: "C02", Version: 1, Title: event.T("在宅医療のデジタル化", "Digital home care"), UpdatedAt: stamp},
	}
	mt := func(id int64, s, c, t string, slot, table int, status event.MeetingStatus, seq int) event.Meeting {
		return event.Meeting{ID: id, UID: fmt.Sprintf("m%d-7f3a@pitchmatch", id), StartupID: s, CompanyID: c, ThemeID: t,
			Slot: slot, Table: table, Status: status, Sequence: seq, Version: 1, UpdatedAt: stamp}
	}
	meetings := []event.Meeting{
		mt(1, "S001", "C01", "T01", 0, 0, event.StatusConfirmed, 0),
		mt(2, "S002", "C01", "T01", 1, 1, event.StatusConfirmed, 0),
		mt(3, "S001", "C02", "T03", 2, 0, event.StatusHeld, 1),
		mt(4, "S003", "C02", "T02", 3, 0, event.StatusProposed, 0),
		mt(5, "S003", "C01", "T01", 1, 0, event.StatusCancelled, 2),
	}
	meetings[2].Outcome = event.OutcomeDeal
	interests := []event.Interest{
		{ID: 1, Kind: event.InterestApply, StartupID: "S001", CompanyID: "C01", ThemeID: "T01", By: event.KindStartup, CreatedAt: stamp},
		{ID: 2, Kind: event.InterestApply, StartupID: "S002", CompanyID: "C01", ThemeID: "T01", By: event.KindStartup, CreatedAt: stamp},
		{ID: 3, Kind: event.InterestRequest, StartupID: "S001", CompanyID: "C02", ThemeID: "T03", By: event.KindCompany, Note: "在宅向けに関心", CreatedAt: stamp},
		{ID: 4, Kind: event.InterestApply, StartupID: "S003", CompanyID: "C02", ThemeID: "T02", By: event.KindStartup, CreatedAt: stamp},
		{ID: 5, Kind: event.InterestNoThanks, StartupID: "S002", CompanyID: "C02", By: event.KindCompany, CreatedAt: stamp},
	}
	rankings := map[string][]docs.RankRow{
		"T01": {
			{StartupID: "S001", Score: 0.82, Reasons: []event.Text{event.T("領域が一致: 循環器", "Area match: cardiovascular")}},
			{StartupID: "S002", Score: 0.61, Reasons: []event.Text{event.T("技術が一致: センサー", "Technology match: sensors")}},
		},
	}
	return &docs.Data{Event: ev, Startups: startups, Companies: companies, Themes: themes,
		Interests: interests, Meetings: meetings, Rankings: rankings}
}

// Large generates an event with n startups, n/40 companies (at least 2)
// with two themes and two parallel tables each, 3 days of 16 slots, and
// about 2.4 meetings per startup placed without double-booking anyone:
// in slot s, table t, startup (s·tables + t) mod n meets company
// (t/2 + s) mod companies. Every 50th meeting is cancelled, every 7th held,
// every 21st with a deal. Names are Japanese with English alongside.
func Large(n int) *docs.Data {
	nc := max(n/40, 2)
	tables := 2 * nc
	ev := &event.Event{
		Name:        event.T("大規模パートナリング検証イベント", "Large partnering test event"),
		Venue:       event.T("東京ビッグサイト", "Tokyo Big Sight"),
		TimeZone:    "Asia/Tokyo",
		SlotMinutes: 20,
		Tables:      tables,
		Days: []event.Day{
			{Date: "2026-10-14", Start: "09:00", Slots: 16, Breaks: []event.Break{{AfterSlot: 8, Minutes: 60}}},
			{Date: "2026-10-15", Start: "09:00", Slots: 16, Breaks: []event.Break{{AfterSlot: 8, Minutes: 60}}},
			{Date: "2026-10-16", Start: "09:00", Slots: 16, Breaks: []event.Break{{AfterSlot: 8, Minutes: 60}}},
		},
		PastFigures: JHVSMeetings(),
	}
	stamp := Stamp()
	kana := []string{"さくら", "ひかり", "みらい", "あおば", "つばさ", "こだま", "いぶき", "はやぶさ"}
	fields := []string{"メディカル", "バイオ", "ロボティクス", "センシング", "ヘルステック", "内視鏡", "再生医療", "診断"}
	d := &docs.Data{Event: ev}
	d.Startups = make([]*event.Startup, n)
	for i := range n {
		d.Startups[i] = &event.Startup{
			ID:        fmt.Sprintf("S%05d", i+1),
			Version:   1,
			Name:      event.T(fmt.Sprintf("株式会社%s%s%d", kana[i%len(kana)], fields[(i/8)%len(fields)], i+1), fmt.Sprintf("%s %s %d Inc.", kana[i%len(kana)], "Medtech", i+1)),
			UpdatedAt: stamp,
		}
	}
	d.Companies = make([]*event.Company, nc)
	for c := range nc {
		id := fmt.Sprintf("C%04d", c+1)
		d.Companies[c] = &event.Company{ID: id, Version: 1, Tables: 2, UpdatedAt: stamp,
			Name: event.T(fmt.Sprintf("%s医療機器株式会社 第%d", fields[c%len(fields)], c+1), fmt.Sprintf("Medical Devices %d Co., Ltd.", c+1))}
		for k := range 2 {
			d.Themes = append(d.Themes, &event.Theme{ID: fmt.Sprintf("T%04d%c", c+1, 'A'+k), CompanyID: id, Version: 1, UpdatedAt: stamp,
				Title: event.T(fmt.Sprintf("%s領域の共同開発テーマ%d", fields[(c+k)%len(fields)], k+1), fmt.Sprintf("Co-development theme %d", k+1))})
		}
	}
	slots := ev.NumSlots()
	target := n * 12 / 5
	id := int64(0)
	for s := 0; s < slots && int(id) < target; s++ {
		for t := 0; t < tables && int(id) < target; t++ {
			si := (s*tables + t) % n
			ci := (t/2 + s) % nc
			id++
			m := event.Meeting{ID: id, UID: fmt.Sprintf("m%07d@large.pitchmatch", id),
				StartupID: d.Startups[si].ID, CompanyID: d.Companies[ci].ID,
				ThemeID: d.Themes[2*ci+int(id%2)].ID, Slot: s, Table: t, Status: event.StatusConfirmed,
				Version: 1, UpdatedAt: stamp}
			switch {
			case id%50 == 0:
				m.Status, m.Sequence = event.StatusCancelled, 1
			case id%21 == 0:
				m.Status, m.Outcome = event.StatusHeld, event.OutcomeDeal
			case id%7 == 0:
				m.Status, m.Outcome = event.StatusHeld, event.OutcomeFollowUp
			}
			d.Meetings = append(d.Meetings, m)
			d.Interests = append(d.Interests, event.Interest{ID: id, Kind: event.InterestApply, StartupID: m.StartupID,
				CompanyID: m.CompanyID, ThemeID: m.ThemeID, By: event.KindStartup, CreatedAt: stamp})
		}
	}
	return d
}

// CountWriter counts the bytes written to it and keeps none, for
// benchmarks that report an export's size.
type CountWriter int64

func (c *CountWriter) Write(p []byte) (int, error) { *c += CountWriter(len(p)); return len(p), nil }
