package build

import (
	"bytes"
	"errors"
	"image/png"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/output"
)

// writeSite writes files under a new temporary site root.
func writeSite(t testing.TB, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

var goodSite = map[string]string{
	"parcours.toml":                 "title = \"Test\"\nbaseURL = \"https://x.org/\"\n",
	"content/_index.md":             "---\ntitle: Accueil\n---\nBienvenue.\n",
	"content/cases/acme.md":         "---\ntitle: Acme\nclient: Acme\ndate: 2024-01-02\ntools: [Salesforce]\nscopes: [Onboarding]\nirritants: [attente]\n---\n\n## La mission\n\nVoir [[guide-a]] et [le guide](../guides/guide-a.md#etape-1).\n",
	"content/guides/guide-a.md":     "---\ntitle: Guide A\ndate: 2024-02-03\n---\n\n## Étape 1\n\nTexte.\n",
	"content/irritants/attente.md":  "---\ntitle: Attente interminable\nsectors: [Banque]\nstages: [Onboarding]\nseverity: 4\n---\nLong.\n",
	"content/cases/bundle/index.md": "---\ntitle: Bundle\n---\n![logo](logo.svg)\n",
	"content/cases/bundle/logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
	"content/guides/interne.md":     "---\ntitle: Interne\naudience: internal\n---\nSecret.\n",
	"content/guides/brouillon.md":   "---\ntitle: Brouillon\ndraft: true\n---\nPas prêt.\n",
	"content/journeys/j.md":         "---\ntitle: J\n---\n```journey\ntitle: Parcours\nphases:\n  - name: P\n    stages:\n      - name: Je paie\n        emotion: -1\n        irritants: [Attente interminable]\n```\n",
	"content/a-propos.md":           "---\ntitle: À propos\n---\nQui nous sommes.\n",
}

func buildTo(t testing.TB, opts Options) (*output.Memory, error) {
	t.Helper()
	m := output.NewMemory()
	_, err := Run(opts, m)
	return m, err
}

func TestBuildExampleShapes(t *testing.T) {
	root := writeSite(t, goodSite)
	m, err := buildTo(t, Options{Root: root})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{
		"index.html", "cases/acme/index.html", "guides/guide-a/index.html", "cases/bundle/logo.svg",
		"irritants/attente/index.html", "journeys/j/parcours.svg", "journeys/j/parcours.csv", "journeys/j/parcours.xlsx",
		"tools/salesforce/index.html", "scopes/index.html", "sitemap.xml", "atom.xml", "robots.txt", "404.html",
		"search/index.html", "irritants/matrix/banque/onboarding/index.html",
	} {
		if _, ok := m.Get(name); !ok {
			t.Errorf("missing %s", name)
		}
	}
	for _, name := range []string{"guides/interne/index.html", "guides/brouillon/index.html"} {
		if _, ok := m.Get(name); ok {
			t.Errorf("%s published in a public build without --drafts", name)
		}
	}
	acme, _ := m.Get("cases/acme/index.html")
	if !bytes.Contains(acme, []byte(`href="/guides/guide-a/#etape-1"`)) {
		t.Errorf("link to a content file not rewritten")
	}
	guide, _ := m.Get("guides/guide-a/index.html")
	if !bytes.Contains(guide, []byte(`href="/cases/acme/"`)) {
		t.Errorf("guide does not list its backlink from acme")
	}
	irr, _ := m.Get("irritants/attente/index.html")
	if !bytes.Contains(irr, []byte("Parcours › P › Je paie")) {
		t.Errorf("irritant page does not show its journey appearance")
	}
	for _, name := range m.Names() {
		data, _ := m.Get(name)
		if bytes.Contains(data, []byte("Secret.")) || bytes.Contains(data, []byte("/guides/interne/")) {
			t.Errorf("internal page leaks into %s", name)
		}
	}
	mi, err := buildTo(t, Options{Root: root, Internal: true, Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"guides/interne/index.html", "guides/brouillon/index.html"} {
		if _, ok := mi.Get(name); !ok {
			t.Errorf("%s missing from --audience internal --drafts", name)
		}
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	root := writeSite(t, goodSite)
	for _, minify := range []bool{false, true} {
		a, err := buildTo(t, Options{Root: root, Minify: minify})
		if err != nil {
			t.Fatal(err)
		}
		b, err := buildTo(t, Options{Root: root, Minify: minify})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(a.Names(), ",") != strings.Join(b.Names(), ",") {
			t.Fatalf("file lists differ")
		}
		for _, n := range a.Names() {
			x, _ := a.Get(n)
			y, _ := b.Get(n)
			if !bytes.Equal(x, y) {
				t.Errorf("minify=%v: %s differs between two builds", minify, n)
			}
		}
	}
}

func TestBuildReportsEveryProblem(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"three errors in three files", map[string]string{
			"content/cases/a.md":     "---\ntitle: A\nscopes: Expansion\n---\n",
			"content/guides/b.md":    "---\ntitle: B\n---\nVoir [[nulle-part]].\n",
			"content/irritants/c.md": "---\ntitle: C\nseverity: 9\n---\n",
		}, []string{
			"content/cases/a.md:3:9: scopes must be a list: scopes: [Expansion]",
			`content/guides/b.md:4:6: [[nulle-part]] links to nothing`,
			"content/irritants/c.md:3:11: severity must be between 1 and 5",
		}},
		{"missing file and heading", map[string]string{
			"content/guides/b.md": "---\ntitle: B\n---\n[x](../cases/acmee.md) et [y](../cases/acme.md#nope)\n",
		}, []string{`content/guides/b.md:4:1: link to ../cases/acmee.md: no such page (content/cases/acmee.md); did you mean "cases/acme.md"?`,
			"content/guides/b.md:4:27: #nope: content/cases/acme.md has no such heading"}},
		{"unknown irritant with suggestion", map[string]string{
			"content/cases/z.md": "---\ntitle: Z\nirritants: [atente]\n---\n",
		}, []string{`content/cases/z.md:3:13: irritants: unknown irritant "atente"; did you mean "attente"?`}},
		{"ambiguous irritant title", map[string]string{
			"content/irritants/autre.md": "---\ntitle: Attente interminable\n---\n",
		}, []string{`irritant "Attente interminable" is ambiguous: it is the title of content/irritants/attente.md and content/irritants/autre.md`}},
		{"link to a draft", map[string]string{
			"content/guides/c.md": "---\ntitle: C\n---\n[[brouillon]]\n",
		}, []string{"content/guides/c.md:4:1: links to content/guides/brouillon.md, a draft"}},
		{"public links to internal", map[string]string{
			"content/guides/c.md": "---\ntitle: C\n---\n[[interne]]\n",
		}, []string{"an internal page: a public page cannot link to it"}},
		{"empty taxonomy term", map[string]string{
			"content/guides/c.md": "---\ntitle: C\ntags: [\"&&\"]\n---\n",
		}, []string{`content/guides/c.md:3:1: tags: term "&&" has no letter or digit`}},
		{"journey error at the markdown line", map[string]string{
			"content/journeys/k.md": "---\ntitle: K\n---\n\n```journey\ntitle: T\nphases:\n  - name: P\n    stages:\n      - name: Je\n        emotion: 5\n```\n",
		}, []string{"content/journeys/k.md:11:"}},
		{"alias onto a page and with ..", map[string]string{
			"content/guides/c.md": "---\ntitle: C\naliases: [/cases/acme/, ../../etc]\n---\n",
		}, []string{"alias \"/cases/acme/\" is the address of content/cases/acme.md", `alias "../../etc" must not contain ".."`}},
		{"missing image", map[string]string{
			"content/guides/c.md": "---\ntitle: C\n---\n![x](absent.png)\n",
		}, []string{"content/guides/c.md:4:1: image absent.png not found"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := maps.Clone(goodSite)
			maps.Copy(files, tt.files)
			root := writeSite(t, files)
			_, err := buildTo(t, Options{Root: root})
			var de *diag.Errors
			if !errors.As(err, &de) {
				t.Fatalf("got %v, want diagnostics", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("got:\n%v\nwant a line containing %q", err, w)
				}
			}
		})
	}
}

func TestBuildFine(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  map[string]string // output file → a string it holds
	}{
		{"reference cycle", map[string]string{
			"content/guides/x.md": "---\ntitle: X\n---\n[[y]]\n",
			"content/guides/y.md": "---\ntitle: Y\n---\n[[x]]\n",
		}, map[string]string{
			"guides/x/index.html": `<a href="/guides/y/">Y</a>`,
			"guides/y/index.html": `<a href="/guides/x/">X</a>`,
		}},
		{"path-like term", map[string]string{
			"content/guides/x.md": "---\ntitle: X\ntags: [\"../../etc\"]\n---\n",
		}, map[string]string{"tags/etc/index.html": `href="/guides/x/"`}},
		{"only a title in the config", map[string]string{"parcours.toml": "title = \"T\"\n"}, map[string]string{
			"index.html":        `<html lang="fr">`,
			"scopes/index.html": "<title>",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := maps.Clone(goodSite)
			maps.Copy(files, tt.files)
			m, err := buildTo(t, Options{Root: writeSite(t, files)})
			if err != nil {
				t.Fatal(err)
			}
			for name, want := range tt.want {
				if b, ok := m.Get(name); !ok || !strings.Contains(string(b), want) {
					t.Errorf("%s (written: %t) does not hold %s", name, ok, want)
				}
			}
			for _, name := range m.Names() {
				if strings.Contains(name, "..") {
					t.Errorf("%s is written outside its folder", name)
				}
			}
		})
	}
}

