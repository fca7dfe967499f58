package model

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parcours/parcours/internal/collation"
	"github.com/parcours/parcours/internal/config"
	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/journey"
	"github.com/parcours/parcours/internal/markdown"
	"github.com/parcours/parcours/internal/render"
	"github.com/parcours/parcours/internal/taxonomy"
	"github.com/parcours/parcours/internal/urls"
)

// page makes a published page at url; its kind and section come from the
// first folder, as content decides them.
func page(url, title string, day int) *content.Page {
	parts := strings.Split(strings.Trim(url, "/"), "/")
	kind := map[string]content.Kind{"cases": content.KindCase, "guides": content.KindGuide}[parts[0]]
	if kind == "" {
		kind = content.KindPage
	}
	p := &content.Page{URL: url, Title: title, Kind: kind, Path: "content" + strings.TrimSuffix(url, "/") + ".md",
		Date: time.Date(2026, 1, day, 0, 0, 0, 0, time.UTC)}
	if len(parts) > 1 {
		p.Section = parts[0]
	}
	return p
}

func english(p *content.Page) *content.Page {
	p.Language = "en"
	return p
}

// testSite is a site of the given pages. Its UI strings are their keys,
// as the theme gives a string it lacks.
func testSite(pages ...*content.Page) *Site {
	s := &Site{Config: config.Default(), URLs: urls.New("/", false), Rendered: map[*content.Page]*markdown.Result{},
		T: func(_, key string) string { return key }, Order: collation.For("fr")}
	for _, p := range pages {
		s.Pages = append(s.Pages, p)
		if !p.IsList() {
			s.Regular = append(s.Regular, p)
		}
	}
	return s
}

// views renders nothing: it returns the view of each output by site path.
func views(s *Site) map[string]*render.View {
	out := map[string]*render.View{}
	for _, o := range s.Outputs(&render.Site{Summaries: map[*content.Page]string{}}) {
		if o.View != nil {
			out[o.View.Path] = o.View
		}
	}
	return out
}

func title(p *content.Page) string {
	if p == nil {
		return ""
	}
	return p.Title
}

func TestPrevNextFollowTheSectionList(t *testing.T) {
	docs := &content.Page{Kind: content.KindSection, URL: "/docs/lists/", Title: "Lists", Section: "docs"}
	s := testSite(
		page("/cases/old/", "Old", 1), page("/cases/mid/", "Mid", 2), page("/cases/new/", "New", 3),
		page("/guides/only/", "Only", 1), english(page("/cases/newer-en/", "Newer", 4)),
		docs, page("/docs/lists/a/", "A", 1), page("/docs/lists/b/", "B", 2), page("/docs/top/", "Top", 5),
	)
	v := views(s)
	tests := []struct {
		url, prev, next string
	}{
		// The section lists newest first: the newest case has no previous.
		{"/cases/new/", "", "Mid"},
		{"/cases/mid/", "New", "Old"},
		{"/cases/old/", "Mid", ""},
		{"/guides/only/", "", ""},
		// A page in another language goes with the pages of its language.
		{"/cases/newer-en/", "", ""},
		// A page of a nested section goes with its own section's pages.
		{"/docs/lists/b/", "", "A"},
		{"/docs/lists/a/", "B", ""},
		{"/docs/top/", "", ""},
	}
	for _, tt := range tests {
		got := v[tt.url]
		if got == nil {
			t.Fatalf("no output at %s", tt.url)
		}
		if title(got.PrevPage) != tt.prev || title(got.NextPage) != tt.next {
			t.Errorf("%s: prev %q next %q, want %q and %q", tt.url, title(got.PrevPage), title(got.NextPage), tt.prev, tt.next)
		}
	}
}

