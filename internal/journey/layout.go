package journey

import (
	"math"
	"slices"
	"strings"

	"github.com/parcours/parcours/internal/slug"
)

// Geometry of the map, in SVG user units (CSS pixels at 100 %).
const (
	margin     = 28.0
	labelW     = 150.0 // lane label column
	labelGap   = 8.0
	colGap     = 6.0
	colMin     = 150.0
	colMax     = 240.0
	padX       = 10.0
	padY       = 10.0
	indent     = 11.0 // from a bullet to its text
	bodySize   = 12.5
	bodyLH     = 16.5
	itemGap    = 6.0
	stageSize  = 13.0
	stageLH    = 17.0
	starRoom   = 22.0 // right of a stage name, kept free for the star
	phaseSize  = 13.5
	phaseLH    = 18.0
	labelSize  = 12.0
	labelLH    = 15.5
	titleSize  = 20.0
	titleLH    = 26.0
	subSize    = 13.0
	subLH      = 18.0
	emotionH   = 132.0
	emotionPad = 22.0 // between the ±2 levels and the lane's edges
	legendSize = 12.0
	legendLH   = 18.0
	minRowH    = 38.0
	deltaSize  = 11.0
	deltaLH    = 22.0 // the strip under a compared curve that holds the deltas
	chipCurveW = 30.0 // a legend chip's room for the current curve's mark
)

// item is one entry of a cell, already wrapped.
type item struct {
	lines []string
	href  string // set for irritants that link to their page
}

// cell is what one stage shows in one lane.
type cell struct {
	items []item
	h     float64
}

// chip is one entry of the legend's flowing row: a marker and its text.
// The marker is a dot of paint, or the current journey's curve.
type chip struct {
	paint string
	curve bool
	text  string
	w     float64
}

// markW is the room left of the chip's text for its marker.
func (c chip) markW() float64 {
	if c.curve {
		return chipCurveW
	}
	return 16
}

// layout holds every position the drawing needs, computed once so that the
// themed and the standalone SVG are the same picture.
type layout struct {
	j      *Journey
	o      Options
	stages []*Stage
	phase  []int // index in j.Phases of each stage
	lanes  []*lane
	// was is, on a map compared with the current journey (Options.Current),
	// the emotion of each stage there: nil for a stage it lacks or gives
	// none. deltas are the changes drawn under the curve.
	was    []*int
	deltas []delta

	colX, colW []float64
	cells      [][]cell // [lane][stage]
	labels     [][]string
	rowY, rowH []float64

	title, persona []string
	phaseLines     [][]string // per phase; nil for a phase without stages
	stageLines     [][]string
	motLines       []string // the legend's list of moments of truth
	chips          []chip
	chipRows       [][]chip

	yPhase, hPhase, yStage, hStage, yLanes, yLegend float64
	W, H                                            float64
}

func newLayout(j *Journey, o Options) *layout {
	l := &layout{j: j, o: o}
	for pi := range j.Phases {
		for si := range j.Phases[pi].Stages {
			l.stages = append(l.stages, &j.Phases[pi].Stages[si])
			l.phase = append(l.phase, pi)
		}
	}
	for _, ln := range j.used() {
		if ln.kind != motLane {
			l.lanes = append(l.lanes, ln)
		}
	}
	l.compare(o.Current)
	l.fillCells(o)
	l.sizeColumns()
	l.sizeRows()
	return l
}

// fillCells wraps every entry at the widest a column may be; sizeColumns
// then narrows the columns whose content is short, and wraps again.
func (l *layout) fillCells(o Options) {
	l.cells = make([][]cell, len(l.lanes))
	for li, ln := range l.lanes {
		l.cells[li] = make([]cell, len(l.stages))
		for si, s := range l.stages {
			var items []item
			switch ln.kind {
			case emotionLane:
			case irritantLane:
				for _, r := range s.Irritants {
					href, label := resolve(o, r.Text)
					items = append(items, item{lines: []string{label}, href: href})
				}
			default:
				for _, t := range ln.texts(s, o) {
					items = append(items, item{lines: []string{t}})
				}
			}
			l.cells[li][si] = cell{items: items}
		}
	}
}

// resolve applies the caller's irritant resolver, or links to the
// catalogue by slug when there is none.
func resolve(o Options, ref string) (href, label string) {
	if o.Irritant == nil {
		if s := slug.Make(ref); s != "" {
			return "/irritants/" + s + "/", ref
		}
		return "", ref
	}
	href, label, ok := o.Irritant(ref)
	if !ok {
		return "", ref
	}
	if label == "" {
		label = ref
	}
	return href, label
}

