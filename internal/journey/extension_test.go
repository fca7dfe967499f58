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
