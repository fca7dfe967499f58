package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/parcours/parcours/internal/archetype"
	jny "github.com/parcours/parcours/internal/journey"
	"github.com/parcours/parcours/internal/output"
)

func site(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, data := range files {
		p := filepath.Join(root, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// good is a site that builds.
var good = map[string]string{
	"parcours.toml":      "title = \"T\"\n",
	"content/cases/a.md": "---\ntitle: A\n---\nTexte.\n",
}

func TestCommands(t *testing.T) {
	broken := map[string]string{
		"parcours.toml":          "title = \"T\"\ntitel = 1\n",
		"content/cases/a.md":     "---\ntitle: A\nscopes: x\n---\n",
		"content/guides/b.md":    "---\ntitle: B\n---\n[[rien]]\n",
		"content/irritants/c.md": "---\ntitle: C\nseverity: 9\n---\n",
	}
	dangling := map[string]string{
		"parcours.toml":      "title = \"T\"\n",
		"content/cases/a.md": "---\ntitle: A\n---\nVoir [B](b.md).\n",
	}
	many := map[string]string{"parcours.toml": "title = \"T\"\n"}
	for i := range 5 {
		many[fmt.Sprintf("content/guides/g%d.md", i)] = fmt.Sprintf("---\ntitle: G%d\n---\n[[rien-%d]]\n", i, i)
	}
	many["content/irritants/c.md"] = "---\ntitle: C\nseverity: 9\n---\n"
	untitled := map[string]string{
		"parcours.toml":          "title = \"T\"\n",
		"content/guides/a.md":    "---\nscopes: [x]\n---\n# Premier titre\n",
		"content/guides/sans.md": "Pas de titre.\n",
		"content/guides/ok.md":   "---\ntitle: OK\n---\n",
	}
	drafts := map[string]string{
		"parcours.toml":       "title = \"T\"\n",
		"content/guides/a.md": "---\ntitle: A\ndraft: true\n---\n",
		"content/guides/b.md": "---\ntitle: B\ndraft: true\n---\n",
		"content/guides/c.md": "---\ntitle: C\n---\n",
	}
	tests := []struct {
		name     string
		files    map[string]string
		args     func(root string) []string
		code     int
		out, err string
	}{
		{"version", nil, func(string) []string { return []string{"version"} }, 0, "parcours ", ""},
		{"help", nil, func(string) []string { return []string{"--help"} }, 0, "parcours build", ""},
		{"unknown", nil, func(string) []string { return []string{"bild"} }, 2, "", `unknown command "bild"`},
		{"build", good, func(r string) []string { return []string{"build", "-s", r} }, 0, "built ", ""},
		{"build into the site root", good, func(r string) []string { return []string{"build", "-s", r, "-d", r} }, 1, "", "site root"},
		{"bad audience", good, func(r string) []string { return []string{"build", "-s", r, "--audience", "all"} }, 2, "", "--audience must be"},
		{"check reports all", broken, func(r string) []string { return []string{"check", "-s", r} }, 1, "", "content/cases/a.md:3:9: scopes must be a list: scopes: [x]\ncontent/guides/b.md:4:1: [[rien]] links to nothing: no page has that slug\ncontent/irritants/c.md:3:11: severity must be between 1 and 5, got 9: severity: 3\nparcours.toml:2:1: unknown key \"titel\"; did you mean \"title\"?\nparcours: 4 problems; nothing was written"},
		{"broken link fails by default", dangling, func(r string) []string { return []string{"build", "-s", r} }, 1, "", "content/cases/a.md:4:6: link to b.md: no such page"},
		{"broken link as a warning", dangling, func(r string) []string { return []string{"build", "-s", r, "--broken-links=warn"} }, 0, "(1 warning)", "content/cases/a.md:4:6: warning: link to b.md: no such page"},
		{"check with warnings", dangling, func(r string) []string { return []string{"check", "-s", r, "--broken-links", "warn"} }, 0, "no errors (1 warning)", "content/cases/a.md:4:6: warning: link to b.md"},
		{"check --summary groups by kind", many, func(r string) []string { return []string{"check", "-s", r, "--summary"} }, 1, "", "5 × [[…]] links to nothing: no page has that slug: content/guides/g0.md:4:1, content/guides/g1.md:4:1, content/guides/g2.md:4:1, …\n1 × severity must be between … and …, got …: severity: 3: content/irritants/c.md:3:11\nparcours: 6 problems; nothing was written\n"},
		{"check --summary groups warnings", dangling, func(r string) []string { return []string{"check", "-s", r, "--summary", "--broken-links=warn"} }, 0, "no errors (1 warning)", "warning: 1 × link to …: no such page (…): content/cases/a.md:4:6\n"},
		{"titles taken from the page", untitled, func(r string) []string { return []string{"check", "-s", r} }, 0, "no problems", ""},
		{"--strict-titles", untitled, func(r string) []string { return []string{"check", "-s", r, "--strict-titles"} }, 1, "", "content/guides/a.md:1:1: missing title (\"Premier titre\" was taken from the page); add title: to the frontmatter\ncontent/guides/sans.md:1:1: missing title (\"Sans\" was taken from the page); add title: to the frontmatter\nparcours: 2 problems"},
		{"--strict-titles on build", untitled, func(r string) []string { return []string{"build", "-s", r, "--strict-titles"} }, 1, "", "content/guides/sans.md:1:1: missing title"},
		{"drafts left out", drafts, func(r string) []string { return []string{"build", "-s", r} }, 0, "; 2 drafts left out (--drafts to include them)\n", ""},
		{"one draft", map[string]string{"parcours.toml": "", "content/guides/a.md": "---\ntitle: A\ndraft: true\n---\n"}, func(r string) []string { return []string{"build", "-s", r} }, 0, "; 1 draft left out (--drafts to include it)\n", ""},
		{"drafts included", drafts, func(r string) []string { return []string{"build", "-s", r, "--drafts"} }, 0, "files) in ", ""},
		{"near-duplicate terms", map[string]string{"parcours.toml": "", "content/cases/a.md": "---\ntitle: A\nscopes: [Onboarding]\n---\n", "content/cases/b.md": "---\ntitle: B\ndate: 2024-01-02\nscopes: [Onbording]\n---\n"},
			func(r string) []string { return []string{"check", "-s", r} }, 0, "no errors (1 warning)", `content/cases/b.md:4:1: warning: scopes: "Onbording" is one edit away from "Onboarding" (content/cases/a.md:3:1, 1 page)`},
		{"bad broken-links", good, func(r string) []string { return []string{"check", "-s", r, "--broken-links", "ignore"} }, 2, "", "--broken-links must be error or warn"},
		{"new case", good, func(r string) []string { return []string{"new", "-s", r, "case", "Étude Acmé"} }, 0, filepath.Join("content", "cases", "etude-acme", "index.md"), ""},
		{"new outside a site", map[string]string{"notes.md": "x"}, func(r string) []string { return []string{"new", "-s", r, "guide", "X"} }, 1, "", "is not a site: it has no parcours.toml"},
		{"new unknown kind", good, func(r string) []string { return []string{"new", "-s", r, "cas", "X"} }, 1, "", "unknown kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := ""
			if tt.files != nil {
				root = site(t, tt.files)
			}
			var out, errb bytes.Buffer
			code := run(tt.args(root), &out, &errb)
			if tt.name == "new outside a site" {
				if _, err := os.Stat(filepath.Join(root, "content")); err == nil {
					t.Errorf("new created content/ outside a site")
				}
			}
			if code != tt.code || !strings.Contains(out.String(), tt.out) || !strings.Contains(errb.String(), tt.err) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d with %q / %q", code, out.String(), errb.String(), tt.code, tt.out, tt.err)
			}
		})
	}
}

// TestBuildReportsWhatItWrote checks the counts build prints against the
// files found in the output folder, its marker aside.
func TestBuildReportsWhatItWrote(t *testing.T) {
	root := site(t, good)
	var out, errb bytes.Buffer
	if code := run([]string{"build", "-s", root}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	pages, files := 0, 0
	err := filepath.WalkDir(filepath.Join(root, "public"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() != output.Marker {
			files++
			if strings.HasSuffix(p, ".html") {
				pages++
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 2 {
		t.Fatalf("%d HTML files in public/, want the home and the case at least", pages)
	}
	if want := fmt.Sprintf("built %d pages (%d files) in ", pages, files); !strings.HasPrefix(out.String(), want) {
		t.Errorf("stdout %q, want it to start with %q", out.String(), want)
	}
}

// TestNewScaffoldBuilds checks that every archetype is a valid page, and
// that a new journey says its persona in one place, where a first journey
// once gave the page and the map two different ones.
func TestNewScaffoldBuilds(t *testing.T) {
	root := site(t, map[string]string{"parcours.toml": "title = \"T\"\n", "content/_index.md": "---\ntitle: T\n---\n"})
	for _, kind := range archetype.Kinds {
		var out, errb bytes.Buffer
		if code := run([]string{"new", "-s", root, kind, "Exemple " + kind}, &out, &errb); code != 0 {
			t.Fatalf("new %s: %s", kind, errb.String())
		}
	}
	journey, err := os.ReadFile(filepath.Join(root, "content", "journeys", "exemple-journey.md"))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(regexp.MustCompile(`(?m)^\s*persona:`).FindAll(journey, -1)); n != 1 {
		t.Errorf("the journey scaffold sets persona %d times, want once:\n%s", n, journey)
	}
	// Every lane is there to uncomment, and one moment of truth is set.
	for _, f := range jny.StageFields(nil) {
		set := regexp.MustCompile(`(?m)^\s+`+f.Key+`:`).FindAll(journey, -1)
		commented := regexp.MustCompile(`(?m)^\s+# `+f.Key+`:`).FindAll(journey, -1)
		switch f.Key {
		case "name":
		case "moment_of_truth":
			if len(set) != 1 || len(commented) != 0 {
				t.Errorf("moment_of_truth set %d times, commented %d times; want set once", len(set), len(commented))
			}
		default:
			if len(set) != 0 || len(commented) != 1 {
				t.Errorf("lane %s set %d times, commented %d times; want commented once", f.Key, len(set), len(commented))
			}
		}
	}
	if _, err := os.Stat(filepath.Join(root, "content", "cases", "exemple-case", "index.md")); err != nil {
		t.Errorf("a new case is not a page bundle: %v", err)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"check", "-s", root, "--drafts"}, &out, &errb); code != 0 {
		t.Errorf("scaffolded files do not check: %s", errb.String())
	}
}

// TestDraftsLeftOut: the summary line counts the drafts a build left out,
// and says nothing of them when there are none or --drafts includes them.
func TestDraftsLeftOut(t *testing.T) {
	page := func(draft bool) string { return fmt.Sprintf("---\ntitle: P\ndraft: %v\n---\n", draft) }
	tests := []struct {
		name   string
		drafts int
		args   []string
		want   string
	}{
		{"none", 0, nil, `^built \d+ pages \(\d+ files\) in [\d,.]+ m?s, \d+ reused from the cache\n$`},
		{"one", 1, nil, `; 1 draft left out \(--drafts to include it\)\n$`},
		{"three", 3, nil, `; 3 drafts left out \(--drafts to include them\)\n$`},
		{"included", 3, []string{"--drafts"}, `^built \d+ pages \(\d+ files\) in [\d,.]+ m?s, \d+ reused from the cache\n$`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"parcours.toml": "", "content/guides/ok.md": page(false)}
			for i := range tt.drafts {
				files[fmt.Sprintf("content/guides/d%d.md", i)] = page(true)
			}
			var out, errb bytes.Buffer
			if code := run(append([]string{"build", "-s", site(t, files)}, tt.args...), &out, &errb); code != 0 {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			if !regexp.MustCompile(tt.want).MatchString(out.String()) {
				t.Errorf("got %q, want it to match %s", out.String(), tt.want)
			}
		})
	}
}