func TestMissingContent(t *testing.T) {
	root := writeSite(t, map[string]string{"parcours.toml": "title = \"T\"\n"})
	_, err := buildTo(t, Options{Root: root})
	if err == nil || !strings.Contains(err.Error(), "no content/ folder") {
		t.Errorf("got %v", err)
	}
}

// TestFailedBuildKeepsOutput checks the swap: a broken build leaves the
// previous output byte-identical, and removed pages disappear on the next
// good build.
func TestFailedBuildKeepsOutput(t *testing.T) {
	root := writeSite(t, goodSite)
	dest := filepath.Join(root, "public")
	build := func() error {
		d, err := output.NewDisk(root, dest)
		if err != nil {
			return err
		}
		if _, err := Run(Options{Root: root}, d); err != nil {
			d.Abort()
			return err
		}
		return d.Commit()
	}
	if err := build(); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dest)
	if err := os.WriteFile(filepath.Join(root, "content/cases/acme.md"), []byte("---\ntitle: \"oops\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := build(); err == nil {
		t.Fatal("broken build succeeded")
	}
	if after := snapshot(t, dest); after != before {
		t.Errorf("failed build changed the previous output")
	}
	if err := os.Remove(filepath.Join(root, "content/cases/acme.md")); err != nil {
		t.Fatal(err)
	}
	if err := build(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "cases/acme/index.html")); err == nil {
		t.Errorf("removed page still in the output")
	}
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary folder left behind: %s", e.Name())
		}
	}
}

