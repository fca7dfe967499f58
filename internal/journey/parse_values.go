package journey

import (
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/parcours/parcours/internal/content"
)

// nodes reads the items of the lanes whose entries may be maps, at their
// positions in the Markdown file, counting values as the rest of the block.
func (p *parser) nodes() content.Nodes {
	return content.Nodes{
		Err:   p.err,
		Pos:   func(n *yaml.Node) (int, int) { r := p.ref(n); return r.Line, r.Col },
		Deref: p.deref,
	}
}

// ref is a scalar's text at its position in the Markdown file.
func (p *parser) ref(n *yaml.Node) Ref {
	return Ref{Text: strings.TrimSpace(n.Value), Line: p.firstLine + n.Line - 1, Col: p.colOffset + n.Column}
}

func (p *parser) emotion(v *yaml.Node) *int {
	if isNull(v) {
		return nil
	}
	if v.Kind == yaml.ScalarNode && v.Tag == "!!int" {
		var e int
		if err := v.Decode(&e); err == nil && e >= -2 && e <= 2 {
			return &e
		}
	}
	p.err(v, "emotion must be an integer from -2 to 2, got %s", content.Shown(v))
	return nil
}
