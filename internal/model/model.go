// Package model decides the pages a build writes, from a resolved site:
// each content page, the home page, the sections and their pagination, the
// taxonomy indexes and terms, the irritant catalogue and its matrix, the
// search page, 404 and the alias pages. Each is an Output: the file it goes
// to, the layout that renders it and the view the layout is given. Nothing
// is rendered here; the publish stage executes the layouts, so the model is
// tested without templates.
package model

import (
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/parcours/parcours/internal/collation"
	"github.com/parcours/parcours/internal/config"
	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/markdown"
	"github.com/parcours/parcours/internal/par"
	"github.com/parcours/parcours/internal/render"
	"github.com/parcours/parcours/internal/taxonomy"
	"github.com/parcours/parcours/internal/urls"
)

// Site is a resolved site: what the earlier stages found.
type Site struct {
	Config config.Config
	// Pages are the published pages in Rel order; Regular those of them
	// that are not lists.
	Pages, Regular []*content.Page
	Rendered       map[*content.Page]*markdown.Result
	// Words counts the words of each page's text (headings and prose, as
	// search indexes them), for its reading time; counted once per
	// conversion, since the dev server lays out every page on each rebuild.
	Words     map[*content.Page]int
	Backlinks map[*content.Page][]*content.Page
	// Irritants are the irritant pages each page's frontmatter names.
	Irritants map[*content.Page][]*content.Page
	// Personas are the persona pages each page and its journeys name.
	Personas map[*content.Page]Personas
	// Compares gives, for each page holding target journeys, the current
	// journey each improves.
	Compares   map[*content.Page][]Compared
	Taxonomies []*taxonomy.Taxonomy
	URLs       urls.Maker
	// Order sorts titles by the collation of the site's language; nil
	// sorts them by bytes.
	Order *collation.Order
	// T returns a UI string of the theme.
	T func(lang, key string) string
	// Committed gives, with enableGitInfo, the date of each file's last
	// commit by its path from the site root.
	Committed map[string]time.Time

	sections map[string]*content.Page
	// dateRank places each regular page in ByDate order, computed once
	// per build: the sections, terms, feeds and neighbours each sort a
	// share of the pages, and comparing titles by collation in every one
	// of those sorts was a tenth of a dev server rebuild.
	dateRank     map[*content.Page]int
	dateRankOnce sync.Once
}

// Output is one HTML file to write.
type Output struct {
	Name string // path in the output tree
	// Src is the file the output comes from, "" for what parcours makes on
	// its own (a section without _index.md, a taxonomy).
	Src    string
	Layout string
	View   *render.View
	// Page is set for a content page's own output, whose converted HTML
	// is needed by nothing else once it is rendered.
	Page *content.Page
	// Alias, when set, is an alias page: rendered by alias.html from it
	// alone, with no Layout or View.
	Alias *render.Alias
}

// Lang is the language a page is written in.
func (s *Site) Lang(p *content.Page) string {
	if p.Language != "" {
		return p.Language
	}
	return s.Config.Language
}

// OpportunitiesURL is the page ranking every opportunity of the site.
const OpportunitiesURL = "/opportunities/"

var layoutOf = map[content.Kind]string{
	content.KindCase: "case.html", content.KindGuide: "guide.html", content.KindJourney: "journey.html",
	content.KindIrritant: "irritant.html", content.KindPage: "page.html", content.KindPersona: "persona.html",
}