// textRoom is the width of text in a list cell of a column of width w.
func textRoom(w float64) float64 { return w - 2*padX - indent }

func (l *layout) sizeColumns() {
	n := len(l.stages)
	l.colW = make([]float64, n)
	l.colX = make([]float64, n)
	l.stageLines = make([][]string, n)
	x := margin + labelW + labelGap
	for si, s := range l.stages {
		need := textWidth(s.Name, stageSize, true) + 2*padX + starRoom
		if l.deltas != nil {
			need = max(need, textWidth(l.deltas[si].text, deltaSize, true)+2*padX)
		}
		for li := range l.lanes {
			for _, it := range l.cells[li][si].items {
				need = max(need, textWidth(it.lines[0], bodySize, l.lanes[li].bold())+2*padX+indent)
			}
		}
		w := min(max(need, colMin), colMax)
		l.colW[si], l.colX[si] = w, x
		x += w + colGap
		l.stageLines[si] = wrap(s.Name, w-2*padX-starRoom, stageSize, true)
		for li := range l.lanes {
			c := &l.cells[li][si]
			for k := range c.items {
				c.items[k].lines = wrap(c.items[k].lines[0], textRoom(w), bodySize, l.lanes[li].bold())
			}
		}
	}
	l.W = x - colGap + margin
	if n == 0 {
		l.W = x + margin
	}
}

func (l *layout) sizeRows() {
	inner := l.W - 2*margin
	y := margin
	l.title = wrap(l.j.Title, inner, titleSize, true)
	y += float64(len(l.title)) * titleLH
	if l.j.Persona != "" {
		l.persona = wrap(l.o.tr("journey_persona", l.j.Persona), inner, subSize, false)
		y += 4 + float64(len(l.persona))*subLH
	}
	y += 14

	// Phase bands: as tall as the longest wrapped phase name.
	l.yPhase = y
	l.phaseLines = make([][]string, len(l.j.Phases))
	maxLines := 1
	for pi, ph := range l.j.Phases {
		first, last := l.span(pi)
		if first < 0 {
			continue
		}
		w := l.colX[last] + l.colW[last] - l.colX[first]
		l.phaseLines[pi] = wrap(ph.Name, w-2*padX, phaseSize, true)
		maxLines = max(maxLines, len(l.phaseLines[pi]))
	}
	l.hPhase = float64(maxLines)*phaseLH + 2*8
	y += l.hPhase + colGap

	l.yStage = y
	maxLines = 1
	for _, lines := range l.stageLines {
		maxLines = max(maxLines, len(lines))
	}
	l.hStage = float64(maxLines)*stageLH + 2*padY
	y += l.hStage + colGap

	l.yLanes = y
	l.rowY = make([]float64, len(l.lanes))
	l.rowH = make([]float64, len(l.lanes))
	l.labels = make([][]string, len(l.lanes))
	for li, ln := range l.lanes {
		l.labels[li] = wrap(ln.label(l.o), labelW-2*padX, labelSize, true)
		h := float64(len(l.labels[li]))*labelLH + 2*padY
		if ln.kind == emotionLane {
			h = max(h, emotionH+l.deltaRoom())
		}
		for si := range l.stages {
			c := &l.cells[li][si]
			for k, it := range c.items {
				if k > 0 {
					c.h += itemGap
				}
				c.h += float64(len(it.lines)) * bodyLH
			}
			h = max(h, c.h+2*padY)
		}
		l.rowY[li], l.rowH[li] = y, max(h, minRowH)
		y += l.rowH[li]
	}

	y += 18
	l.yLegend = y
	l.legend(inner)
	if len(l.motLines) > 0 {
		y += float64(len(l.motLines))*legendLH + 4
	}
	y += float64(len(l.chipRows)) * legendLH
	l.H = y + margin - 6
}

// span returns the first and last stage indexes of phase pi, or -1, -1
// when it has no stages.
func (l *layout) span(pi int) (int, int) {
	first, last := -1, -1
	for si, p := range l.phase {
		if p == pi {
			if first < 0 {
				first = si
			}
			last = si
		}
	}
	return first, last
}

