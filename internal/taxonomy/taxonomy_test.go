package taxonomy

import (
	"strings"
	"testing"

	"github.com/parcours/parcours/internal/collation"
	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/diag"
)

func TestBuild(t *testing.T) {
	a := &content.Page{Path: "content/cases/a.md", Kind: content.KindCase, Tools: []string{"Équipe & Planification", "../../etc"}, FieldLine: map[string]int{"tools": 4}}
	b := &content.Page{Path: "content/cases/b.md", Kind: content.KindCase, Tools: []string{"equipe planification", "&&"}, FieldLine: map[string]int{"tools": 7}}
	var list diag.List
	tax := Build([]string{"tools"}, []*content.Page{a, b}, collation.For("fr"), &list)
	got := list.Sorted()
	if len(got) != 1 || !strings.Contains(got[0].Error(), `content/cases/b.md:7:1: tools: term "&&" has no letter or digit`) {
		t.Errorf("diagnostics: got %v", got)
	}
	terms := tax[0].Terms
	if len(terms) != 2 {
		t.Fatalf("got %d terms, want 2 (merged spellings): %+v", len(terms), terms)
	}
	if terms[1].Slug != "equipe-planification" || terms[1].Name != "Équipe & Planification" || len(terms[1].Pages) != 2 {
		t.Errorf("merged term: got %+v", terms[1])
	}
	if terms[0].Slug != "etc" {
		t.Errorf("path-like term: got slug %q, want etc", terms[0].Slug)
	}
}
