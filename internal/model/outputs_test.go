package model

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parcours/parcours/internal/config"
	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/render"
	"github.com/parcours/parcours/internal/taxonomy"
	"github.com/parcours/parcours/internal/urls"
)

func newPage(rel, title string, kind content.Kind, date string) *content.Page {
	section, _, _ := strings.Cut(rel, "/")
	slug := strings.TrimSuffix(rel[strings.LastIndexByte(rel, '/')+1:], ".md")
	p := &content.Page{Rel: rel, Path: "content/" + rel, Title: title, Kind: kind, Section: section, Slug: slug, URL: "/" + section + "/" + slug + "/"}
	p.Date, _ = time.Parse("2006-01-02", date)
	return p
}

// outputsSite is three cases, a guide and two irritants (one cited by a case),
// paginated by two, with one alias.
func outputsSite(t *testing.T) (*Site, map[string]*content.Page) {
	t.Helper()
	ps := map[string]*content.Page{
		"a":   newPage("cases/a.md", "Cas A", content.KindCase, "2024-03-01"),
		"b":   newPage("cases/b.md", "Cas B", content.KindCase, "2024-02-01"),
		"c":   newPage("cases/c.md", "Cas C", content.KindCase, "2024-01-01"),
		"g":   newPage("guides/g.md", "Guide G", content.KindGuide, "2024-04-01"),
		"i1":  newPage("irritants/attente.md", "Attente", content.KindIrritant, ""),
		"i2":  newPage("irritants/bug.md", "Bug", content.KindIrritant, ""),
		"i3":  newPage("irritants/coupure.md", "Coupure", content.KindIrritant, ""),
		"sec": {Rel: "cases/_index.md", Path: "content/cases/_index.md", Title: "Nos cas", Kind: content.KindSection, Section: "cases", URL: "/cases/"},
	}
	ps["a"].Tools = []string{"Salesforce"}
	ps["b"].Tools = []string{"Salesforce", "Zendesk"}
	ps["a"].Aliases = []content.Ref{{Text: "/ancien/"}}
	ps["i1"].Sectors, ps["i1"].Stages = []string{"Banque"}, []string{"Onboarding"}
	ps["i2"].Sectors, ps["i2"].Stages = []string{"Banque"}, []string{"Onboarding", "Achat"}
	ps["i3"].Sectors, ps["i3"].Stages = []string{"Énergie"}, []string{"Achat"}
	var pages, regular []*content.Page
	for _, k := range []string{"a", "b", "c", "g", "i1", "i2", "i3", "sec"} {
		pages = append(pages, ps[k])
		if !ps[k].IsList() {
			regular = append(regular, ps[k])
		}
	}
	var list diag.List
	s := &Site{
		Config:     config.Config{Title: "Site", BaseURL: "https://x.org/", Language: "fr", Paginate: 2, Stages: []string{"Achat", "Onboarding"}},
		Pages:      pages,
		Regular:    regular,
		Irritants:  map[*content.Page][]*content.Page{ps["a"]: {ps["i1"]}},
		Taxonomies: taxonomy.Build([]string{"tools"}, regular, nil, &list),
		URLs:       urls.New("https://x.org/", false),
		T:          func(lang, key string) string { return key },
	}
	if list.Len() > 0 {
		t.Fatal(list.Err())
	}
	return s, ps
}

