package markdown

import (
	"errors"
	"strings"
	"testing"
)

// TestHeadingsAgreeWithConvert checks that the headings read without
// rendering carry the IDs the rendered page gives them.
func TestHeadingsAgreeWithConvert(t *testing.T) {
	bodies := []string{
		"# Titre\n\n## Résultats obtenus\n\n## Résultats obtenus\n",
		"## L’approche réseau {#reseau}\n\nSetext\n------\n\n> ## Dans une citation\n\n- ## Dans une liste\n",
		"```md\n## pas un titre\n```\n\n## *Gras* et `code`\n\n[^1]: note\n\n## [[wiki]] et [lien](x.md)\n",
		"## Notes\n## Notes\n## Notes-1\n",
	}
	for _, b := range bodies {
		res, ds := New(Options{}).Convert(Page{Path: "p.md", Body: []byte(b), BodyLine: 1, Lang: "fr"}, fakeResolver{})
		if len(ds) > 0 {
			t.Fatalf("%q: %v", b, ds)
		}
		got := Headings([]byte(b))
		if len(got) != len(res.Headings) {
			t.Fatalf("%q: %d headings, Convert found %d", b, len(got), len(res.Headings))
		}
		for i := range got {
			if got[i].ID != res.Headings[i].ID || got[i].Level != res.Headings[i].Level {
				t.Errorf("%q: heading %d is %q (h%d), Convert made %q (h%d)", b, i, got[i].ID, got[i].Level, res.Headings[i].ID, res.Headings[i].Level)
			}
		}
	}
}

func TestAnchorID(t *testing.T) {
	hs := Headings([]byte("## L'approche réseau\n\n## FAQ\n\n## FAQ\n\n## Étape 2 : le suivi\n\n## Custom {#mine}\n"))
	tests := []struct{ anchor, want string }{
		{"l-approche-reseau", "l-approche-reseau"}, // parcours' own
		{"lapproche-réseau", "l-approche-reseau"},  // GitHub, GitBook, Hugo
		{"lapproche-reseau", "l-approche-reseau"},  // GitHub on folded text
		{"L'approche réseau", "l-approche-reseau"}, // Obsidian's [[page#Heading]]
		{"faq", "faq"},     // already an ID
		{"faq-1", "faq-1"}, // the second one
		{"étape-2--le-suivi", "etape-2-le-suivi"}, // GitHub keeps both hyphens
		{"custom", "mine"},                        // the text of a heading with an explicit ID
		{"mine", "mine"},                          // the explicit ID
		{"ailleurs", "ailleurs"},                  // no heading: kept for the anchor check
		{"", ""},                                  // nothing
	}
	for _, tt := range tests {
		if got := AnchorID(hs, tt.anchor); got != tt.want {
			t.Errorf("AnchorID(%q) = %q, want %q", tt.anchor, got, tt.want)
		}
	}
}

// brokenResolver lets every link through as broken.
type brokenResolver struct{ fakeResolver }

func (brokenResolver) Link(dest string, image bool, pos Pos) (string, error) {
	return "", &BrokenLink{Err: errors.New("no such page")}
}

func (brokenResolver) Wiki(target string, pos Pos) (string, string, error) {
	return "", "", &BrokenLink{Err: errors.New("links to nothing")}
}

func TestBrokenLinksAreMarked(t *testing.T) {
	body := "Voir [la page](absente.md \"sa page\") et [[rien|ceci]].\n\n![plan](plan.png)\n"
	c := New(Options{BrokenTitle: func(lang string) string { return "cassé (" + lang + ")" }})
	res, ds := c.Convert(Page{Path: "p.md", Body: []byte(body), BodyLine: 3, Lang: "fr"}, brokenResolver{})
	if len(ds) > 0 {
		t.Fatalf("broken links came back as errors: %v", ds)
	}
	wantWarn := []string{"p.md:3:6: no such page", "p.md:3:41: links to nothing", "p.md:5:1: no such page"}
	if len(res.Warnings) != len(wantWarn) {
		t.Fatalf("got warnings %v, want %v", res.Warnings, wantWarn)
	}
	for i, w := range wantWarn {
		if got := res.Warnings[i].Error(); got != w {
			t.Errorf("warning %d: got %q, want %q", i, got, w)
		}
	}
	for _, mark := range []string{
		`<a href="absente.md" title="cassé (fr)" class="broken-link">la page</a>`,
		`<span class="broken-link" title="cassé (fr)">ceci</span>`,
		`<img src="plan.png" alt="plan" title="cassé (fr)" class="broken-link">`,
	} {
		if !strings.Contains(res.HTML, mark) {
			t.Errorf("HTML lacks %s:\n%s", mark, res.HTML)
		}
	}
	if strings.Contains(res.HTML, "\x00") {
		t.Errorf("the placeholder reached the HTML: %q", res.HTML)
	}
}
