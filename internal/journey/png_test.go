package journey

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// pngDiffMax bounds, in every tile of the map's grid (a lane's cell, a
// lane's label, a stage's header, the title, the legend…), the share of the
// ink (pixels off the tile's background) that finds no pixel of like
// colour within pngReach pixels in the other picture. rsvg-convert is
// given the embedded fonts alone, so both draw DejaVu Sans; what still
// differs is anti-aliasing, hinting and kerning (Pango kerns, the PNG does
// not), which moves the ends of long lines by a pixel or two: on the
// fixtures the worst tile is under 20 %. A missing drawing step costs far
// more in its tiles (checked by deleting each step once): the emotion
// curve's stroke 67 %, the moment-of-truth tint 97 %, a lane's text, the
// emotion lane or a grid line 100 %.
const pngDiffMax = 0.35

// pngReach is how far, in pixels of the 2× image, a pixel may look for its
// match: a unit and a half of the SVG.
const pngReach = 3

// pngMinInk is the fewest ink pixels a tile must hold to be judged.
const pngMinInk = 400

// pngTolerance is how far apart, per channel out of 255, two pixels may be
// and still count as the same colour: close enough to tell the faint
// moment-of-truth tint (23 off the stripe) from the stripe.
const pngTolerance = 20

func TestPNGMatchesSVG(t *testing.T) {
	bin, err := exec.LookPath("rsvg-convert")
	if err != nil {
		if os.Getenv("PARCOURS_BROWSER") == "1" {
			t.Fatal("PARCOURS_BROWSER=1 but rsvg-convert is missing (install librsvg2-bin)")
		}
		t.Skip("rsvg-convert not installed")
	}
	conf := embeddedFontsOnly(t)
	for _, name := range fixtures {
		t.Run(name, func(t *testing.T) {
			j, o := fixture(t, name)
			var svg, got bytes.Buffer
			if err := j.SVG(&svg, o); err != nil {
				t.Fatal(err)
			}
			if err := j.PNG(&got, o); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(bin, "-z", "2", "-f", "png")
			cmd.Env = append(os.Environ(), "FONTCONFIG_FILE="+conf)
			cmd.Stdin = &svg
			var want, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &want, &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("rsvg-convert: %v\n%s", err, stderr.Bytes())
			}
			if dir := os.Getenv("JOURNEY_PNG_DIR"); dir != "" {
				// Lets a developer look at both pictures side by side.
				os.WriteFile(filepath.Join(dir, name+".go.png"), got.Bytes(), 0o644)
				os.WriteFile(filepath.Join(dir, name+".rsvg.png"), want.Bytes(), 0o644)
			}
			a, b := rgbOf(decodePNG(t, got.Bytes())), rgbOf(decodePNG(t, want.Bytes()))
			// Both round the SVG's size up to whole pixels, maybe not alike.
			if dx, dy := a.w-b.w, a.h-b.h; dx*dx > 1 || dy*dy > 1 {
				t.Fatalf("PNG is %d×%d, rsvg-convert's %d×%d", a.w, a.h, b.w, b.h)
			}
			worst, where := 0.0, ""
			for _, tile := range tiles(newLayout(j, o)) {
				share := unmatched(a, b, tile)
				if share > worst {
					worst, where = share, fmt.Sprint(tile)
				}
			}
			if worst > pngDiffMax {
				t.Errorf("%.1f %% of the pixels of tile %s differ from rsvg-convert's rendering, over %.0f %%", worst*100, where, pngDiffMax*100)
			} else {
				t.Logf("worst tile %s: %.2f %% of pixels differ", where, worst*100)
			}
		})
	}
}

// embeddedFontsOnly writes a fontconfig file that knows the embedded fonts
// alone, so that rsvg-convert draws the SVG's text in the PNG's face
// whatever the machine has installed, and the comparison measures drawing,
// not the choice of font.
func embeddedFontsOnly(t *testing.T) string {
	t.Helper()
	fonts, err := filepath.Abs("fonts")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	conf := filepath.Join(dir, "fonts.conf")
	xml := "<?xml version=\"1.0\"?>\n<fontconfig><dir>" + fonts + "</dir><cachedir>" + dir + "</cachedir></fontconfig>\n"
	if err := os.WriteFile(conf, []byte(xml), 0o644); err != nil {
		t.Fatal(err)
	}
	return conf
}

func decodePNG(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// rgb is a decoded picture, three bytes a pixel.
type rgb struct {
	w, h int
	px   []uint8
}

func rgbOf(img image.Image) rgb {
	r := img.Bounds()
	out := rgb{w: r.Dx(), h: r.Dy(), px: make([]uint8, 0, 3*r.Dx()*r.Dy())}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			out.px = append(out.px, c.R, c.G, c.B)
		}
	}
	return out
}

func (p rgb) at(x, y int) []uint8 { i := 3 * (y*p.w + x); return p.px[i : i+3] }

