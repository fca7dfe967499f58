package journey

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// A paint colours one kind of mark. The page's SVG refers to it by class,
// styled with var(--j-…, fallback); the standalone SVG writes the fallback
// as a literal colour, since renderers such as rsvg-convert ignore CSS
// custom properties.
type paint struct {
	class string
	attr  string // fill or stroke
	prop  string // custom property, without the leading --
	color string // light fallback
}

var paints = []paint{
	{"j-bg", "fill", "j-bg", "#ffffff"},
	{"j-title", "fill", "j-fg", "#1f2933"},
	{"j-t", "fill", "j-fg", "#1f2933"},
	{"j-muted", "fill", "j-muted", "#52606d"},
	{"j-grid", "stroke", "j-grid", "#d5dde6"},
	{"j-phase", "fill", "j-phase", "#1e3a5f"},
	{"j-phase-alt", "fill", "j-phase-alt", "#2f5785"},
	{"j-phase-t", "fill", "j-phase-fg", "#ffffff"},
	{"j-stage", "fill", "j-stage", "#e3ebf5"},
	{"j-stage-t", "fill", "j-stage-fg", "#102a43"},
	{"j-lbl", "fill", "j-label", "#eef2f7"},
	{"j-lbl-t", "fill", "j-label-fg", "#334e68"},
	{"j-row", "fill", "j-row", "#f7f9fb"},
	{"j-dot", "fill", "j-accent", "#2f5785"},
	{"j-dot-irr", "fill", "j-irritant", "#b42318"},
	{"j-dot-good", "fill", "j-good", "#2e7d32"},
	{"j-dot-warn", "fill", "j-warn", "#c25e00"},
	{"j-irr", "fill", "j-irritant", "#b42318"},
	{"j-neutral", "stroke", "j-muted", "#52606d"},
	{"j-curve", "stroke", "j-accent", "#2f5785"},
	{"j-ring", "stroke", "j-bg", "#ffffff"},
	{"j-emo-m2", "fill", "j-emo-m2", "#c62828"},
	{"j-emo-m1", "fill", "j-emo-m1", "#ef6c00"},
	{"j-emo-0", "fill", "j-emo-0", "#8a94a6"},
	{"j-emo-p1", "fill", "j-emo-p1", "#7cb342"},
	{"j-emo-p2", "fill", "j-emo-p2", "#2e7d32"},
	{"j-mot", "fill", "j-mot", "#c98a00"},
	{"j-mot-col", "stroke", "j-mot", "#c98a00"},
}

// fontFamily lists faces whose widths the measuring table bounds (see
// widths.go) before the generic fallback.
const fontFamily = `'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif`

// svg draws a layout; themed selects classes and CSS variables over
// literal colours.
type svg struct {
	b      bytes.Buffer
	themed bool
	// part marks a printed part of a map: the page holds the map's ids
	// and styles already.
	part  bool
	paint map[string]paint
}

// SVG writes the standalone map: literal colours, no CSS variables and no
// foreignObject, so that any SVG renderer draws it as a browser does.
func (j *Journey) SVG(w io.Writer, o Options) error {
	d := &svg{}
	d.draw(newLayout(j, o), j)
	_, err := w.Write(d.b.Bytes())
	return err
}

// p returns the attributes that give a mark its paints: one class
// attribute listing them all, or one literal attribute each.
func (d *svg) p(names ...string) string {
	if d.paint == nil {
		d.paint = make(map[string]paint, len(paints))
		for _, p := range paints {
			d.paint[p.class] = p
		}
	}
	if d.themed {
		return ` class="` + strings.Join(names, " ") + `"`
	}
	var b strings.Builder
	for _, name := range names {
		p := d.paint[name]
		b.WriteString(" " + p.attr + `="` + p.color + `"`)
	}
	return b.String()
}

func (d *svg) f(format string, args ...any) { fmt.Fprintf(&d.b, format, args...) }

// n formats a coordinate to a tenth of a unit, enough for any screen and
// short enough to keep files small.
func n(v float64) string {
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}

