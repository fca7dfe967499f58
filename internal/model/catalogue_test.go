package model

import (
	"fmt"
	"slices"
	"testing"

	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/render"
)

// irritant makes an irritant page with its scores.
func irritant(slug string, severity, frequency int, sectors, stages []string) *content.Page {
	return &content.Page{Kind: content.KindIrritant, URL: "/irritants/" + slug + "/", Slug: slug, Title: slug, Section: "irritants",
		Severity: severity, Frequency: frequency, Sectors: sectors, Stages: stages}
}

// catalogueSite has irritants whose priority, severity and reach each
// order them differently, cited by cases to give them their reach.
func catalogueSite() *Site {
	bank, energy := []string{"Banque"}, []string{"Énergie"}
	irritants := []*content.Page{
		irritant("attente", 2, 5, bank, []string{"Onboarding"}),         // priority 10, cited 3 times
		irritant("bug", 5, 1, energy, []string{"Achat"}),                // priority 5, the gravest
		irritant("coupure", 4, 4, bank, []string{"Achat", "Rétention"}), // priority 16
		irritant("delai", 3, 3, append(bank, "Énergie"), []string{"Livraison"}),
		irritant("erreur", 0, 0, energy, nil), // unscored
	}
	pages := slices.Clone(irritants)
	cited := map[*content.Page][]*content.Page{}
	for i, n := range []int{3, 0, 1, 2, 0} {
		for range n {
			c := page(fmt.Sprintf("/cases/c%d-%d/", i, len(cited)), "Cas", 1)
			cited[c] = []*content.Page{irritants[i]}
			pages = append(pages, c)
		}
	}
	s := testSite(pages...)
	s.Irritants = cited
	return s
}

