package build

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parcours/parcours/internal/output"
)

// TestAgainUpdatesLastBuild scripts edits as the dev server's watcher
// reports them and checks, after each, that the session updated its last
// build (again) exactly when the edits changed nothing but bodies that no
// other page shows, and that its output equals a fresh build's either way.
func TestAgainUpdatesLastBuild(t *testing.T) {
	site := maps.Clone(goodSite)
	// Lists of one page: a section's text heads its first page alone.
	site["parcours.toml"] = "title = \"Test\"\nbaseURL = \"https://x.org/\"\npaginate = 1\n"
	site["content/cases/_index.md"] = "---\ntitle: Cas\n---\nNos cas.\n"
	root := writeSite(t, site)
	acme := goodSite["content/cases/acme.md"]
	section := "---\ntitle: Cas\n---\nNos cas, tous.\n"
	guideA := "---\ntitle: Guide A\ndate: 2024-02-04\n---\n\n## Étape 1\n\nTexte.\n"
	moved := strings.Replace(acme, "---\n\n## La mission", "---\n\n\n\n## La mission", 1)
	steps := []struct {
		name      string
		files     map[string]string
		wantAgain bool
		wantErr   bool
	}{
		{"paragraph appended to a case", map[string]string{"content/cases/acme.md": acme + "\nUn paragraphe de plus.\n"}, true, false},
		{"blank lines above: the links move", map[string]string{"content/cases/acme.md": moved + "\nUn paragraphe de plus.\n"}, true, false},
		{"saved unchanged", map[string]string{"content/cases/acme.md": moved + "\nUn paragraphe de plus.\n"}, true, false},
		{"two pages at once", map[string]string{
			"content/cases/acme.md":     acme + "\nDeux paragraphes de plus.\n",
			"content/guides/guide-a.md": goodSite["content/guides/guide-a.md"] + "\nSuite.\n",
		}, true, false},
		{"a heading added", map[string]string{"content/cases/acme.md": acme + "\n## Bilan\n\nBien.\n"}, true, false},
		{"a link added", map[string]string{"content/cases/acme.md": acme + "\n## Bilan\n\nVoir [[a-propos]].\n"}, false, false},
		{"the summary changed: the lists showing it follow", map[string]string{"content/cases/acme.md": strings.Replace(acme, "## La mission\n\n", "Résumé neuf.\n\n## La mission\n\n", 1) + "\n## Bilan\n\nVoir [[a-propos]].\n"}, true, false},
		{"an irritant's summary: the catalogue follows", map[string]string{"content/irritants/attente.md": strings.Replace(goodSite["content/irritants/attente.md"], "Long.", "Très long.", 1)}, true, false},
		{"a section's summary", map[string]string{"content/cases/_index.md": section}, false, false},
		{"frontmatter changed", map[string]string{"content/guides/guide-a.md": guideA}, false, false},
		{"a stylesheet beside an edit", map[string]string{
			"static/css/extra.css":  "body{color:red}",
			"content/cases/acme.md": acme + "\nAvec du style.\n",
		}, false, false},
		{"a broken link", map[string]string{"content/cases/acme.md": acme + "\nVoir [ceci](nulle-part.md).\n"}, false, true},
		{"fixed", map[string]string{"content/cases/acme.md": acme + "\nCorrigé.\n"}, false, false},
		{"then edited", map[string]string{"content/cases/acme.md": acme + "\nCorrigé deux fois.\n"}, true, false},
		{"a heading another page names, renamed", map[string]string{"content/guides/guide-a.md": strings.Replace(guideA, "Étape 1", "Étape un", 1)}, false, true},
		{"renamed back", map[string]string{"content/guides/guide-a.md": guideA}, false, false},
		{"a link to a heading of its own", map[string]string{"content/cases/acme.md": acme + "\n## Bilan\n\nVoir [plus haut](#la-mission).\n"}, false, false},
		{"that heading renamed", map[string]string{"content/cases/acme.md": strings.Replace(acme, "## La mission", "## Notre mission", 1) + "\n## Bilan\n\nVoir [plus haut](#la-mission).\n"}, false, true},
		{"a heading of no link renamed", map[string]string{"content/cases/acme.md": acme + "\n## Le bilan\n\nVoir [plus haut](#la-mission).\n"}, false, false},
		{"and again", map[string]string{"content/cases/acme.md": acme + "\n## Le bilan final\n\nVoir [plus haut](#la-mission).\n"}, true, false},
		{"a journey's emotion", map[string]string{"content/journeys/j.md": strings.Replace(goodSite["content/journeys/j.md"], "emotion: -1", "emotion: -2", 1)}, false, false},
		{"a section's text", map[string]string{"content/cases/_index.md": section + "\nEt d’autres à venir.\n"}, true, false},
		{"a bundle's picture", map[string]string{"content/cases/bundle/logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>"}, true, false},
	}
	sess := NewSession(Options{Root: root})
	if _, err := sess.Build(output.NewMemory()); err != nil {
		t.Fatal(err)
	}
	for _, st := range steps {
		var touched []string
		for name, data := range st.files {
			p := filepath.Join(root, name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
			touched = append(touched, name)
		}
		sess.Changed(touched)
		last := sess.last
		if _, built := buildStep(t, sess, root, st.name, st.wantErr); !built {
			continue
		}
		if again := last != nil && sess.last == last; again != st.wantAgain {
			t.Errorf("%s: last build updated: %v, want %v", st.name, again, st.wantAgain)
		}
	}
}
