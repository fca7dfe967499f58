package taxonomy

import (
	"bytes"
	"fmt"
	"slices"
	"testing"

	"github.com/parcours/parcours/internal/collation"
	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/diag"
)

func TestNearDuplicates(t *testing.T) {
	page := func(name string, line int, scopes ...string) *content.Page {
		return &content.Page{Path: "content/cases/" + name + ".md", Kind: content.KindCase, Scopes: scopes, FieldLine: map[string]int{"scopes": line}}
	}
	tests := []struct {
		name  string
		pages []*content.Page
		want  []string
	}{
		{"one letter missing", []*content.Page{page("a", 4, "Onboarding"), page("b", 5, "Onboarding"), page("c", 6, "Onbording")},
			[]string{`content/cases/c.md:6:1: scopes: "Onbording" is one edit away from "Onboarding" (content/cases/a.md:4:1, 2 pages): if they are one term, write it one way`}},
		{"two edits in a long term", []*content.Page{page("a", 3, "Accompagnement"), page("b", 3, "Acompagnemant")},
			[]string{`content/cases/b.md:3:1: scopes: "Acompagnemant" is 2 edits away from "Accompagnement" (content/cases/a.md:3:1, 1 page): if they are one term, write it one way`}},
		{"figures tell terms apart", []*content.Page{page("a", 3, "SaaS B2B", "ISO 9001"), page("b", 3, "SaaS B2C", "ISO 9002")}, nil},
		{"short terms", []*content.Page{page("a", 3, "UX", "Data"), page("b", 3, "UI", "Date")}, nil},
		{"two edits in a short term", []*content.Page{page("a", 3, "Usage"), page("b", 3, "Usine")}, nil},
		{"accents and case are one term already", []*content.Page{page("a", 3, "Rétention"), page("b", 3, "retention")}, nil},
		{"one term in two languages", []*content.Page{page("a", 3, "Stratégie"), {Path: "content/cases/en.md", Kind: content.KindCase, Language: "en", Scopes: []string{"Strategy"}, FieldLine: map[string]int{}}}, nil},
		{"different words", []*content.Page{page("a", 3, "Adoption"), page("b", 3, "Expansion")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var list diag.List
			ds := NearDuplicates(Build([]string{"scopes"}, tt.pages, collation.For("fr"), &list))
			var got []string
			for _, d := range ds {
				got = append(got, d.Error())
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// FuzzNearPairs: the pairs nearPairs finds by its shortcuts are those a
// comparison of every term with every other finds. The fuzzer's bytes make
// slugs from a few letters, a figure and a hyphen, so that near pairs are
// common, and pages in two languages.
func FuzzNearPairs(f *testing.F) {
	f.Add([]byte("onboarding\x00onbording\x00iso-9001\x00iso-14001\x00strategie\x01strategy\x00abcde\x00abcdf"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var terms []*Term
		for _, w := range bytes.Split(data, []byte{0}) {
			lang := "fr"
			if bytes.HasPrefix(w, []byte{1}) {
				lang, w = "en", w[1:]
			}
			slug := make([]byte, len(w))
			for i, c := range w {
				slug[i] = "abcde-1"[int(c)%7]
			}
			terms = append(terms, &Term{Slug: string(slug), Pages: []*content.Page{{Language: lang}}})
		}
		var want [][2]int
		for i := range terms {
			for j := i + 1; j < len(terms); j++ {
				if near(terms[i].Slug, terms[j].Slug) && shareLanguage(terms[i], terms[j]) {
					want = append(want, [2]int{i, j})
				}
			}
		}
		if got := nearPairs(terms); !slices.Equal(got, want) {
			t.Errorf("nearPairs = %v, every pair compared gives %v", got, want)
		}
	})
}
