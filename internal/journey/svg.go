package journey

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"slices"
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

// paintNamed finds a paint by its class.
var paintNamed = func() map[string]paint {
	m := make(map[string]paint, len(paints))
	for _, p := range paints {
		m[p.class] = p
	}
	return m
}()

// fontFamily lists faces whose widths the measuring table bounds (see
// widths.go) before the generic fallback.
const fontFamily = `'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif`

// svg is the painter that writes SVG elements; themed selects classes and
// CSS variables over literal colours.
type svg struct {
	b      bytes.Buffer
	themed bool
	// part marks a printed part of a map: the page holds the map's ids
	// and styles already.
	part bool
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
	if d.themed {
		return ` class="` + strings.Join(names, " ") + `"`
	}
	var b strings.Builder
	for _, name := range names {
		p := paintNamed[name]
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
	drawMap(d, l)
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
	d.rect(0, top, w, bottom-top, styled("j-bg"))
	for li := range l.lanes {
		laneLabel(d, l, li, w)
	}
	d.b.WriteString("</svg>\n")
}

// text writes lines as one <text>, one <tspan> a line.
func (d *svg) text(x, y float64, lines []string, t textStyle) {
	if len(lines) == 0 {
		return
	}
	if t.href != "" {
		d.f(`<a href="%s">`, esc(t.href))
	}
	d.f(`<text x="%s" y="%s" font-size="%s"`, n(x), n(y), n(t.size))
	if t.bold {
		d.b.WriteString(` font-weight="bold"`)
	}
	if t.anchor != "" {
		d.f(` text-anchor="%s"`, t.anchor)
	}
	if d.themed && t.class != "" {
		d.f(` class="%s %s"`, t.paint, t.class)
	} else {
		d.b.WriteString(d.p(t.paint))
	}
	if t.href != "" {
		d.b.WriteString(` text-decoration="underline"`)
	}
	d.b.WriteString(">")
	if len(lines) == 1 {
		d.b.WriteString(esc(lines[0]))
	} else {
		for i, line := range lines {
			d.f(`<tspan x="%s" y="%s">%s</tspan>`, n(x), n(y+float64(i)*t.lh), esc(line))
		}
	}
	d.b.WriteString("</text>\n")
	if t.href != "" {
		d.b.WriteString("</a>\n")
	}
}

// stroke writes a style's stroke attributes but its paints.
func (d *svg) stroke(s style) {
	if s.width > 0 {
		d.f(` stroke-width="%s"`, n(s.width))
	}
	if len(s.dash) > 0 {
		parts := make([]string, len(s.dash))
		for i, v := range s.dash {
			parts[i] = n(v)
		}
		d.f(` stroke-dasharray="%s"`, strings.Join(parts, " "))
	}
	if s.round {
		d.b.WriteString(` stroke-linecap="round"`)
	}
	if s.fillOpacity > 0 {
		d.f(` fill-opacity="%s"`, strconv.FormatFloat(s.fillOpacity, 'f', -1, 64))
	}
	if s.strokeOpacity > 0 {
		d.f(` stroke-opacity="%s"`, strconv.FormatFloat(s.strokeOpacity, 'f', -1, 64))
	}
	d.b.WriteString(d.p(s.paints...) + "/>\n")
}

// rect leaves out a zero x or y, as SVG defaults them.
func (d *svg) rect(x, y, w, h float64, s style) {
	d.b.WriteString("<rect")
	if x != 0 {
		d.f(` x="%s"`, n(x))
	}
	if y != 0 {
		d.f(` y="%s"`, n(y))
	}
	d.f(` width="%s" height="%s"`, n(w), n(h))
	if s.rx > 0 {
		d.f(` rx="%s"`, n(s.rx))
	}
	d.stroke(s)
}

func (d *svg) line(x1, y1, x2, y2 float64, s style) {
	d.f(`<line x1="%s" y1="%s" x2="%s" y2="%s"`, n(x1), n(y1), n(x2), n(y2))
	d.stroke(s)
}

func (d *svg) circle(cx, cy, r float64, s style) {
	d.f(`<circle cx="%s" cy="%s" r="%s"`, n(cx), n(cy), n(r))
	d.stroke(s)
}

// path writes an open path unfilled: its paints stroke it.
func (d *svg) path(segs []seg, s style) {
	parts := make([]string, len(segs))
	for i, sg := range segs {
		part := string(sg.cmd)
		for k, pt := range sg.pts {
			if k > 0 {
				part += " "
			}
			part += n(pt.x) + " " + n(pt.y)
		}
		parts[i] = part
	}
	d.f(`<path d="%s"`, strings.Join(parts, " "))
	if !slices.ContainsFunc(s.paints, func(name string) bool { return paintNamed[name].attr == "fill" }) {
		d.b.WriteString(` fill="none"`)
	}
	d.stroke(s)
}

// baseline is where the first line of text sits in a box starting at top:
// the line box is lh tall and the glyphs' cap height is about 0.72 em.
func baseline(top, lh, size float64) float64 {
	return top + (lh-size)/2 + size*0.82
}
