package build

import (
	"bytes"
	"encoding/xml"
	"regexp"
	"sort"
	"strings"
	"time"

	minifylib "github.com/tdewolff/minify/v2"
	mincss "github.com/tdewolff/minify/v2/css"
	minhtml "github.com/tdewolff/minify/v2/html"
	minjs "github.com/tdewolff/minify/v2/js"
	minsvg "github.com/tdewolff/minify/v2/svg"
	minxml "github.com/tdewolff/minify/v2/xml"

	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/render"
	"github.com/parcours/parcours/internal/taxonomy"
	"github.com/parcours/parcours/internal/urls"
)

func (s *site) taxonomy(name string) *taxonomy.Taxonomy {
	for _, t := range s.taxes {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// fileJobs lists the site-wide files: sitemap, feeds, robots.txt and
// Netlify's _redirects.
func (s *site) fileJobs(rs *render.Site) []job {
	jobs := []job{
		{name: "sitemap.xml", run: s.sitemap},
		{name: "robots.txt", run: func() ([]byte, error) {
			return []byte("User-agent: *\nAllow: /\nSitemap: " + urls.Abs(s.cfg.BaseURL, "/sitemap.xml") + "\n"), nil
		}},
		{name: "atom.xml", run: func() ([]byte, error) {
			return s.feed(s.cfg.Title, "/atom.xml", func(p *content.Page) bool {
				return p.Kind == content.KindCase || p.Kind == content.KindGuide
			})
		}},
	}
	if s.hasAliases() {
		jobs = append(jobs, job{name: "_redirects", run: s.redirects})
	}
	for name, sec := range s.sectionPages() {
		if name == "" {
			continue
		}
		name, sec := name, sec
		jobs = append(jobs, job{name: name + "/atom.xml", run: func() ([]byte, error) {
			return s.feed(sec.Title+" · "+s.cfg.Title, "/"+name+"/atom.xml", func(p *content.Page) bool { return inSection(p, name) })
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

func (s *site) sitemap() ([]byte, error) {
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
		e := url{Loc: urls.Abs(s.cfg.BaseURL, u)}
		if !t.IsZero() {
			e.Lastmod = t.UTC().Format("2006-01-02")
		}
		set.URLs = append(set.URLs, e)
	}
	add("/", time.Time{})
	for _, p := range s.pages {
		add(p.URL, lastmod(p))
	}
	for _, name := range sortedKeys(s.sectionPages()) {
		if name != "" {
			add("/"+name+"/", time.Time{})
		}
	}
	for _, t := range s.taxes {
		add("/"+t.Name+"/", time.Time{})
		for _, term := range t.Terms {
			add("/"+t.Name+"/"+term.Slug+"/", time.Time{})
		}
	}
	return marshalXML(set)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
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
func (s *site) feed(title, self string, keep func(*content.Page) bool) ([]byte, error) {
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
	for _, p := range s.regularPages() {
		if keep(p) {
			items = append(items, p)
		}
	}
	byDate(items)
	if len(items) > 50 {
		items = items[:50]
	}
	name := s.cfg.Author
	if name == "" {
		name = s.cfg.Title
	}
	f := atom{
		XMLNS: "http://www.w3.org/2005/Atom", Lang: s.cfg.Language, Title: title,
		ID:     urls.Abs(s.cfg.BaseURL, self),
		Links:  []link{{Href: urls.Abs(s.cfg.BaseURL, self), Rel: "self"}, {Href: urls.Abs(s.cfg.BaseURL, "/")}},
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
		e := entry{Title: p.Title, Link: link{Href: urls.Abs(s.cfg.BaseURL, p.URL)}, ID: urls.Abs(s.cfg.BaseURL, p.URL), Updated: atomTime(t)}
		if !p.Date.IsZero() {
			e.Published = atomTime(p.Date)
		}
		if sum := s.summary(p); sum != "" {
			e.Summary = &text{Type: "text", Body: sum}
		}
		f.Entries = append(f.Entries, e)
	}
	f.Updated = atomTime(newest)
	return marshalXML(f)
}

func (s *site) summary(p *content.Page) string {
	if p.Description != "" {
		return p.Description
	}
	if r := s.rendered[p]; r != nil {
		return r.Summary
	}
	return ""
}

func atomTime(t time.Time) string {
	if t.IsZero() {
		t = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return t.UTC().Format(time.RFC3339)
}

// redirects writes Netlify's _redirects: aliases as 301s. Aliases are
// checked paths (see aliasURL), and both sides are percent-encoded, so a
// rule is always the three fields Netlify expects.
func (s *site) redirects() ([]byte, error) {
	var b strings.Builder
	for _, p := range s.pages {
		for _, a := range p.Aliases {
			u, _ := aliasURL(a.Text)
			b.WriteString(redirectRule(s.urls.Base, u, p.URL))
		}
	}
	return []byte(b.String()), nil
}

// redirectRule is the _redirects line sending the site path from to to,
// under the base path.
func redirectRule(base, from, to string) string {
	return urls.Escape(base+strings.TrimPrefix(from, "/")) + " " + urls.Escape(base+strings.TrimPrefix(to, "/")) + " 301\n"
}

var minifier = func() *minifylib.M {
	m := minifylib.New()
	m.Add("text/html", &minhtml.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", mincss.Minify)
	m.AddFunc("application/javascript", minjs.Minify)
	m.AddFunc("image/svg+xml", minsvg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), minxml.Minify)
	return m
}()

// minify shrinks a file by its type; other files are returned as they are.
func minify(name string, data []byte) ([]byte, error) {
	var mime string
	switch {
	case strings.HasSuffix(name, ".html"):
		mime = "text/html"
	case strings.HasSuffix(name, ".css"):
		mime = "text/css"
	case strings.HasSuffix(name, ".js"):
		mime = "application/javascript"
	case strings.HasSuffix(name, ".svg"):
		mime = "image/svg+xml"
	case strings.HasSuffix(name, ".xml"):
		mime = "application/xml"
	default:
		return data, nil
	}
	return minifier.Bytes(mime, data)
}