// Outputs lists every HTML file of the site; rs is what the views share.
func (s *Site) Outputs(rs *render.Site) []Output {
	one := func(layout string, v *render.View) Output {
		return Output{Name: OutName(v.Path), Src: pagePath(v.Page), Layout: layout, View: v}
	}
	cat := s.catalogue()
	irritant := s.irritantLookup()
	cast := s.personaIndex(irritant)
	sections := s.Sections()
	near := s.neighbours()
	trans := s.translations()
	// Each page's view is made on every core: at 10,000 pages this was a
	// tenth of a second with one core idle. It only reads what the earlier
	// stages built.
	perPage := make([]Output, len(s.Regular))
	par.Each(len(s.Regular), func(i int) {
		p := s.Regular[i]
		v := s.View(rs, p, string(p.Kind), p.URL, p.Title)
		v.PrevPage, v.NextPage = near[p][0], near[p][1]
		v.Translations = trans[p]
		switch p.Kind {
		case content.KindIrritant:
			cat.fill(v, p)
		case content.KindPersona:
			cast.fill(v, p)
		}
		v.Comparisons = s.comparisons(p, irritant)
		perPage[i] = one(layoutOf[p.Kind], v)
		perPage[i].Page = p
	})
	// The lists come after, each made on its own from what the pages'
	// views read, so they too are made on every core and joined in a
	// fixed order: a warm build or a reload spent a tenth of its time
	// making them one after the other.
	groups := []func() []Output{func() []Output {
		home := sections[""]
		hv := s.View(rs, home, "home", "/", s.Config.Title)
		hv.LatestCases = s.latest(content.KindCase, 6)
		hv.LatestGuides = s.latest(content.KindGuide, 6)
		hv.StageGroups = s.stageGroups()
		hv.TopIrritants = s.topIrritants(5)
		hv.FeaturedJourney, hv.FeaturedMap = s.featuredJourney()
		return []Output{one("home.html", hv)}
	}}
	for _, name := range slices.Sorted(maps.Keys(sections)) {
		sec := sections[name]
		switch name {
		case "":
		case "irritants":
			groups = append(groups,
				func() []Output { return cat.indexOutputs(s, rs, sec) },
				func() []Output { return cat.cellOutputs(s, rs) },
				func() []Output { return cat.filterOutputs(s, rs) })
		case "journeys":
			// The map of journeys × lifecycle stages heads the section's
			// first page.
			groups = append(groups, func() []Output {
				pages := s.paginate(rs, sec, "section", sec.URL, sec.Title, s.SectionItems(name), "journeys.html")
				pages[0].View.Lifecycle = s.lifecycleMap(irritant)
				return pages
			})
		default:
			groups = append(groups, func() []Output {
				return s.paginate(rs, sec, "section", sec.URL, sec.Title, s.SectionItems(name), "list.html")
			})
		}
	}
	for _, t := range s.Taxonomies {
		groups = append(groups, func() []Output {
			v := s.View(rs, nil, "taxonomy", "/"+t.Name+"/", s.T(s.Config.Language, "tax_"+t.Name))
			v.Taxonomy = t.Name
			for _, term := range t.Terms {
				v.TermList = append(v.TermList, render.Term{Name: term.Name, URL: "/" + t.Name + "/" + term.Slug + "/", Count: len(term.Pages)})
			}
			outs := []Output{one("taxonomy.html", v)}
			for _, term := range t.Terms {
				items := append([]*content.Page(nil), term.Pages...)
				s.ByDate(items)
				outs = append(outs, s.paginate(rs, nil, "term", "/"+t.Name+"/"+term.Slug+"/", term.Name, items, "term.html")...)
			}
			return outs
		})
	}
	groups = append(groups, func() []Output {
		og := s.opportunities(irritant)
		if og == nil {
			return nil
		}
		ov := s.View(rs, nil, "opportunities", OpportunitiesURL, s.T(s.Config.Language, "opportunities"))
		ov.OpportunityGroups = og
		return []Output{one("opportunities.html", ov)}
	}, func() []Output {
		mv := s.View(rs, nil, "sitemap", "/sitemap/", s.T(s.Config.Language, "sitemap"))
		mv.SiteMap = s.siteMap()
		sv := s.View(rs, nil, "search", "/search/", s.T(s.Config.Language, "search"))
		sv.NoIndex = true
		nf := s.View(rs, nil, "404", "/404.html", s.T(s.Config.Language, "not_found"))
		nf.NoIndex = true
		return append([]Output{one("sitemap.html", mv), one("search.html", sv), one("404.html", nf)}, s.aliases()...)
	})
	lists := make([][]Output, len(groups))
	par.Each(len(groups), func(i int) { lists[i] = groups[i]() })
	return slices.Concat(append([][]Output{perPage}, lists...)...)
}

