package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parcours/parcours/internal/output"
)

// TestSessionEqualsFreshBuild is the rule of incremental builds: after every
// edit, the session's output equals a fresh full build byte for byte, and a
// small edit re-renders a small part of the site.
//
// Told, the session is given the paths each edit touched, as the dev
// server's watcher gives them, and loads only those when it can.
func TestSessionEqualsFreshBuild(t *testing.T) {
	for _, told := range []bool{false, true} {
		t.Run(map[bool]string{false: "walking", true: "told what changed"}[told], func(t *testing.T) {
			sessionEqualsFreshBuild(t, told)
		})
	}
}

func sessionEqualsFreshBuild(t *testing.T, told bool) {
	root := writeSite(t, goodSite)
	var touched []string
	write := func(name, data string) {
		p := filepath.Join(root, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		touched = append(touched, name)
	}
	remove := func(name string) {
		if err := os.Remove(filepath.Join(root, name)); err != nil {
			t.Fatal(err)
		}
		touched = append(touched, name)
	}
	rename := func(from, to string) {
		if err := os.Rename(filepath.Join(root, from), filepath.Join(root, to)); err != nil {
			t.Fatal(err)
		}
		touched = append(touched, from, to)
	}
	edits := []struct {
		name       string
		edit       func()
		wantBroken bool
		maxRender  int // 0: no limit
	}{
		{"first build", func() {}, false, 0},
		{"nothing changed", func() {}, false, 0},
		{"body of a guide", func() {
			write("content/guides/guide-a.md", "---\ntitle: Guide A\ndate: 2024-02-03\n---\n\n## Étape 1\n\nTexte changé.\n")
		}, false, 12},
		// The summary stays: the page itself, and the bundle's picture,
		// which is copied on every build; the site-wide files (feeds,
		// sitemap.xml…) only show the pages' cards.
		{"body of a case: the lists showing it are kept", func() {
			write("content/cases/acme.md", goodSite["content/cases/acme.md"]+"\nUne phrase de plus.\n")
		}, false, 2},
		{"summary of a case changed", func() {
			write("content/cases/acme.md", strings.Replace(goodSite["content/cases/acme.md"], "## La mission\n\n", "Résumé neuf.\n\n## La mission\n\n", 1))
		}, false, 0},
		{"title of an irritant", func() {
			write("content/irritants/attente.md", "---\ntitle: Attente sans fin\nsectors: [Banque]\nstages: [Onboarding]\nseverity: 4\n---\nLong.\n")
		}, true, 0},
		{"journey follows the new title", func() {
			write("content/journeys/j.md", strings.Replace(goodSite["content/journeys/j.md"], "Attente interminable", "attente sans fin", 1))
		}, false, 0},
		{"target journey added", func() {
			write("content/journeys/t.md", "---\ntitle: T\n---\n```journey\ntitle: Cible\nstate: target\ncompares: j\nphases:\n  - name: P\n    stages:\n      - name: Je paie\n        emotion: 1\n```\n")
		}, false, 0},
		{"current journey changed under it", func() {
			write("content/journeys/j.md", strings.Replace(goodSite["content/journeys/j.md"], "emotion: -1\n        irritants: [Attente interminable]", "emotion: -2\n        irritants: [attente sans fin]", 1))
		}, false, 0},
		{"persona page added", func() {
			write("content/personas/zoe.md", "---\ntitle: Zoé\nquote: Vite.\n---\n")
		}, false, 0},
		{"journey names the persona", func() {
			j := strings.Replace(goodSite["content/journeys/j.md"], "Attente interminable", "attente sans fin", 1)
			write("content/journeys/j.md", strings.Replace(j, "title: J\n", "title: J\npersona: zoe\n", 1))
		}, false, 0},
		{"persona quote changed", func() { write("content/personas/zoe.md", "---\ntitle: Zoé\nquote: Plus vite.\n---\n") }, false, 0},
		{"persona renamed", func() { write("content/personas/zoe.md", "---\ntitle: Zoé Martin\n---\n") }, false, 0},
		{"half-written file", func() { write("content/cases/acme.md", "---\ntitle: \"Acme\n") }, true, 0},
		{"fixed", func() {
			write("content/cases/acme.md", "---\ntitle: Acme\nclient: Acme\ndate: 2024-01-02\ntools: [Salesforce, HubSpot]\nirritants: [attente]\n---\n\n## La mission\n\nVoir [[guide-a]].\n")
		}, false, 0},
		{"new page", func() { write("content/guides/nouveau.md", "---\ntitle: Nouveau\ntags: [Neuf]\n---\nVoir [[acme]].\n") }, false, 0},
		{"deleted page", func() { remove("content/guides/nouveau.md") }, false, 0},
		{"page in a new folder", func() { write("content/notes/2024/idee.md", "---\ntitle: Idée\n---\nVoir [[acme]].\n") }, false, 0},
		{"its body edited", func() { write("content/notes/2024/idee.md", "---\ntitle: Idée\n---\nVoir [[acme]] et plus.\n") }, false, 0},
		{"page renamed", func() { rename("content/notes/2024/idee.md", "content/notes/2024/pensee.md") }, false, 0},
		{"file beside it", func() { write("content/notes/2024/plan.txt", "plan") }, false, 0},
		{"that file edited", func() { write("content/notes/2024/plan.txt", "plan 2") }, false, 0},
		{"folder renamed", func() { rename("content/notes/2024", "content/notes/2025") }, false, 0},
		{"link to a heading of another page", func() {
			write("content/notes/lien.md", "---\ntitle: Lien\n---\nVoir [l’étape](../guides/guide-a.md#etape-1).\n")
		}, false, 0},
		{"that heading renamed", func() {
			write("content/guides/guide-a.md", "---\ntitle: Guide A\ndate: 2024-02-03\n---\n\n## Étape 2\n\nTexte changé.\n")
		}, true, 0},
		{"the link follows", func() {
			write("content/notes/lien.md", "---\ntitle: Lien\n---\nVoir [l’étape](../guides/guide-a.md#etape-2).\n")
		}, false, 0},
		{"the linking page edited, its target not", func() {
			write("content/notes/lien.md", "---\ntitle: Lien\n---\nVoir [l’étape](../guides/guide-a.md#etape-2) encore.\n")
		}, false, 0},
		{"link page removed", func() { remove("content/notes/lien.md") }, false, 0},
		{"deleted page still linked", func() { remove("content/guides/guide-a.md") }, true, 0},
		{"link removed", func() {
			write("content/cases/acme.md", "---\ntitle: Acme\nclient: Acme\ndate: 2024-01-02\nirritants: [attente]\n---\n\n## La mission\n")
		}, false, 0},
		{"template override", func() {
			os.MkdirAll(filepath.Join(root, "layouts"), 0o755)
			src, _ := os.ReadFile("../../themes/default/layouts/page.html")
			write("layouts/page.html", strings.Replace(string(src), "<article", "<article data-custom", 1))
		}, false, 0},
		{"card shows the body", func() {
			src, _ := os.ReadFile("../../themes/default/layouts/partials/card.html")
			write("layouts/partials/card.html", strings.Replace(string(src), "</article>", "<p data-bytes=\"{{len .Page.Body}}\"></p></article>", 1))
		}, false, 0},
		{"body of a case shown in cards", func() {
			write("content/cases/acme.md", "---\ntitle: Acme\nclient: Acme\ndate: 2024-01-02\nirritants: [attente]\n---\n\n## La mission\n\nPlus longue.\n")
		}, false, 0},
		{"stylesheet", func() { write("static/css/extra.css", "body{color:red}") }, false, 0},
		{"link to a static file not there yet", func() {
			write("content/a-propos.md", "---\ntitle: À propos\n---\n![plan](/img/plan.png)\n")
		}, true, 0},
		{"static file added", func() { write("static/img/plan.png", "png") }, false, 0},
		{"config", func() { write("parcours.toml", "title = \"Autre\"\nbaseURL = \"https://x.org/\"\n") }, false, 0},
		{"config broken", func() { write("parcours.toml", "title = \"Autre\"\ntitel = 1\n") }, true, 0},
		{"config fixed", func() { write("parcours.toml", "title = \"Encore\"\n") }, false, 0},
		{"lane declared and filled", func() {
			write("parcours.toml", "title = \"Encore\"\n[journey]\nlanes = [{key = \"equipe\", label = {fr = \"Équipe\"}}]\n")
			write("content/journeys/j.md", "---\ntitle: J\n---\n```journey\ntitle: Parcours\nphases:\n  - name: P\n    stages:\n      - name: Je paie\n        equipe: [Tendue]\n```\n")
		}, false, 0},
		{"lane relabelled", func() {
			write("parcours.toml", "title = \"Encore\"\n[journey]\nlanes = [{key = \"equipe\", label = {fr = \"Ressenti de l’équipe\"}}]\n")
		}, false, 0},
		{"lane no longer declared", func() { write("parcours.toml", "title = \"Encore\"\n") }, true, 0},
	}
	sess := NewSession(Options{Root: root})
	for _, e := range edits {
		touched = nil
		e.edit()
		if told && e.name != "first build" {
			sess.Changed(append([]string{}, touched...))
		}
		stats, built := buildStep(t, sess, root, e.name, e.wantBroken)
		if !built {
			continue
		}
		if e.maxRender > 0 && stats.Rendered > e.maxRender {
			t.Errorf("%s: rendered %d files, want at most %d", e.name, stats.Rendered, e.maxRender)
		}
		t.Logf("%s: rendered %d of %d files", e.name, stats.Rendered, stats.Files)
	}
}

// buildStep builds the session after an edit and, unless the edit should
// break the build, compares its output with a fresh build's; built is
// false when the build failed as wanted.
func buildStep(t *testing.T, sess *Session, root, step string, wantBroken bool) (stats Stats, built bool) {
	t.Helper()
	got := output.NewMemory()
	stats, err := sess.Build(got)
	if wantBroken {
		if err == nil {
			t.Fatalf("%s: build succeeded, want errors", step)
		}
		return stats, false
	}
	if err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	want := output.NewMemory()
	if _, err := Run(Options{Root: root}, want); err != nil {
		t.Fatal(err)
	}
	sameTree(t, step, got, want)
	return stats, true
}

// sameTree fails the test when got and a fresh build's want differ in a
// file's name or bytes.
func sameTree(t *testing.T, step string, got, want *output.Memory) {
	t.Helper()
	if g, w := strings.Join(got.Names(), "\n"), strings.Join(want.Names(), "\n"); g != w {
		t.Fatalf("%s: files differ from a fresh build:\n%s\nwant\n%s", step, g, w)
	}
	for _, n := range want.Names() {
		a, _ := got.Get(n)
		b, _ := want.Get(n)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: %s differs from a fresh build", step, n)
		}
	}
}
