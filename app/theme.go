package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"pitchmatch/assets"
)

// Theme is Fyne's default theme with the bundled IPAexGothic font for every
// text style, so Japanese renders on machines without a CJK system font and
// in headless tests. Monospace text keeps Fyne's own font.
type Theme struct {
	base fyne.Theme
	font fyne.Resource
}

// NewTheme returns the PitchMatch theme.
func NewTheme() *Theme {
	return &Theme{
		base: theme.DefaultTheme(),
		font: fyne.NewStaticResource(assets.JapaneseFontName, assets.JapaneseFont()),
	}
}

// Font returns IPAexGothic for all styles but monospace.
func (t *Theme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace || s.Symbol {
		return t.base.Font(s)
	}
	return t.font
}

// Color delegates to the default theme.
func (t *Theme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return t.base.Color(n, v)
}

// Icon delegates to the default theme.
func (t *Theme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }

// Size delegates to the default theme.
func (t *Theme) Size(n fyne.ThemeSizeName) float32 { return t.base.Size(n) }