func TestBreadcrumbsLeadFromHome(t *testing.T) {
	docs := &content.Page{Kind: content.KindSection, URL: "/docs/lists/", Title: "Lists", Section: "docs"}
	tool := page("/cases/crm/", "CRM", 1)
	tool.Tools = []string{"Salesforce"}
	s := testSite(tool, docs, page("/docs/lists/a/", "A", 1), page("/docs/lists/b/", "B", 1))
	s.Taxonomies = taxonomy.Build([]string{"tools"}, s.Regular, s.Order, &diag.List{})
	s.Config.Paginate = 1
	v := views(s)
	tests := []struct {
		url  string
		want string // crumbs as name>url, joined with " / "
	}{
		{"/", ""},
		{"/cases/", "kind_home>/"},
		{"/cases/crm/", "kind_home>/ / Cases>/cases/"},
		{"/docs/lists/a/", "kind_home>/ / Docs>/docs/ / Lists>/docs/lists/"},
		{"/docs/lists/page/2/", "kind_home>/ / Docs>/docs/ / Lists>/docs/lists/"},
		{"/tools/salesforce/", "kind_home>/ / tax_tools>/tools/"},
		{"/search/", "kind_home>/"},
	}
	for _, tt := range tests {
		got := v[tt.url]
		if got == nil {
			t.Fatalf("no output at %s", tt.url)
		}
		var parts []string
		for _, c := range got.Breadcrumbs {
			parts = append(parts, c.Name+">"+c.URL)
		}
		if g := strings.Join(parts, " / "); g != tt.want {
			t.Errorf("%s: crumbs %q, want %q", tt.url, g, tt.want)
		}
	}
}

func TestTOCOnlyOnLongPages(t *testing.T) {
	heads := func(levels ...int) *markdown.Result {
		r := &markdown.Result{}
		for i, l := range levels {
			r.Headings = append(r.Headings, markdown.Heading{Level: l, ID: string(rune('a' + i)), Text: "h"})
		}
		return r
	}
	tests := []struct {
		name   string
		res    *markdown.Result
		wantID string // IDs of the entries
	}{
		{"no headings", heads(), ""},
		{"two sections", heads(2, 2), ""},
		{"h4s do not count", heads(2, 4, 4, 4, 2), ""},
		{"three entries", heads(2, 3, 2), "abc"},
		{"h1 and h4 left out", heads(1, 2, 3, 4, 2), "bce"},
	}
	for _, tt := range tests {
		p := page("/guides/g/", "G", 1)
		s := testSite(p)
		s.Rendered[p] = tt.res
		var ids string
		for _, h := range views(s)["/guides/g/"].TOC {
			ids += h.ID
		}
		if ids != tt.wantID {
			t.Errorf("%s: TOC %q, want %q", tt.name, ids, tt.wantID)
		}
	}
}

func TestTranslationsLinkEachOther(t *testing.T) {
	fr, en, de := page("/cases/fr/", "Cas", 1), page("/cases/en/", "Case", 1), page("/cases/de/", "Fall", 1)
	fr.TranslationKey, en.TranslationKey, de.TranslationKey = "k", "k", "k"
	en.Language, de.Language = "en", "de"
	alone := page("/cases/alone/", "Seul", 1)
	alone.TranslationKey = "other"
	s := testSite(fr, en, de, alone, page("/cases/none/", "Aucun", 1))
	names := map[string]string{"fr:language_name": "Français", "en:language_name": "English", "fr:kind_home": "Accueil", "en:kind_home": "Home"}
	s.T = func(lang, key string) string {
		if n, ok := names[lang+":"+key]; ok {
			return n
		}
		if n, ok := names["en:"+key]; ok {
			return n
		}
		return key
	}
	v := views(s)
	want := "de Fall /cases/de/ de|en Case /cases/en/ English|fr Cas /cases/fr/ Français"
	for _, url := range []string{"/cases/fr/", "/cases/en/", "/cases/de/"} {
		var got []string
		for _, tr := range v[url].Translations {
			got = append(got, strings.Join([]string{tr.Lang, tr.Title, tr.URL, tr.Name}, " "))
		}
		if g := strings.Join(got, "|"); g != want {
			t.Errorf("%s: translations %q, want %q", url, g, want)
		}
	}
	for _, url := range []string{"/cases/alone/", "/cases/none/"} {
		if tr := v[url].Translations; len(tr) != 0 {
			t.Errorf("%s has translations %v, want none", url, tr)
		}
	}
	if en, fr := v["/cases/en/"], v["/cases/fr/"]; en.Lang != "en" || en.Breadcrumbs[0].Name != "Home" || fr.Breadcrumbs[0].Name != "Accueil" {
		t.Errorf("the English page is in %q, its breadcrumbs start at %q; the French one's at %q", en.Lang, en.Breadcrumbs[0].Name, fr.Breadcrumbs[0].Name)
	}
}