func (d *svg) draw(l *layout, j *Journey) {
	id := domID(j.ID)
	if d.themed {
		// Drawn at its size, so that text stays legible: the page scrolls
		// it sideways, and paper scales it (see the theme's journey.css).
		class := "journey-svg"
		if d.part {
			class = "journey-part"
		}
		d.f(`<svg xmlns="http://www.w3.org/2000/svg" class="%s" viewBox="0 0 %s %s" width="%s" height="%s"`,
			class, n(l.W), n(l.H), n(l.W), n(l.H))
	} else {
		d.f(`<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s"`,
			n(l.W), n(l.H), n(l.W), n(l.H))
	}
	// An image role hides its content from assistive technology, so a map
	// whose irritants are links is a group instead: its links stay
	// reachable, and <title>/<desc> still name and describe it.
	role := "img"
	if j.some(func(s *Stage) bool { return len(s.Irritants) > 0 }) {
		role = "group"
	}
	if d.part {
		// The printed parts repeat the map, which the page describes.
		d.f(` aria-hidden="true" font-family="%s">`+"\n", fontFamily)
	} else {
		d.f(` role="%s" aria-labelledby="%s_title %s_desc" font-family="%s">`+"\n", role, id, id, fontFamily)
		d.f(`<title id="%s_title">%s</title>`+"\n", id, esc(j.Title))
		d.f(`<desc id="%s_desc">%s</desc>`+"\n", id, esc(describe(l)))
	}
	if d.themed && !d.part {
		// A stage's outline shows when a link targets it; the page's script
		// moves it with the reader (is-current) once it runs.
		d.b.WriteString("<style>.j-stage-hl{fill:none;stroke:none;scroll-margin:5rem 2rem 2rem 12rem}" +
			".journey:not(.js) .j-stage-hl:target,.j-stage-hl.is-current{fill:var(--j-accent,#2f5785);fill-opacity:.1;stroke:var(--j-mot,#c98a00);stroke-width:4}")
		for _, p := range paints {
			d.f(".%s{%s:var(--%s,%s)}", p.class, p.attr, p.prop, p.color)
		}
		d.b.WriteString("</style>\n")
	}
	d.f(`<rect width="%s" height="%s"%s/>`+"\n", n(l.W), n(l.H), d.p("j-bg"))
	d.header(l)
	d.phases(l)
	d.stageHeads(l)
	d.lanes(l)
	d.blueprint(l)
	d.momentsOfTruth(l)
	d.legend(l)
	if d.themed && !d.part {
		d.stageTargets(l, j)
	}
	d.b.WriteString("</svg>\n")
}

// stageTargets draws, over each stage's column, the element its anchor
// names: invisible until a link targets it.
func (d *svg) stageTargets(l *layout, j *Journey) {
	bottom := l.bottom()
	for si, s := range l.stages {
		d.f(`<rect id="%s" class="j-stage-hl" x="%s" y="%s" width="%s" height="%s" rx="6" data-stage="%d" data-name="%s"/>`+"\n",
			esc(j.StageAnchor(s)), n(l.colX[si]), n(l.yStage), n(l.colW[si]), n(bottom-l.yStage), si+1, esc(s.Name))
	}
}

// laneLabels draws the lane-name column alone, over the map's, so that the
// page can keep it in view while the stages scroll under it. It uses the
// map's classes, styled by the map's <style>.
func (d *svg) laneLabels(l *layout) {
	if len(l.lanes) == 0 {
		return
	}
	w := margin + labelW
	d.f(`<svg xmlns="http://www.w3.org/2000/svg" class="journey-lanes" aria-hidden="true" viewBox="0 0 %s %s" width="%s" height="%s" font-family="%s">`+"\n",
		n(w), n(l.H), n(w), n(l.H), fontFamily)
	// The column hides the phases and stages that scroll under it.
	top := l.yPhase
	bottom := l.bottom()
	d.f(`<rect y="%s" width="%s" height="%s"%s/>`+"\n", n(top), n(w), n(bottom-top), d.p("j-bg"))
	for li := range l.lanes {
		d.laneLabel(l, li, w)
	}
	d.b.WriteString("</svg>\n")
}

// laneLabel draws lane li's stripe up to x right, its label, its emotion
// scale, and the line under it.
func (d *svg) laneLabel(l *layout, li int, right float64) {
	y, h := l.rowY[li], l.rowH[li]
	if li%2 == 0 {
		d.f(`<rect x="%s" y="%s" width="%s" height="%s"%s/>`+"\n", n(margin), n(y), n(right-margin), n(h), d.p("j-row"))
	}
	d.f(`<rect x="%s" y="%s" width="%s" height="%s"%s/>`+"\n", n(margin), n(y), n(labelW), n(h), d.p("j-lbl"))
	d.text(margin+padX, baseline(y+padY, labelLH, labelSize), l.labels[li], labelLH, labelSize, true, "j-lbl-t", "")
	if l.lanes[li].kind == emotionLane {
		d.emotionScale(l, y, h)
	}
}

