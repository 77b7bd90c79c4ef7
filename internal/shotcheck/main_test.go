package main

import (
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"pitchmatch/assets"
)

// shot draws lines of anti-aliased text (the app's bundled font, 14 px)
// in ink on bg, with a separator grid in line colour, and writes it as PNG.
func shot(t *testing.T, ink, bg, line color.NRGBA) string {
	t.Helper()
	f, err := opentype.Parse(assets.JapaneseFont())
	if err != nil {
		t.Fatal(err)
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: 14, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		t.Fatal(err)
	}
	img := image.NewNRGBA(image.Rect(0, 0, 400, 200))
	draw.Draw(img, img.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
	for y := 0; y < 200; y += 40 {
		for x := 0; x < 400; x++ {
			img.Set(x, y, line) // row separators
		}
	}
	for y := 0; y < 200; y++ {
		img.Set(300, y, line) // a column separator crossing them
	}
	d := &font.Drawer{Dst: img, Src: image.NewUniform(ink), Face: face}
	for i, s := range []string{"スタートアップ別の面談", "Meeting request (company)", "開発ステージ・領域で絞り込み"} {
		d.Dot = fixed.P(10, 28+40*i)
		d.DrawString(s)
	}
	path := filepath.Join(t.TempDir(), "shot.png")
	w, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := png.Encode(w, img); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCheckFindsLowContrastTextOnly(t *testing.T) {
	white := color.NRGBA{0xff, 0xff, 0xff, 0xff}
	sep := color.NRGBA{0xb9, 0xb9, 0xb9, 0xff} // a separator: not text, never measured
	cases := []struct {
		name    string
		ink, bg color.NRGBA
		low     bool
	}{
		{"dark text", color.NRGBA{0x1e, 0x1e, 0x1e, 0xff}, white, false},
		{"#505050 text (8:1)", color.NRGBA{0x50, 0x50, 0x50, 0xff}, white, false},
		{"#999999 text (2.8:1)", color.NRGBA{0x99, 0x99, 0x99, 0xff}, white, true},
		{"#777 on #e5e5e5 (3.6:1)", color.NRGBA{0x77, 0x77, 0x77, 0xff}, color.NRGBA{0xe5, 0xe5, 0xe5, 0xff}, true},
		{"dark theme text", color.NRGBA{0xf0, 0xf0, 0xf0, 0xff}, color.NRGBA{0x17, 0x17, 0x18, 0xff}, false},
		{"dark theme #39393a on #171718 (1.6:1)", color.NRGBA{0x39, 0x39, 0x3a, 0xff}, color.NRGBA{0x17, 0x17, 0x18, 0xff}, true},
	}
	for _, tc := range cases {
		low, checked, err := check(shot(t, tc.ink, tc.bg, sep), 4.5, "")
		if err != nil {
			t.Fatal(err)
		}
		if checked == 0 {
			t.Fatalf("%s: no text found", tc.name)
		}
		if (len(low) > 0) != tc.low {
			t.Errorf("%s: %d of %d places under 4.5:1, want low=%v", tc.name, len(low), checked, tc.low)
		}
	}
}