func TestCheckTranslationsRefusesTwoInOneLanguage(t *testing.T) {
	a, b, c := page("/cases/a/", "A", 1), page("/cases/b/", "B", 1), page("/cases/c/", "C", 1)
	for _, p := range []*content.Page{a, b, c} {
		p.TranslationKey = "k"
		p.FieldLine = map[string]int{"translationKey": 4}
	}
	c.Language = "en"
	ds := testSite(a, b, c).CheckTranslations()
	if len(ds) != 1 {
		t.Fatalf("%d problems, want 1: %v", len(ds), ds)
	}
	if got := ds[0].Error(); !strings.HasPrefix(got, b.Path+":4:") || !strings.Contains(got, a.Path) {
		t.Errorf("problem %q, want it at %s:4 naming %s", got, b.Path, a.Path)
	}
}

// TestCatalogueListsAreNotIndexed: the matrix cells, the catalogue's
// other orders and its filtered lists show irritants the catalogue and
// their own pages already show, so search engines are sent to those.
func TestCatalogueListsAreNotIndexed(t *testing.T) {
	irr := &content.Page{Kind: content.KindIrritant, URL: "/irritants/lent/", Title: "Lent", Section: "irritants",
		Sectors: []string{"Banque"}, Stages: []string{"Onboarding"}}
	s := testSite(irr)
	cells := 0
	for url, v := range views(s) {
		if strings.HasPrefix(url, "/irritants/matrix/") {
			cells++
		}
		madeUp := strings.HasPrefix(url, "/irritants/") && url != "/irritants/" && url != irr.URL
		if v.NoIndex != (madeUp || url == "/search/" || url == "/404.html") {
			t.Errorf("%s: noindex %v", url, v.NoIndex)
		}
	}
	if cells != 1 {
		t.Errorf("%d matrix cells, want 1", cells)
	}
}

