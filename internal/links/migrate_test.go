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
	tests := []struct {
		tool   string
		titles map[string]string // output page → its <h1>
		links  []link
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
		}},
		{"jekyll", map[string]string{
			"guides/setup/index.html": "Setup",
		}, []link{
			{"index.html", "the setup guide", "/guides/setup/"},
			{"guides/setup/index.html", "deployment", "/guides/deploy/"},
			{"guides/deploy/index.html", "setup, no extension", "/guides/setup/"},
			{"guides/deploy/index.html", "setup, permalink", "/guides/setup/"},
			{"guides/deploy/index.html", "heading, kramdown id", "/guides/setup/#install-the-tools"},
			{"guides/deploy/index.html", "home", "/"},
		}},
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
		}},
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
		}},
		{"notion", map[string]string{
			"team-wiki-0f3a9c2be4d14d7a9a51c6b2d8e7f001/index.html":                                                  "Team Wiki",
			"team-wiki-0f3a9c2be4d14d7a9a51c6b2d8e7f001/onboarding-plan-b2c4e6f8a0b24c6e8f0a1b3c5d7e9f02/index.html": "Onboarding Plan",
		}, []link{
			{"team-wiki-0f3a9c2be4d14d7a9a51c6b2d8e7f001/index.html", "Onboarding Plan", "/team-wiki-0f3a9c2be4d14d7a9a51c6b2d8e7f001/onboarding-plan-b2c4e6f8a0b24c6e8f0a1b3c5d7e9f02/"},
			{"team-wiki-0f3a9c2be4d14d7a9a51c6b2d8e7f001/index.html", "First week", "/team-wiki-0f3a9c2be4d14d7a9a51c6b2d8e7f001/onboarding-plan-b2c4e6f8a0b24c6e8f0a1b3c5d7e9f02/#first-week"},
			{"team-wiki-0f3a9c2be4d14d7a9a51c6b2d8e7f001/onboarding-plan-b2c4e6f8a0b24c6e8f0a1b3c5d7e9f02/index.html", "the wiki", "/team-wiki-0f3a9c2be4d14d7a9a51c6b2d8e7f001/"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.tool, func(t *testing.T) {
			var warnings []diag.Diagnostic
			m := output.NewMemory()
			_, err := build.Run(build.Options{Root: filepath.Join("testdata", "migrate", tt.tool), Warn: func(d diag.Diagnostic) { warnings = append(warnings, d) }}, m)
			if err != nil || len(warnings) > 0 {
				t.Fatalf("build: %v, warnings %v", err, warnings)
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
