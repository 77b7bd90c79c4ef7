package portal

import (
	"strings"
	"testing"
	"time"

	"pitchmatch/event"
	"pitchmatch/event/api"
)

func TestOnlineViews(t *testing.T) {
	r, err := NewOnlineRenderer()
	if err != nil {
		t.Fatal(err)
	}
	p := &api.RankingPage{ThemeID: "T1", Page: 2, Per: 20, Pages: 3, Total: 45, All: 50, Rows: []api.RankedStartup{{
		Rank: 21, Score: 0.5, Marks: []string{"request"}, Applied: true, Note: "<b>メモ</b>",
		Startup:  &event.Startup{ID: "S1", Name: event.T("<script>株式会社α</script>", "Alpha"), Areas: []string{"cardiovascular"}},
		Features: []api.Contribution{{Name: "area", Label: event.T("領域", "Area"), Value: 1, Weight: 3, Contribution: 0.3, Reason: event.T("共通", "shared")}},
	}}}
	v := Ranking(p, event.Ja)
	if v.Pager != "2 / 3 ページ（45件中 21–40件）" || !v.HasPrev || !v.HasNext || !v.Rows[0].Request || v.Rows[0].Features[0].Percent != 30 {
		t.Fatalf("ranking view %+v", v)
	}
	if en := Ranking(p, event.En); en.Pager != "Page 2 of 3 (21–40 of 45)" {
		t.Errorf("en pager %q", en.Pager)
	}
	html, err := r.Render("ranking", v, event.Ja)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(html, "<script>") || strings.Contains(html, "<b>メモ") || !strings.Contains(html, `id="req-S1" checked`) {
		t.Errorf("ranking html not escaped or not marked: %s", html)
	}
	start := time.Date(2026, 10, 14, 10, 0, 0, 0, time.FixedZone("JST", 9*3600))
	ms := []api.OnlineMeeting{{Meeting: api.Meeting{ID: 7, Slot: 0, Table: 3, Status: event.StatusConfirmed, Start: start, End: start.Add(30 * time.Minute),
		Company: event.T("大手", "Big")}, Startup: event.T("α", "Alpha"), Response: event.ResponseAccepted, OtherAccepted: true, Outcome: event.OutcomeDeal}}
	mv := OnlineMeetingViews(ms, &event.Event{TimeZone: "Asia/Tokyo"}, false, event.Ja)
	if mv[0].Who != "大手" || !mv[0].CanRespond || !mv[0].CanRecord || mv[0].When != "10月14日(水) 10:00–10:30" || mv[0].Table != "3" {
		t.Fatalf("meeting view %+v", mv[0])
	}
	if sv := OnlineMeetingViews(ms, &event.Event{}, true, event.En); sv[0].Who != "Alpha" {
		t.Errorf("scout sees %q", sv[0].Who)
	}
	html, err = r.Render("omeetings", mv, event.En)
	if err != nil || !strings.Contains(html, `value="deal_progressed" selected`) || strings.Contains(html, `data-step="accept"`) {
		t.Errorf("meetings html %v %s", err, html)
	}
	info := &api.EventInfo{Name: event.T("JHVS", "JHVS"), Dates: []string{"2026-10-14", "2026-10-16"}, TimeZone: "Asia/Tokyo",
		Contact: event.Contact{Name: event.T("事務局", "Secretariat"), Email: "office@example.jp"},
		Slots:   []api.SlotInfo{{Index: 0, Start: start, End: start.Add(30 * time.Minute)}, {Index: 1, Start: start.Add(24 * time.Hour), End: start.Add(24*time.Hour + 30*time.Minute)}}}
	if h := Header(info, event.En); h.Dates != "2026-10-14 – 2026-10-16" || h.Contact != "Organizer: Secretariat · office@example.jp" {
		t.Errorf("header %+v", h)
	}
	g := AvailabilityGrid(info, []int{1}, event.Ja)
	if len(g.Days) != 2 || g.Days[1][0].Index != 1 || !g.Days[1][0].Off || g.Days[0][0].Off {
		t.Errorf("grid %+v", g)
	}
	if p := RankingPath("T 1", RankQuery{Text: "心電", Area: "oncology", Page: 2}); p != "/api/v1/scout/themes/T%201/startups?area=oncology&page=2&q=%E5%BF%83%E9%9B%BB" {
		t.Errorf("path %s", p)
	}
}
