package matching

import (
	"context"
	"strings"
	"testing"

	"pitchmatch/event"
)

// The text reason names what the two descriptions share as each writes
// it, and a glossary concept only where it is the one the text uses: a
// staple-line buttress that reduces "bleeding" is not explained as
// "hemostasis".
func TestTextReasonNamesCheckableTerms(t *testing.T) {
	th := &event.Theme{ID: "T", CompanyID: "C",
		Title:       event.Text{Ja: "手術合併症を減らす", En: "Reducing surgical complications"},
		Description: event.Text{Ja: "術中の出血や縫合不全を減らす機器。", En: "Devices that reduce intraoperative bleeding and leakage."}}
	s := &event.Startup{ID: "S", ProductName: event.Text{En: "Staple-line buttress"},
		ProductSummary: event.Text{En: "A bioabsorbable sheet that reinforces the staple line, reducing bleeding after resection."}}
	ja := &event.Startup{ID: "S-ja", ProductSummary: event.Text{Ja: "自動縫合器の補強材で切除後の出血を減らす。"}}
	m := prepare(t, Input{Startups: []*event.Startup{s, ja}, Themes: []*event.Theme{th}})
	r, _ := m.Score("S", "T")
	f, _ := r.Feature(FeatureText)
	if strings.Contains(strings.ToLower(f.Reason.En), "hemostasis") || !strings.Contains(f.Reason.En, "「bleeding」") {
		t.Errorf("reason %q", f.Reason.En)
	}
	r, _ = m.Score("S-ja", "T")
	f, _ = r.Feature(FeatureText)
	if !strings.Contains(f.Reason.Ja, "「出血」") || !strings.Contains(f.Reason.Ja, "縫合") {
		t.Errorf("Japanese reason %q", f.Reason.Ja)
	}
	// No term spans a particle or an ending (「を減ら」, 「血を」).
	for _, term := range strings.Split(f.Reason.Ja, "「")[1:] {
		term = term[:strings.Index(term, "」")]
		if anyHiragana([]rune(term)) {
			t.Errorf("Japanese reason %q shows %q", f.Reason.Ja, term)
		}
	}
}

// On the development set every text score above 0 in a theme's top ten
// comes with at least one shared term, and a score of 0 says none.
func TestDevSetTextReasonsHaveTerms(t *testing.T) {
	d := loadDevSet(t)
	m := prepare(t, Input{Startups: d.Startups, Themes: d.Themes})
	for _, th := range d.Themes {
		rs, err := m.RankTheme(context.Background(), th.ID, Filter{}, 10)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			f, ok := r.Feature(FeatureText)
			if !ok || f.Unknown {
				continue
			}
			has := strings.Contains(f.Reason.En, "shared terms: ")
			if (f.Value > 0) != has {
				t.Errorf("%s/%s: text %.3f reason %q", th.ID, r.StartupID, f.Value, f.Reason.En)
			}
		}
	}
}