// aliases lists an alias page at each alias of each page; the aliases
// were checked when the site was resolved (see AliasURL).
func (s *Site) aliases() []Output {
	var outs []Output
	for _, p := range s.Pages {
		for _, a := range p.Aliases {
			u, _ := AliasURL(a.Text)
			al := &render.Alias{Lang: s.Lang(p), Title: p.Title, Canonical: urls.Abs(s.Config.BaseURL, p.URL), Target: s.URLs.Href(u, p.URL)}
			outs = append(outs, Output{Name: OutName(u), Src: p.Path, Alias: al})
		}
	}
	return outs
}

// paginate lays a list over several pages: url, url/page/2/, …
func (s *Site) paginate(rs *render.Site, p *content.Page, kind, base, title string, items []*content.Page, layout string) []Output {
	per := s.Config.Paginate
	total := max((len(items)+per-1)/per, 1)
	pageURL := func(n int) string {
		if n == 1 {
			return base
		}
		return fmt.Sprintf("%spage/%d/", base, n)
	}
	var all []string
	for n := 1; n <= total; n++ {
		all = append(all, pageURL(n))
	}
	var outs []Output
	for n := 1; n <= total; n++ {
		v := s.View(rs, p, kind, pageURL(n), title)
		if kind == "term" {
			v.Taxonomy = strings.Split(strings.Trim(base, "/"), "/")[0]
		}
		if rs.Summaries[p] == "" {
			// A list without text of its own (made up, or an _index.md
			// with none): its description says what it lists, rather
			// than repeat the site's on every term and cell.
			what := title
			if kind == "term" {
				what += " (" + s.T(v.Lang, "tax_"+v.Taxonomy) + ")"
			}
			key := "list_description"
			if len(items) == 1 {
				key = "list_description_one"
			}
			v.Description = strings.NewReplacer("{title}", what, "{n}", fmt.Sprint(len(items))).Replace(s.T(v.Lang, key))
		}
		v.Items = items[(n-1)*per : min(n*per, len(items))]
		v.Pager = &render.Pager{Number: n, Total: total, Pages: all}
		if n > 1 {
			v.Pager.Prev = pageURL(n - 1)
		}
		if n < total {
			v.Pager.Next = pageURL(n + 1)
		}
		s.Reconverted(v)
		outs = append(outs, Output{Name: OutName(v.Path), Src: pagePath(p), Layout: layout, View: v})
	}
	return outs
}

// Sections returns the published section pages by address without
// slashes (guides, docs/lists), creating the top-level ones the content
// does not have ("" is the home page).
func (s *Site) Sections() map[string]*content.Page {
	if s.sections != nil {
		return s.sections
	}
	out := map[string]*content.Page{}
	for _, p := range s.Pages {
		if p.Kind == content.KindHome {
			out[""] = p
		}
		if p.Kind == content.KindSection {
			out[strings.Trim(p.URL, "/")] = p
		}
	}
	if out[""] == nil {
		out[""] = &content.Page{Kind: content.KindHome, URL: "/", Title: s.Config.Title, Path: "content/_index.md"}
	}
	want := []string{"cases", "guides", "journeys", "irritants"}
	for _, p := range s.Pages {
		if p.Section != "" && !p.IsList() {
			want = append(want, p.Section)
		}
	}
	for _, name := range want {
		if out[name] == nil {
			title := s.T(s.Config.Language, "menu_"+name)
			if strings.HasPrefix(title, "menu_") {
				title = strings.ToUpper(name[:1]) + name[1:]
			}
			out[name] = &content.Page{Kind: content.KindSection, Section: name, URL: "/" + name + "/", Title: title, Path: "content/" + name + "/_index.md"}
		}
	}
	s.sections = out
	return out
}

// InSection reports whether a page is published under a section's address.
func InSection(p *content.Page, name string) bool {
	return strings.HasPrefix(p.URL, "/"+name+"/")
}

// SectionItems lists a section's regular pages, newest first.
func (s *Site) SectionItems(name string) []*content.Page {
	var items []*content.Page
	for _, p := range s.Regular {
		if InSection(p, name) {
			items = append(items, p)
		}
	}
	s.ByDate(items)
	return items
}

