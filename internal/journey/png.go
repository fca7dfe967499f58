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
	r.draw(l)
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

// raster draws a layout in SVG units; it scales every coordinate itself
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

// paintColor is the standalone SVG's literal colour for a paint.
func paintColor(name string) color.Color {
	for _, p := range paints {
		if p.class == name {
			v, _ := strconv.ParseUint(p.color[1:], 16, 32)
			return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}
		}
	}
	panic("journey: no paint " + name)
}

func (r *raster) fill(paint string) {
	r.c.SetColor(paintColor(paint))
	r.c.Fill()
}

func (r *raster) stroke(paint string, width float64) {
	r.c.SetColor(paintColor(paint))
	r.c.SetLineWidth(width * r.s)
	r.c.Stroke()
}

func (r *raster) rect(x, y, w, h, rx float64) {
	r.c.DrawRoundedRectangle(x*r.s, y*r.s, w*r.s, h*r.s, rx*r.s)
}

// line strokes a line one unit wide, as the SVG's grid and neutral lines.
func (r *raster) line(x1, y1, x2, y2 float64, paint string) {
	r.c.DrawLine(x1*r.s, y1*r.s, x2*r.s, y2*r.s)
	r.stroke(paint, 1)
}

func (r *raster) circle(cx, cy, rad float64) {
	r.c.DrawCircle(cx*r.s, cy*r.s, rad*r.s)
}

// text draws lines as svg.text does: first baseline at y, lh apart, left
// aligned at x; underlined as the SVG's irritant links.
func (r *raster) text(x, y float64, lines []string, lh, size float64, bold bool, paint string, underline bool) {
	face := r.face(size, bold)
	r.c.SetFontFace(face)
	r.c.SetColor(paintColor(paint))
	for i, line := range lines {
		base := (y + float64(i)*lh) * r.s
		r.c.DrawString(clean(line), x*r.s, base)
		if underline {
			// Where DejaVu Sans puts its underline, as rsvg-convert draws it.
			w := float64(font.MeasureString(face, clean(line))) / 64
			uy := base + 0.1*size*r.s
			r.c.DrawLine(x*r.s, uy, x*r.s+w, uy)
			r.c.SetLineWidth(size * 0.07 * r.s)
			r.c.Stroke()
		}
	}
}

func (r *raster) draw(l *layout) {
	r.rect(0, 0, l.W, l.H, 0)
	r.fill("j-bg")
	r.header(l)
	r.phases(l)
	r.stageHeads(l)
	r.lanes(l)
	r.momentsOfTruth(l)
	r.legend(l)
}

func (r *raster) header(l *layout) {
	r.text(margin, baseline(margin, titleLH, titleSize), l.title, titleLH, titleSize, true, "j-title", false)
	if len(l.persona) > 0 {
		top := margin + float64(len(l.title))*titleLH + 4
		r.text(margin, baseline(top, subLH, subSize), l.persona, subLH, subSize, false, "j-muted", false)
	}
}

func (r *raster) phases(l *layout) {
	for _, b := range l.bands() {
		r.rect(b.x, l.yPhase, b.w, l.hPhase, 6)
		r.fill(b.paint)
		r.text(b.x+padX, b.base, b.lines, phaseLH, phaseSize, true, "j-phase-t", false)
	}
}

func (r *raster) stageHeads(l *layout) {
	for si, s := range l.stages {
		x := l.colX[si]
		r.rect(x+1, l.yStage+1, l.colW[si]-2, l.hStage-2, 6)
		r.fill("j-stage")
		if s.MomentOfTruth {
			r.rect(x+1, l.yStage+1, l.colW[si]-2, l.hStage-2, 6)
			r.stroke("j-mot-col", 2)
		}
		r.text(x+padX, baseline(l.yStage+padY, stageLH, stageSize), l.stageLines[si], stageLH, stageSize, true, "j-stage-t", false)
		if s.MomentOfTruth {
			r.star(x+l.colW[si]-padX-7, l.yStage+padY+8, 8.5)
		}
	}
}

func (r *raster) star(cx, cy, rad float64) {
	for i, p := range starPoints(cx, cy, rad) {
		if i == 0 {
			r.c.MoveTo(p[0]*r.s, p[1]*r.s)
		} else {
			r.c.LineTo(p[0]*r.s, p[1]*r.s)
		}
	}
	r.c.ClosePath()
	r.fill("j-mot")
}

func (r *raster) lanes(l *layout) {
	if len(l.lanes) == 0 {
		return
	}
	right := l.W - margin
	for li, ln := range l.lanes {
		y, h := l.rowY[li], l.rowH[li]
		r.laneLabel(l, li, right)
		if ln.kind == emotionLane {
			r.emotion(l, y, h)
		} else {
			for si := range l.stages {
				r.cell(ln, &l.cells[li][si], l.colX[si], y)
			}
		}
		r.line(margin, y+h, right, y+h, "j-grid")
	}
	top, bottom := l.yLanes, l.bottom()
	r.line(margin, top, right, top, "j-grid")
	for si := 1; si < len(l.stages); si++ {
		x := l.colX[si] - colGap/2
		r.line(x, top, x, bottom, "j-grid")
	}
}

