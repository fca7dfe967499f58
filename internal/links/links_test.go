package links

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/diag"
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

// loadPages loads a content folder holding files, by path.
func loadPages(t *testing.T, files map[string]string) *content.Site {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	var list diag.List
	site, err := content.LoadFS(fsys, &list)
	if err != nil || list.Len() > 0 {
		t.Fatal(err, list.Sorted())
	}
	return site
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

// TestResolveOtherTools checks each rule by which a link written for
// another tool finds its page.
func TestResolveOtherTools(t *testing.T) {
	site := loadPages(t, map[string]string{
		"docs/_index.md":            "# Docs\n",
		"docs/templates/_index.md":  "# Templates\n",
		"docs/templates/lists.md":   "# Lists\n\n## L'approche réseau\n\n## Notes\n\n## Notes\n",
		"docs/templates/intro.md":   "# Intro\n",
		"book/chapter/README.md":    "# Chapter\n",
		"book/chapter/page.md":      "# Page\n",
		"book/solo/index.md":        "# Solo\n",
		"book/twice.md":             "# Twice\n",
		"book/twice/README.md":      "---\nslug: twice-folder\n---\n",
		"vault/My Note.md":          "# My Note\n",
		"vault/deep/Hidden Gem.md":  "# Gem\n",
		"vault/a/Same.md":           "# Same A\n",
		"vault/b/Same.md":           "# Same B\n",
		"guides/onboarding.md":      "# Onboarding\n",
		"guides/brouillon.md":       "---\ndraft: true\n---\n",
		"guides/Étude de cas.md":    "# Étude\n",
		"vault/Folder Note.md":      "# Folder note\n",
		"vault/Folder Note/kid.md":  "# Kid\n",
		"vault/deep/Version 1.2.md": "# V\n",
	})
	rel := map[string]*content.Page{}
	for _, p := range site.Pages {
		rel[p.Rel] = p
	}
	ix := New(site, urls.New("/", false), nil, Options{})
	tests := []struct {
		rule, from, dest, want, err string
	}{
		{"folder with slash", "docs/templates/intro.md", "../templates/", "/docs/templates/", ""},
		{"folder without slash", "book/twice.md", "chapter", "/book/chapter/", ""},
		{"readme folder", "docs/_index.md", "../book/chapter/", "/book/chapter/", ""},
		{"bundle folder", "book/chapter/page.md", "../solo", "/book/solo/", ""},
		{"no .md", "book/chapter/README.md", "page", "/book/chapter/page/", ""},
		{"no .md, file or folder", "book/chapter/page.md", "../twice", "", "it could be content/book/twice.md or content/book/twice/README.md"},
		{"address from the root", "book/twice.md", "/docs/templates/lists/", "/docs/templates/lists/", ""},
		{"address from the page", "docs/templates/intro.md", "../lists/", "/docs/templates/lists/", ""},
		{"address without slash", "docs/templates/intro.md", "/docs/templates/lists", "/docs/templates/lists/", ""},
		{"percent-encoded", "vault/deep/Hidden Gem.md", "../My%20Note.md", "/vault/my-note/", ""},
		{"percent-encoded accent", "guides/onboarding.md", "%C3%89tude%20de%20cas.md", "/guides/etude-de-cas/", ""},
		{"bare name anywhere", "vault/My Note.md", "Hidden%20Gem.md", "/vault/deep/hidden-gem/", ""},
		{"bare name without .md", "guides/onboarding.md", "Hidden Gem", "/vault/deep/hidden-gem/", ""},
		{"bare name with a dot", "guides/onboarding.md", "Version 1.2", "/vault/deep/version-1-2/", ""},
		{"bare name twice", "vault/My Note.md", "Same.md", "", "it could be content/vault/a/Same.md or content/vault/b/Same.md"},
		{"folder note", "vault/Folder Note/kid.md", "../Folder%20Note.md", "/vault/folder-note/", ""},
		{"folder of a folder note", "vault/My Note.md", "Folder Note/", "/vault/folder-note/", ""},
		{"GitHub anchor", "docs/templates/intro.md", "lists.md#lapproche-réseau", "/docs/templates/lists/#l-approche-reseau", ""},
		{"encoded GitHub anchor", "docs/templates/intro.md", "lists#lapproche-r%C3%A9seau", "/docs/templates/lists/#l-approche-reseau", ""},
		{"second heading of a name", "docs/templates/intro.md", "lists.md#notes-1", "/docs/templates/lists/#notes-1", ""},
		{"anchor in the page", "docs/templates/lists.md", "#L'approche réseau", "#l-approche-reseau", ""},
		{"unknown anchor kept", "docs/templates/intro.md", "lists.md#ailleurs", "/docs/templates/lists/#ailleurs", ""},
		{"nothing", "guides/onboarding.md", "onbording", "", `did you mean "guides/onboarding.md"?`},
		{"file with an extension", "guides/onboarding.md", "plan.pdf", "", "file plan.pdf not found"},
		{"draft", "guides/onboarding.md", "brouillon", "", "a draft"},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			got, err := ix.For(rel[tt.from]).Link(tt.dest, false, markdown.Pos{Line: 1, Col: 1})
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("%q: got %q, %v; want an error with %q", tt.dest, got, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("%q: got %q, %v; want %q", tt.dest, got, err, tt.want)
			}
		})
	}
	wikis := []struct{ target, want string }{
		{"My Note", "/vault/my-note/"},
		{"lists#Notes", "/docs/templates/lists/#notes"},
		{"vault/deep/Hidden Gem", "/vault/deep/hidden-gem/"},
		{"Folder Note", "/vault/folder-note/"},
		{"lists#L'approche réseau", "/docs/templates/lists/#l-approche-reseau"},
	}
	for _, w := range wikis {
		got, _, err := ix.For(rel["guides/onboarding.md"]).Wiki(w.target, markdown.Pos{Line: 1, Col: 1})
		if err != nil || got != w.want {
			t.Errorf("[[%s]]: got %q, %v; want %q", w.target, got, err, w.want)
		}
	}
}

