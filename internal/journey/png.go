package journey

import (
	"embed"
	"fmt"
	"image/color"
	"image/png"
	"io"
	"math"
	"strconv"
	"sync"

	"github.com/fogleman/gg"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
)

// pngScale is the PNG's pixels per SVG unit: sharp on a slide projected at
// full width, or on a high-density screen.
const pngScale = 2

// pngMaxPixels caps the picture's area, and so the memory a build spends on
// it (four bytes a pixel): a journey of hundreds of stages is drawn smaller
// rather than exhausting the machine.
const pngMaxPixels = 32 << 20

// scaleFor is the PNG's scale for a layout: pngScale, or less for a map
// too large for pngMaxPixels at that scale.
func scaleFor(l *layout) float64 {
	return min(pngScale, math.Sqrt(pngMaxPixels/(l.W*l.H)))
}

// DejaVu Sans is embedded so that the PNG looks the same on any machine,
// fonts installed or not; it is one of the two faces widths.go measures, so
// text wraps where the SVG's does and stays inside its cell.
//
//go:embed fonts/DejaVuSans.ttf fonts/DejaVuSans-Bold.ttf
var fontFiles embed.FS

// fonts parses the embedded faces once; a parsed font is safe to share, the
// faces drawn from it are not (they cache glyphs), so each PNG makes its own.
var fonts = sync.OnceValues(func() ([2]*opentype.Font, error) {
	var out [2]*opentype.Font
	for i, name := range []string{"fonts/DejaVuSans.ttf", "fonts/DejaVuSans-Bold.ttf"} {
		b, err := fontFiles.ReadFile(name)
		if err != nil {
			return out, fmt.Errorf("journey: %w", err)
		}
		if out[i], err = opentype.Parse(b); err != nil {
			return out, fmt.Errorf("journey: %s: %w", name, err)
		}
	}
	return out, nil
})

// PNG writes the standalone map as a PNG image at twice its SVG size (less
// for a map beyond pngMaxPixels), drawn
// from the same layout as the SVG with the same literal colours.
func (j *Journey) PNG(w io.Writer, o Options) error {
	f, err := fonts()
	if err != nil {
		return err
	}
	l := newLayout(j, o)
	s := scaleFor(l)
	r := &raster{
		s:     s,
		c:     gg.NewContext(int(math.Ceil(l.W*s)), int(math.Ceil(l.H*s))),
		fonts: f,
		faces: map[faceKey]font.Face{},
	}
	drawMap(r, l)
	for _, face := range r.faces {
		face.Close()
	}
	// A fixed encoder, so that two builds write the same bytes. The
	// fastest compression: encoding took half of a build of the example
	// site at the default level, for files a slide deck barely notices.
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(w, r.c.Image()); err != nil {
		return fmt.Errorf("journey: %w", err)
	}
	return nil
}

type faceKey struct {
	size float64
	bold bool
}

// raster is the painter that draws with gg, in SVG units; it scales every coordinate itself
// rather than through gg's matrix, which would stretch glyphs drawn at the
// unscaled size instead of drawing them at the scaled one.
type raster struct {
	s     float64 // pixels per unit
	c     *gg.Context
	fonts [2]*opentype.Font
	faces map[faceKey]font.Face
}

func (r *raster) face(size float64, bold bool) font.Face {
	k := faceKey{size, bold}
	if f, ok := r.faces[k]; ok {
		return f
	}
	i := 0
	if bold {
		i = 1
	}
	// Unhinted, as rsvg-convert and browsers draw SVG text: hinting would
	// move glyphs away from the advances the layout measured.
	f, err := opentype.NewFace(r.fonts[i], &opentype.FaceOptions{Size: size * r.s, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		// NewFace fails only on a size or DPI out of range; ours are constants.
		panic(err)
	}
	r.faces[k] = f
	return f
}

// paintColor is the standalone SVG's literal colour for a paint, at an
// opacity (0 is opaque).
func paintColor(name string, opacity float64) color.Color {
	p, ok := paintNamed[name]
	if !ok {
		panic("journey: no paint " + name)
	}
	v, _ := strconv.ParseUint(p.color[1:], 16, 32)
	a := uint8(0xff)
	if opacity > 0 {
		a = uint8(math.Round(opacity * 0xff))
	}
	return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), a}
}

// paint fills then strokes the current path as SVG does: each of the
// style's paints fills or strokes it as its attr says.
func (r *raster) paint(s style) {
	for _, name := range s.paints {
		if paintNamed[name].attr == "fill" {
			r.c.SetColor(paintColor(name, s.fillOpacity))
			r.c.FillPreserve()
		}
	}
	for _, name := range s.paints {
		if paintNamed[name].attr != "stroke" {
			continue
		}
		r.c.SetColor(paintColor(name, s.strokeOpacity))
		r.c.SetLineWidth(s.width * r.s)
		if len(s.dash) > 0 {
			dash := make([]float64, len(s.dash))
			for i, v := range s.dash {
				dash[i] = v * r.s
			}
			r.c.SetDash(dash...)
		}
		if s.round {
			r.c.SetLineCapRound()
		}
		r.c.StrokePreserve()
		r.c.SetDash()
		r.c.SetLineCapButt()
	}
	r.c.ClearPath()
}

func (r *raster) rect(x, y, w, h float64, s style) {
	r.c.DrawRoundedRectangle(x*r.s, y*r.s, w*r.s, h*r.s, s.rx*r.s)
	r.paint(s)
}

func (r *raster) line(x1, y1, x2, y2 float64, s style) {
	r.c.DrawLine(x1*r.s, y1*r.s, x2*r.s, y2*r.s)
	r.paint(s)
}

func (r *raster) circle(cx, cy, rad float64, s style) {
	r.c.DrawCircle(cx*r.s, cy*r.s, rad*r.s)
	r.paint(s)
}

func (r *raster) path(segs []seg, s style) {
	for _, sg := range segs {
		p := make([]float64, 0, 2*len(sg.pts))
		for _, pt := range sg.pts {
			p = append(p, pt.x*r.s, pt.y*r.s)
		}
		switch sg.cmd {
		case 'M':
			r.c.MoveTo(p[0], p[1])
		case 'L':
			r.c.LineTo(p[0], p[1])
		case 'C':
			r.c.CubicTo(p[0], p[1], p[2], p[3], p[4], p[5])
		case 'Z':
			r.c.ClosePath()
		}
	}
	r.paint(s)
}

// text draws lines as the SVG's text: anchored at x, underlined when a
// link, as the SVG's irritant links.
func (r *raster) text(x, y float64, lines []string, t textStyle) {
	face := r.face(t.size, t.bold)
	r.c.SetFontFace(face)
	r.c.SetColor(paintColor(t.paint, 0))
	for i, line := range lines {
		line = clean(line)
		base := (y + float64(i)*t.lh) * r.s
		w, left := 0.0, x*r.s
		if t.anchor != "" || t.href != "" {
			w = float64(font.MeasureString(face, line)) / 64
		}
		switch t.anchor {
		case "middle":
			left -= w / 2
		case "end":
			left -= w
		}
		r.c.DrawString(line, left, base)
		if t.href != "" {
			// Where DejaVu Sans puts its underline, as rsvg-convert draws it.
			uy := base + 0.1*t.size*r.s
			r.c.DrawLine(left, uy, left+w, uy)
			r.c.SetLineWidth(t.size * 0.07 * r.s)
			r.c.Stroke()
		}
	}
}
