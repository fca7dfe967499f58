package journey

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/yuin/goldmark"

	"github.com/parcours/parcours/internal/markdown"
)

// pageResolver resolves every irritant but "inconnu".
type pageResolver struct{}

func (pageResolver) Link(dest string, _ bool, _ markdown.Pos) (string, error) { return dest, nil }

func (pageResolver) Wiki(target string, _ markdown.Pos) (string, string, error) {
	return "/" + target + "/", target, nil
}

func (pageResolver) Irritant(ref string, _ markdown.Pos) (string, string, error) {
	if ref == "inconnu" {
		return "", "", errors.New("unknown irritant")
	}
	return "/irritants/" + ref + "/", "Irritant " + ref, nil
}

// convert converts testdata/page.md (body from line 5 of its file) with the
// extension, as a build does.
func convert(t *testing.T, lang string) (*markdown.Result, string) {
	t.Helper()
	src, err := os.ReadFile("testdata/page.md")
	if err != nil {
		t.Fatal(err)
	}
	th := defaultTheme(t)
	c := markdown.New(markdown.Options{Extensions: func(lang string) []goldmark.Extender {
		return []goldmark.Extender{&Extension{
			T:      func(k string) string { return th.T(lang, k) },
			Lang:   lang,
			Render: func(f *Figure) ([]byte, error) { return th.Partial("journey.html", f) },
		}}
	}})
	res, ds := c.Convert(markdown.Page{Path: "content/page.md", Body: src, BodyLine: 5, Lang: lang}, pageResolver{})
	var msgs []string
	for _, d := range ds {
		msgs = append(msgs, d.Error())
	}
	return res, strings.Join(msgs, "\n")
}

func TestExtension(t *testing.T) {
	tests := []struct {
		lang string
		want []string // in the page's HTML
	}{
		{"fr", []string{`<figure class="journey" id="journey-parcours-test"`, `href="/irritants/attente/"`, ">Irritant attente<", "Télécharger la carte", "Émotion"}},
		{"en", []string{`<figure class="journey" id="journey-parcours-test"`, `href="/irritants/attente/"`, "Download the map", "Emotion"}},
	}
	for _, tt := range tests {
		res, diags := convert(t, tt.lang)
		for _, w := range tt.want {
			if !strings.Contains(res.HTML, w) {
				t.Errorf("%s: the page lacks %q:\n%s", tt.lang, w, res.HTML)
			}
		}
		if strings.Contains(res.HTML, "<code") {
			t.Errorf("%s: the journey block is still a code block", tt.lang)
		}
		if js := In(res); len(js) != 1 || js[0].ID != "parcours-test" || js[0].Options.Lang != tt.lang {
			t.Errorf("%s: attached journeys %+v, want parcours-test in %s", tt.lang, js, tt.lang)
		}
		if !strings.Contains(diags, "content/page.md:14:30: unknown irritant") {
			t.Errorf("%s: got diagnostics %q, want the unknown irritant at its line in the Markdown file", tt.lang, diags)
		}
		if first := res.Sections[0]; first.Anchor != "" || first.Text != "Intro." {
			t.Errorf("%s: the text before the journey is not a section of its own: %+v", tt.lang, res.Sections)
		}
		last := res.Sections[len(res.Sections)-1]
		if last.Anchor != "parcours-test--je-demande-un-devis" || last.Heading != "Parcours test › Avant › Je demande un devis" {
			t.Errorf("%s: the stage is not a search section: %+v", tt.lang, res.Sections)
		}
	}
}

// TestCompare redraws a converted page's journey against a current one,
// then without it: the page's HTML gains the current curve, its deltas and
// the table's column, the rest of the page stays, and the figure comes
// back as it was first drawn.
func TestCompare(t *testing.T) {
	res, _ := convert(t, "fr")
	before := res.HTML
	b := In(res)[0]
	cur := &Journey{ID: "actuel", Title: "Actuel", Phases: []Phase{{Name: "Avant", Stages: []Stage{
		{Name: "Je demande un devis", Key: b.Phases[0].Stages[0].Key, Emotion: new(int)},
	}}}}
	steps := []struct {
		name string
		cur  *Journey
		has  bool
	}{
		{"compared", cur, true},
		{"compared again", cur, true},
		{"no longer compared", nil, false},
	}
	for _, s := range steps {
		if err := b.Compare(res, s.cur); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		for _, w := range []string{`stroke-dasharray="6 4" stroke-opacity="0.7" class="j-neutral"`, `j-delta`, `Évolution de l’émotion`} {
			if strings.Contains(res.HTML, w) != s.has {
				t.Errorf("%s: the page has %q: %v, want %v", s.name, w, !s.has, s.has)
			}
		}
		if !strings.HasPrefix(res.HTML, before[:strings.Index(before, "<figure")]) || !strings.HasSuffix(res.HTML, before[strings.Index(before, "</figure>"):]) {
			t.Errorf("%s: the page around the figure changed", s.name)
		}
		if b.Options.Current != s.cur {
			t.Errorf("%s: the exports are drawn against %v, want %v", s.name, b.Options.Current, s.cur)
		}
	}
	if res.HTML != before {
		t.Error("compared with no journey, the figure differs from its first drawing")
	}
}
