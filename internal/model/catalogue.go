package model

import (
	"cmp"
	"slices"

	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/journey"
	"github.com/parcours/parcours/internal/render"
	"github.com/parcours/parcours/internal/slug"
)

// catalogue is the irritant catalogue: where each irritant appears, and the
// sector × stage matrix of the index page.
type catalogue struct {
	irritants   []*content.Page
	appearances map[*content.Page][]render.Appearance
	citedBy     map[*content.Page][]*content.Page
	// journeys are the journeys citing some irritant, in page order; the
	// heatmap's columns.
	journeys []render.JourneyRef
	reach    map[*content.Page]render.Reach
	// orders are the irritants in each of sortKeys' orders, places each
	// irritant's place in them, from 1; ranking is the first, by priority
	// (then severity, then reach).
	orders  [][]*content.Page
	places  map[*content.Page][]int
	ranking []*content.Page
	// entries are the irritants as the catalogue's cards show them.
	entries    map[*content.Page]render.Ranked
	bySeverity map[int][]*content.Page
	chart      *render.Chart
	sectors    []string
	stages     []string
	// lifecycle counts the stages, first in stages, that are the site's
	// lifecycle stages.
	lifecycle int
	// keys holds each irritant's sectors and stages as slugs, so matching
	// folds each value once rather than in every comparison.
	sectorKeys, stageKeys map[*content.Page]map[string]bool
	bySector, byStage     map[string][]*content.Page
}

// catalogue indexes the irritants from the journeys and frontmatter that
// cite them.
func (s *Site) catalogue() *catalogue {
	c := &catalogue{appearances: map[*content.Page][]render.Appearance{}, citedBy: map[*content.Page][]*content.Page{}}
	for _, p := range s.Regular {
		if p.Kind == content.KindIrritant {
			c.irritants = append(c.irritants, p)
		}
	}
	slices.SortStableFunc(c.irritants, func(a, b *content.Page) int { return s.Order.Compare(a.Title, b.Title) })
	byRef := s.irritantLookup()
	for _, p := range s.Regular {
		for _, irr := range s.Irritants[p] {
			if !slices.Contains(c.citedBy[irr], p) {
				c.citedBy[irr] = append(c.citedBy[irr], p)
			}
		}
		res := s.Rendered[p]
		if res == nil {
			continue
		}
		for _, j := range journey.In(res) {
			cites := false
			for _, ph := range j.Phases {
				for _, st := range ph.Stages {
					for _, ref := range st.Irritants {
						irr := byRef(ref.Text)
						if irr == nil {
							continue
						}
						cites = true
						c.appearances[irr] = append(c.appearances[irr], render.Appearance{
							Page: p, Anchor: j.StageAnchor(&st), JourneyAnchor: j.Anchor(), Journey: j.Title, Phase: ph.Name, Stage: st.Name,
						})
					}
				}
			}
			if cites {
				c.journeys = append(c.journeys, render.JourneyRef{Page: p, Anchor: j.Anchor(), Title: j.Title})
			}
		}
	}
	c.measure()
	c.sectors = ordered(nil, c.irritants, func(p *content.Page) []string { return p.Sectors })
	c.stages = ordered(s.Config.Stages, c.irritants, func(p *content.Page) []string { return p.Stages })
	lifecycle := map[string]bool{}
	for _, st := range s.Config.Stages {
		lifecycle[slug.Make(st)] = true
	}
	for c.lifecycle < len(c.stages) && lifecycle[slug.Make(c.stages[c.lifecycle])] {
		c.lifecycle++
	}
	c.sectorKeys, c.bySector = keyed(c.irritants, func(p *content.Page) []string { return p.Sectors })
	c.stageKeys, c.byStage = keyed(c.irritants, func(p *content.Page) []string { return p.Stages })
	c.order()
	c.bySeverity = map[int][]*content.Page{}
	for _, p := range c.ranking {
		c.bySeverity[p.Severity] = append(c.bySeverity[p.Severity], p)
	}
	c.chart = chart(c.ranking, c.reach)
	return c
}

// measure counts each irritant's reach: the journeys, stages and pages
// citing it.
func (c *catalogue) measure() {
	c.reach = make(map[*content.Page]render.Reach, len(c.irritants))
	type journey struct {
		page   *content.Page
		anchor string
	}
	for _, p := range c.irritants {
		r := render.Reach{Pages: len(c.citedBy[p]), Stages: len(c.appearances[p])}
		journeys := map[journey]bool{}
		for _, a := range c.appearances[p] {
			journeys[journey{a.Page, a.JourneyAnchor}] = true
		}
		r.Journeys = len(journeys)
		c.reach[p] = r
	}
}

// heatmap crosses the ranked irritants cited in journeys with those
// journeys.
func (c *catalogue) heatmap() *render.Heatmap {
	if len(c.journeys) == 0 {
		return nil
	}
	h := &render.Heatmap{Journeys: c.journeys}
	for _, p := range c.ranking {
		if len(c.appearances[p]) == 0 {
			continue
		}
		row := render.HeatRow{Page: p, Cells: make([]render.HeatCell, len(c.journeys))}
		for i, j := range c.journeys {
			cell := &row.Cells[i]
			for _, a := range c.appearances[p] {
				if a.Page == j.Page && a.JourneyAnchor == j.Anchor {
					if cell.Count == 0 {
						// The cell leads to the first stage citing it.
						cell.Anchor = a.Anchor
					}
					cell.Count++
					cell.Stages = append(cell.Stages, a.Stage)
				}
			}
		}
		h.Rows = append(h.Rows, row)
	}
	return h
}

