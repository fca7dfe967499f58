package journey

// The map is drawn by one walk of its layout (drawMap) over a painter,
// which the SVG (svg.go) and the PNG (png.go) implement: what the map shows
// is written once, and each back end only says how a mark is made.

// painter makes the marks of a map, in SVG user units.
type painter interface {
	rect(x, y, w, h float64, s style)
	line(x1, y1, x2, y2 float64, s style)
	circle(cx, cy, r float64, s style)
	path(segs []seg, s style)
	// text draws lines from a first baseline at y, lh apart.
	text(x, y float64, lines []string, t textStyle)
}

// style is how a mark is painted: its paints (see paints), each filling
// or stroking it as its attr says, and the stroke's width and dashes.
type style struct {
	paints []string
	width  float64 // stroke width; 0 writes none
	rx     float64 // corner radius of a rect
	dash   []float64
	// Opacities: 0 is opaque.
	fillOpacity, strokeOpacity float64
	round                      bool // round line caps
}

func styled(names ...string) style { return style{paints: names} }

// seg is one command of a path: 'M' or 'L' and a point, 'C' and its two
// control points and end, or 'Z'.
type seg struct {
	cmd byte
	pts []point
}

// textStyle is how text is drawn. href makes it a link, underlined; class
// is one more class of the themed SVG, which a theme or a test can select.
type textStyle struct {
	size, lh float64
	bold     bool
	paint    string
	anchor   string // "" (start), "middle" or "end"
	href     string
	class    string
}

// body is the style of text in lanes and legends, lh apart.
func body(size, lh float64, bold bool, paint string) textStyle {
	return textStyle{size: size, lh: lh, bold: bold, paint: paint}
}

// drawMap draws the whole map but what only the page's SVG has (its
// accessible name, styles and stage targets).
func drawMap(p painter, l *layout) {
	p.rect(0, 0, l.W, l.H, styled("j-bg"))
	header(p, l)
	for _, b := range l.bands() {
		p.rect(b.x, l.yPhase, b.w, l.hPhase, style{paints: []string{b.paint}, rx: 6})
		p.text(b.x+padX, b.base, b.lines, body(phaseSize, phaseLH, true, "j-phase-t"))
	}
	stageHeads(p, l)
	drawLanes(p, l)
	blueprint(p, l)
	momentsOfTruth(p, l)
	legend(p, l)
}

func header(p painter, l *layout) {
	p.text(margin, baseline(margin, titleLH, titleSize), l.title, body(titleSize, titleLH, true, "j-title"))
	if len(l.persona) > 0 {
		top := margin + float64(len(l.title))*titleLH + 4
		p.text(margin, baseline(top, subLH, subSize), l.persona, body(subSize, subLH, false, "j-muted"))
	}
}

func stageHeads(p painter, l *layout) {
	for si, s := range l.stages {
		x := l.colX[si]
		st := style{paints: []string{"j-stage"}, rx: 6, width: 2}
		if s.MomentOfTruth {
			st.paints = append(st.paints, "j-mot-col")
		}
		p.rect(x+1, l.yStage+1, l.colW[si]-2, l.hStage-2, st)
		p.text(x+padX, baseline(l.yStage+padY, stageLH, stageSize), l.stageLines[si], body(stageSize, stageLH, true, "j-stage-t"))
		if s.MomentOfTruth {
			star(p, x+l.colW[si]-padX-7, l.yStage+padY+8, 8.5)
		}
	}
}

// star draws the moment-of-truth mark: a five-pointed star centred on cx, cy.
func star(p painter, cx, cy, r float64) {
	var segs []seg
	for i, pt := range starPoints(cx, cy, r) {
		cmd := byte('L')
		if i == 0 {
			cmd = 'M'
		}
		segs = append(segs, seg{cmd, []point{{pt[0], pt[1]}}})
	}
	p.path(append(segs, seg{cmd: 'Z'}), styled("j-mot"))
}

func drawLanes(p painter, l *layout) {
	if len(l.lanes) == 0 {
		return
	}
	right := l.W - margin
	grid := style{paints: []string{"j-grid"}, width: 1}
	for li, ln := range l.lanes {
		y, h := l.rowY[li], l.rowH[li]
		laneLabel(p, l, li, right)
		if ln.kind == emotionLane {
			emotion(p, l, li)
		} else {
			for si := range l.stages {
				drawCell(p, ln, &l.cells[li][si], l.colX[si], y)
			}
		}
		p.line(margin, y+h, right, y+h, grid)
	}
	top, bottom := l.yLanes, l.bottom()
	p.line(margin, top, right, top, grid)
	for si := 1; si < len(l.stages); si++ {
		x := l.colX[si] - colGap/2
		p.line(x, top, x, bottom, grid)
	}
}

// laneLabel draws lane li's stripe up to x right, its label, and its
// emotion scale.
func laneLabel(p painter, l *layout, li int, right float64) {
	y, h := l.rowY[li], l.rowH[li]
	if li%2 == 0 {
		p.rect(margin, y, right-margin, h, styled("j-row"))
	}
	p.rect(margin, y, labelW, h, styled("j-lbl"))
	p.text(margin+padX, baseline(y+padY, labelLH, labelSize), l.labels[li], body(labelSize, labelLH, true, "j-lbl-t"))
	if l.lanes[li].kind == emotionLane {
		_, at := l.emotionLevels(li)
		for _, e := range []int{2, 0, -2} {
			p.text(margin+labelW-padX, at(e)+4, []string{signed(e)}, textStyle{size: 11, paint: "j-muted", anchor: "end"})
		}
	}
}

