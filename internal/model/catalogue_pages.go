package model

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/render"
	"github.com/parcours/parcours/internal/slug"
)

// catalogueURL is the irritant catalogue's index; its other orders and
// its filtered lists are pages under it.
const catalogueURL = "/irritants/"

// sortKeys are the catalogue's orders, the index's own first: each has a
// page of its own, so that sorting works without JavaScript.
var sortKeys = []string{"priority", "severity", "reach"}

// sortURL is the page listing the catalogue in the order key.
func sortURL(key string) string {
	if key == sortKeys[0] {
		return catalogueURL
	}
	return catalogueURL + "sort/" + key + "/"
}

// order sorts the irritants in each of sortKeys' orders, and notes each
// irritant's place in each; the ranking (by priority) is the first.
func (c *catalogue) order() {
	total := func(p *content.Page) int { return c.reach[p].Total() }
	orders := []func(a, b *content.Page) int{
		func(a, b *content.Page) int {
			return cmp.Or(cmp.Compare(b.Priority(), a.Priority()), cmp.Compare(b.Severity, a.Severity), cmp.Compare(total(b), total(a)))
		},
		func(a, b *content.Page) int {
			return cmp.Or(cmp.Compare(b.Severity, a.Severity), cmp.Compare(b.Priority(), a.Priority()), cmp.Compare(total(b), total(a)))
		},
		func(a, b *content.Page) int {
			return cmp.Or(cmp.Compare(total(b), total(a)), cmp.Compare(b.Priority(), a.Priority()), cmp.Compare(b.Severity, a.Severity))
		},
	}
	c.places = make(map[*content.Page][]int, len(c.irritants))
	for _, p := range c.irritants {
		c.places[p] = make([]int, len(orders))
	}
	c.orders = make([][]*content.Page, len(orders))
	for i, by := range orders {
		// Ties keep the catalogue's alphabetical order.
		o := slices.Clone(c.irritants)
		slices.SortStableFunc(o, by)
		for n, p := range o {
			c.places[p][i] = n + 1
		}
		c.orders[i] = o
	}
	c.ranking = c.orders[0]
	slugOf := slug.Memo{}.Make
	c.entries = make(map[*content.Page]render.Ranked, len(c.irritants))
	for _, p := range c.irritants {
		r := render.Ranked{Page: p, Reach: c.reach[p], Places: c.places[p]}
		for _, v := range p.Sectors {
			r.Sectors = append(r.Sectors, slugOf(v))
		}
		for _, v := range p.Stages {
			r.Stages = append(r.Stages, slugOf(v))
		}
		c.entries[p] = r
	}
}

// ranked returns the entries of pages, in the order of the ranking.
func (c *catalogue) ranked(pages []*content.Page) []render.Ranked {
	out := make([]render.Ranked, 0, len(pages))
	for _, p := range pages {
		out = append(out, c.entries[p])
	}
	slices.SortStableFunc(out, func(a, b render.Ranked) int { return cmp.Compare(a.Places[0], b.Places[0]) })
	return out
}

// filters lists what the catalogue filters by, each value with the page
// of the irritants that have it: sectors and stages in the catalogue's
// order, severities from the gravest.
func (c *catalogue) filters(label func(key string) string) []render.Filter {
	option := func(kind, value, name string, pages []*content.Page) render.FilterOption {
		return render.FilterOption{Value: value, Label: name, URL: catalogueURL + kind + "/" + value + "/", Count: len(pages)}
	}
	sectors := render.Filter{Key: "sector"}
	for _, v := range c.sectors {
		sectors.Options = append(sectors.Options, option("sector", slug.Make(v), v, c.bySector[slug.Make(v)]))
	}
	stages := render.Filter{Key: "stage"}
	for _, v := range c.stages {
		stages.Options = append(stages.Options, option("stage", slug.Make(v), v, c.byStage[slug.Make(v)]))
	}
	severities := render.Filter{Key: "severity"}
	for n := 5; n >= 1; n-- {
		if pages := c.bySeverity[n]; len(pages) > 0 {
			severities.Options = append(severities.Options, option("severity", strconv.Itoa(n), label("severity_"+strconv.Itoa(n)), pages))
		}
	}
	var out []render.Filter
	for _, f := range []render.Filter{sectors, stages, severities} {
		if len(f.Options) > 0 {
			out = append(out, f)
		}
	}
	return out
}

// indexOutputs lists the catalogue's index in each of its orders; the
// other orders are the same page sorted otherwise, left out of search
// engines.
func (c *catalogue) indexOutputs(s *Site, rs *render.Site, sec *content.Page) []Output {
	var outs []Output
	for i, key := range sortKeys {
		v := s.View(rs, sec, "section", sortURL(key), sec.Title)
		c.fillIndex(v)
		v.NoIndex = i > 0
		if i > 0 {
			// The same list in another order still tells engines it is
			// another page.
			v.Description += " " + strings.ReplaceAll(s.T(v.Lang, "sorted_by"), "{label}", s.T(v.Lang, "sort_"+key)) + "."
		}
		for _, o := range c.orders[i] {
			v.Ranking = append(v.Ranking, c.entries[o])
		}
		for _, k := range sortKeys {
			v.Sorts = append(v.Sorts, render.Sort{Key: k, URL: sortURL(k), Current: k == key})
		}
		v.Filters = c.filters(func(k string) string { return s.T(v.Lang, k) })
		v.Chart = c.chart
		outs = append(outs, Output{Name: OutName(v.Path), Src: pagePath(sec), Layout: "irritants.html", View: v})
	}
	return outs
}

// filterOutputs lists a page per value of each filter, for readers
// without JavaScript: the irritants of one sector, one stage or one
// severity, by priority.
func (c *catalogue) filterOutputs(s *Site, rs *render.Site) []Output {
	var outs []Output
	for _, f := range c.filters(func(k string) string { return s.T(s.Config.Language, k) }) {
		for _, o := range f.Options {
			var pages []*content.Page
			for _, p := range c.ranking {
				if c.has(p, f.Key, o.Value) {
					pages = append(pages, p)
				}
			}
			name := o.Label
			if f.Key == "severity" {
				name = s.T(s.Config.Language, "severity") + " " + o.Value + "/5 · " + o.Label
			}
			outs = append(outs, c.list(s, rs, "irritant-filter", o.URL, s.T(s.Config.Language, "matrix_cell")+" · "+name, pages)...)
		}
	}
	return outs
}

// has reports whether irritant p has the value of a filter.
func (c *catalogue) has(p *content.Page, filter, value string) bool {
	switch filter {
	case "sector":
		return c.sectorKeys[p][value]
	case "stage":
		return c.stageKeys[p][value]
	}
	return strconv.Itoa(p.Severity) == value
}

// list lays out a list of irritants (a matrix cell, a filter) as cards
// with their scores; search engines are sent to the catalogue and the
// irritants' own pages instead.
func (c *catalogue) list(s *Site, rs *render.Site, kind, url, title string, pages []*content.Page) []Output {
	outs := s.paginate(rs, nil, kind, url, title, pages, "irritant-list.html")
	for _, o := range outs {
		o.View.NoIndex = true
		o.View.Ranking = c.ranked(o.View.Items)
	}
	return outs
}
