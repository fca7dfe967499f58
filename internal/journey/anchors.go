package journey

import (
	"fmt"
	"strings"
	"unicode"
)

// Anchor is the HTML id of the journey's figure, which links, search
// results and irritant pages point at.
func (j *Journey) Anchor() string { return domID(j.ID) }

// Anchors are the HTML ids of the journey: its figure's, then its stages'.
func (j *Journey) Anchors() []string {
	out := []string{j.Anchor()}
	for pi := range j.Phases {
		for si := range j.Phases[pi].Stages {
			out = append(out, j.StageAnchor(&j.Phases[pi].Stages[si]))
		}
	}
	return out
}

// StageAnchor is the HTML id of a stage of the journey,
// "<journey-id>--<stage key>", which every link to the stage uses. Heading
// IDs never hold "--", so a stage anchor cannot be a heading's.
func (j *Journey) StageAnchor(s *Stage) string { return idPart(j.ID) + "--" + s.Key }

// domID turns a journey ID into an HTML id: "journey-" and the ID itself
// when it is a slug, which is what other pages link to. Other characters
// become _<hex>_, so that the result stays unique and suffixes such as
// "_title" cannot collide with another journey's id.
func domID(s string) string { return "journey-" + idPart(s) }

func idPart(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' {
			b.WriteRune(r)
		} else {
			fmt.Fprintf(&b, "_%x_", r)
		}
	}
	return b.String()
}
