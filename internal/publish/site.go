package publish

import (
	"bytes"
	"encoding/xml"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/model"
	"github.com/parcours/parcours/internal/urls"
)

// SiteFiles lists the site-wide files: sitemap, robots.txt, the Atom feeds
// (the site's, of cases and guides, and one per section) and, when a page
// has an alias, Netlify's _redirects. They read the configuration and what
// the lists show of each published page, its card: key, when not 0, must
// identify both, so that a session writes them again only when they
// changed.
func SiteFiles(m *model.Site, key uint64) []Job {
	jobs := siteFiles(m)
	for i := range jobs {
		jobs[i].Key = key
	}
	return jobs
}

func siteFiles(m *model.Site) []Job {
	base := m.Config.BaseURL
	jobs := []Job{
		{Name: "sitemap.xml", Run: func() ([]byte, error) { return sitemap(m) }},
		{Name: "robots.txt", Run: func() ([]byte, error) {
			return []byte("User-agent: *\nAllow: /\nSitemap: " + urls.Abs(base, "/sitemap.xml") + "\n"), nil
		}},
		{Name: "atom.xml", Run: func() ([]byte, error) {
			return feed(m, m.Config.Title, "/atom.xml", func(p *content.Page) bool {
				return p.Kind == content.KindCase || p.Kind == content.KindGuide
			})
		}},
	}
	if model.HasAliases(m.Pages) {
		jobs = append(jobs, Job{Name: "_redirects", Run: func() ([]byte, error) { return redirects(m), nil }})
	}
	for name, sec := range m.Sections() {
		if name == "" {
			continue
		}
		jobs = append(jobs, Job{Name: name + "/atom.xml", Run: func() ([]byte, error) {
			return feed(m, sec.Title+" · "+m.Config.Title, "/"+name+"/atom.xml", func(p *content.Page) bool { return model.InSection(p, name) })
		}})
	}
	return jobs
}

// lastmod is the date a page last changed, for sitemaps and feeds.
func lastmod(p *content.Page) time.Time {
	if !p.Lastmod.IsZero() {
		return p.Lastmod
	}
	return p.Date
}

func sitemap(m *model.Site) ([]byte, error) {
	type url struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod,omitempty"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"urlset"`
		XMLNS   string   `xml:"xmlns,attr"`
		URLs    []url    `xml:"url"`
	}
	set := urlset{XMLNS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	seen := map[string]bool{}
	add := func(u string, t time.Time) {
		if seen[u] {
			return
		}
		seen[u] = true
		e := url{Loc: urls.Abs(m.Config.BaseURL, u)}
		if !t.IsZero() {
			e.Lastmod = t.UTC().Format("2006-01-02")
		}
		set.URLs = append(set.URLs, e)
	}
	add("/", time.Time{})
	for _, p := range m.Pages {
		add(p.URL, lastmod(p))
	}
	for _, name := range slices.Sorted(maps.Keys(m.Sections())) {
		if name != "" {
			add("/"+name+"/", time.Time{})
		}
	}
	for _, t := range m.Taxonomies {
		add("/"+t.Name+"/", time.Time{})
		for _, term := range t.Terms {
			add("/"+t.Name+"/"+term.Slug+"/", time.Time{})
		}
	}
	return marshalXML(set)
}

func marshalXML(v any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// feed writes an Atom feed of the 50 newest pages that keep says.
func feed(m *model.Site, title, self string, keep func(*content.Page) bool) ([]byte, error) {
	type link struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr,omitempty"`
	}
	type text struct {
		Type string `xml:"type,attr,omitempty"`
		Body string `xml:",chardata"`
	}
	type entry struct {
		Title     string `xml:"title"`
		Link      link   `xml:"link"`
		ID        string `xml:"id"`
		Updated   string `xml:"updated"`
		Published string `xml:"published,omitempty"`
		Summary   *text  `xml:"summary,omitempty"`
	}
	type author struct {
		Name string `xml:"name"`
	}
	type atom struct {
		XMLName xml.Name `xml:"feed"`
		XMLNS   string   `xml:"xmlns,attr"`
		Lang    string   `xml:"xml:lang,attr"`
		Title   string   `xml:"title"`
		ID      string   `xml:"id"`
		Updated string   `xml:"updated"`
		Links   []link   `xml:"link"`
		Author  author   `xml:"author"`
		Entries []entry  `xml:"entry"`
	}
	var items []*content.Page
	for _, p := range m.Regular {
		if keep(p) {
			items = append(items, p)
		}
	}
	m.ByDate(items)
	if len(items) > 50 {
		items = items[:50]
	}
	cfg := m.Config
	name := cfg.Author
	if name == "" {
		name = cfg.Title
	}
	f := atom{
		XMLNS: "http://www.w3.org/2005/Atom", Lang: cfg.Language, Title: title,
		ID:     urls.Abs(cfg.BaseURL, self),
		Links:  []link{{Href: urls.Abs(cfg.BaseURL, self), Rel: "self"}, {Href: urls.Abs(cfg.BaseURL, "/")}},
		Author: author{Name: name},
	}
	// A feed's date comes from its entries, never from the clock, so two
	// builds of the same content are identical.
	var newest time.Time
	for _, p := range items {
		t := lastmod(p)
		if t.After(newest) {
			newest = t
		}
		e := entry{Title: p.Title, Link: link{Href: urls.Abs(cfg.BaseURL, p.URL)}, ID: urls.Abs(cfg.BaseURL, p.URL), Updated: atomTime(t)}
		if !p.Date.IsZero() {
			e.Published = atomTime(p.Date)
		}
		if sum := m.Summary(p); sum != "" {
			e.Summary = &text{Type: "text", Body: sum}
		}
		f.Entries = append(f.Entries, e)
	}
	f.Updated = atomTime(newest)
	return marshalXML(f)
}

func atomTime(t time.Time) string {
	if t.IsZero() {
		t = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return t.UTC().Format(time.RFC3339)
}

// redirects writes Netlify's _redirects: aliases as 301s. Aliases are
// checked paths (see model.AliasURL), and both sides are percent-encoded,
// so a rule is always the three fields Netlify expects.
func redirects(m *model.Site) []byte {
	var b strings.Builder
	for _, p := range m.Pages {
		for _, a := range p.Aliases {
			u, _ := model.AliasURL(a.Text)
			b.WriteString(RedirectRule(m.URLs.Base, u, p.URL))
		}
	}
	return []byte(b.String())
}

// RedirectRule is the _redirects line sending the site path from to to,
// under the base path.
func RedirectRule(base, from, to string) string {
	return urls.Escape(base+strings.TrimPrefix(from, "/")) + " " + urls.Escape(base+strings.TrimPrefix(to, "/")) + " 301\n"
}
