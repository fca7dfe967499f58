package content

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/parcours/parcours/internal/diag"
)

func TestTitleFallback(t *testing.T) {
	tests := []struct {
		name, rel, src string
		title, body    string
	}{
		{"frontmatter title wins, body kept", "guides/a.md", "---\ntitle: T\n---\n# Other\ntext\n", "T", "# Other\ntext\n"},
		{"first H1 taken and emptied", "guides/a.md", "---\ntags: [x]\n---\n# Mon titre\ntext\n", "Mon titre", "\ntext\n"},
		{"no frontmatter at all", "notes/a.md", "intro\n\n# L'approche réseau #\n\n## Sub\n", "L'approche réseau", "intro\n\n\n\n## Sub\n"},
		{"empty title is missing", "guides/a.md", "---\ntitle: \"\"\n---\n# H\n", "H", "\n"},
		{"H2 is no title", "guides/my_first-note.md", "## Not a title\n", "My first note", "## Not a title\n"},
		{"H1 in a code fence is no title", "guides/b.md", "```md\n# not\n```\n# Yes\n", "Yes", "```md\n# not\n```\n\n"},
		{"H1 in a tilde fence is no title", "guides/b.md", "~~~~\n# not\n~~~\n~~~~\n", "B", "~~~~\n# not\n~~~\n~~~~\n"},
		{"indented code is no title", "guides/c.md", "    # not\n", "C", "    # not\n"},
		{"hashtag is no heading", "guides/d.md", "#tag\n", "D", "#tag\n"},
		{"file name with spaces", "notes/My Note.md", "", "My Note", ""},
		{"bundle takes its folder", "cases/acme-corp/index.md", "text\n", "Acme corp", "text\n"},
		{"readme takes its folder", "guides/setup/README.md", "", "Setup", ""},
		{"CRLF body", "guides/e.md", "# Windows\r\nline\r\n", "Windows", "\nline\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ds := Parse("content/"+tt.rel, tt.rel, []byte(tt.src))
			if len(ds) > 0 {
				t.Fatalf("unexpected diagnostics: %v", ds)
			}
			if p.Title != tt.title || string(p.Body) != tt.body {
				t.Errorf("got title %q body %q, want %q %q", p.Title, p.Body, tt.title, tt.body)
			}
		})
	}
}

func TestTitleKeepsLineNumbers(t *testing.T) {
	src := "---\nx: 1\n---\n# Title\n\nline five\n"
	p, ds := Parse("content/a.md", "a.md", []byte(src))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	lines := strings.Split(string(p.Body), "\n")
	if got := p.BodyLine + 2; lines[2] != "line five" || got != 6 {
		t.Errorf("line five is body line %d (%q), file line %d; want it at file line 6", 2, lines[2], got)
	}
}

func TestAddressFromFileName(t *testing.T) {
	tests := []struct {
		rel, src       string
		kind           Kind
		slug, url, sec string
	}{
		{"guides/My Note.md", "", KindGuide, "my-note", "/guides/my-note/", "guides"},
		{"guides/Étude de cas.md", "", KindGuide, "etude-de-cas", "/guides/etude-de-cas/", "guides"},
		{"Mes Notes/Sous Dossier/Une idée.md", "", KindPage, "une-idee", "/mes-notes/sous-dossier/une-idee/", "mes-notes"},
		{"Mes Notes/_index.md", "", KindSection, "mes-notes", "/mes-notes/", "mes-notes"},
		{"guides/already-a-slug.md", "", KindGuide, "already-a-slug", "/guides/already-a-slug/", "guides"},
		{"guides/x.md", "---\nslug: \"\"\n---\n", KindGuide, "x", "/guides/x/", "guides"},
		{"guides/x.md", "---\nslug: Autre\n---\n", KindGuide, "Autre", "/guides/Autre/", "guides"},
		{"cases/Big Client/index.md", "", KindCase, "big-client", "/cases/big-client/", "cases"},
		{"guides/+++.md", "", KindGuide, "+++", "/guides/+++/", "guides"},
		{"README.md", "", KindHome, ".", "/", ""},
		{"index.md", "", KindHome, ".", "/", ""},
	}
	for _, tt := range tests {
		t.Run(tt.rel, func(t *testing.T) {
			p, ds := Parse("content/"+tt.rel, tt.rel, []byte(tt.src))
			if len(ds) > 0 {
				t.Fatalf("unexpected diagnostics: %v", ds)
			}
			if p.Kind != tt.kind || p.Slug != tt.slug || p.URL != tt.url || p.Section != tt.sec {
				t.Errorf("got kind %q slug %q url %q section %q, want %q %q %q %q", p.Kind, p.Slug, p.URL, p.Section, tt.kind, tt.slug, tt.url, tt.sec)
			}
		})
	}
}

func TestSectionOrBundle(t *testing.T) {
	page := &fstest.MapFile{Data: []byte("---\ntitle: T\n---\n")}
	file := &fstest.MapFile{Data: []byte("x")}
	tests := []struct {
		name  string
		fsys  fstest.MapFS
		rel   string // the index file to look at
		kind  Kind
		url   string
		res   []string // its resources
		files []string // the site's loose files
	}{
		{"index.md alone is a bundle", fstest.MapFS{"cases/acme/index.md": page, "cases/acme/logo.png": file},
			"cases/acme/index.md", KindCase, "/cases/acme/", []string{"cases/acme/logo.png"}, nil},
		{"README.md alone is a bundle", fstest.MapFS{"guides/setup/README.md": page, "guides/setup/a.png": file},
			"guides/setup/README.md", KindGuide, "/guides/setup/", []string{"guides/setup/a.png"}, nil},
		{"index.md beside pages is the section", fstest.MapFS{"docs/lists/index.md": page, "docs/lists/one.md": page, "docs/lists/a.png": file},
			"docs/lists/index.md", KindSection, "/docs/lists/", nil, []string{"docs/lists/a.png"}},
		{"README.md above pages is the section", fstest.MapFS{"book/Part One/README.md": page, "book/Part One/Ch 1/intro.md": page},
			"book/Part One/README.md", KindSection, "/book/part-one/", nil, nil},
		{"_index.md is always the section", fstest.MapFS{"docs/solo/_index.md": page, "docs/solo/a.png": file},
			"docs/solo/_index.md", KindSection, "/docs/solo/", nil, []string{"docs/solo/a.png"}},
		{"README.md at the root is home", fstest.MapFS{"README.md": page, "a.md": page},
			"README.md", KindHome, "/", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var list diag.List
			site, err := LoadFS(tt.fsys, &list)
			if err != nil || list.Len() > 0 {
				t.Fatalf("got %v %v", err, list.Sorted())
			}
			var p *Page
			for _, q := range site.Pages {
				if q.Rel == tt.rel {
					p = q
				}
			}
			if p == nil {
				t.Fatalf("no page %s", tt.rel)
			}
			if p.Kind != tt.kind || p.URL != tt.url || strings.Join(p.Resources, ",") != strings.Join(tt.res, ",") || strings.Join(site.Files, ",") != strings.Join(tt.files, ",") {
				t.Errorf("got kind %q url %q resources %v files %v, want %q %q %v %v", p.Kind, p.URL, p.Resources, site.Files, tt.kind, tt.url, tt.res, tt.files)
			}
		})
	}
}

func TestSectionOrBundleFollowsTheFolder(t *testing.T) {
	fsys := fstest.MapFS{"docs/a/index.md": {Data: []byte("# A\n")}}
	var l Loader
	var list diag.List
	site, _ := l.LoadFS(fsys, &list)
	if k := site.Pages[0].Kind; k != KindPage || site.Pages[0].BundleDir != "docs/a" {
		t.Fatalf("alone: got kind %q bundle %q, want a bundle page", k, site.Pages[0].BundleDir)
	}
	fsys["docs/a/b.md"] = &fstest.MapFile{Data: []byte("# B\n")}
	site, _ = l.LoadFS(fsys, &list)
	for _, p := range site.Pages {
		if p.Rel == "docs/a/index.md" && (p.Kind != KindSection || p.BundleDir != "") {
			t.Errorf("with a sibling page, the unchanged index.md must become the section: got kind %q bundle %q", p.Kind, p.BundleDir)
		}
	}
}

func TestSameAddressIsAnError(t *testing.T) {
	page := &fstest.MapFile{Data: []byte("x\n")}
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"two names, one slug", fstest.MapFS{"notes/My Note.md": page, "notes/my-note.md": page},
			"content/notes/My Note.md and content/notes/my-note.md are both published at /notes/my-note/"},
		{"names differing by case", fstest.MapFS{"notes/Note.md": page, "notes/note.md": page},
			"content/notes/Note.md and content/notes/note.md are both published at /notes/note/"},
		{"slugs differing by case", fstest.MapFS{"notes/a.md": {Data: []byte("---\nslug: Plan\n---\n")}, "notes/b.md": {Data: []byte("---\nslug: plan\n---\n")}},
			"content/notes/a.md (published at /notes/Plan/) and content/notes/b.md (published at /notes/plan/) differ only by case"},
		{"section page twice", fstest.MapFS{"docs/_index.md": page, "docs/README.md": page, "docs/x.md": page},
			"content/docs/README.md and content/docs/_index.md are both published at /docs/"},
		{"bundle and page", fstest.MapFS{"guides/a.md": page, "guides/a/index.md": page},
			"content/guides/a.md and content/guides/a/index.md are both published at /guides/a/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var list diag.List
			if _, err := LoadFS(tt.fsys, &list); err != nil {
				t.Fatal(err)
			}
			got := list.Sorted()
			if len(got) != 1 || !strings.Contains(got[0].Msg, tt.want) {
				t.Errorf("got %v, want one diagnostic containing %q", got, tt.want)
			}
		})
	}
}
