package build

import (
	"encoding/xml"
	"maps"
	"regexp"
	"strings"
	"testing"
)

// TestFeedAndSitemapAreValid parses both as XML against the elements their
// formats require.
func TestFeedAndSitemapAreValid(t *testing.T) {
	files := maps.Clone(goodSite)
	files["content/guides/q.md"] = "---\ntitle: 'Il a dit \"oui\" <b>&</b>'\ndate: 2024-03-01\n---\nTexte.\n"
	m, err := buildTo(t, Options{Root: writeSite(t, files)})
	if err != nil {
		t.Fatal(err)
	}
	var feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		ID      string   `xml:"id"`
		Title   string   `xml:"title"`
		Updated string   `xml:"updated"`
		Entries []struct {
			Title   string `xml:"title"`
			ID      string `xml:"id"`
			Updated string `xml:"updated"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	data, _ := m.Get("atom.xml")
	if err := xml.Unmarshal(data, &feed); err != nil {
		t.Fatalf("atom.xml: %v", err)
	}
	rfc3339 := regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)
	if feed.ID == "" || feed.Title == "" || !rfc3339.MatchString(feed.Updated) || len(feed.Entries) == 0 {
		t.Errorf("feed lacks required elements: %+v", feed)
	}
	found := false
	for _, e := range feed.Entries {
		if e.ID == "" || !rfc3339.MatchString(e.Updated) || !strings.HasPrefix(e.Link.Href, "https://x.org/") {
			t.Errorf("entry lacks id, updated or an absolute link: %+v", e)
		}
		if e.Title == `Il a dit "oui" <b>&</b>` {
			found = true
		}
		if strings.Contains(e.ID, "interne") {
			t.Errorf("internal page in the feed")
		}
	}
	if !found {
		t.Errorf("title with quotes and < not round-tripped through the feed")
	}
	var sm struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []struct {
			Loc     string `xml:"loc"`
			Lastmod string `xml:"lastmod"`
		} `xml:"url"`
	}
	data, _ = m.Get("sitemap.xml")
	if err := xml.Unmarshal(data, &sm); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	hasLastmod := false
	for _, u := range sm.URLs {
		if !strings.HasPrefix(u.Loc, "https://x.org/") {
			t.Errorf("sitemap loc not absolute: %q", u.Loc)
		}
		if strings.Contains(u.Loc, "interne") || strings.Contains(u.Loc, "brouillon") {
			t.Errorf("unpublished page in the sitemap: %q", u.Loc)
		}
		hasLastmod = hasLastmod || u.Lastmod != ""
	}
	if !hasLastmod {
		t.Errorf("no lastmod in the sitemap")
	}

	page, _ := m.Get("guides/q/index.html")
	html := string(page)
	for _, want := range []string{
		`<title>Il a dit &#34;oui&#34; &lt;b&gt;&amp;&lt;/b&gt; · Test</title>`,
		`<meta property="og:title" content="Il a dit &#34;oui&#34; &lt;b&gt;&amp;&lt;/b&gt;">`,
		`<meta name="twitter:title" content="Il a dit &#34;oui&#34; &lt;b&gt;&amp;&lt;/b&gt;">`,
		`<meta name="description" content="Texte.">`, // no description: the summary stands in
		`<link rel="canonical" href="https://x.org/guides/q/">`,
		`"@type":"Article"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("guides/q: missing %s", want)
		}
	}
	if strings.Contains(html, "<b>&</b>") {
		t.Errorf("title not escaped somewhere in the page")
	}
}

func TestBaseURL(t *testing.T) {
	tests := []struct {
		base, canonical, href string
	}{
		{"https://x.org", `href="https://x.org/cases/acme/"`, `href="/guides/guide-a/`},
		{"https://x.org/kb", `href="https://x.org/kb/cases/acme/"`, `href="/kb/guides/guide-a/`},
	}
	for _, tt := range tests {
		m, err := buildTo(t, Options{Root: writeSite(t, goodSite), BaseURL: tt.base})
		if err != nil {
			t.Fatal(err)
		}
		page, _ := m.Get("cases/acme/index.html")
		for _, want := range []string{tt.canonical, tt.href} {
			if !strings.Contains(string(page), want) {
				t.Errorf("baseURL %q: missing %s", tt.base, want)
			}
		}
	}
}

func TestRelativeURLs(t *testing.T) {
	m, err := buildTo(t, Options{Root: writeSite(t, goodSite), RelativeURLs: true})
	if err != nil {
		t.Fatal(err)
	}
	page, _ := m.Get("cases/acme/index.html")
	html := string(page)
	for _, want := range []string{`href="../../guides/guide-a/index.html#etape-1"`, `href="../../css/site.css"`, `href="../../index.html"`} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s", want)
		}
	}
	if regexp.MustCompile(`(href|src)="/[^/]`).MatchString(html) {
		t.Errorf("a root-relative link remains under --relative-urls")
	}
	if strings.Contains(html, "integrity=") {
		t.Errorf("SRI under --relative-urls, which browsers refuse from disk")
	}
}

func TestFingerprintAndSRI(t *testing.T) {
	m, err := buildTo(t, Options{Root: writeSite(t, goodSite)})
	if err != nil {
		t.Fatal(err)
	}
	page, _ := m.Get("index.html")
	if !regexp.MustCompile(`href="/css/site\.[0-9a-f]{12}\.css" integrity="sha384-`).Match(page) {
		t.Errorf("stylesheet not fingerprinted with integrity")
	}
	m, err = buildTo(t, Options{Root: writeSite(t, goodSite), Serve: true})
	if err != nil {
		t.Fatal(err)
	}
	page, _ = m.Get("index.html")
	if !strings.Contains(string(page), `href="/css/site.css"`) || strings.Contains(string(page), "integrity=") {
		t.Errorf("serve build must use plain asset names without integrity")
	}
}

// TestLanguages checks UI strings and dates in the site's language and in a
// page's own.
func TestLanguages(t *testing.T) {
	files := maps.Clone(goodSite)
	files["content/guides/english.md"] = "---\ntitle: An English guide\nlanguage: en\ndate: 2026-11-22\n---\nText.\n"
	files["content/guides/francais.md"] = "---\ntitle: Un guide\ndate: 2026-11-22\n---\nTexte.\n"
	m, err := buildTo(t, Options{Root: writeSite(t, files)})
	if err != nil {
		t.Fatal(err)
	}
	en, _ := m.Get("guides/english/index.html")
	fr, _ := m.Get("guides/francais/index.html")
	for _, c := range []struct {
		page []byte
		want []string
	}{
		{en, []string{`<html lang="en">`, "November 22, 2026", "Skip to content", `"inLanguage":"en"`}},
		{fr, []string{`<html lang="fr">`, "22 novembre 2026", "Aller au contenu"}},
	} {
		for _, w := range c.want {
			if !strings.Contains(string(c.page), w) {
				t.Errorf("missing %q", w)
			}
		}
	}
}