func TestCatalogueOrders(t *testing.T) {
	v := views(catalogueSite())
	tests := []struct {
		url  string
		want []string
	}{
		// Priority, then severity, then reach; the unscored last.
		{"/irritants/", []string{"coupure", "attente", "delai", "bug", "erreur"}},
		{"/irritants/sort/severity/", []string{"bug", "coupure", "delai", "attente", "erreur"}},
		// Reach, then priority: bug before erreur, both uncited.
		{"/irritants/sort/reach/", []string{"attente", "delai", "coupure", "bug", "erreur"}},
	}
	for i, tt := range tests {
		view := v[tt.url]
		if view == nil {
			t.Fatalf("no page %s", tt.url)
		}
		var got []string
		for n, r := range view.Ranking {
			got = append(got, r.Page.Slug)
			// The place the script sorts by is the place on this page.
			if r.Places[i] != n+1 {
				t.Errorf("%s: %s is card %d but its place in this order is %d", tt.url, r.Page.Slug, n+1, r.Places[i])
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s lists %v, want %v", tt.url, got, tt.want)
		}
		var current []string
		for _, s := range view.Sorts {
			if s.Current {
				current = append(current, s.URL)
			}
		}
		if !slices.Equal(current, []string{tt.url}) || view.NoIndex != (i > 0) {
			t.Errorf("%s: sort links mark %v as current, noindex %v", tt.url, current, view.NoIndex)
		}
	}
}

func TestCatalogueFilters(t *testing.T) {
	v := views(catalogueSite())
	options := map[string]render.FilterOption{}
	for _, f := range v["/irritants/"].Filters {
		for _, o := range f.Options {
			options[f.Key+"="+o.Value] = o
		}
	}
	tests := []struct {
		filter, label string
		want          []string // the filter page's cards, by priority
	}{
		{"sector=banque", "Banque", []string{"coupure", "attente", "delai"}},
		{"sector=energie", "Énergie", []string{"delai", "bug", "erreur"}},
		{"stage=achat", "Achat", []string{"coupure", "bug"}},
		{"stage=livraison", "Livraison", []string{"delai"}},
		{"severity=5", "severity_5", []string{"bug"}},
		{"severity=4", "severity_4", []string{"coupure"}},
	}
	for _, tt := range tests {
		o, ok := options[tt.filter]
		if !ok {
			t.Errorf("no filter %s among %v", tt.filter, options)
			continue
		}
		page := v[o.URL]
		if page == nil {
			t.Errorf("filter %s leads to %s, which is no page", tt.filter, o.URL)
			continue
		}
		var got []string
		for _, r := range page.Ranking {
			got = append(got, r.Page.Slug)
		}
		if !slices.Equal(got, tt.want) || o.Count != len(tt.want) || o.Label != tt.label {
			t.Errorf("filter %s: %q (%d) lists %v, want %q (%d) %v", tt.filter, o.Label, o.Count, got, tt.label, len(tt.want), tt.want)
		}
	}
	if _, ok := options["severity=0"]; ok {
		t.Error("the unscored irritants have a severity filter")
	}
	// Each card carries the values the script filters it by.
	for _, r := range v["/irritants/"].Ranking {
		if r.Page.Slug == "delai" && (!slices.Equal(r.Sectors, []string{"banque", "energie"}) || !slices.Equal(r.Stages, []string{"livraison"})) {
			t.Errorf("delai's card filters by sectors %v stages %v", r.Sectors, r.Stages)
		}
	}
}

func TestChartLayout(t *testing.T) {
	tests := []struct {
		name string
		// crowds are how many irritants share each square, in order.
		crowds []int
		reach  func(i int) int
	}{
		{"one a square", []int{1, 1, 1}, func(i int) int { return i }},
		{"two side by side", []int{2}, func(i int) int { return 4 }},
		{"five in a square", []int{5, 1}, func(i int) int { return i % 3 }},
		{"a crowd", []int{12, 3}, func(i int) int { return 10 - i%10 }},
		{"no reach at all", []int{3}, func(int) int { return 0 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ranking []*content.Page
			reach := map[*content.Page]render.Reach{}
			for sq, n := range tt.crowds {
				for range n {
					p := irritant(fmt.Sprint("i", len(ranking)), 1+sq%5, 5-sq/5, nil, nil)
					reach[p] = render.Reach{Stages: tt.reach(len(ranking))}
					ranking = append(ranking, p)
				}
			}
			unscored := irritant("unscored", 3, 0, nil, nil)
			ranking = append(ranking, unscored)
			c := chart(ranking, reach)
			if len(c.Bubbles) != len(ranking)-1 || c.Unplotted != 1 || len(c.Squares) != 25 || len(c.Ticks) != 10 {
				t.Fatalf("%d bubbles, %d unplotted, %d squares, %d ticks", len(c.Bubbles), c.Unplotted, len(c.Squares), len(c.Ticks))
			}
			for i, b := range c.Bubbles {
				x0, y0 := squareAt(b.Page.Severity, b.Page.Frequency)
				if b.X-b.R < x0 || b.X+b.R > x0+c.Cell || b.Y-b.R < y0 || b.Y+b.R > y0+c.Cell {
					t.Errorf("%s (r %d at %d,%d) leaves its square at %d,%d", b.Page.Slug, b.R, b.X, b.Y, x0, y0)
				}
				if ranking[b.Number-1] != b.Page {
					t.Errorf("%s is numbered %d, not its place in the ranking", b.Page.Slug, b.Number)
				}
				if b.R < 5 {
					t.Errorf("%s has a radius of %d, too small to point at", b.Page.Slug, b.R)
				}
				for _, o := range c.Bubbles[:i] {
					if dx, dy := b.X-o.X, b.Y-o.Y; dx*dx+dy*dy < (b.R+o.R)*(b.R+o.R) {
						t.Errorf("%s and %s overlap", b.Page.Slug, o.Page.Slug)
					}
				}
			}
		})
	}
}

func TestBubbleAreaGrowsWithReach(t *testing.T) {
	const most = 9
	last := 0
	for reach := 0; reach <= most; reach++ {
		r := radius(reach, most)
		if r < last || r < bubbleMin || r > bubbleMax {
			t.Errorf("reach %d: radius %d after %d (want %d…%d, growing)", reach, r, last, bubbleMin, bubbleMax)
		}
		last = r
	}
	if radius(0, most) != bubbleMin || radius(most, most) != bubbleMax || radius(0, 0) != bubbleMin {
		t.Errorf("radii %d…%d, want %d…%d", radius(0, most), radius(most, most), bubbleMin, bubbleMax)
	}
}