func (s *Site) taxonomy(name string) *taxonomy.Taxonomy {
	for _, t := range s.Taxonomies {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// View starts a page's view.
func (s *Site) View(rs *render.Site, p *content.Page, kind, urlPath, title string) *render.View {
	lang := s.Config.Language
	if p != nil {
		lang = s.Lang(p)
	}
	v := &render.View{Site: rs, Path: urlPath, Lang: lang, Kind: kind, Page: p, Title: title, Breadcrumbs: s.breadcrumbs(urlPath, lang)}
	if p != nil {
		s.Reconverted(v)
		v.Backlinks = s.Backlinks[p]
		v.Irritants = s.Irritants[p]
		v.Personas = s.Personas[p].cast()
		v.Terms = s.pageTerms(p)
	}
	s.Describe(v)
	return v
}

// Summary is what lists and feeds say of a page: its description, else
// the start of its text.
func (s *Site) Summary(p *content.Page) string {
	if res := s.Rendered[p]; p.Description == "" && res != nil {
		return res.Summary
	}
	return p.Description
}

// Describe sets a view's description: its page's summary (the site's
// Summaries), else what a page of its kind is, else the site's. A rebuild
// calls it on its own when a regular page's summary changed; paginate
// describes a list without text its own way.
func (s *Site) Describe(v *render.View) {
	v.Description = ""
	if v.Page != nil {
		v.Description = v.Site.Summaries[v.Page]
	}
	switch v.Kind {
	case "taxonomy", "sitemap", "opportunities", "search", "404", "section":
		if v.Description != "" {
			break
		}
		// A page without text of its own says what it is, rather than
		// repeat the site's description; paginate says what a list holds.
		d := s.T(v.Lang, "description_"+v.Kind)
		v.Description = strings.NewReplacer("{title}", v.Title, "{site}", s.Config.Title).Replace(d)
	}
	if v.Description == "" {
		v.Description = v.Site.Description
	}
}

// Reconverted sets what a view shows of its page's conversion: the HTML,
// the table of contents, the reading time. A rebuild calls it on its own
// when only the page's body changed, which changes nothing else the view
// shows.
func (s *Site) Reconverted(v *render.View) {
	p := v.Page
	if p == nil {
		return
	}
	v.Content, v.TOC, v.ReadingTime = "", nil, 0
	if res := s.Rendered[p]; res != nil {
		// A list's own text heads its first page alone.
		if v.Pager == nil || v.Pager.Number == 1 {
			v.Content = template.HTML(res.HTML)
		}
		for _, h := range res.Headings {
			if h.Level == 2 || h.Level == 3 {
				v.TOC = append(v.TOC, h)
			}
		}
		if len(v.TOC) < minTOC {
			v.TOC = nil
		}
	}
	s.reading(v, p)
}

// pageTerms lists a page's terms per taxonomy.
func (s *Site) pageTerms(p *content.Page) []render.TermGroup {
	var out []render.TermGroup
	for _, t := range s.Taxonomies {
		var g render.TermGroup
		for _, v := range p.Terms(t.Name) {
			term := t.Term(v)
			if term == nil {
				continue
			}
			g.Terms = append(g.Terms, render.Term{Name: term.Name, URL: "/" + t.Name + "/" + term.Slug + "/"})
		}
		if len(g.Terms) > 0 {
			g.Taxonomy, g.Label = t.Name, s.T(s.Config.Language, "tax_"+t.Name)
			out = append(out, g)
		}
	}
	return out
}

// OutName is the file a site path is written to.
func OutName(u string) string {
	if strings.HasSuffix(u, "/") {
		return strings.TrimPrefix(u, "/") + "index.html"
	}
	return strings.TrimPrefix(u, "/")
}

// pagePath is the source file of a page, or "" for the pages parcours
// makes up (a section without _index.md), which have no file.
func pagePath(p *content.Page) string {
	if p == nil || p.Rel == "" {
		return ""
	}
	return p.Path
}
