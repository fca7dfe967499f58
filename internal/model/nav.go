package model

import (
	"maps"
	"slices"
	"strings"

	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/render"
)

// minTOC is the number of headings from which a page is long enough for a
// table of contents: below it, the headings fit on the first screen.
const minTOC = 3

// neighbours gives each regular page the pages before and after it in its
// section's list, in the order the section page shows them, among the
// pages of its language: a reader going on does not change language.
type neighbours map[*content.Page][2]*content.Page

// neighbours is computed once per build: looking the section up for every
// page would scan the site once per page.
func (s *Site) neighbours() neighbours {
	sections := s.Sections()
	bySection := map[[2]string][]*content.Page{}
	for _, p := range s.Regular {
		if name := s.sectionOf(p.URL, sections); name != "" {
			k := [2]string{name, s.Lang(p)}
			bySection[k] = append(bySection[k], p)
		}
	}
	out := neighbours{}
	for _, items := range bySection {
		s.ByDate(items)
		for i, p := range items {
			var n [2]*content.Page
			if i > 0 {
				n[0] = items[i-1]
			}
			if i+1 < len(items) {
				n[1] = items[i+1]
			}
			out[p] = n
		}
	}
	return out
}

// sectionOf names the innermost section a page's address lies in ("" for
// none): docs/lists for /docs/lists/x/ when that section exists.
func (s *Site) sectionOf(url string, sections map[string]*content.Page) string {
	parts := strings.Split(strings.Trim(url, "/"), "/")
	for n := len(parts) - 1; n > 0; n-- {
		if name := strings.Join(parts[:n], "/"); sections[name] != nil {
			return name
		}
	}
	return ""
}

// wordsPerMinute is a reading pace of prose on screen, French or
// English, for the reading time.
const wordsPerMinute = 200

// reading adds what a reader is told about a regular page before reading
// it: when it last changed (lastmod, else its file's last commit), how
// long it takes to read, and where to edit it.
func (s *Site) reading(v *render.View, p *content.Page) {
	if p.IsList() {
		return
	}
	v.Updated = p.Lastmod
	if v.Updated.IsZero() {
		v.Updated = s.Committed[p.Path]
	}
	if words := s.Words[p]; words > 0 {
		v.ReadingTime = max(1, (words+wordsPerMinute/2)/wordsPerMinute)
	}
	if s.Config.EditURL != "" {
		v.EditURL = s.Config.EditURL + p.Path
	}
}

// siteMap lists every section with its pages by title, the pages outside
// any section, then each taxonomy's index: the HTML site map a reader
// reaches from the footer.
func (s *Site) siteMap() []render.Group {
	sections := s.Sections()
	var groups []render.Group
	var loose []*content.Page
	bySection := map[string][]*content.Page{}
	for _, p := range s.Regular {
		if name := s.sectionOf(p.URL, sections); name != "" {
			bySection[name] = append(bySection[name], p)
		} else {
			loose = append(loose, p)
		}
	}
	byTitle := func(ps []*content.Page) []*content.Page {
		ps = slices.Clone(ps)
		slices.SortStableFunc(ps, func(a, b *content.Page) int { return s.Order.Compare(a.Title, b.Title) })
		return ps
	}
	for _, name := range slices.Sorted(maps.Keys(sections)) {
		if name == "" {
			continue
		}
		sec := sections[name]
		groups = append(groups, render.Group{Name: sec.Title, URL: sec.URL, Pages: byTitle(bySection[name])})
	}
	if len(loose) > 0 {
		groups = append(groups, render.Group{Name: s.T(s.Config.Language, "other_pages"), Pages: byTitle(loose)})
	}
	for _, t := range s.Taxonomies {
		groups = append(groups, render.Group{Name: s.T(s.Config.Language, "tax_"+t.Name), URL: "/" + t.Name + "/"})
	}
	return groups
}

// breadcrumbs lists the way from the home page to a page at url: home,
// then each section (or taxonomy) above it. The page itself is not a crumb; the layout
// shows its title after them.
func (s *Site) breadcrumbs(url, lang string) []render.Crumb {
	if url == "/" {
		return nil
	}
	sections := s.Sections()
	home := sections[""]
	crumbs := []render.Crumb{{Name: s.T(lang, "kind_home"), URL: home.URL}}
	parts := strings.Split(strings.Trim(url, "/"), "/")
	for n := 1; n < len(parts); n++ {
		name := strings.Join(parts[:n], "/")
		if sec := sections[name]; sec != nil {
			crumbs = append(crumbs, render.Crumb{Name: sec.Title, URL: sec.URL})
		} else if n == 1 && s.taxonomy(name) != nil {
			crumbs = append(crumbs, render.Crumb{Name: s.T(lang, "tax_"+name), URL: "/" + name + "/"})
		}
	}
	return crumbs
}
