package journey

import (
	"html/template"
	"net/url"
)

// Figure is what the theme's partials/journey.html is given to write a
// journey in a page: the map as inline SVG themed with CSS custom
// properties, links to the exported files, and the same data as a table for
// screen readers and keyboard users.
type Figure struct {
	ID      string        // the figure's HTML id, "journey-<id>"
	Title   string        // the journey's title
	Persona string        // the journey's persona, or ""
	SVG     template.HTML // the map, drawn and escaped by this package
	Lanes   template.HTML // the lane-name column alone, to keep in view over the map
	Count   int           // stages in all
	// Print holds, when the map is too wide to print legibly, the same
	// map in parts of whole phases, each narrow enough for a landscape
	// page, that the theme prints instead of the map.
	Print   []template.HTML
	Base    string   // exports' file name without extension, path-escaped
	PNG     bool     // a .png export is written too
	Columns []string // the table's lane columns, after phase and stage
	Phases  []FigurePhase
	o       Options
}

// FigurePhase is a phase of the table: a group of rows.
type FigurePhase struct {
	Name   string
	Stages []FigureStage
}

// FigureStage is a row of the table: a stage and one cell per column.
type FigureStage struct {
	Name   string
	Anchor string // the stage's HTML id in the map
	Number int    // from 1, across phases
	Cells  [][]FigureItem
}

// FigureItem is one entry of a cell; Href is set for a linked irritant.
type FigureItem struct {
	Text, Href string
}

// T returns the UI string of key in the page's language, with {1}, {2}…
// replaced by args.
func (f *Figure) T(key string, args ...string) string { return f.o.tr(key, args...) }

// Figure returns the view of the journey that the theme renders. Its texts
// are cleaned of what XML forbids, as the drawing's are; the template
// escapes them.
func (j *Journey) Figure(o Options) *Figure {
	l := newLayout(j, o)
	d := &svg{themed: true}
	d.draw(l, j)
	lanes := &svg{themed: true}
	lanes.laneLabels(l)
	f := &Figure{
		Print:   j.printParts(l, o),
		ID:      domID(j.ID),
		Title:   clean(j.Title),
		Persona: clean(j.Persona),
		// The drawing escapes every text it writes (esc).
		SVG:   template.HTML(d.b.String()),
		Lanes: template.HTML(lanes.b.String()),
		Base:  url.PathEscape(j.baseName(o)),
		PNG:   o.PNG,
		o:     o,
	}
	used := j.used()
	// A compared map's table gives each stage's change of emotion after
	// its emotion.
	var was []*Stage
	if o.Current != nil {
		was = match(l.stages, o.Current)
	}
	for _, ln := range used {
		f.Columns = append(f.Columns, ln.label(o))
		if ln.kind == emotionLane && was != nil {
			f.Columns = append(f.Columns, o.tr("journey_delta_column"))
		}
	}
	for _, ph := range j.Phases {
		if len(ph.Stages) == 0 {
			continue
		}
		fp := FigurePhase{Name: clean(ph.Name)}
		for si := range ph.Stages {
			s := &ph.Stages[si]
			f.Count++
			fs := FigureStage{Name: clean(s.Name), Anchor: j.StageAnchor(s), Number: f.Count}
			for _, ln := range used {
				fs.Cells = append(fs.Cells, tableCell(ln, s, o))
				if ln.kind == emotionLane && was != nil {
					fs.Cells = append(fs.Cells, deltaCell(s, was[f.Count-1], o))
				}
			}
			fp.Stages = append(fp.Stages, fs)
		}
		f.Phases = append(f.Phases, fp)
	}
	return f
}

// tableCell is what a stage shows in the table under a lane.
func tableCell(ln *lane, s *Stage, o Options) []FigureItem {
	var items []FigureItem
	switch ln.kind {
	case emotionLane:
		if s.Emotion != nil {
			e := min(max(*s.Emotion, -2), 2)
			items = append(items, FigureItem{Text: o.tr("journey_emotion_cell", signed(e), emotionWord(o, e))})
		}
	case motLane:
		if s.MomentOfTruth {
			items = append(items, FigureItem{Text: o.tr("journey_yes")})
		}
	case irritantLane:
		for _, r := range s.Irritants {
			href, label := resolve(o, r.Text)
			items = append(items, FigureItem{Text: label, Href: href})
		}
	default:
		for _, t := range ln.texts(s, o) {
			items = append(items, FigureItem{Text: t})
		}
	}
	for i := range items {
		items[i].Text = clean(items[i].Text)
	}
	return items
}

// printWidth is the widest map that prints legibly on a landscape A4 page:
// about 1000 px between the page's and the theme's margins, at a scale
// that keeps the smallest text (11 px) over 6 pt (8 px), with some room.
const printWidth = 1000 * 11 / 8.5

// printParts splits a map wider than printWidth into maps of consecutive
// whole phases, each no wider; a phase too wide alone is split between its
// stages, each piece under the phase's name. nil when the map fits. Each
// part is drawn as a map of its own, lane names included.
func (j *Journey) printParts(l *layout, o Options) []template.HTML {
	if l.W <= printWidth {
		return nil
	}
	room := printWidth - (2*margin + labelW + labelGap) + colGap
	// Pieces of phases, each fitting, with their widths.
	type piece struct {
		phase Phase
		w     float64
	}
	var pieces []piece
	si := 0
	for _, ph := range j.Phases {
		cur := piece{phase: Phase{Name: ph.Name, Line: ph.Line}}
		for _, s := range ph.Stages {
			w := l.colW[si] + colGap
			si++
			if len(cur.phase.Stages) > 0 && cur.w+w > room {
				pieces = append(pieces, cur)
				cur = piece{phase: Phase{Name: ph.Name, Line: ph.Line}}
			}
			cur.phase.Stages = append(cur.phase.Stages, s)
			cur.w += w
		}
		pieces = append(pieces, cur)
	}
	var parts []template.HTML
	var group []Phase
	w := 0.0
	flush := func() {
		if len(group) == 0 {
			return
		}
		part := *j
		part.Phases = group
		d := &svg{themed: true, part: true}
		d.draw(newLayout(&part, o), &part)
		parts = append(parts, template.HTML(d.b.String()))
		group, w = nil, 0
	}
	for _, p := range pieces {
		if w+p.w > room {
			flush()
		}
		group = append(group, p.phase)
		w += p.w
	}
	flush()
	return parts
}
