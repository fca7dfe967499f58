package model

import (
	"bytes"
	"cmp"
	"slices"
	"strings"

	"github.com/parcours/parcours/internal/collation"
	"github.com/parcours/parcours/internal/content"
)

// ByDate sorts pages newest first, then by weight, then by title in the
// order o gives.
func ByDate(pages []*content.Page, o *collation.Order) {
	// Each title's key is looked up once, not at each comparison, and
	// the order is total (two pages never share a Rel): an unstable sort
	// gives the one result.
	type keyed struct {
		p   *content.Page
		key []byte
	}
	ks := make([]keyed, len(pages))
	for i, p := range pages {
		ks[i].p = p
		if o != nil {
			ks[i].key = o.Key(p.Title)
		}
	}
	slices.SortFunc(ks, func(x, y keyed) int {
		a, b := x.p, y.p
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Weight, b.Weight); c != 0 {
			return c
		}
		if c := bytes.Compare(x.key, y.key); c != 0 {
			return c
		}
		return cmp.Or(strings.Compare(a.Title, b.Title), strings.Compare(a.Rel, b.Rel))
	})
	for i, k := range ks {
		pages[i] = k.p
	}
}

// ByDate sorts pages as the package function does, comparing the place
// of each in the site's order of all its regular pages: that order is
// total (two pages never share a Rel), so a share of the pages sorts the
// same either way.
func (s *Site) ByDate(pages []*content.Page) {
	s.dateRankOnce.Do(func() {
		all := slices.Clone(s.Regular)
		ByDate(all, s.Order)
		s.dateRank = make(map[*content.Page]int, len(all))
		for i, p := range all {
			s.dateRank[p] = i
		}
	})
	// Each page's place is looked up once, not at each comparison.
	type ranked struct {
		p    *content.Page
		rank int
	}
	rs := make([]ranked, len(pages))
	for i, p := range pages {
		r, ok := s.dateRank[p]
		if !ok {
			ByDate(pages, s.Order)
			return
		}
		rs[i] = ranked{p, r}
	}
	slices.SortFunc(rs, func(a, b ranked) int { return cmp.Compare(a.rank, b.rank) })
	for i, r := range rs {
		pages[i] = r.p
	}
}
