package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMisleadingErrors: each problem is reported once, where it is, and
// with the hint that leads to the fix.
func TestMisleadingErrors(t *testing.T) {
	const toml = "title = \"T\"\n"
	irritant := "---\ntitle: Manque de clarté de l’information\n---\n"
	tests := []struct {
		name  string
		files map[string]string
		// want is the whole of stderr but the count line, if any.
		want []string
	}{
		{"a file that does not parse is no missing page", map[string]string{
			"parcours.toml":         toml,
			"content/guides/bad.md": "---\ntitle: [ouvert\n---\nTexte.\n",
			"content/guides/a.md":   "---\ntitle: A\n---\nVoir [bad](bad.md), [[bad]] et [là](/guides/bad/).\n",
		}, []string{"content/guides/bad.md:2:1: invalid frontmatter: did not find expected ',' or ']' (is a quote left open?)"}},
		{"the alias collision names the page that owns the alias", map[string]string{
			"parcours.toml":       toml,
			"content/guides/b.md": "---\ntitle: B\naliases: [/ancien/]\n---\n",
			"content/guides/c.md": "---\ntitle: C\ndescription: x\naliases: [/ancien/]\n---\n",
		}, []string{`content/guides/c.md:4:11: alias "/ancien/" is already an alias of content/guides/b.md:3:11: keep it on one page`}},
		{"an alias on a page's address names that page", map[string]string{
			"parcours.toml":       toml,
			"content/guides/b.md": "---\ntitle: B\n---\n",
			"content/guides/c.md": "---\ntitle: C\naliases: [/guides/b/]\n---\n",
		}, []string{`content/guides/c.md:3:11: alias "/guides/b/" is the address of content/guides/b.md: remove it or rename that page`}},
		{"pain_points suggests irritants", map[string]string{
			"parcours.toml":         toml,
			"content/journeys/j.md": "---\ntitle: J\n---\n```journey\ntitle: J\nphases:\n  - name: P\n    stages:\n      - name: S\n        pain_points: [x]\n```\n",
		}, []string{`content/journeys/j.md:10:9: unknown field "pain_points" in stage (did you mean "irritants"?); known: name, actions, touchpoints, channels, emotion, moment_of_truth, irritants, expectations, opportunities, kpis, volume, milestones, success, alarms, evidence, frontstage, backstage, support, id, lifecycle`}},
		{"pain_points in the frontmatter suggests irritants", map[string]string{
			"parcours.toml":       toml,
			"content/cases/c.md":  "---\ntitle: C\npain_points: [x]\n---\n",
			"content/guides/g.md": "---\ntitle: G\nemotions: [x]\n---\n", // a guide has no emotion field
		}, []string{`content/cases/c.md:3:1: warning: pain_points is not a field of a case page and is ignored; did you mean irritants?`}},
		{"an irritant named by the start of its slug gets its match", map[string]string{
			"parcours.toml": toml,
			"content/irritants/manque-de-clarte-de-l-information.md": irritant,
			"content/irritants/manque-d-accompagnement.md":           "---\ntitle: Manque d’accompagnement\n---\n",
			"content/journeys/j.md":                                  "---\ntitle: J\n---\n```journey\ntitle: J\nphases:\n  - name: P\n    stages:\n      - name: S\n        irritants: [manque-de-clarte]\n```\n",
			"content/cases/c.md":                                     "---\ntitle: C\nirritants: [Manque de clarté]\n---\n",
		}, []string{
			`content/cases/c.md:3:13: irritants: unknown irritant "Manque de clarté"; did you mean "manque-de-clarte-de-l-information"?`,
			`content/journeys/j.md:10:21: unknown irritant "manque-de-clarte"; did you mean "manque-de-clarte-de-l-information"?`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			run([]string{"check", "-s", site(t, tt.files)}, &out, &errb)
			got := strings.Split(strings.TrimSpace(errb.String()), "\n")
			if len(got) > 0 && strings.HasPrefix(got[len(got)-1], "parcours: ") {
				got = got[:len(got)-1]
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestEmptySlug: slug: "" is no slug, so the page keeps its file's address.
func TestEmptySlug(t *testing.T) {
	for _, fm := range []string{`slug: ""`, `slug: "  "`, "slug:"} {
		root := site(t, map[string]string{
			"parcours.toml":             "title = \"T\"\n",
			"content/guides/ma-note.md": "---\ntitle: Ma note\n" + fm + "\n---\n",
		})
		var out, errb bytes.Buffer
		if code := run([]string{"build", "-s", root}, &out, &errb); code != 0 {
			t.Fatalf("%s: exit %d: %s", fm, code, errb.String())
		}
		if _, err := os.Stat(filepath.Join(root, "public", "guides", "ma-note", "index.html")); err != nil {
			t.Errorf("%s: %v", fm, err)
		}
	}
}

// TestListsCollate: a section lists pages of one date by title as its
// language sorts them, in French and in English.
func TestListsCollate(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		files := map[string]string{"parcours.toml": "language = \"" + lang + "\"\n"}
		for _, title := range []string{"Bob", "Zoé", "alice", "Élodie"} {
			files["content/guides/"+title+".md"] = "---\ntitle: " + title + "\n---\n"
		}
		root := site(t, files)
		var out, errb bytes.Buffer
		if code := run([]string{"build", "-s", root}, &out, &errb); code != 0 {
			t.Fatalf("%s: %s", lang, errb.String())
		}
		html, err := os.ReadFile(filepath.Join(root, "public", "guides", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		last := -1
		for _, title := range []string{">alice<", ">Bob<", ">Élodie<", ">Zoé<"} {
			i := bytes.Index(html, []byte(title))
			if i < last {
				t.Errorf("%s: %s comes before the title listed ahead of it", lang, title)
			}
			last = i
		}
		if last < 0 {
			t.Errorf("%s: the titles are not listed", lang)
		}
	}
}
