package build

import (
	"bytes"
	"encoding/csv"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A current journey (goodSite's j.md: one stage, "Je paie", emotion -1,
// citing attente) and a target naming it.
func target(compares, stages string) string {
	return "---\ntitle: Cible\n---\n```journey\ntitle: Cible\nstate: target\ncompares: " + compares + "\nphases:\n  - name: P\n    stages:\n" + stages + "```\n"
}

func TestCompareErrors(t *testing.T) {
	two := "---\ntitle: Deux\n---\n```journey\ntitle: A\nphases: [{name: P, stages: [{name: Je}]}]\n```\n\n```journey\ntitle: B\nphases: [{name: P, stages: [{name: Je}]}]\n```\n"
	stage := "      - name: Je paie\n"
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"no such page", map[string]string{"content/journeys/t.md": target("jj", stage)},
			`content/journeys/t.md:7:11: compares: jj links to nothing: no page has that slug; did you mean "j"?`},
		{"a page of several journeys", map[string]string{"content/journeys/deux.md": two, "content/journeys/t.md": target("deux", stage)},
			"content/journeys/t.md:7:11: compares: content/journeys/deux.md holds 2 journeys: name one, deux#a"},
		{"no such journey", map[string]string{"content/journeys/deux.md": two, "content/journeys/t.md": target("journeys/deux.md#inconnue", stage)},
			`compares: content/journeys/deux.md has no journey "inconnue"; its journeys: a, b`},
		{"a page without journeys", map[string]string{"content/journeys/t.md": target("guide-a", stage)},
			"compares: content/guides/guide-a.md holds no journey"},
		{"a target compared with a target", map[string]string{"content/journeys/t.md": target("j", stage), "content/journeys/u.md": target("t", stage)},
			"content/journeys/u.md:7:11: compares: content/journeys/t.md#cible is a target journey itself"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := buildWith(t, tt.files)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want %s", err, tt.want)
			}
		})
	}
}

func TestCompareTable(t *testing.T) {
	m, err := buildWith(t, map[string]string{
		"content/irritants/bruit.md": "---\ntitle: Bruit\n---\n",
		"content/journeys/t.md": target("journeys/j.md#parcours",
			"      - name: Je paie vite\n        id: je-paie\n        emotion: 1\n        irritants: [bruit]\n      - name: Je reviens\n        emotion: 2\n"),
	})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := m.Get("journeys/t/index.html")
	page := between(string(b), `class="comparison"`, "</section>")
	rows := regexp.MustCompile(`(?s)<tr class="diff-([a-z]+)">\s*<th scope="row">([^<]+) <span`).FindAllStringSubmatch(page, -1)
	var got []string
	for _, r := range rows {
		got = append(got, r[1]+":"+r[2])
	}
	if strings.Join(got, "|") != "kept:Je paie vite|added:Je reviens" {
		t.Errorf("rows %v: the stage with the current one's slug as id is kept, the other added", got)
	}
	for _, want := range []string{
		`<a href="/journeys/j/#parcours--je-paie">−1</a>`, `<a href="#cible--je-paie">&#43;1</a>`, `<strong>&#43;2</strong>`,
		`<h3>Irritants levés</h3><ul class="chips"><li><a class="chip" href="/irritants/attente/">`,
		`<h3>Nouveaux irritants</h3><ul class="chips"><li><a class="chip chip-irritant" href="/irritants/bruit/">`,
		`href="/journeys/j/#journey-parcours">Parcours</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the comparison lacks %s", want)
		}
	}
	if b, _ := m.Get("journeys/j/index.html"); !strings.Contains(string(b), `href="/journeys/t/"`) {
		t.Error("the current journey's page does not list the target among its backlinks")
	}
}

// TestCompareExports checks that a target journey's table and workbook
// carry the current journey's stages beside its own.
func TestCompareExports(t *testing.T) {
	m, err := buildWith(t, map[string]string{"content/journeys/t.md": target("j", "      - name: Je paie vite\n        emotion: 1\n")})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := m.Get("journeys/t/cible.csv")
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, strings.Join(r[:3], "|"))
	}
	if want := "État|Phase|Étape,Cible|P|Je paie vite,Actuel|P|Je paie"; strings.Join(got, ",") != want {
		t.Errorf("CSV rows %v, want %s", got, want)
	}
	x, _ := m.Get("journeys/t/cible.xlsx")
	f, err := excelize.OpenReader(bytes.NewReader(x))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sheets := f.GetSheetList(); strings.Join(sheets, ",") != "Cible,Actuel" {
		t.Errorf("sheets %v, want Cible and Actuel", sheets)
	}
	if v, _ := f.GetCellValue("Actuel", "B2"); v != "Je paie" {
		t.Errorf("the current sheet's first stage is %q", v)
	}
}
