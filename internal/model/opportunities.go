package model

import (
	"cmp"
	"slices"
	"strings"

	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/journey"
	"github.com/parcours/parcours/internal/render"
)

// quadrants is the order of the opportunities page: the quick wins first,
// the opportunities not scored last. The first four draw a 2 × 2 chart,
// high impact on the top row, low effort in the left column.
var quadrants = []string{"quick-win", "big-bet", "fill-in", "thankless", ""}

// opportunities gathers the opportunities of every journey stage and the
// remedies of every irritant, by quadrant of impact × effort, each
// quadrant by impact (highest first) then effort (lowest first).
func (s *Site) opportunities(irritant func(string) *content.Page) []render.OpportunityGroup {
	var all []render.OpportunityRef
	add := func(o content.Opportunity, p *content.Page, anchor, where string) {
		ref := render.OpportunityRef{Opportunity: o, Page: p, Anchor: anchor, Where: where}
		for _, r := range o.Irritants {
			if irr := irritant(r.Text); irr != nil && !slices.Contains(ref.Relieves, irr) {
				ref.Relieves = append(ref.Relieves, irr)
			}
		}
		all = append(all, ref)
	}
	for _, p := range s.Regular {
		for _, o := range p.Remedies {
			add(o, p, "", "")
		}
		res := s.Rendered[p]
		if res == nil {
			continue
		}
		for _, j := range journey.In(res) {
			for _, ph := range j.Phases {
				for _, st := range ph.Stages {
					for _, o := range st.Opportunities {
						add(o, p, j.StageAnchor(&st), j.Title+" › "+ph.Name+" › "+st.Name)
					}
				}
			}
		}
	}
	if len(all) == 0 {
		return nil
	}
	slices.SortStableFunc(all, func(a, b render.OpportunityRef) int {
		return cmp.Or(
			cmp.Compare(slices.Index(quadrants, a.Quadrant()), slices.Index(quadrants, b.Quadrant())),
			cmp.Compare(b.Impact, a.Impact),
			cmp.Compare(a.Effort, b.Effort),
			strings.Compare(a.Text, b.Text),
		)
	})
	// The four quadrants are all given as soon as one opportunity is
	// scored, so that the chart keeps its shape; the group of those not
	// scored only when there are some.
	groups := make([]render.OpportunityGroup, len(quadrants))
	for i, q := range quadrants {
		groups[i].Quadrant = q
	}
	for _, o := range all {
		i := slices.Index(quadrants, o.Quadrant())
		groups[i].Items = append(groups[i].Items, o)
	}
	last := len(quadrants) - 1
	switch len(groups[last].Items) {
	case 0:
		return groups[:last]
	case len(all):
		return groups[last:]
	}
	return groups
}