// keyed indexes pages by the slugs of some of their values, both ways.
func keyed(pages []*content.Page, values func(*content.Page) []string) (map[*content.Page]map[string]bool, map[string][]*content.Page) {
	keys := map[*content.Page]map[string]bool{}
	pagesOf := map[string][]*content.Page{}
	slugOf := slug.Memo{}.Make
	for _, p := range pages {
		set := map[string]bool{}
		for _, v := range values(p) {
			k := slugOf(v)
			if !set[k] {
				set[k] = true
				pagesOf[k] = append(pagesOf[k], p)
			}
		}
		keys[p] = set
	}
	return keys, pagesOf
}

// irritantLookup finds an irritant page by slug or folded title, as the
// resolver did when the journey was rendered.
func (s *Site) irritantLookup() func(string) *content.Page {
	bySlug, byTitle := map[string]*content.Page{}, map[string]*content.Page{}
	for _, p := range s.Regular {
		if p.Kind == content.KindIrritant {
			bySlug[p.Slug] = p
			byTitle[slug.Fold(p.Title)] = p
		}
	}
	return func(ref string) *content.Page {
		if p, ok := bySlug[ref]; ok {
			return p
		}
		if p, ok := byTitle[slug.Fold(ref)]; ok {
			return p
		}
		return bySlug[slug.Make(ref)]
	}
}

// ordered lists values in the order of first (the config's stages), then
// the others in first-seen order.
func ordered(first []string, pages []*content.Page, values func(*content.Page) []string) []string {
	slugOf := slug.Memo{}.Make
	seen := map[string]bool{}
	var out []string
	present := map[string]bool{}
	for _, p := range pages {
		for _, v := range values(p) {
			present[slugOf(v)] = true
		}
	}
	for _, v := range first {
		if k := slugOf(v); present[k] && !seen[k] {
			seen[k] = true
			out = append(out, v)
		}
	}
	for _, p := range pages {
		for _, v := range values(p) {
			if k := slugOf(v); !seen[k] {
				seen[k] = true
				out = append(out, v)
			}
		}
	}
	return out
}

// fill adds an irritant page's appearances and related irritants.
func (c *catalogue) fill(v *render.View, p *content.Page) {
	v.Appearances = c.appearances[p]
	v.CitedBy = c.citedBy[p]
	v.Reach = c.reach[p]
	// The first eight in catalogue order that share a stage or a sector:
	// a scan that usually stops early, where collecting every related
	// irritant first cost a tenth of a rebuild on a large site.
	shares := func(a, b map[string]bool) bool {
		for k := range a {
			if b[k] {
				return true
			}
		}
		return false
	}
	for _, q := range c.irritants {
		if q != p && (shares(c.stageKeys[p], c.stageKeys[q]) || shares(c.sectorKeys[p], c.sectorKeys[q])) {
			v.Related = append(v.Related, q)
			if len(v.Related) == 8 {
				break
			}
		}
	}
}

// cell lists the irritants of one sector and stage.
func (c *catalogue) cell(sector, stage string) []*content.Page {
	var out []*content.Page
	st := slug.Make(stage)
	for _, p := range c.bySector[slug.Make(sector)] {
		if c.stageKeys[p][st] {
			out = append(out, p)
		}
	}
	return out
}

// cellURL is the page listing the irritants of one sector and stage.
func cellURL(sector, stage string) string {
	return "/irritants/matrix/" + slug.Make(sector) + "/" + slug.Make(stage) + "/"
}

// fillIndex adds the groups and the matrix of the catalogue's index.
func (c *catalogue) fillIndex(v *render.View) {
	group := func(keys []string, pagesOf map[string][]*content.Page) []render.Group {
		var out []render.Group
		for _, k := range keys {
			out = append(out, render.Group{Name: k, URL: "group-" + slug.Make(k), Pages: pagesOf[slug.Make(k)]})
		}
		return out
	}
	v.BySector = group(c.sectors, c.bySector)
	v.ByStage = group(c.stages, c.byStage)
	v.Heatmap = c.heatmap()
	if len(c.sectors) == 0 || len(c.stages) == 0 {
		return
	}
	m := &render.Matrix{Sectors: c.sectors, Stages: c.stages, Lifecycle: c.lifecycle}
	for _, se := range c.sectors {
		row := make([]render.Cell, len(c.stages))
		for i, st := range c.stages {
			row[i].Count = len(c.cell(se, st))
			if row[i].Count > 0 {
				row[i].URL = cellURL(se, st)
			}
		}
		m.Cells = append(m.Cells, row)
	}
	v.Matrix = m
}

// cellOutputs lists one page per non-empty cell of the matrix.
func (c *catalogue) cellOutputs(s *Site, rs *render.Site) []Output {
	var outs []Output
	for _, se := range c.sectors {
		for _, st := range c.stages {
			items := c.cell(se, st)
			if len(items) == 0 {
				continue
			}
			slices.SortStableFunc(items, func(a, b *content.Page) int { return cmp.Compare(c.places[a][0], c.places[b][0]) })
			title := s.T(s.Config.Language, "matrix_cell") + " · " + se + " × " + st
			outs = append(outs, c.list(s, rs, "matrix-cell", cellURL(se, st), title, items)...)
		}
	}
	return outs
}
