package embed

import (
	"strings"
	"testing"

	"pitchmatch/event"
)

func TestStartupAndThemeText(t *testing.T) {
	s := &event.Startup{
		ID:             "S1",
		Name:           event.T("メドロボ株式会社", "MedRobo Inc."),
		ProductName:    event.T("ミニアーム", "MiniArm"),
		ProductSummary: event.T("腹腔鏡手術を支援する小型ロボット", "A small robot assisting laparoscopic surgery"),
		Areas:          []event.Code{"digestive"},
		Technologies:   []event.Code{"robotics", "not_a_code"},
		Website:        "https://example.org", // not embedded
	}
	got := StartupText(s)
	for _, want := range []string{"メドロボ株式会社", "MedRobo Inc.", "MiniArm", "ミニアーム", "腹腔鏡手術", "laparoscopic",
		"消化器 / Digestive", "ロボティクス / Robotics", "not_a_code"} {
		if !strings.Contains(got, want) {
			t.Errorf("StartupText lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "example.org") {
		t.Error("StartupText includes the website")
	}

	th := &event.Theme{
		Title:        event.T("術後合併症の解決", "Solutions to surgical complications"),
		Description:  event.T("", "Devices that reduce complications after surgery"),
		Areas:        []event.Code{"emergency_icu"},
		Technologies: []event.Code{"sensors_biosignals"},
	}
	got = ThemeText(th)
	for _, want := range []string{"術後合併症", "surgical complications", "reduce complications", "救急・集中治療 / Emergency / ICU", "Sensors / biosignals"} {
		if !strings.Contains(got, want) {
			t.Errorf("ThemeText lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "\n\n") {
		t.Errorf("empty parts leave blank lines:\n%q", got)
	}
	if StartupText(nil) != "" || ThemeText(nil) != "" || ThemeText(&event.Theme{}) != "" {
		t.Error("empty records should give empty text")
	}
	// A changed profile changes the key, so it is re-embedded.
	s2 := *s
	s2.ProductSummary.En += " now with AI"
	if Key(StartupText(s)) == Key(StartupText(&s2)) {
		t.Error("changing the summary did not change the key")
	}
}
