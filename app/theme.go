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

// Color is the default theme's, except the colours that carry text with
// less than 4.5:1 contrast there (muted and disabled text, placeholders,
// and the text on primary, error, warning and success colours): those are
// darker in the light and lighter in the dark variant. TestThemeContrast
// measures every pair.
func (t *Theme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	dark := v == theme.VariantDark
	pick := func(light, darkC color.NRGBA) color.Color {
		if dark {
			return darkC
		}
		return light
	}
	switch n {
	// Disabled text (also Fyne's low-importance labels) and placeholders
	// are darker than 4.5:1 needs on paper: thin strokes are drawn lighter
	// than their colour (anti-aliasing), and the screenshot check measures
	// the pixels (about #787878 for #6a6a6a). They stay clearly lighter
	// than the ordinary text (#1e1e1e).
	case theme.ColorNameDisabled:
		return pick(color.NRGBA{0x50, 0x50, 0x50, 0xff}, color.NRGBA{0xa8, 0xa8, 0xac, 0xff})
	case theme.ColorNamePlaceHolder:
		return pick(color.NRGBA{0x48, 0x48, 0x48, 0xff}, color.NRGBA{0xc0, 0xc0, 0xc0, 0xff})
	case theme.ColorNameSelection:
		// A selected row's highlight, lighter than the default so text on
		// it keeps 4.5:1 at its thinnest strokes.
		if !dark {
			return color.NRGBA{0xd6, 0xe7, 0xff, 0xff}
		}
	case theme.ColorNamePrimary, theme.ColorNameHyperlink:
		return pick(color.NRGBA{0x15, 0x5f, 0xb8, 0xff}, color.NRGBA{0x6c, 0xa8, 0xff, 0xff})
	case theme.ColorNameForegroundOnPrimary:
		return pick(color.NRGBA{0xff, 0xff, 0xff, 0xff}, color.NRGBA{0x10, 0x10, 0x12, 0xff})
	case theme.ColorNameError:
		return pick(color.NRGBA{0xc0, 0x25, 0x25, 0xff}, color.NRGBA{0xff, 0x7a, 0x6e, 0xff})
	case theme.ColorNameForegroundOnError:
		return pick(color.NRGBA{0xff, 0xff, 0xff, 0xff}, color.NRGBA{0x10, 0x10, 0x12, 0xff})
	case theme.ColorNameWarning:
		return pick(color.NRGBA{0x96, 0x52, 0x00, 0xff}, color.NRGBA{0xff, 0xb3, 0x4d, 0xff})
	case theme.ColorNameForegroundOnWarning:
		return pick(color.NRGBA{0xff, 0xff, 0xff, 0xff}, color.NRGBA{0x10, 0x10, 0x12, 0xff})
	case theme.ColorNameSuccess:
		return pick(color.NRGBA{0x1b, 0x73, 0x2a, 0xff}, color.NRGBA{0x6c, 0xd8, 0x74, 0xff})
	case theme.ColorNameForegroundOnSuccess:
		return pick(color.NRGBA{0xff, 0xff, 0xff, 0xff}, color.NRGBA{0x10, 0x10, 0x12, 0xff})
	}
	return t.base.Color(n, v)
}

// Icon delegates to the default theme.
func (t *Theme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }

// Size delegates to the default theme.
func (t *Theme) Size(n fyne.ThemeSizeName) float32 { return t.base.Size(n) }
