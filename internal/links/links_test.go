package links

import (
	"strings"
	"testing"

	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/markdown"
	"github.com/parcours/parcours/internal/urls"
)

// page parses a page of that title at rel, which gives its kind as in a
// site, and lets mod change it.
func page(rel, title string, mod func(*content.Page)) *content.Page {
	p, ds := content.Parse("content/"+rel, rel, []byte("---\ntitle: "+title+"\n---\n"))
	if len(ds) > 0 {
		panic(ds[0].Error())
	}
	if mod != nil {
		mod(p)
	}
	return p
}

func testSite() *content.Site {
	return &content.Site{Pages: []*content.Page{
		page("cases/qonto/index.md", "Qonto", func(p *content.Page) { p.Resources = []string{"cases/qonto/logo.svg"} }),
		page("guides/onboarding.md", "Onboarding", nil),
		page("guides/qonto.md", "Un guide homonyme", nil),
		page("irritants/attente.md", "Attente interminable", nil),
		page("irritants/attente-bis.md", "Attente interminable", nil),
		page("irritants/resiliation.md", "Résiliation compliquée", nil),
		page("guides/brouillon.md", "Brouillon", func(p *content.Page) { p.Draft = true }),
		page("guides/interne.md", "Interne", func(p *content.Page) { p.Audience = content.Internal }),
	}, Files: []string{"img/plan.png"}}
}

func TestResolve(t *testing.T) {
	site := testSite()
	ix := New(site, urls.New("https://x.org/kb/", false), func(name string) bool { return name == "img/og.png" }, Options{})
	r := ix.For(site.Pages[1]) // guides/onboarding.md
	tests := []struct {
		kind, in, want, err string
	}{
		{"link", "../cases/qonto/index.md", "/kb/cases/qonto/", ""},
		{"link", "/cases/qonto/index.md#la-mission", "/kb/cases/qonto/#la-mission", ""},
		{"link", "https://example.org/a.md", "https://example.org/a.md", ""},
		{"link", "mailto:x@y.org", "mailto:x@y.org", ""},
		{"link", "#local", "#local", ""},
		{"link", "../cases/qonto/logo.svg", "/kb/cases/qonto/logo.svg", ""},
		{"link", "/img/og.png", "/kb/img/og.png", ""},
		{"link", "../img/plan.png", "/kb/img/plan.png", ""},
		{"link", "../cases/qontoo.md", "", `did you mean "cases/qonto/index.md"?`},
		{"link", "brouillon.md", "", "a draft"},
		{"link", "interne.md", "", "an internal page"},
		{"link", "absent.png", "", "file absent.png not found"},
		{"wiki", "onboarding", "/kb/guides/onboarding/", ""},
		{"wiki", "qonto", "", "ambiguous: write [[cases/qonto]] or [[guides/qonto]]"},
		{"wiki", "cases/qonto", "/kb/cases/qonto/", ""},
		{"wiki", "onbording", "", `did you mean "onboarding"?`},
		{"irritant", "resiliation", "/kb/irritants/resiliation/", ""},
		{"irritant", "RÉSILIATION compliquée", "/kb/irritants/resiliation/", ""},
		{"irritant", "Attente interminable", "", "ambiguous"},
		{"irritant", "attent", "", `did you mean "attente"?`},
	}
	for _, tt := range tests {
		var got string
		var err error
		switch tt.kind {
		case "link":
			got, err = r.Link(tt.in, false, markdown.Pos{Line: 1, Col: 1})
		case "wiki":
			got, _, err = r.Wiki(tt.in, markdown.Pos{Line: 1, Col: 1})
		case "irritant":
			got, _, err = r.Irritant(tt.in, markdown.Pos{Line: 1, Col: 1})
		}
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s %q: got %q, %v; want an error with %q", tt.kind, tt.in, got, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s %q: got %q, %v; want %q", tt.kind, tt.in, got, err, tt.want)
		}
	}
	back := ix.Backlinks()
	if b := back[site.Pages[0]]; len(b) != 1 || b[0] != site.Pages[1] {
		t.Errorf("backlinks of qonto: got %v", b)
	}
	ds, _ := ix.CheckAnchors(func(p *content.Page) map[string]bool { return map[string]bool{"contexte": true} })
	if len(ds) != 2 || !strings.Contains(ds[0].Error(), "#la-mission: content/cases/qonto/index.md has no such heading") {
		t.Errorf("anchors: got %v", ds)
	}
}

func TestKeyFollowsTitles(t *testing.T) {
	a := testSite()
	b := testSite()
	b.Pages[3].Title = "Attente sans fin"
	u := urls.New("/", false)
	if New(a, u, nil, Options{}).Key() == New(b, u, nil, Options{}).Key() {
		t.Errorf("a changed title left the resolution key unchanged")
	}
	if New(a, u, nil, Options{}).Key() != New(testSite(), u, nil, Options{}).Key() {
		t.Errorf("the same pages gave two keys")
	}
}
