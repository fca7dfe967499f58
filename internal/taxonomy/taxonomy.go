// Package taxonomy groups pages by the terms of the site's taxonomies
// (scopes, tools, sectors, tags, clients by default).
//
// A term's slug folds accents and punctuation (Équipe & Planification →
// equipe-planification); spellings that fold to the same slug are one term,
// shown with the first spelling met in page order. Slugs are made by
// slug.Make, so a term such as ../../etc becomes "etc" and never a path.
package taxonomy

import (
	"slices"
	"strings"

	"github.com/parcours/parcours/internal/collation"
	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/slug"
)

// Term is one value of a taxonomy and the pages that carry it.
type Term struct {
	Name, Slug string
	Pages      []*content.Page
}

// Taxonomy is one classification with its terms, sorted by name.
type Taxonomy struct {
	Name  string
	Terms []*Term
	// bySlug finds a term of this taxonomy; byName finds it by a spelling
	// seen in the pages without slugging it again.
	bySlug, byName map[string]*Term
}

// Term returns the term with this name or slug, or nil.
func (t *Taxonomy) Term(name string) *Term {
	if term, ok := t.byName[name]; ok {
		return term
	}
	return t.bySlug[slug.Make(name)]
}

// Build collects the terms of each taxonomy over pages, which must be in a
// stable order, and sorts them by name in the order o gives. A term with no
// letter or digit cannot have a page and is reported at the field's line.
func Build(names []string, pages []*content.Page, o *collation.Order, list *diag.List) []*Taxonomy {
	var out []*Taxonomy
	// Pages repeat the same few terms thousands of times: slug each
	// spelling once.
	slugOf := slug.Memo{}.Make
	for _, name := range names {
		t := &Taxonomy{Name: name, bySlug: map[string]*Term{}, byName: map[string]*Term{}}
		for _, p := range pages {
			seen := map[string]bool{}
			for _, v := range p.Terms(name) {
				s := slugOf(v)
				if s == "" {
					field := name
					if _, ok := p.FieldLine[field]; !ok && name == "sectors" {
						field = "sector"
					}
					list.Addf(p.Path, p.FieldLine[field], 1, "%s: term %q has no letter or digit, so it cannot have a page; write a word", name, v)
					continue
				}
				if seen[s] {
					continue
				}
				seen[s] = true
				term, ok := t.bySlug[s]
				if !ok {
					term = &Term{Name: v, Slug: s}
					t.bySlug[s] = term
					t.Terms = append(t.Terms, term)
				}
				term.Pages = append(term.Pages, p)
				t.byName[v] = term
			}
		}
		slices.SortStableFunc(t.Terms, func(a, b *Term) int {
			if c := o.Compare(a.Name, b.Name); c != 0 {
				return c
			}
			return strings.Compare(a.Slug, b.Slug)
		})
		out = append(out, t)
	}
	return out
}
