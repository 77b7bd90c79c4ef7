package app

import (
	"image/color"
	"math"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"pitchmatch/event"
)

// luminance is the WCAG relative luminance of c over a white or given
// background (alpha blended).
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		x := float64(v) / 0xffff
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is the WCAG contrast ratio of two opaque colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func TestThemeContrast(t *testing.T) {
	th := NewTheme()
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, v) }
		pairs := []struct {
			text, bg fyne.ThemeColorName
		}{
			{theme.ColorNameForeground, theme.ColorNameBackground},
			{theme.ColorNameForeground, theme.ColorNameInputBackground},
			{theme.ColorNameForeground, theme.ColorNameButton},
			{theme.ColorNameForeground, theme.ColorNameHeaderBackground},
			{theme.ColorNameForeground, theme.ColorNameMenuBackground},
			{theme.ColorNameForeground, theme.ColorNameOverlayBackground},
			{theme.ColorNameDisabled, theme.ColorNameBackground},
			{theme.ColorNameDisabled, theme.ColorNameInputBackground},
			{theme.ColorNameDisabled, theme.ColorNameButton},
			{theme.ColorNamePlaceHolder, theme.ColorNameInputBackground},
			{theme.ColorNameForeground, theme.ColorNameSelection},
			{theme.ColorNameForegroundOnPrimary, theme.ColorNamePrimary},
			{theme.ColorNameForegroundOnError, theme.ColorNameError},
			{theme.ColorNameForegroundOnWarning, theme.ColorNameWarning},
			{theme.ColorNameForegroundOnSuccess, theme.ColorNameSuccess},
			{theme.ColorNamePrimary, theme.ColorNameBackground},
			{theme.ColorNameError, theme.ColorNameBackground},
			{theme.ColorNameWarning, theme.ColorNameBackground},
			{theme.ColorNameSuccess, theme.ColorNameBackground},
			{theme.ColorNameHyperlink, theme.ColorNameBackground},
		}
		for _, p := range pairs {
			if r := contrast(c(p.text), c(p.bg)); r < 4.5 {
				t.Errorf("variant %d: %s on %s: %.2f:1", v, p.text, p.bg, r)
			}
		}
		for _, st := range []event.MeetingStatus{event.StatusProposed, event.StatusConfirmed, event.StatusHeld, event.StatusNoShow} {
			bg := cellColour(&event.Meeting{Status: st}, v == theme.VariantDark)
			if r := contrast(c(theme.ColorNameForeground), bg); r < 4.5 {
				t.Errorf("variant %d: grid text on %s cells: %.2f:1", v, st, r)
			}
		}
	}
}

func TestBreakRanges(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []event.Break
		ok   bool
	}{
		{"12:00-13:00", []event.Break{{AfterSlot: 4, Minutes: 60}}, true},
		{"１２：００〜１３：００, 15:00~15:15", []event.Break{{AfterSlot: 4, Minutes: 60}, {AfterSlot: 8, Minutes: 15}}, true},
		{"4:60", []event.Break{{AfterSlot: 4, Minutes: 60}}, true},
		{"12:10-13:00", nil, false}, // inside a slot
		{"4-60", nil, false},
	} {
		got, err := ParseBreakRanges(tc.in, "10:00", 30)
		if (err == nil) != tc.ok || (tc.ok && !slices.Equal(got, tc.want)) {
			t.Errorf("%q: got %v %v, want %v", tc.in, got, err, tc.want)
		}
	}
	d := event.Day{Start: "10:00", Slots: 12, Breaks: []event.Break{{AfterSlot: 4, Minutes: 60}, {AfterSlot: 8, Minutes: 15}}}
	if s := FormatBreakRanges(d, 30); s != "12:00–13:00, 15:00–15:15" {
		t.Fatalf("format %q", s)
	}
	if back, err := ParseBreakRanges(FormatBreakRanges(d, 30), "10:00", 30); err != nil || !slices.Equal(back, d.Breaks) {
		t.Fatalf("round trip %v %v", back, err)
	}
}
