// Command shotcheck measures the contrast of text in screenshots: it finds
// the places that look like text (small dark-on-light or light-on-dark
// strokes) and reports those whose ink is less than 4.5:1 against the
// background around it (WCAG 2 contrast). scripts/screenshots.sh runs it on
// every screenshot it takes.
//
//	go run ./internal/shotcheck [-min 4.5] [-out DIR] FILE.png...
//
// Exit status 1 when any screenshot has text under the minimum; with -out,
// a copy of each failing screenshot marks the low-contrast places in red.
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"sort"
)

// tile is the side of the square windows the image is examined in.
const tile = 16

func main() {
	minRatio := flag.Float64("min", 4.5, "lowest acceptable contrast ratio")
	out := flag.String("out", "", "directory for marked copies of failing screenshots")
	verbose := flag.Bool("v", false, "list every low place")
	flag.Parse()
	failed := false
	for _, path := range flag.Args() {
		low, checked, err := check(path, *minRatio, *out)
		if err != nil {
			fmt.Fprintln(os.Stderr, "shotcheck:", err)
			failed = true
			continue
		}
		status := "ok"
		if len(low) > 0 {
			status = "LOW"
			failed = true
		}
		fmt.Printf("%s: %s: %d text places checked, %d under %.1f:1", path, status, checked, len(low), *minRatio)
		if len(low) > 0 {
			sort.Slice(low, func(i, j int) bool { return low[i].ratio < low[j].ratio })
			w := low[0]
			fmt.Printf(" (worst %.2f:1 at %d,%d: ink %s on %s)", w.ratio, w.at.X, w.at.Y, hex(w.ink), hex(w.bg))
			if *verbose {
				for _, l := range low {
					fmt.Printf("\n  %.2f:1 at %d,%d: ink %s on %s", l.ratio, l.at.X, l.at.Y, hex(l.ink), hex(l.bg))
				}
			}
		}
		fmt.Println()
	}
	if failed {
		os.Exit(1)
	}
}

type finding struct {
	at      image.Point
	ratio   float64
	ink, bg color.NRGBA
}

func check(path string, minRatio float64, outDir string) ([]finding, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", path, err)
	}
	b := img.Bounds()
	var low []finding
	checked := 0
	for y := b.Min.Y; y+tile <= b.Max.Y; y += tile / 2 {
		for x := b.Min.X; x+tile <= b.Max.X; x += tile / 2 {
			r := image.Rect(x, y, x+tile, y+tile)
			fd, ok := textIn(img, r)
			if !ok {
				continue
			}
			fd = strongest(img, r, fd)
			checked++
			if fd.ratio < minRatio {
				low = append(low, fd)
			}
		}
	}
	if len(low) > 0 && outDir != "" {
		m := image.NewNRGBA(b)
		draw.Draw(m, b, img, b.Min, draw.Src)
		red := color.NRGBA{0xff, 0, 0, 0xff}
		for _, l := range low {
			for i := 0; i < tile; i++ {
				m.Set(l.at.X+i, l.at.Y, red)
				m.Set(l.at.X+i, l.at.Y+tile-1, red)
				m.Set(l.at.X, l.at.Y+i, red)
				m.Set(l.at.X+tile-1, l.at.Y+i, red)
			}
		}
		if err := os.MkdirAll(outDir, 0o755); err == nil {
			if w, err := os.Create(filepath.Join(outDir, filepath.Base(path))); err == nil {
				_ = png.Encode(w, m)
				_ = w.Close()
			}
		}
	}
	return low, checked, nil
}

// textIn decides whether window r holds text and, if so, its contrast:
// the background is the window's most common colour (at least half the
// pixels); ink is the pixels that differ from it. Text has ink spread over
// several rows and columns (not a line or a box edge), covering 8–45% of
// the window; its contrast is that of its strongest pixel, the stroke core
// anti-aliasing has not lightened.
func textIn(img image.Image, r image.Rectangle) (finding, bool) {
	counts := map[color.NRGBA]int{}
	px := make([]color.NRGBA, 0, tile*tile)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			c.A = 0xff
			counts[c]++
			px = append(px, c)
		}
	}
	var bg color.NRGBA
	best := 0
	for c, n := range counts {
		if n > best {
			bg, best = c, n
		}
	}
	if best*2 < len(px) {
		return finding{}, false // no single background: an image or a gradient
	}
	lb := luminance(bg)
	isInk := make([]bool, len(px))
	line := straightLines(px, bg)
	rows, cols := map[int]bool{}, map[int]bool{}
	ink := 0
	var core color.NRGBA
	coreRatio := 1.0
	distinct := map[color.NRGBA]bool{}
	for i, c := range px {
		if c == bg || line[i] {
			continue
		}
		ratio := ratioOf(luminance(c), lb)
		if ratio < 1.15 {
			continue // a faint tint, not ink
		}
		ink++
		isInk[i] = true
		distinct[c] = true
		rows[i/tile] = true
		cols[i%tile] = true
		if ratio > coreRatio {
			core, coreRatio = c, ratio
		}
	}
	// Strokes: glyphs cross a row or a column several times (ink, gap,
	// ink); the edge of a filled shape crosses once.
	multiRows, multiCols := 0, 0
	for k := 0; k < tile; k++ {
		if runs(isInk, k*tile, 1) >= 2 {
			multiRows++
		}
		if runs(isInk, k, tile) >= 2 {
			multiCols++
		}
	}
	if multiRows < 3 || multiCols < 3 {
		return finding{}, false
	}
	// Anti-aliased text is two colours blended: every ink pixel lies on
	// the line from the background to the stroke core. A place that mixes
	// shapes (a border beside a selection highlight, a bar beside a
	// separator, a coloured icon) has ink off that line; it is not measured
	// as text.
	if !blended(px, isInk, bg, core) {
		return finding{}, false
	}
	frac := float64(ink) / float64(len(px))
	// Anti-aliased glyphs have several shades; flat shapes (icons, bars,
	// borders) have one or two.
	if frac < 0.08 || frac > 0.45 || len(rows) < 5 || len(cols) < 5 || len(distinct) < 4 {
		return finding{}, false
	}
	return finding{at: r.Min, ratio: coreRatio, ink: core, bg: bg}, true
}