// text writes lines as one <text>, one <tspan> a line, first baseline at y.
func (d *svg) text(x, y float64, lines []string, lh, size float64, bold bool, paint, extra string) {
	if len(lines) == 0 {
		return
	}
	weight := ""
	if bold {
		weight = ` font-weight="bold"`
	}
	d.f(`<text x="%s" y="%s" font-size="%s"%s%s%s>`, n(x), n(y), n(size), weight, d.p(paint), extra)
	if len(lines) == 1 {
		d.b.WriteString(esc(lines[0]))
	} else {
		for i, line := range lines {
			d.f(`<tspan x="%s" y="%s">%s</tspan>`, n(x), n(y+float64(i)*lh), esc(line))
		}
	}
	d.b.WriteString("</text>\n")
}

// baseline is where the first line of text sits in a box starting at top:
// the line box is lh tall and the glyphs' cap height is about 0.72 em.
func baseline(top, lh, size float64) float64 {
	return top + (lh-size)/2 + size*0.82
}

func (d *svg) header(l *layout) {
	y := baseline(margin, titleLH, titleSize)
	d.text(margin, y, l.title, titleLH, titleSize, true, "j-title", "")
	if len(l.persona) > 0 {
		top := margin + float64(len(l.title))*titleLH + 4
		d.text(margin, baseline(top, subLH, subSize), l.persona, subLH, subSize, false, "j-muted", "")
	}
}

func (d *svg) phases(l *layout) {
	for _, b := range l.bands() {
		d.f(`<rect x="%s" y="%s" width="%s" height="%s" rx="6"%s/>`+"\n", n(b.x), n(l.yPhase), n(b.w), n(l.hPhase), d.p(b.paint))
		d.text(b.x+padX, b.base, b.lines, phaseLH, phaseSize, true, "j-phase-t", "")
	}
}

func (d *svg) stageHeads(l *layout) {
	for si, s := range l.stages {
		x := l.colX[si]
		paint := []string{"j-stage"}
		if s.MomentOfTruth {
			paint = append(paint, "j-mot-col")
		}
		d.f(`<rect x="%s" y="%s" width="%s" height="%s" rx="6" stroke-width="2"%s/>`+"\n", n(x+1), n(l.yStage+1), n(l.colW[si]-2), n(l.hStage-2), d.p(paint...))
		d.text(x+padX, baseline(l.yStage+padY, stageLH, stageSize), l.stageLines[si], stageLH, stageSize, true, "j-stage-t", "")
		if s.MomentOfTruth {
			d.star(x+l.colW[si]-padX-7, l.yStage+padY+8, 8.5)
		}
	}
}

// star draws the moment-of-truth mark: a five-pointed star centred on cx, cy.
func (d *svg) star(cx, cy, r float64) {
	var b strings.Builder
	for i, p := range starPoints(cx, cy, r) {
		cmd := "L"
		if i == 0 {
			cmd = "M"
		}
		fmt.Fprintf(&b, "%s%s %s ", cmd, n(p[0]), n(p[1]))
	}
	b.WriteString("Z")
	d.f(`<path d="%s"%s/>`+"\n", b.String(), d.p("j-mot"))
}

