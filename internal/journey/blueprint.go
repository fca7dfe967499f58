package journey

// The service blueprint (Shostack, then Bitner) puts what the organisation
// does under what the customer does, split by three lines: the line of
// interaction (the customer meets the front stage), the line of visibility
// (what the customer does not see) and the line of internal interaction
// (the support teams and systems). Its lanes are stage fields like the
// others, drawn after the customer's lanes; this file draws its lines.

// blueprintLines are the lines, each drawn at the top of the first lane
// drawn of those it has below it, when some lane is drawn above it.
var blueprintLines = []struct {
	label string
	below []string
}{
	{"Ligne d'interaction", []string{"frontstage", "backstage", "support"}},
	{"Ligne de visibilité", []string{"backstage", "support"}},
	{"Ligne d'interaction interne", []string{"support"}},
}

const (
	lineSize = 9.5  // font size of a line's name
	lineTagH = 13.0 // height of the tag naming a line, within the padding of the rows it separates
)

// blueprintRows returns, for each blueprint line drawn, the index of the
// lane under it; two lines that would fall on one row boundary are drawn
// once, under the first one's name.
func (l *layout) blueprintRows() map[int]string {
	out := map[int]string{}
	for _, bl := range blueprintLines {
		for li, ln := range l.lanes {
			if !contains(bl.below, ln.key) {
				continue
			}
			if _, taken := out[li]; !taken && li > 0 {
				out[li] = bl.label
			}
			break
		}
	}
	return out
}
