package model

import (
	"slices"

	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/journey"
	"github.com/parcours/parcours/internal/render"
)

// Personas are the persona pages a page names: its frontmatter's, and each
// of its journey blocks' in order (the block's own, else the page's); nil
// where the persona is written in free text.
type Personas struct {
	Page     *content.Page
	Journeys []*content.Page
}

// cast lists each persona page once, the page's first: what the page's
// persona card shows.
func (ps Personas) cast() []*content.Page {
	var out []*content.Page
	for _, p := range append([]*content.Page{ps.Page}, ps.Journeys...) {
		if p != nil && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// personaIndex holds, for each persona page, the journeys that name it and
// the irritants met along them, highest priority first.
type personaIndex struct {
	journeys map[*content.Page][]render.JourneyRef
	met      map[*content.Page][]*content.Page
}

// personaIndex follows the pages in order, so that a persona page lists
// its journeys and irritants the same way in every build.
func (s *Site) personaIndex(irritant func(string) *content.Page) *personaIndex {
	x := &personaIndex{journeys: map[*content.Page][]render.JourneyRef{}, met: map[*content.Page][]*content.Page{}}
	for _, p := range s.Regular {
		ps, ok := s.Personas[p]
		if !ok {
			continue
		}
		res := s.Rendered[p]
		if res == nil || len(journey.In(res)) == 0 {
			if ps.Page != nil {
				x.journeys[ps.Page] = append(x.journeys[ps.Page], render.JourneyRef{Page: p, Title: p.Title})
			}
			continue
		}
		for i, j := range journey.In(res) {
			if i >= len(ps.Journeys) || ps.Journeys[i] == nil {
				continue
			}
			per := ps.Journeys[i]
			x.journeys[per] = append(x.journeys[per], render.JourneyRef{Page: p, Anchor: j.Anchor(), Title: j.Title})
			for _, ph := range j.Phases {
				for _, st := range ph.Stages {
					for _, ref := range st.Irritants {
						if irr := irritant(ref.Text); irr != nil && !slices.Contains(x.met[per], irr) {
							x.met[per] = append(x.met[per], irr)
						}
					}
				}
			}
		}
	}
	for _, met := range x.met {
		slices.SortStableFunc(met, func(a, b *content.Page) int { return b.Priority() - a.Priority() })
	}
	return x
}

// fill adds a persona page's journeys and the irritants met along them.
func (x *personaIndex) fill(v *render.View, p *content.Page) {
	v.Journeys = x.journeys[p]
	v.Met = x.met[p]
}