func TestOutputs(t *testing.T) {
	s, ps := outputsSite(t)
	outs := s.Outputs(&render.Site{Summaries: map[*content.Page]string{}})
	byName := map[string]Output{}
	for _, o := range outs {
		if _, dup := byName[o.Name]; dup {
			t.Errorf("%s is output twice", o.Name)
		}
		byName[o.Name] = o
	}
	for _, tc := range []struct {
		name, layout, src string
		items             []string // titles listed, in order
	}{
		{"index.html", "home.html", "", nil},
		{"cases/a/index.html", "case.html", "content/cases/a.md", nil},
		{"guides/g/index.html", "guide.html", "content/guides/g.md", nil},
		{"irritants/bug/index.html", "irritant.html", "content/irritants/bug.md", nil},
		// Newest first, two a page; the section's own page is the source.
		{"cases/index.html", "list.html", "content/cases/_index.md", []string{"Cas A", "Cas B"}},
		{"cases/page/2/index.html", "list.html", "content/cases/_index.md", []string{"Cas C"}},
		// A section the content has no _index.md for is made up.
		{"guides/index.html", "list.html", "", []string{"Guide G"}},
		{"irritants/index.html", "irritants.html", "", nil},
		{"tools/index.html", "taxonomy.html", "", nil},
		{"tools/salesforce/index.html", "term.html", "", []string{"Cas A", "Cas B"}},
		{"tools/zendesk/index.html", "term.html", "", []string{"Cas B"}},
		// Only the cells that hold irritants have a page.
		{"irritants/matrix/banque/onboarding/index.html", "irritant-list.html", "", []string{"Attente", "Bug"}},
		{"irritants/matrix/banque/achat/index.html", "irritant-list.html", "", []string{"Bug"}},
		{"irritants/matrix/energie/achat/index.html", "irritant-list.html", "", []string{"Coupure"}},
		// The catalogue in its other orders, and a page per filter value,
		// by priority: Attente, which a case cites, first.
		{"irritants/sort/severity/index.html", "irritants.html", "", nil},
		{"irritants/sort/reach/index.html", "irritants.html", "", nil},
		{"irritants/sector/banque/index.html", "irritant-list.html", "", []string{"Attente", "Bug"}},
		{"irritants/stage/achat/index.html", "irritant-list.html", "", []string{"Bug", "Coupure"}},
		{"search/index.html", "search.html", "", nil},
		{"404.html", "404.html", "", nil},
	} {
		o, ok := byName[tc.name]
		if !ok {
			t.Errorf("no output %s", tc.name)
			continue
		}
		if o.Layout != tc.layout || o.Src != tc.src {
			t.Errorf("%s: layout %q src %q, want %q %q", tc.name, o.Layout, o.Src, tc.layout, tc.src)
		}
		var got []string
		for _, p := range o.View.Items {
			got = append(got, p.Title)
		}
		if !slices.Equal(got, tc.items) {
			t.Errorf("%s lists %q, want %q", tc.name, got, tc.items)
		}
	}
	for _, name := range []string{"irritants/matrix/energie/onboarding/index.html", "irritants/severity/0/index.html"} {
		if _, ok := byName[name]; ok {
			t.Errorf("%s: an empty cell, or irritants without a severity, have a page", name)
		}
	}
	alias := byName["ancien/index.html"]
	if alias.Alias == nil || alias.Alias.Target != "/cases/a/" || alias.Src != "content/cases/a.md" {
		t.Errorf("alias output: %+v", alias)
	}
	pager := byName["cases/page/2/index.html"].View.Pager
	if pager == nil || pager.Number != 2 || pager.Total != 2 || pager.Prev != "/cases/" || pager.Next != "" {
		t.Errorf("second page's pager: %+v", pager)
	}
	// The irritant cited by a case says so, and its related irritant
	// shares its sector.
	iv := byName["irritants/attente/index.html"].View
	if !slices.Equal(iv.CitedBy, []*content.Page{ps["a"]}) || !slices.Equal(iv.Related, []*content.Page{ps["i2"]}) {
		t.Errorf("irritant view: cited by %v, related %v", iv.CitedBy, iv.Related)
	}
	m := byName["irritants/index.html"].View.Matrix
	if m == nil || !slices.Equal(m.Sectors, []string{"Banque", "Énergie"}) || !slices.Equal(m.Stages, []string{"Achat", "Onboarding"}) || m.Lifecycle != 2 {
		t.Fatalf("matrix: %+v", m)
	}
	if m.Cells[0][0].Count != 1 || m.Cells[0][1].Count != 2 || m.Cells[1][0].Count != 1 || m.Cells[1][1].Count != 0 || m.Cells[1][1].URL != "" {
		t.Errorf("matrix cells: %+v", m.Cells)
	}
	home := byName["index.html"].View
	if len(home.LatestCases) != 3 || home.LatestCases[0] != ps["a"] || len(home.StageGroups) != 2 {
		t.Errorf("home: latest %v, groups %v", home.LatestCases, home.StageGroups)
	}
}

func TestAliasURL(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{"/ancien/", "/ancien/", ""},
		{"ancien", "/ancien/", ""},
		{"/vieux-été", "/vieux-été/", ""},
		{"/", "", "cannot be the home page"},
		{"/a/../b", "", `must not contain ".."`},
		{"https://x.org/a", "", "must be a path on this site"},
		{"/a b", "", "white space"},
	} {
		got, err := AliasURL(tc.in)
		if got != tc.want || (err == nil) != (tc.err == "") || (err != nil && !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("AliasURL(%q) = %q, %v; want %q, %q", tc.in, got, err, tc.want, tc.err)
		}
	}
}

// TestMadeUpPagesDescribeThemselves: the pages parcours makes up (the
// taxonomy index, the site map, search, 404) have a description of their
// own rather than the site's, which search engines read as duplicates.
func TestMadeUpPagesDescribeThemselves(t *testing.T) {
	s, _ := outputsSite(t)
	s.T = func(lang, key string) string {
		switch {
		case strings.Contains(key, "description"):
			return key + ": {title}, {site}, {n}"
		case key == "sorted_by":
			return key + " {label}"
		}
		return key
	}
	const siteDescription = "La description du site."
	rs := &render.Site{Description: siteDescription, Summaries: map[*content.Page]string{}}
	for _, p := range s.Regular {
		rs.Summaries[p] = "Le début de " + p.Title
	}
	outs := s.Outputs(rs)
	seen := map[string]string{}
	for _, o := range outs {
		if o.View == nil || o.View.Kind == "home" || o.View.Pager != nil && o.View.Pager.Number > 1 {
			continue
		}
		d := o.View.Description
		if d == siteDescription {
			t.Errorf("%s has the site's description", o.Name)
		}
		if other, dup := seen[d]; dup && d != "" {
			t.Errorf("%s and %s share the description %q", other, o.Name, d)
		}
		seen[d] = o.Name
	}
	for name, want := range map[string]string{
		"tools/index.html":   "description_taxonomy: tax_tools, Site, {n}",
		"sitemap/index.html": "description_sitemap: sitemap, Site, {n}",
	} {
		if got := seen[want]; got != name {
			t.Errorf("description %q on %q, want %s", want, got, name)
		}
	}
}