// legend names the moments of truth and explains the markers in use,
// flowing the markers into as many rows as the width needs.
func (l *layout) legend(inner float64) {
	var mots []string
	for _, s := range l.stages {
		if s.MomentOfTruth {
			mots = append(mots, s.Name)
		}
	}
	if len(mots) > 0 {
		key := "journey_mot_one"
		if len(mots) > 1 {
			key = "journey_mot_many"
		}
		l.motLines = wrap(l.o.tr(key, strings.Join(mots, " · ")), inner-starRoom, legendSize, false)
	}
	if l.j.some(func(s *Stage) bool { return s.Emotion != nil }) {
		for e := -2; e <= 2; e++ {
			l.chips = append(l.chips, chip{paint: emotionPaint(e), text: signed(e) + " " + emotionWord(l.o, e)})
		}
	}
	if l.j.some(func(s *Stage) bool { return len(s.Irritants) > 0 }) {
		l.chips = append(l.chips, chip{paint: "j-dot-irr", text: l.o.tr("journey_irritant_legend")})
	}
	if slices.ContainsFunc(l.was, func(e *int) bool { return e != nil }) {
		l.chips = append(l.chips, chip{curve: true, text: l.o.tr("journey_current_legend")})
	}
	var row []chip
	x := 0.0
	for _, c := range l.chips {
		c.w = c.markW() + textWidth(c.text, legendSize, false) + 18
		if x+c.w > inner && len(row) > 0 {
			l.chipRows = append(l.chipRows, row)
			row, x = nil, 0
		}
		row = append(row, c)
		x += c.w
	}
	if len(row) > 0 {
		l.chipRows = append(l.chipRows, row)
	}
}

func emotionPaint(e int) string {
	return [5]string{"j-emo-m2", "j-emo-m1", "j-emo-0", "j-emo-p1", "j-emo-p2"}[min(max(e, -2), 2)+2]
}

// bottom is the lower edge of the lanes, or of the stage headers when no
// lane is drawn.
func (l *layout) bottom() float64 {
	if len(l.rowY) == 0 {
		return l.yStage + l.hStage
	}
	return l.rowY[len(l.rowY)-1] + l.rowH[len(l.rowH)-1]
}

// band is one phase's header: its box, paint and centred lines.
type band struct {
	x, w  float64
	paint string
	lines []string
	base  float64 // first baseline
}

// bands lays out the header of each phase that has stages, alternating
// two paints so that neighbours stand apart.
func (l *layout) bands() []band {
	var out []band
	for pi := range l.j.Phases {
		first, last := l.span(pi)
		if first < 0 {
			continue
		}
		b := band{x: l.colX[first], paint: "j-phase", lines: l.phaseLines[pi]}
		b.w = l.colX[last] + l.colW[last] - b.x
		if len(out)%2 == 1 {
			b.paint = "j-phase-alt"
		}
		top := l.yPhase + (l.hPhase-float64(len(b.lines))*phaseLH)/2
		b.base = baseline(top, phaseLH, phaseSize)
		out = append(out, b)
	}
	return out
}

type point struct{ x, y float64 }

// emotions are the stages' emotions, nil where a stage gives none.
func (l *layout) emotions() []*int {
	out := make([]*int, len(l.stages))
	for si, s := range l.stages {
		out[si] = s.Emotion
	}
	return out
}

// curve gives the runs of an emotion curve through the stages' columns, of
// the emotions es (one per stage): a stage without one breaks the curve.
// at maps an emotion to its height.
func (l *layout) curve(es []*int, at func(int) float64) [][]point {
	var runs [][]point
	var run []point
	for si, e := range es {
		if e == nil {
			if len(run) > 0 {
				runs = append(runs, run)
			}
			run = nil
			continue
		}
		run = append(run, point{l.colX[si] + l.colW[si]/2, at(*e)})
	}
	if len(run) > 0 {
		runs = append(runs, run)
	}
	return runs
}

// curveControls gives the cubic segment from a to b. Control points level
// with each end give a curve that never overshoots the markers.
func curveControls(a, b point) (c1, c2, end point) {
	dx := (b.x - a.x) / 2
	return point{a.x + dx, a.y}, point{b.x - dx, b.y}, b
}

// starPoints are the ten corners of the moment-of-truth star centred on cx,
// cy, outer radius r.
func starPoints(cx, cy, r float64) [10][2]float64 {
	var pts [10][2]float64
	for i := range pts {
		rr := r
		if i%2 == 1 {
			rr = r * 0.45
		}
		a := -math.Pi/2 + float64(i)*math.Pi/5
		pts[i] = [2]float64{cx + rr*math.Cos(a), cy + rr*math.Sin(a)}
	}
	return pts
}
