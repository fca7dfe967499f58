package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parcours/parcours"
	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/urls"
)

// TestPartialCached checks what a cached partial's key holds: its name, its
// variants, the view's language and, with relative links only, the view's
// folder. Within one key the first rendering is reused, even for a view
// that would render differently: the variants are the template author's
// promise, as in Hugo.
func TestPartialCached(t *testing.T) {
	root := t.TempDir()
	partials := filepath.Join(root, "layouts", "partials")
	if err := os.MkdirAll(partials, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(partials, "probe.html"), []byte(`{{.Path}} {{.Lang}} {{.URL "/guides/"}} {{.Title}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	view := func(site *Site, path, lang string) *View {
		return &View{Site: site, Path: path, Lang: lang, Page: &content.Page{}, Title: "<&>"}
	}
	type call struct {
		path, lang string
		variants   []any
		want       string
	}
	tests := []struct {
		name     string
		relative bool
		calls    []call
	}{
		{"same key reuses the first rendering", false, []call{
			{"/cases/a/", "fr", nil, "/cases/a/ fr /guides/ &lt;&amp;&gt;"},
			{"/guides/b/", "fr", nil, "/cases/a/ fr /guides/ &lt;&amp;&gt;"},
		}},
		{"variants and language are part of the key", false, []call{
			{"/cases/a/", "fr", []any{"case", 1}, "/cases/a/ fr /guides/ &lt;&amp;&gt;"},
			{"/guides/b/", "fr", []any{"guide", 1}, "/guides/b/ fr /guides/ &lt;&amp;&gt;"},
			{"/cases/c/", "fr", []any{"case", 2}, "/cases/c/ fr /guides/ &lt;&amp;&gt;"},
			{"/cases/d/", "en", []any{"case", 1}, "/cases/d/ en /guides/ &lt;&amp;&gt;"},
			{"/cases/e/", "fr", []any{"case", 1}, "/cases/a/ fr /guides/ &lt;&amp;&gt;"},
		}},
		{"relative links key by folder", true, []call{
			{"/cases/a/", "fr", nil, "/cases/a/ fr ../../guides/index.html &lt;&amp;&gt;"},
			{"/", "fr", nil, "/ fr guides/index.html &lt;&amp;&gt;"},
			{"/cases/a/", "fr", nil, "/cases/a/ fr ../../guides/index.html &lt;&amp;&gt;"},
			{"/404.html", "fr", nil, "/ fr guides/index.html &lt;&amp;&gt;"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th, err := LoadTheme(root, "default", parcours.DefaultTheme(), nil)
			if err != nil {
				t.Fatal(err)
			}
			site := &Site{Theme: th, URLs: urls.New("https://x.org/", tt.relative)}
			for i, c := range tt.calls {
				got, err := th.partialCached("partials/probe.html", view(site, c.path, c.lang), c.variants...)
				if err != nil {
					t.Fatal(err)
				}
				if strings.TrimSpace(string(got)) != c.want {
					t.Errorf("call %d (%s, %s, %v) = %q, want %q", i, c.path, c.lang, c.variants, got, c.want)
				}
			}
		})
	}

	th, err := LoadTheme(root, "default", parcours.DefaultTheme(), nil)
	if err != nil {
		t.Fatal(err)
	}
	site := &Site{Theme: th, URLs: urls.New("https://x.org/", false)}
	if _, err := th.partialCached("partials/missing.html", view(site, "/", "fr")); err == nil {
		t.Error("a missing partial gave no error")
	}
}

// TestLoadThemeReuse checks that the dev server's next build gets the same
// parsed theme back, its caches emptied, until a layout changes.
func TestLoadThemeReuse(t *testing.T) {
	root := t.TempDir()
	partial := filepath.Join(root, "layouts", "partials", "probe.html")
	if err := os.MkdirAll(filepath.Dir(partial), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(text string) {
		if err := os.WriteFile(partial, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("one")
	first, err := LoadTheme(root, "default", parcours.DefaultTheme(), nil)
	if err != nil {
		t.Fatal(err)
	}
	site := &Site{Theme: first, URLs: urls.New("https://x.org/", false)}
	if _, err := first.partialCached("partials/probe.html", &View{Site: site, Path: "/"}); err != nil {
		t.Fatal(err)
	}
	again, err := LoadTheme(root, "default", parcours.DefaultTheme(), first)
	if err != nil {
		t.Fatal(err)
	}
	if again != first {
		t.Fatal("an unchanged theme was parsed again")
	}
	write("two")
	changed, err := LoadTheme(root, "default", parcours.DefaultTheme(), first)
	if err != nil {
		t.Fatal(err)
	}
	if changed == first {
		t.Fatal("a changed partial kept the previous theme")
	}
	// The reused theme's cache was emptied: it renders the partial anew.
	write("one")
	reused, err := LoadTheme(root, "default", parcours.DefaultTheme(), first)
	if err != nil {
		t.Fatal(err)
	}
	if reused != first {
		t.Fatal("the first theme's files were not recognised")
	}
	n := 0
	reused.partials.Range(func(any, any) bool { n++; return true })
	if n != 0 {
		t.Errorf("reused theme kept %d cached partials", n)
	}
}