func snapshot(t *testing.T, dir string) string {
	var b strings.Builder
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		b.WriteString(p + "\n" + string(data) + "\n")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestOutputFolderGuards(t *testing.T) {
	root := writeSite(t, goodSite)
	if _, err := output.NewDisk(root, root); err == nil || !strings.Contains(err.Error(), "site root") {
		t.Errorf("-d . : got %v", err)
	}
	if _, err := output.NewDisk(root, filepath.Dir(root)); err == nil {
		t.Errorf("-d parent of the site: accepted")
	}
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "thesis.docx"), []byte("precious"), 0o644)
	if _, err := output.NewDisk(root, other); err == nil || !strings.Contains(err.Error(), "did not write") {
		t.Errorf("-d folder of unrelated files: got %v", err)
	}
	// A parent that is a file cannot hold the output, even for root, which
	// read-only permissions would not stop.
	blocker := filepath.Join(t.TempDir(), "file")
	os.WriteFile(blocker, []byte("x"), 0o644)
	if _, err := output.NewDisk(root, filepath.Join(blocker, "public")); err == nil {
		t.Errorf("output folder that cannot be written: accepted")
	}
	if runtime.GOOS != "windows" && os.Geteuid() != 0 {
		locked := filepath.Join(t.TempDir(), "locked")
		os.Mkdir(locked, 0o555)
		if _, err := output.NewDisk(root, filepath.Join(locked, "public")); err == nil {
			t.Errorf("read-only parent folder: accepted")
		}
	}
}

func BenchmarkBuildExampleSite(b *testing.B) {
	root, _ := filepath.Abs("../..")
	for i := 0; i < b.N; i++ {
		m := output.NewMemory()
		if _, err := Run(Options{Root: root}, m); err != nil {
			b.Fatal(err)
		}
	}
}

func TestExampleSiteBuilds(t *testing.T) {
	root, _ := filepath.Abs("../..")
	if _, err := buildTo(t, Options{Root: root}); err != nil {
		t.Fatal(err)
	}
	if err := Check(Options{Root: root, Internal: true}); err != nil {
		t.Fatal(err)
	}
}

// TestJourneyPNG checks that [journey] png = true writes each map as a PNG
// at twice the SVG's size, linked under the map, and that without it
// neither the file nor the link is there.
func TestJourneyPNG(t *testing.T) {
	for _, on := range []bool{false, true} {
		site := maps.Clone(goodSite)
		if on {
			site["parcours.toml"] += "[journey]\npng = true\n"
		}
		m, err := buildTo(t, Options{Root: writeSite(t, site)})
		if err != nil {
			t.Fatal(err)
		}
		b, ok := m.Get("journeys/j/parcours.png")
		page, _ := m.Get("journeys/j/index.html")
		linked := bytes.Contains(page, []byte(`href="parcours.png"`))
		if ok != on || linked != on {
			t.Errorf("png = %v: file written %v, linked %v", on, ok, linked)
		}
		if !on {
			continue
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil || cfg.Width < 200 || cfg.Height < 100 {
			t.Errorf("parcours.png: %v, %dx%d", err, cfg.Width, cfg.Height)
		}
	}
}