func (d *svg) lanes(l *layout) {
	if len(l.lanes) == 0 {
		return
	}
	right := l.W - margin
	for li, ln := range l.lanes {
		y, h := l.rowY[li], l.rowH[li]
		d.laneLabel(l, li, right)
		if ln.kind == emotionLane {
			d.emotion(l, y, h)
		} else {
			for si := range l.stages {
				d.cell(l, ln, &l.cells[li][si], l.colX[si], y)
			}
		}
		d.f(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke-width="1"%s/>`+"\n", n(margin), n(y+h), n(right), n(y+h), d.p("j-grid"))
	}
	top := l.yLanes
	bottom := l.bottom()
	d.f(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke-width="1"%s/>`+"\n", n(margin), n(top), n(right), n(top), d.p("j-grid"))
	for si := 1; si < len(l.stages); si++ {
		x := l.colX[si] - colGap/2
		d.f(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke-width="1"%s/>`+"\n", n(x), n(top), n(x), n(bottom), d.p("j-grid"))
	}
}

func (d *svg) cell(l *layout, ln *lane, c *cell, x, top float64) {
	y := top + padY
	for _, it := range c.items {
		if len(it.lines) == 0 {
			continue
		}
		base := baseline(y, bodyLH, bodySize)
		if ln.bullet != "" {
			d.f(`<circle cx="%s" cy="%s" r="2.6"%s/>`+"\n", n(x+padX+2.6), n(base-bodySize*0.33), d.p(ln.bullet))
		}
		tx := x + padX + indent
		switch {
		case it.href != "":
			d.f(`<a href="%s">`, esc(it.href))
			d.text(tx, base, it.lines, bodyLH, bodySize, false, "j-irr", ` text-decoration="underline"`)
			d.b.WriteString("</a>\n")
		case ln.kind == irritantLane:
			d.text(tx, base, it.lines, bodyLH, bodySize, false, "j-irr", "")
		default:
			d.text(tx, base, it.lines, bodyLH, bodySize, ln.bold(), "j-t", "")
		}
		y += float64(len(it.lines))*bodyLH + itemGap
	}
}

// emotionLevels gives the middle of the emotion lane and the height of
// each level in it.
func emotionLevels(top, h float64) (float64, func(int) float64) {
	mid := top + h/2
	step := (h - 2*emotionPad) / 4
	return mid, func(e int) float64 { return mid - float64(min(max(e, -2), 2))*step }
}

// emotionScale writes the −2, 0, +2 ticks at the right of the lane's label.
func (d *svg) emotionScale(l *layout, top, h float64) {
	_, at := emotionLevels(top, h)
	tick := margin + labelW - padX
	for _, e := range []int{2, 0, -2} {
		d.f(`<text x="%s" y="%s" font-size="11" text-anchor="end"%s>%s</text>`+"\n", n(tick), n(at(e)+4), d.p("j-muted"), signed(e))
	}
}

// emotion draws the curve lane: the neutral line, a smooth curve through
// the stages that give an emotion (broken where one gives none), and a
// marker with its value on each of them.
func (d *svg) emotion(l *layout, top, h float64) {
	mid, at := emotionLevels(top, h)
	if len(l.stages) == 0 {
		return
	}
	x0 := l.colX[0]
	x1 := l.colX[len(l.stages)-1] + l.colW[len(l.stages)-1]
	d.f(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke-width="1" stroke-dasharray="4 4"%s/>`+"\n", n(x0), n(mid), n(x1), n(mid), d.p("j-neutral"))

	var path strings.Builder
	for _, run := range l.curve(at) {
		fmt.Fprintf(&path, "M%s %s ", n(run[0].x), n(run[0].y))
		for k := 1; k < len(run); k++ {
			c1, c2, p := curveControls(run[k-1], run[k])
			fmt.Fprintf(&path, "C%s %s %s %s %s %s ", n(c1.x), n(c1.y), n(c2.x), n(c2.y), n(p.x), n(p.y))
		}
	}
	d.f(`<path d="%s" fill="none" stroke-width="2.5" stroke-linecap="round"%s/>`+"\n", strings.TrimSpace(path.String()), d.p("j-curve"))
	for si, s := range l.stages {
		if s.Emotion == nil {
			continue
		}
		x, y := l.colX[si]+l.colW[si]/2, at(*s.Emotion)
		d.f(`<circle cx="%s" cy="%s" r="7.5" stroke-width="2.5"%s/>`+"\n", n(x), n(y), d.p(emotionPaint(*s.Emotion), "j-ring"))
		d.f(`<text x="%s" y="%s" font-size="11" font-weight="bold"%s>%s</text>`+"\n", n(x+12), n(y-8), d.p("j-muted"), signed(*s.Emotion))
	}
}

// momentsOfTruth tints the columns of the moments of truth under their
// outlined, starred header: visible at a glance, quiet when there are many.
func (d *svg) momentsOfTruth(l *layout) {
	if len(l.rowY) == 0 {
		return
	}
	bottom := l.bottom()
	for si, s := range l.stages {
		if !s.MomentOfTruth {
			continue
		}
		d.f(`<rect x="%s" y="%s" width="%s" height="%s" fill-opacity="0.09"%s/>`+"\n",
			n(l.colX[si]), n(l.yLanes), n(l.colW[si]), n(bottom-l.yLanes), d.p("j-mot"))
	}
}

func (d *svg) legend(l *layout) {
	y := l.yLegend
	if len(l.motLines) > 0 {
		d.star(margin+7, y+legendLH/2, 7)
		d.text(margin+starRoom, baseline(y, legendLH, legendSize), l.motLines, legendLH, legendSize, false, "j-t", "")
		y += float64(len(l.motLines))*legendLH + 4
	}
	for _, row := range l.chipRows {
		x := margin
		for _, c := range row {
			d.f(`<circle cx="%s" cy="%s" r="5.5"%s/>`+"\n", n(x+6), n(y+legendLH/2), d.p(c.paint))
			d.text(x+16, baseline(y, legendLH, legendSize), []string{c.text}, legendLH, legendSize, false, "j-muted", "")
			x += c.w
		}
		y += legendLH
	}
}