func TestSiteMapListsEveryPage(t *testing.T) {
	tool := page("/cases/b/", "Bêta", 1)
	tool.Tools = []string{"CRM"}
	s := testSite(tool, page("/cases/a/", "alpha", 2), page("/guides/g/", "Guide", 1), page("/a-propos/", "À propos", 1))
	s.Taxonomies = taxonomy.Build([]string{"tools"}, s.Regular, s.Order, &diag.List{})
	var got []string
	for _, g := range views(s)["/sitemap/"].SiteMap {
		line := g.Name + " " + g.URL + ":"
		for _, p := range g.Pages {
			line += " " + p.Title
		}
		got = append(got, line)
	}
	want := []string{
		"Cases /cases/: alpha Bêta", "Guides /guides/: Guide", "Irritants /irritants/:", "Journeys /journeys/:",
		"other_pages : À propos", "tax_tools /tools/:",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("site map:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestHomeShowsTheSignature(t *testing.T) {
	irritant := func(slug string, severity int) *content.Page {
		return &content.Page{Kind: content.KindIrritant, URL: "/irritants/" + slug + "/", Title: slug, Section: "irritants", Severity: severity}
	}
	low, high, cited, alsoHigh := irritant("low", 1), irritant("high", 5), irritant("cited", 4), irritant("also-high", 5)
	c := page("/cases/c/", "C", 1)
	c.Scopes = []string{"Onboarding"}
	old, recent := &content.Page{Kind: content.KindJourney, URL: "/journeys/old/", Title: "Old", Section: "journeys"},
		&content.Page{Kind: content.KindJourney, URL: "/journeys/recent/", Title: "Recent", Section: "journeys", Date: c.Date}
	noMap := &content.Page{Kind: content.KindJourney, URL: "/journeys/text/", Title: "Text", Section: "journeys", Date: c.Date.AddDate(1, 0, 0)}
	s := testSite(low, high, cited, alsoHigh, c, old, recent, noMap)
	s.Irritants = map[*content.Page][]*content.Page{c: {cited, alsoHigh}}
	s.Taxonomies = taxonomy.Build([]string{"scopes"}, s.Regular, s.Order, &diag.List{})
	s.Rendered[old] = &markdown.Result{Attached: []any{&journey.Block{Journey: &journey.Journey{ID: "a"}}}}
	s.Rendered[recent] = &markdown.Result{Attached: []any{&journey.Block{Journey: &journey.Journey{ID: "map"}}}}
	s.Rendered[noMap] = &markdown.Result{}
	home := views(s)["/"]
	var top []string
	for _, p := range home.TopIrritants {
		top = append(top, p.Title)
	}
	// Severity first; the irritant a case cites comes before its equal.
	if got := strings.Join(top, " "); got != "also-high high cited low" {
		t.Errorf("top irritants %q", got)
	}
	if title(home.FeaturedJourney) != "Recent" || home.FeaturedMap != "/journeys/recent/map.svg" {
		t.Errorf("featured journey %q with map %q, want the latest one that draws a map", title(home.FeaturedJourney), home.FeaturedMap)
	}
	for _, g := range home.StageGroups {
		if want := map[string]int{"Onboarding": 1}[g.Name]; g.Count != want {
			t.Errorf("stage %s counts %d pages, want %d", g.Name, g.Count, want)
		}
	}
}

func TestMadeUpListsDescribeThemselves(t *testing.T) {
	a, b := page("/cases/a/", "A", 1), page("/guides/b/", "B", 1)
	a.Tools, b.Tools = []string{"CRM"}, []string{"CRM", "ERP"}
	s := testSite(a, b)
	s.Taxonomies = taxonomy.Build([]string{"tools"}, s.Regular, s.Order, &diag.List{})
	s.T = func(_, key string) string {
		return map[string]string{"list_description": "{title}: {n} pages", "list_description_one": "{title}: one page", "tax_tools": "Tools"}[key]
	}
	v := views(s)
	for url, want := range map[string]string{"/tools/crm/": "CRM (Tools): 2 pages", "/tools/erp/": "ERP (Tools): one page"} {
		if got := v[url].Description; got != want {
			t.Errorf("%s: description %q, want %q", url, got, want)
		}
	}
}

// TestByDateCollates: pages of one date list by title as a reader of the
// language sorts names, not by bytes (Bob, Zoé, alice, Élodie).
func TestByDateCollates(t *testing.T) {
	tests := []struct {
		lang string
		want string
	}{
		{"fr", "alice Bob Élodie Zoé"},
		{"en", "alice Bob Élodie Zoé"},
	}
	for _, tt := range tests {
		var pages []*content.Page
		for _, title := range []string{"Bob", "Zoé", "alice", "Élodie"} {
			pages = append(pages, &content.Page{Title: title, Rel: "guides/" + title + ".md"})
		}
		ByDate(pages, collation.For(tt.lang))
		var got []string
		for _, p := range pages {
			got = append(got, p.Title)
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%s: got %v, want %s", tt.lang, got, tt.want)
		}
	}
}

// TestSiteByDateSortsAsByDate: the site's sort by rank gives the same
// order as comparing the pages themselves, for any share of the pages, in
// any order given, and for pages the site does not hold.
func TestSiteByDateSortsAsByDate(t *testing.T) {
	var all []*content.Page
	for i, title := range []string{"Bob", "Zoé", "alice", "Élodie", "Bob", "Anne"} {
		p := &content.Page{Title: title, Rel: fmt.Sprintf("guides/%d.md", i), Weight: i % 2}
		p.Date = time.Date(2024, 1, 1+i%3, 0, 0, 0, 0, time.UTC)
		all = append(all, p)
	}
	outsider := &content.Page{Title: "Hors site", Rel: "guides/x.md"}
	tests := []struct {
		name  string
		pages []*content.Page
	}{
		{"every page", slices.Clone(all)},
		{"every page reversed", []*content.Page{all[5], all[4], all[3], all[2], all[1], all[0]}},
		{"a share", []*content.Page{all[4], all[0], all[2]}},
		{"with a page the site does not hold", []*content.Page{all[3], outsider, all[1]}},
		{"none", nil},
	}
	s := &Site{Regular: all, Order: collation.For("fr")}
	for _, tt := range tests {
		want := slices.Clone(tt.pages)
		ByDate(want, s.Order)
		got := slices.Clone(tt.pages)
		s.ByDate(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: got %v, want %v", tt.name, rels(got), rels(want))
		}
	}
}

func rels(pages []*content.Page) []string {
	var out []string
	for _, p := range pages {
		out = append(out, p.Rel)
	}
	return out
}
