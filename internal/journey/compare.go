package journey

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/parcours/parcours/internal/markdown"
)

// Compared is a target journey with the current one it improves, each
// with the options of its own page, for the exports that carry both states.
type Compared struct {
	Target, Current *Block
}

// used lists the lanes either journey fills, in the target's order.
func (c Compared) used() []*lane {
	var out []*lane
	for _, l := range c.Target.lanes() {
		if c.Target.some(l.filled) || c.Current.some(l.filled) {
			out = append(out, l)
		}
	}
	return out
}

// sheets are the target's table then the current's, with their states'
// names, under the same columns.
func (c Compared) sheets() []named {
	used := c.used()
	return []named{
		{c.Target.Options.tr("state_target"), c.Target.sheet(c.Target.Options, used)},
		{c.Current.Options.tr("state_current"), c.Current.sheet(c.Current.Options, used)},
	}
}

// CSV writes both journeys in one table, the target's stages first, each
// row's state in a first column.
func (c Compared) CSV(w io.Writer) error {
	sheets := c.sheets()
	rows := [][]string{append([]string{c.Target.Options.tr("journey_state")}, sheets[0].t.rows[0]...)}
	for _, sh := range sheets {
		for _, r := range sh.t.rows[1:] {
			rows = append(rows, append([]string{sh.name}, r...))
		}
	}
	return writeCSV(w, rows)
}

// XLSX writes a workbook of two sheets, the target journey and the
// current one.
func (c Compared) XLSX(w io.Writer) error {
	return writeXLSX(w, c.Target.Journey, c.Target.Options, c.sheets())
}

// Compare draws a target journey compared with cur, the current journey
// it improves (nil when its compares: resolves to none): its figure in
// res, the conversion of its page, is drawn again with the current curve
// and the deltas, and its exports follow Options.Current. The site's
// build calls it once the current journeys are known, which is after the
// pages are converted; compared again with the same journey, it does
// nothing.
func (b *Block) Compare(res *markdown.Result, cur *Journey) error {
	if b.Options.Current == cur {
		return nil
	}
	i := strings.Index(res.HTML, b.html)
	if b.html == "" || i < 0 {
		return fmt.Errorf("journey %s: its figure is not in the page", b.ID)
	}
	o := b.Options
	o.Current = cur
	html, err := b.render(b.Figure(o))
	if err != nil {
		return fmt.Errorf("render journey: %w", err)
	}
	res.HTML = res.HTML[:i] + string(html) + res.HTML[i+len(b.html):]
	b.Options, b.html = o, string(html)
	return nil
}

// match gives, for each stage of the map in order, the stage of cur it
// matches by Key (its id:, else its name's slug), or nil.
func match(stages []*Stage, cur *Journey) []*Stage {
	byKey := map[string]*Stage{}
	for pi := range cur.Phases {
		for si := range cur.Phases[pi].Stages {
			s := &cur.Phases[pi].Stages[si]
			byKey[s.Key] = s
		}
	}
	out := make([]*Stage, len(stages))
	for i, s := range stages {
		out[i] = byKey[s.Key]
	}
	return out
}

// delta is a stage's change of emotion from the current journey, as the
// map writes it under the curve.
type delta struct {
	n           int
	text, paint string
}

// compare gives a target map the current journey's emotions and the
// deltas, when it is compared with one.
func (l *layout) compare(cur *Journey) {
	if cur == nil {
		return
	}
	l.was = make([]*int, len(l.stages))
	l.deltas = make([]delta, len(l.stages))
	for si, c := range match(l.stages, cur) {
		if c == nil || c.Emotion == nil {
			continue
		}
		l.was[si] = c.Emotion
		if e := l.stages[si].Emotion; e != nil {
			l.deltas[si] = changeOf(l.o, *c.Emotion, *e)
		}
	}
}

// changeOf is the delta from emotion was to is: up, down or the same.
func changeOf(o Options, was, is int) delta {
	d := clampEmotion(is) - clampEmotion(was)
	switch {
	case d > 0:
		return delta{d, o.tr("journey_delta", signed(d)), "j-dot-good"}
	case d < 0:
		return delta{d, o.tr("journey_delta", signed(d)), "j-irr"}
	}
	return delta{d, o.tr("journey_delta_same"), "j-muted"}
}

func clampEmotion(e int) int { return min(max(e, -2), 2) }

// deltaRoom is the height the deltas take under the curve: none when no
// stage has one.
func (l *layout) deltaRoom() float64 {
	if slices.ContainsFunc(l.deltas, func(d delta) bool { return d.text != "" }) {
		return deltaLH
	}
	return 0
}

// emotionLevels gives the middle of emotion lane li's curve, above the
// deltas, and the height of each level in it.
func (l *layout) emotionLevels(li int) (float64, func(int) float64) {
	h := l.rowH[li] - l.deltaRoom()
	mid := l.rowY[li] + h/2
	step := (h - 2*emotionPad) / 4
	return mid, func(e int) float64 { return mid - float64(clampEmotion(e))*step }
}

// deltaCell is what the table says of a stage's change from the current
// journey, whose matching stage is was (nil for a new stage).
func deltaCell(s, was *Stage, o Options) []FigureItem {
	switch {
	case was == nil:
		return []FigureItem{{Text: o.tr("journey_delta_new")}}
	case s.Emotion == nil || was.Emotion == nil:
		return nil
	}
	e := clampEmotion(*was.Emotion)
	d := clampEmotion(*s.Emotion) - e
	return []FigureItem{{Text: o.tr("journey_delta_cell", signed(d), signed(e), emotionWord(o, e))}}
}

// describeDeltas is the sentence of the map's <desc> that gives each
// stage's change from the current journey; "" when there are none.
func describeDeltas(l *layout) string {
	var parts []string
	for si, d := range l.deltas {
		if d.text != "" {
			parts = append(parts, l.o.tr("journey_desc_delta_stage", l.stages[si].Name, signed(d.n)))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return l.o.tr("journey_desc_delta", strings.Join(parts, l.o.tr("journey_desc_delta_sep")))
}