// tiles cuts the map along its layout's lines: the lane-label column and
// each stage's column, across the header, phase, stage and lane rows, the
// deltas of a compared map and the legend; in pixels of the 2× image.
func tiles(l *layout) []image.Rectangle {
	xs := []float64{0, margin + labelW}
	for si := range l.stages {
		xs = append(xs, l.colX[si])
	}
	xs = append(xs, l.W)
	ys := append([]float64{0, l.yPhase, l.yStage, l.yLanes}, l.rowY...)
	for li, ln := range l.lanes {
		if ln.kind == emotionLane && l.deltaRoom() > 0 {
			// The deltas under a compared curve, a row of their own.
			ys = append(ys, l.rowY[li]+l.rowH[li]-l.deltaRoom())
		}
	}
	ys = append(ys, l.yLegend, l.H)
	slices.Sort(ys)
	var out []image.Rectangle
	for i := 1; i < len(xs); i++ {
		for k := 1; k < len(ys); k++ {
			r := image.Rect(int(xs[i-1]*pngScale), int(ys[k-1]*pngScale), int(xs[i]*pngScale), int(ys[k]*pngScale))
			if !r.Empty() {
				out = append(out, r)
			}
		}
	}
	return out
}

// unmatched is, within r, the share of the ink (pixels of either picture
// off the tile's background) that finds no pixel of like colour within
// pngReach in the other picture. Measured against the ink rather than the
// tile's area, a thin curve or a few words weigh as much as a filled box.
func unmatched(a, b rgb, r image.Rectangle) float64 {
	r = r.Intersect(image.Rect(0, 0, min(a.w, b.w), min(a.h, b.h)))
	bg := background(b, r)
	ink, miss := 0, 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			ca, cb := a.at(x, y), b.at(x, y)
			if sameColor(ca, bg) && sameColor(cb, bg) {
				continue
			}
			ink++
			if !near(ca, b, x, y) || !near(cb, a, x, y) {
				miss++
			}
		}
	}
	if ink < pngMinInk {
		// Too few pixels for a share to mean anything: a sliver of the
		// title crossing the gap beside the lane labels.
		return 0
	}
	return float64(miss) / float64(ink)
}

// background is the most common colour of p in r.
func background(p rgb, r image.Rectangle) []uint8 {
	count := map[[3]uint8]int{}
	var best [3]uint8
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := [3]uint8(p.at(x, y))
			if count[c]++; count[c] > count[best] {
				best = c
			}
		}
	}
	return best[:]
}

func near(c []uint8, b rgb, x, y int) bool {
	for dy := -pngReach; dy <= pngReach; dy++ {
		for dx := -pngReach; dx <= pngReach; dx++ {
			bx, by := x+dx, y+dy
			if bx >= 0 && by >= 0 && bx < b.w && by < b.h && sameColor(c, b.at(bx, by)) {
				return true
			}
		}
	}
	return false
}

func sameColor(a, b []uint8) bool {
	for i := range 3 {
		if max(a[i], b[i])-min(a[i], b[i]) > pngTolerance {
			return false
		}
	}
	return true
}

// TestPNGDeterministic checks that two renderings of a map are the same
// bytes, so that two builds of a site write the same files.
func TestPNGDeterministic(t *testing.T) {
	for _, name := range fixtures {
		j, o := fixture(t, name)
		var a, b bytes.Buffer
		if err := j.PNG(&a, o); err != nil {
			t.Fatal(err)
		}
		if err := j.PNG(&b, o); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: two renderings differ", name)
		}
		img := decodePNG(t, a.Bytes())
		if got, want := img.Bounds().Dx(), int(newLayout(j, o).W*pngScale); got < want {
			t.Errorf("%s: PNG is %d px wide, want %d (2× the SVG)", name, got, want)
		}
	}
}

// TestPNGSize checks that a map is drawn at twice its SVG size while that
// fits pngMaxPixels, and smaller, within it, when it does not. Only the
// small map is drawn: drawing the large one would take the test's time to
// show what scaleFor's figures show.
func TestPNGSize(t *testing.T) {
	for _, n := range []int{3, 400} {
		t.Run(fmt.Sprint(n, " stages"), func(t *testing.T) {
			stages := make([]Stage, n)
			for i := range stages {
				stages[i] = Stage{Name: fmt.Sprint("Étape ", i), Key: fmt.Sprint("s", i), Actions: []string{"Une action assez longue pour remplir une colonne"}}
			}
			j := &Journey{ID: "grand", Title: "Grand parcours", Phases: []Phase{{Name: "Phase", Stages: stages}}}
			o := options(t, "fr")
			l := newLayout(j, o)
			s := scaleFor(l)
			if l.W*l.H*pngScale*pngScale > pngMaxPixels {
				if area := l.W * l.H * s * s; s >= pngScale || area > pngMaxPixels*1.0001 {
					t.Errorf("%v×%v map drawn at %v: %.0f pixels, cap %d", l.W, l.H, s, area, pngMaxPixels)
				}
				return
			}
			var b bytes.Buffer
			if err := j.PNG(&b, o); err != nil {
				t.Fatal(err)
			}
			r := decodePNG(t, b.Bytes()).Bounds()
			if s != pngScale || r.Dx() != int(math.Ceil(l.W*pngScale)) || r.Dy() != int(math.Ceil(l.H*pngScale)) {
				t.Errorf("PNG is %d×%d at %v, want twice %v×%v", r.Dx(), r.Dy(), s, l.W, l.H)
			}
		})
	}
}
