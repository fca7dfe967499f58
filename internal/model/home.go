package model

import (
	"cmp"
	"slices"

	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/journey"
	"github.com/parcours/parcours/internal/render"
)

// latest lists the n newest regular pages of kind k, for the home page.
func (s *Site) latest(k content.Kind, n int) []*content.Page {
	var items []*content.Page
	for _, p := range s.Regular {
		if p.Kind == k {
			items = append(items, p)
		}
	}
	s.ByDate(items)
	if len(items) > n {
		items = items[:n]
	}
	return items
}

// stageGroups lists, for each lifecycle stage of the config, the cases,
// guides and journeys whose scopes name it.
func (s *Site) stageGroups() []render.Group {
	var groups []render.Group
	scopes := s.taxonomy("scopes")
	for _, st := range s.Config.Stages {
		g := render.Group{Name: st}
		if scopes != nil {
			if term := scopes.Term(st); term != nil {
				g.URL = "/scopes/" + term.Slug + "/"
				for _, p := range term.Pages {
					if p.Kind == content.KindCase || p.Kind == content.KindGuide || p.Kind == content.KindJourney {
						g.Pages = append(g.Pages, p)
					}
				}
			}
		}
		g.Count = len(g.Pages)
		if len(g.Pages) > 4 {
			g.Pages = g.Pages[:4]
		}
		groups = append(groups, g)
	}
	return groups
}

// topIrritants lists the n irritants of highest severity, the most cited
// first among equals, then by title.
func (s *Site) topIrritants(n int) []*content.Page {
	cited := map[*content.Page]int{}
	var irritants []*content.Page
	for _, p := range s.Regular {
		if p.Kind == content.KindIrritant {
			irritants = append(irritants, p)
		}
		for _, irr := range s.Irritants[p] {
			cited[irr]++
		}
	}
	slices.SortStableFunc(irritants, func(a, b *content.Page) int {
		if c := cmp.Compare(b.Severity, a.Severity); c != 0 {
			return c
		}
		if c := cmp.Compare(cited[b], cited[a]); c != 0 {
			return c
		}
		return s.Order.Compare(a.Title, b.Title)
	})
	return irritants[:min(n, len(irritants))]
}

// featuredJourney is the latest journey page that draws a map, and the
// map's SVG file, which the page's folder holds (see build's exports).
func (s *Site) featuredJourney() (*content.Page, string) {
	journeys := s.latest(content.KindJourney, len(s.Regular))
	for _, p := range journeys {
		if res := s.Rendered[p]; res != nil {
			if js := journey.In(res); len(js) > 0 {
				return p, p.URL + js[0].ID + ".svg"
			}
		}
	}
	return nil, ""
}