// strongest measures a text place by the strongest ink of the glyphs it
// belongs to: a window that holds only the faint anti-aliased edge of a
// stroke would understate the text's contrast, so the core is looked for
// in the window widened by half a window on each side, among the pixels on
// the same side of the background (darker or lighter) and blended from it.
func strongest(img image.Image, r image.Rectangle, fd finding) finding {
	lb := luminance(fd.bg)
	darker := luminance(fd.ink) < lb
	wide := r.Inset(-tile / 2).Intersect(img.Bounds())
	for y := wide.Min.Y; y < wide.Max.Y; y++ {
		for x := wide.Min.X; x < wide.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			c.A = 0xff
			l := luminance(c)
			if (l < lb) != darker || !grey(c, fd.bg, fd.ink) {
				continue
			}
			if ratio := ratioOf(l, lb); ratio > fd.ratio {
				fd.ratio, fd.ink = ratio, c
			}
		}
	}
	return fd
}

// grey reports whether c is of the same hue family as the line bg–ink (a
// neutral ink stays neutral, a tinted one tinted): its channels differ from
// one another as the ink's do, within 24 levels.
func grey(c, bg, ink color.NRGBA) bool {
	spread := func(c color.NRGBA) [2]int { return [2]int{int(c.R) - int(c.G), int(c.G) - int(c.B)} }
	a, b := spread(c), spread(ink)
	return abs(a[0]-b[0]) <= 24 && abs(a[1]-b[1]) <= 24
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// straightLines marks the pixels of rows and columns that one run of
// non-background pixels crosses for at least 3/4 of the window: separators,
// borders and their crossings, not glyph strokes (a long horizontal stroke
// such as 一 loses those pixels, and the rest of the glyph is measured).
func straightLines(px []color.NRGBA, bg color.NRGBA) []bool {
	line := make([]bool, len(px))
	long := tile * 3 / 4
	for k := 0; k < tile; k++ {
		for _, dir := range [2][2]int{{k * tile, 1}, {k, tile}} {
			start, step := dir[0], dir[1]
			run := 0
			for j := 0; j <= tile; j++ {
				if j < tile && px[start+j*step] != bg {
					run++
					continue
				}
				if run >= long {
					for r := j - run; r < j; r++ {
						line[start+r*step] = true
					}
				}
				run = 0
			}
		}
	}
	return line
}

// blended reports whether the ink pixels are blends of bg and core: at
// most 15% lie farther from the segment bg–core than a fifth of its length
// (and 24 levels) in RGB.
func blended(px []color.NRGBA, isInk []bool, bg, core color.NRGBA) bool {
	d := [3]float64{float64(core.R) - float64(bg.R), float64(core.G) - float64(bg.G), float64(core.B) - float64(bg.B)}
	l2 := d[0]*d[0] + d[1]*d[1] + d[2]*d[2]
	if l2 == 0 {
		return false
	}
	tol := math.Max(math.Sqrt(l2)/5, 24)
	off, ink := 0, 0
	for i, c := range px {
		if !isInk[i] {
			continue
		}
		ink++
		v := [3]float64{float64(c.R) - float64(bg.R), float64(c.G) - float64(bg.G), float64(c.B) - float64(bg.B)}
		t := (v[0]*d[0] + v[1]*d[1] + v[2]*d[2]) / l2
		t = math.Max(0, math.Min(1, t))
		var e float64
		for k := range v {
			x := v[k] - t*d[k]
			e += x * x
		}
		if math.Sqrt(e) > tol {
			off++
		}
	}
	return off*100 <= ink*15
}

// runs counts the separate ink runs along a row (step 1) or a column
// (step tile) of the window starting at index start.
func runs(ink []bool, start, step int) int {
	n, in := 0, false
	for k := 0; k < tile; k++ {
		v := ink[start+k*step]
		if v && !in {
			n++
		}
		in = v
	}
	return n
}

func luminance(c color.NRGBA) float64 {
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

func ratioOf(a, b float64) float64 {
	if a < b {
		a, b = b, a
	}
	return (a + 0.05) / (b + 0.05)
}

func hex(c color.NRGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }
