package links_test

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/parcours/parcours/internal/build"
	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/output"
)

// TestMigratedSites builds a small site shaped like each tool's export, as
// it comes (testdata/migrate/<tool>), and checks where its links lead.
func TestMigratedSites(t *testing.T) {
	type link struct{ page, label, href string }
	type holds struct{ page, html string }
	tests := []struct {
		tool   string
		titles map[string]string // output page → its <h1>
		links  []link
		// warnings are the start of each warning, in order; the sites
		// that have some build with [links] broken = "warn".
		warnings []string
		holds    []holds  // HTML a page holds, as written
		files    []string // files published besides pages
		absent   []string // files of the site that must not be published
	}{
		{"hugo", map[string]string{
			"docs/templates/introduction/index.html": "Introduction",
			"docs/templates/index.html":              "Templates",
		}, []link{
			{"docs/templates/introduction/index.html", "address from the root", "/docs/templates/lists/"},
			{"docs/templates/introduction/index.html", "address from this page", "/docs/templates/lists/"},
			{"docs/templates/introduction/index.html", "section address", "/docs/templates/"},
			{"docs/templates/introduction/index.html", "heading as Hugo writes it", "/docs/templates/lists/#l-approche-reseau"},
			{"docs/templates/introduction/index.html", "parent section", "/docs/"},
			{"index.html", "the templates", "/docs/templates/"},
		}, []string{
			`content/docs/templates/lists.md:9:31: Hugo shortcode {{< ref "introduction.md" >}} is not converted and is shown as code: write a plain Markdown link, [text](introduction.md)`,
			`content/docs/templates/lists.md:11:1: Hugo shortcode {{< figure src="/images/lists.png" alt="A list page" >}} is not converted and is shown as code: write an image, ![A list page](/images/lists.png)`,
			`content/docs/templates/lists.md:13:1: Hugo shortcode {{% notice tip %}} is not converted and is shown as code: write a callout`,
		}, []holds{
			{"docs/templates/lists/index.html", `as <code class="foreign-tag">{{&lt; ref &#34;introduction.md&#34; &gt;}}</code> does.`},
		}, nil, nil},
		{"jekyll", map[string]string{
			"guides/setup/index.html": "Setup",
		}, []link{
			{"index.html", "the setup guide", "/guides/setup/"},
			{"guides/setup/index.html", "deployment", "/guides/deploy/"},
			{"guides/deploy/index.html", "setup, no extension", "/guides/setup/"},
			{"guides/deploy/index.html", "setup, permalink", "/guides/setup/"},
			{"guides/deploy/index.html", "heading, kramdown id", "/guides/setup/#install-the-tools"},
			{"guides/deploy/index.html", "home", "/"},
			{"guides/deploy/index.html", "setup, html permalink", "/guides/setup/"},
			{"guides/deploy/index.html", "home, index.html", "/"},
			{"guides/deploy/index.html", "release notes, post permalink", "/posts/2019-03-04-release-notes/"},
			{"guides/deploy/index.html", "release notes, dated permalink", "/posts/2019-03-04-release-notes/"},
			{"posts/2019-03-04-release-notes/index.html", "how to set up", "/guides/setup/"},
		}, nil, nil, nil, nil},
		{"gitbook", map[string]string{
			"chapter-1/index.html":        "Premier chapitre",
			"chapter-1/page-a/index.html": "Page A",
			"summary/index.html":          "Table des matières",
		}, []link{
			{"index.html", "le premier chapitre", "/chapter-1/"},
			{"summary/index.html", "Bienvenue", "/"},
			{"summary/index.html", "Premier chapitre", "/chapter-1/"},
			{"summary/index.html", "Page B", "/chapter-1/page-b/"},
			{"chapter-1/page-a/index.html", "retour au chapitre", "/chapter-1/"},
			{"chapter-1/page-a/index.html", "la page B sans extension", "/chapter-1/page-b/"},
			{"chapter-1/page-a/index.html", "une ancre à la GitBook", "/chapter-1/page-b/#l-approche-reseau"},
			{"chapter-1/page-a/index.html", "le dossier sans barre", "/chapter-1/"},
			{"chapter-1/page-b/index.html", "revenir à la page A", "/chapter-1/page-a/"},
			{"chapter-1/page-b/index.html", "la page A en HTML", "/chapter-1/page-a/"},
		}, nil, []holds{
			{"chapter-1/page-b/index.html", `<img src="/.gitbook/assets/schema-reseau.png" alt="Le schéma du réseau">`},
			{"chapter-1/page-b/index.html", `<img src="/.gitbook/assets/schema-reseau.png" alt="Le schéma en HTML">`},
			{"chapter-1/page-b/index.html", `<aside class="admonition admonition-warning" role="note" aria-label="Attention">`},
		}, []string{".gitbook/assets/schema-reseau.png"}, []string{".gitbook/assets/unused.png", ".env"}},
		{"obsidian", map[string]string{
			"welcome/index.html":                "Welcome",
			"projects/project-alpha/index.html": "Project Alpha",
			"notes/meeting-notes/index.html":    "Meeting Notes",
		}, []link{
			{"welcome/index.html", "Project Alpha", "/projects/project-alpha/"},
			{"projects/project-alpha/index.html", "Meeting Notes", "/notes/meeting-notes/"},
			{"projects/project-alpha/index.html", "the decisions", "/notes/meeting-notes/#decisions-taken"},
			{"projects/project-alpha/index.html", "Welcome", "/welcome/"},
			{"projects/project-alpha/index.html", "shortest path link", "/notes/meeting-notes/"},
			{"welcome/index.html", "Project Alpha", "/projects/project-alpha/"},
		}, []string{
			"content/Welcome.md:6:1: ![[Project Alpha]] embeds a page, which parcours shows as a link",
		}, []holds{
			{"projects/project-alpha/index.html", `<aside class="admonition admonition-tip" role="note" aria-label="Before the kick-off">`},
			{"projects/project-alpha/index.html", `<details><summary class="admonition-title">Warning</summary>`},
			{"projects/project-alpha/index.html", `<img src="/Attachments/whiteboard.png" alt="whiteboard" width="300">`},
			{"welcome/index.html", `<p class="admonition-title">Note</p>`},
		}, []string{"Attachments/whiteboard.png"}, nil},
		{"notion", map[string]string{
			"team-wiki-0f3a9c2be4d14d7a9a51c6b2d8e7f001/index.html":                                                  "Team Wiki",
			"team-wiki-0f3a9c2be4d14d7a9a51c6b2d8e7f001/onboarding-plan-b2c4e6f8a0b24c6e8f0a1b3c5d7e9f02/index.html": "Onboarding Plan",
		}, []link{
			{"team-wiki-0f3a9c2be4d14d7a9a51c6b2d8e7f001/index.html", "Onboarding Plan", "/team-wiki-0f3a9c2be4d14d7a9a51c6b2d8e7f001/onboarding-plan-b2c4e6f8a0b24c6e8f0a1b3c5d7e9f02/"},
			{"team-wiki-0f3a9c2be4d14d7a9a51c6b2d8e7f001/index.html", "First week", "/team-wiki-0f3a9c2be4d14d7a9a51c6b2d8e7f001/onboarding-plan-b2c4e6f8a0b24c6e8f0a1b3c5d7e9f02/#first-week"},
			{"team-wiki-0f3a9c2be4d14d7a9a51c6b2d8e7f001/onboarding-plan-b2c4e6f8a0b24c6e8f0a1b3c5d7e9f02/index.html", "the wiki", "/team-wiki-0f3a9c2be4d14d7a9a51c6b2d8e7f001/"},
		}, nil, nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.tool, func(t *testing.T) {
			var warnings []string
			m := output.NewMemory()
			_, err := build.Run(build.Options{Root: filepath.Join("testdata", "migrate", tt.tool), Warn: func(d diag.Diagnostic) { warnings = append(warnings, d.Error()) }}, m)
			if err != nil || len(warnings) != len(tt.warnings) {
				t.Fatalf("build: %v, warnings %q, want %d", err, warnings, len(tt.warnings))
			}
			for i, w := range tt.warnings {
				if !strings.HasPrefix(warnings[i], w) {
					t.Errorf("warning %d: got %q, want it to start with %q", i, warnings[i], w)
				}
			}
			for _, h := range tt.holds {
				if b, _ := m.Get(h.page); !strings.Contains(string(b), h.html) {
					t.Errorf("%s does not hold %s", h.page, h.html)
				}
			}
			for _, f := range tt.files {
				if _, ok := m.Get(f); !ok {
					t.Errorf("%s is not published", f)
				}
			}
			for _, f := range tt.absent {
				if _, ok := m.Get(f); ok {
					t.Errorf("%s is published, though no page references it", f)
				}
			}
			for page, want := range tt.titles {
				if got := h1(t, m, page); got != want {
					t.Errorf("%s: title %q, want %q", page, got, want)
				}
			}
			for _, l := range tt.links {
				if got := hrefOf(t, m, l.page, l.label); got != l.href {
					t.Errorf("%s: link %q goes to %q, want %q", l.page, l.label, got, l.href)
				}
			}
		})
	}
}

// TestBrokenLinksWarn checks that with [links] broken = "warn" a site with
// broken references builds, says where each is, and marks each in the page.
func TestBrokenLinksWarn(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"parcours.toml":       "title = \"T\"\nlanguage = \"en\"\n[links]\nbroken = \"warn\"\n",
		"content/guides/a.md": "# A\n\nSee [gone](gone.md), [[nowhere]] and [b](b.md#nope).\n\n![lost](lost.png)\n",
		"content/guides/b.md": "# B\n",
	}
	for name, data := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var warnings []string
	m := output.NewMemory()
	_, err := build.Run(build.Options{Root: root, Warn: func(d diag.Diagnostic) { warnings = append(warnings, d.Error()) }}, m)
	if err != nil {
		t.Fatalf("the build failed: %v", err)
	}
	want := []string{
		"content/guides/a.md:3:5: link to gone.md: no such page",
		"content/guides/a.md:3:22: [[nowhere]] links to nothing",
		"content/guides/a.md:3:38: #nope: content/guides/b.md has no such heading",
		"content/guides/a.md:5:1: image lost.png not found",
	}
	if len(warnings) != len(want) {
		t.Fatalf("got warnings %q, want %d", warnings, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(warnings[i], w) {
			t.Errorf("warning %d: got %q, want it to start with %q", i, warnings[i], w)
		}
	}
	page, _ := m.Get("guides/a/index.html")
	for _, mark := range []string{
		`<a href="gone.md" title="Broken link: what it points to is not published" class="broken-link">gone</a>`,
		`<span class="broken-link" title="Broken link: what it points to is not published">nowhere</span>`,
		`<img src="lost.png" alt="lost" title="Broken link: what it points to is not published" class="broken-link">`,
	} {
		if !strings.Contains(string(page), mark) {
			t.Errorf("the page does not hold %s", mark)
		}
	}
	// The same site fails by default, and --broken-links=error wins over the file.
	if _, err := build.Run(build.Options{Root: root, BrokenLinks: "error"}, output.NewMemory()); err == nil || !strings.Contains(err.Error(), "link to gone.md") {
		t.Errorf("with broken links as errors: got %v", err)
	}
}

func h1(t *testing.T, m *output.Memory, page string) string {
	t.Helper()
	b, ok := m.Get(page)
	if !ok {
		t.Fatalf("no %s among %v", page, m.Names())
	}
	match := regexp.MustCompile(`<h1[^>]*>([^<]*)<`).FindSubmatch(b)
	if match == nil {
		t.Fatalf("%s has no <h1>", page)
	}
	return strings.TrimSpace(html.UnescapeString(string(match[1])))
}

func hrefOf(t *testing.T, m *output.Memory, page, label string) string {
	t.Helper()
	b, ok := m.Get(page)
	if !ok {
		t.Fatalf("no %s among %v", page, m.Names())
	}
	re := regexp.MustCompile(`<a href="([^"]*)"[^>]*>` + regexp.QuoteMeta(html.EscapeString(label)) + `</a>`)
	match := re.FindSubmatch(b)
	if match == nil {
		t.Fatalf("%s has no link %q", page, label)
	}
	return html.UnescapeString(string(match[1]))
}
