package build

import (
	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/journey"
	"github.com/parcours/parcours/internal/links"
	"github.com/parcours/parcours/internal/markdown"
)

// resolveRelieved checks the irritants an opportunity says it relieves, in
// the stages of a page's journeys and in an irritant's remedies, as stage
// irritants are checked.
func resolveRelieved(r *links.Resolver, p *content.Page, res *markdown.Result) []diag.Diagnostic {
	var ds []diag.Diagnostic
	check := func(os []content.Opportunity) {
		for _, o := range os {
			for _, ref := range o.Irritants {
				if _, _, err := r.Irritant(ref.Text, markdown.Pos{Line: ref.Line, Col: ref.Col}); err != nil {
					ds = append(ds, diag.At(p.Path, ref.Line, ref.Col, "irritants: %v", err))
				}
			}
		}
	}
	check(p.Remedies)
	for _, j := range journey.In(res) {
		for _, ph := range j.Phases {
			for _, st := range ph.Stages {
				check(st.Opportunities)
			}
		}
	}
	return ds
}