func TestBrokenIsAWarningOnlyWhenAsked(t *testing.T) {
	site := testSite()
	for _, warn := range []bool{false, true} {
		ix := New(site, urls.New("/", false), nil, Options{WarnBroken: warn})
		r := ix.For(site.Pages[1])
		for _, dest := range []string{"absent.md", "absent.png", "brouillon.md"} {
			_, err := r.Link(dest, false, markdown.Pos{Line: 1, Col: 1})
			var b *markdown.BrokenLink
			if errors.As(err, &b) != warn {
				t.Errorf("warn %v, link %s: got %T %v", warn, dest, err, err)
			}
		}
		// A public page naming an internal one stays an error.
		if _, err := r.Link("interne.md", false, markdown.Pos{Line: 1, Col: 1}); err == nil || errors.As(err, new(*markdown.BrokenLink)) {
			t.Errorf("warn %v: link to an internal page gave %T %v, want a plain error", warn, err, err)
		}
	}
}

// TestStaleAnchors checks that a page whose anchor names a heading by its
// text is converted again when the target's headings move, and only then.
func TestStaleAnchors(t *testing.T) {
	load := func(target string, hash uint64) (*Index, *content.Page) {
		from := page("guides/a.md", "A", nil)
		to := page("guides/b.md", "B", func(p *content.Page) { p.Body, p.Hash = []byte(target), hash })
		site := &content.Site{Pages: []*content.Page{from, to}}
		return New(site, urls.New("/", false), nil, Options{}), from
	}
	ix, from := load("## L'approche réseau\n", 1)
	r := ix.For(from)
	if href, err := r.Link("b.md#lapproche-réseau", false, markdown.Pos{Line: 1, Col: 1}); err != nil || href != "/guides/b/#l-approche-reseau" {
		t.Fatalf("got %q, %v", href, err)
	}
	rec := r.Recorded()
	tests := []struct {
		name   string
		target string
		hash   uint64
		stale  bool
	}{
		{"same file", "## L'approche réseau\n", 1, false},
		{"edited elsewhere", "Intro.\n\n## L'approche réseau\n", 2, false},
		{"heading given an ID", "## L'approche réseau {#reseau}\n", 3, true},
		{"heading gone", "## Autre chose\n", 4, true},
	}
	for _, tt := range tests {
		ix, _ := load(tt.target, tt.hash)
		if got := ix.Stale(rec); got != tt.stale {
			t.Errorf("%s: Stale = %v, want %v", tt.name, got, tt.stale)
		}
	}
}

// TestReleasedBodies checks that an anchor to a page whose body a one-off
// build released resolves as it did before: the page's file is read again,
// a title taken from its H1 and a folder's page included.
func TestReleasedBodies(t *testing.T) {
	site := loadPages(t, map[string]string{
		"docs/_index.md": "# Docs\n\n## Vue d’ensemble\n",
		"docs/lists.md":  "# Lists\n\n## L'approche réseau\n\n## Étape 2 : le suivi\n\n## Notes\n\n## Notes\n",
		"docs/intro.md":  "---\ntitle: Intro\n---\n",
	})
	tests := []struct{ dest, want string }{
		{"lists.md#lapproche-réseau", "/docs/lists/#l-approche-reseau"},
		{"lists.md#étape-2--le-suivi", "/docs/lists/#etape-2-le-suivi"},
		{"lists.md#notes-1", "/docs/lists/#notes-1"},
		{"/docs/#vue-densemble", "/docs/#vue-d-ensemble"},
	}
	for _, release := range []bool{false, true} {
		ix := New(site, urls.New("/", false), nil, Options{})
		var from *content.Page
		for _, p := range site.Pages {
			if p.Rel == "docs/intro.md" {
				from = p
			} else if release {
				ix.Release(p)
			}
		}
		for _, tt := range tests {
			got, err := ix.For(from).Link(tt.dest, false, markdown.Pos{Line: 1, Col: 1})
			if err != nil || got != tt.want {
				t.Errorf("released %v, %q: got %q, %v; want %q", release, tt.dest, got, err, tt.want)
			}
		}
	}
}
