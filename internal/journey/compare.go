package journey

import "io"

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
