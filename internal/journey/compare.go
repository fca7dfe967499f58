package journey

import "io"

// Compared is a target journey with the current one it improves, for the
// exports that carry both states.
type Compared struct {
	Target, Current *Journey
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

func (c Compared) states() []state {
	return []state{{name: "Cible", j: c.Target}, {name: "Actuel", j: c.Current}}
}

// CSV writes both journeys in one table, the target's stages first, each
// row's state in a first column.
func (c Compared) CSV(w io.Writer) error { return writeCSV(w, c.used(), c.states()) }

// XLSX writes a workbook of two sheets, the target journey and the
// current one.
func (c Compared) XLSX(w io.Writer) error { return writeXLSX(w, c.Target, c.used(), c.states()) }