func (r *raster) laneLabel(l *layout, li int, right float64) {
	y, h := l.rowY[li], l.rowH[li]
	if li%2 == 0 {
		r.rect(margin, y, right-margin, h, 0)
		r.fill("j-row")
	}
	r.rect(margin, y, labelW, h, 0)
	r.fill("j-lbl")
	r.text(margin+padX, baseline(y+padY, labelLH, labelSize), l.labels[li], labelLH, labelSize, true, "j-lbl-t", false)
	if l.lanes[li].kind != emotionLane {
		return
	}
	_, at := emotionLevels(y, h)
	face := r.face(11, false)
	r.c.SetFontFace(face)
	r.c.SetColor(paintColor("j-muted"))
	for _, e := range []int{2, 0, -2} {
		s := signed(e)
		w := float64(font.MeasureString(face, s)) / 64
		r.c.DrawString(s, (margin+labelW-padX)*r.s-w, (at(e)+4)*r.s)
	}
}

func (r *raster) cell(ln *lane, c *cell, x, top float64) {
	y := top + padY
	for _, it := range c.items {
		if len(it.lines) == 0 {
			continue
		}
		base := baseline(y, bodyLH, bodySize)
		if ln.bullet != "" {
			r.circle(x+padX+2.6, base-bodySize*0.33, 2.6)
			r.fill(ln.bullet)
		}
		tx := x + padX + indent
		if ln.kind == irritantLane {
			r.text(tx, base, it.lines, bodyLH, bodySize, false, "j-irr", it.href != "")
		} else {
			r.text(tx, base, it.lines, bodyLH, bodySize, ln.bold(), "j-t", false)
		}
		y += float64(len(it.lines))*bodyLH + itemGap
	}
}

func (r *raster) emotion(l *layout, top, h float64) {
	if len(l.stages) == 0 {
		return
	}
	mid, at := emotionLevels(top, h)
	x0 := l.colX[0]
	x1 := l.colX[len(l.stages)-1] + l.colW[len(l.stages)-1]
	r.c.SetDash(4*r.s, 4*r.s)
	r.line(x0, mid, x1, mid, "j-neutral")
	r.c.SetDash()

	for _, run := range l.curve(at) {
		r.c.MoveTo(run[0].x*r.s, run[0].y*r.s)
		for k := 1; k < len(run); k++ {
			c1, c2, p := curveControls(run[k-1], run[k])
			r.c.CubicTo(c1.x*r.s, c1.y*r.s, c2.x*r.s, c2.y*r.s, p.x*r.s, p.y*r.s)
		}
	}
	r.c.SetLineCapRound()
	r.stroke("j-curve", 2.5)
	r.c.SetLineCapButt()
	for si, s := range l.stages {
		if s.Emotion == nil {
			continue
		}
		x, y := l.colX[si]+l.colW[si]/2, at(*s.Emotion)
		r.circle(x, y, 7.5)
		r.fill(emotionPaint(*s.Emotion))
		r.circle(x, y, 7.5)
		r.stroke("j-ring", 2.5)
		r.text(x+12, y-8, []string{signed(*s.Emotion)}, 0, 11, true, "j-muted", false)
	}
}

func (r *raster) momentsOfTruth(l *layout) {
	if len(l.rowY) == 0 {
		return
	}
	bottom := l.bottom()
	mot := paintColor("j-mot").(color.RGBA)
	for si, s := range l.stages {
		if !s.MomentOfTruth {
			continue
		}
		r.rect(l.colX[si], l.yLanes, l.colW[si], bottom-l.yLanes, 0)
		// The SVG's fill-opacity of 0.09.
		r.c.SetColor(color.NRGBA{mot.R, mot.G, mot.B, 23})
		r.c.Fill()
	}
}

func (r *raster) legend(l *layout) {
	y := l.yLegend
	if len(l.motLines) > 0 {
		r.star(margin+7, y+legendLH/2, 7)
		r.text(margin+starRoom, baseline(y, legendLH, legendSize), l.motLines, legendLH, legendSize, false, "j-t", false)
		y += float64(len(l.motLines))*legendLH + 4
	}
	for _, row := range l.chipRows {
		x := margin
		for _, c := range row {
			r.circle(x+6, y+legendLH/2, 5.5)
			r.fill(c.paint)
			r.text(x+16, baseline(y, legendLH, legendSize), []string{c.text}, legendLH, legendSize, false, "j-muted", false)
			x += c.w
		}
		y += legendLH
	}
}
