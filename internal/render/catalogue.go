package render

import (
	"strconv"

	"github.com/parcours/parcours/internal/content"
)

// Band is a priority's level for its colour: 3 from 16 (of 25), 2 from 9,
// else 1.
func Band(priority int) int {
	switch {
	case priority >= 16:
		return 3
	case priority >= 9:
		return 2
	}
	return 1
}

// Band is the irritant's priority level (see Band).
func (r Ranked) Band() int { return Band(r.Page.Priority()) }

// Sort is one order of the catalogue: by "priority", "severity" or
// "reach", and the page that lists the catalogue in that order, for
// readers without JavaScript.
type Sort struct {
	Key, URL string
	Current  bool
}

// Filter is what the catalogue filters by ("sector", "stage" or
// "severity") and the values it offers.
type Filter struct {
	Key     string
	Options []FilterOption
}

// FilterOption is a value of a filter: Value is what a card's data
// attribute holds (a slug, or a severity's number), URL the page listing
// the irritants that have it.
type FilterOption struct {
	Value, Label, URL string
	Count             int
}

// Chart is the catalogue's severity × frequency chart, laid out in SVG
// user units: severity across, frequency up, one square per pair, each
// irritant a bubble whose area grows with its reach.
type Chart struct {
	Width, Height int
	// Left, Top and Cell place the grid: square (s, f) has its top left
	// corner at Left+(s-1)×Cell, Top+(5-f)×Cell.
	Left, Top, Cell int
	Squares         []Square
	Ticks           []Tick
	// XAxis and YAxis place the axes' titles (their Label unset: the
	// theme names them).
	XAxis, YAxis Tick
	Bubbles      []Bubble
	// Unplotted counts the irritants without a severity or a frequency.
	Unplotted int
}

// Square is a (severity, frequency) square of the chart, shaded by the
// priority band of its product.
type Square struct {
	X, Y, Band int
}

// Tick is the label of a value on an axis, at X, Y.
type Tick struct {
	X, Y  int
	Label string
}

// Bubble is an irritant on the chart. Irritants sharing a square are set
// side by side within it, none covering another; Number is the
// irritant's place in the catalogue by priority, which its card shows too.
type Bubble struct {
	Page    *content.Page
	Number  int
	X, Y, R int
	Reach   Reach
}

// Band is the bubble's priority level (see Band).
func (b Bubble) Band() int { return Band(b.Page.Priority()) }

// LifecycleStages are the matrix's columns that are the site's lifecycle
// stages; OtherStages those that only some sectors have.
func (m *Matrix) LifecycleStages() []string { return m.Stages[:m.Lifecycle] }

// OtherStages: see LifecycleStages.
func (m *Matrix) OtherStages() []string { return m.Stages[m.Lifecycle:] }

// catalogue hashes the catalogue's controls and chart.
func (k *keyer) catalogue(v *View) {
	k.num(uint64(len(v.Sorts)))
	for _, s := range v.Sorts {
		k.str(s.Key, s.URL)
		k.bool(s.Current)
	}
	k.num(uint64(len(v.Filters)))
	for _, f := range v.Filters {
		k.str(f.Key)
		k.num(uint64(len(f.Options)))
		for _, o := range f.Options {
			k.str(o.Value, o.Label, o.URL)
			k.num(uint64(o.Count))
		}
	}
	if c := v.Chart; c != nil {
		k.num(uint64(c.Width), uint64(c.Height), uint64(c.Left), uint64(c.Top), uint64(c.Cell), uint64(c.Unplotted), uint64(len(c.Squares)))
		for _, s := range c.Squares {
			k.num(uint64(s.X), uint64(s.Y), uint64(s.Band))
		}
		k.num(uint64(len(c.Ticks)))
		for _, t := range append([]Tick{c.XAxis, c.YAxis}, c.Ticks...) {
			k.num(uint64(t.X), uint64(t.Y))
			k.str(t.Label)
		}
		k.num(uint64(len(c.Bubbles)))
		for _, b := range c.Bubbles {
			k.page(b.Page)
			k.num(uint64(b.Number), uint64(b.X), uint64(b.Y), uint64(b.R))
			k.reach(b.Reach)
		}
	}
}

func (k *keyer) bool(b bool) { k.str(strconv.FormatBool(b)) }
