package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// barLayout sizes its first object (the track) to the whole and its second
// (the bar, drawn on top) to a fraction of the width.
type barLayout struct{ frac float32 }

func (b *barLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
	objs[1].Move(fyne.NewPos(0, 0))
	objs[1].Resize(fyne.NewSize(size.Width*b.frac, size.Height))
}

func (b *barLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(120, 14) }

// newBar draws a horizontal bar filled to frac (clamped to [0,1]).
func newBar(frac float64, fill color.Color) *fyne.Container {
	if frac < 0 {
		frac = 0
	}
	if frac > 1 {
		frac = 1
	}
	if fill == nil {
		fill = theme.Color(theme.ColorNamePrimary)
	}
	track := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bar := canvas.NewRectangle(fill)
	return container.New(&barLayout{frac: float32(frac)}, track, bar)
}