func drawCell(p painter, ln *lane, c *cell, x, top float64) {
	y := top + padY
	for _, it := range c.items {
		if len(it.lines) == 0 {
			continue
		}
		base := baseline(y, bodyLH, bodySize)
		if ln.bullet != "" {
			p.circle(x+padX+2.6, base-bodySize*0.33, 2.6, styled(ln.bullet))
		}
		t := body(bodySize, bodyLH, ln.bold(), "j-t")
		if ln.kind == irritantLane {
			t.paint, t.href = "j-irr", it.href
		}
		p.text(x+padX+indent, base, it.lines, t)
		y += float64(len(it.lines))*bodyLH + itemGap
	}
}

// emotion draws the curve lane li: the neutral line, the current journey's
// curve faintly when the map is compared, a smooth curve through the stages
// that give an emotion (broken where one gives none), a marker with its
// value on each of them, and the deltas under the curve.
func emotion(p painter, l *layout, li int) {
	if len(l.stages) == 0 {
		return
	}
	mid, at := l.emotionLevels(li)
	x0 := l.colX[0]
	x1 := l.colX[len(l.stages)-1] + l.colW[len(l.stages)-1]
	p.line(x0, mid, x1, mid, style{paints: []string{"j-neutral"}, width: 1, dash: []float64{4, 4}})

	if runs := l.curve(l.was, at); len(runs) > 0 {
		p.path(curvePath(runs), wasCurve)
		for _, run := range runs {
			for _, pt := range run {
				p.circle(pt.x, pt.y, wasR, wasPoint)
			}
		}
	}
	p.path(curvePath(l.curve(l.emotions(), at)), style{paints: []string{"j-curve"}, width: 2.5, round: true})
	for si, s := range l.stages {
		if s.Emotion == nil {
			continue
		}
		x, y := l.colX[si]+l.colW[si]/2, at(*s.Emotion)
		p.circle(x, y, 7.5, style{paints: []string{emotionPaint(*s.Emotion), "j-ring"}, width: 2.5})
		p.text(x+12, y-8, []string{signed(*s.Emotion)}, textStyle{size: 11, bold: true, paint: "j-muted"})
	}
	for si, d := range l.deltas {
		if d.text == "" {
			continue
		}
		y := l.rowY[li] + l.rowH[li] - deltaLH
		p.text(l.colX[si]+l.colW[si]/2, baseline(y, deltaLH, deltaSize), []string{d.text},
			textStyle{size: deltaSize, bold: true, paint: d.paint, anchor: "middle", class: "j-delta"})
	}
}

// The current journey's curve behind a target's: dashed, thinner and
// lighter than the target's, with hollow points, so that it stays apart in
// greyscale and on paper.
var (
	wasCurve = style{paints: []string{"j-neutral"}, width: 2, dash: []float64{6, 4}, strokeOpacity: 0.7}
	wasPoint = style{paints: []string{"j-bg", "j-neutral"}, width: 1.5, strokeOpacity: 0.7}
)

const wasR = 4.0

// curvePath joins each run's points with cubic segments.
func curvePath(runs [][]point) []seg {
	var segs []seg
	for _, run := range runs {
		segs = append(segs, seg{'M', []point{run[0]}})
		for k := 1; k < len(run); k++ {
			c1, c2, end := curveControls(run[k-1], run[k])
			segs = append(segs, seg{'C', []point{c1, c2, end}})
		}
	}
	return segs
}

// momentsOfTruth tints the columns of the moments of truth under their
// outlined, starred header: visible at a glance, quiet when there are many.
func momentsOfTruth(p painter, l *layout) {
	if len(l.rowY) == 0 {
		return
	}
	bottom := l.bottom()
	for si, s := range l.stages {
		if s.MomentOfTruth {
			p.rect(l.colX[si], l.yLanes, l.colW[si], bottom-l.yLanes, style{paints: []string{"j-mot"}, fillOpacity: 0.09})
		}
	}
}

// blueprint draws the lines of the service blueprint across the lanes,
// each named in a tag over the lane labels' column.
func blueprint(p painter, l *layout) {
	rows := l.blueprintRows()
	for li := range l.lanes {
		label, ok := rows[li]
		if !ok {
			continue
		}
		y := l.rowY[li]
		p.line(margin, y, l.W-margin, y, style{paints: []string{"j-curve"}, width: 2, dash: []float64{7, 4}})
		w := textWidth(label, lineSize, true) + 2*6
		p.rect(margin+padX/2, y-lineTagH/2, w, lineTagH, style{paints: []string{"j-bg", "j-curve"}, rx: 3, width: 1})
		p.text(margin+padX/2+6, y+lineSize*0.35, []string{label}, body(lineSize, lineSize, true, "j-lbl-t"))
	}
}

func legend(p painter, l *layout) {
	y := l.yLegend
	if len(l.motLines) > 0 {
		star(p, margin+7, y+legendLH/2, 7)
		p.text(margin+starRoom, baseline(y, legendLH, legendSize), l.motLines, body(legendSize, legendLH, false, "j-t"))
		y += float64(len(l.motLines))*legendLH + 4
	}
	for _, row := range l.chipRows {
		x := margin
		for _, c := range row {
			cy := y + legendLH/2
			if c.curve {
				p.line(x, cy, x+chipCurveW-6, cy, wasCurve)
				p.circle(x+(chipCurveW-6)/2, cy, wasR, wasPoint)
			} else {
				p.circle(x+6, cy, 5.5, styled(c.paint))
			}
			p.text(x+c.markW(), baseline(y, legendLH, legendSize), []string{c.text}, body(legendSize, legendLH, false, "j-muted"))
			x += c.w
		}
		y += legendLH
	}
}
