package analysis

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestAnalyze checks where a term's weight goes: short fields count by
// their weight, text by occurrence, and the place that weighs most is
// where a result for the term opens.
func TestAnalyze(t *testing.T) {
	d := Document{
		URL: "/a/", Title: "Onboarding", Kind: "guide", Body: "le contrat du client",
		Sections: []Section{
			{Anchor: "s1", Heading: "Contrat", Text: "un contrat signé"},
			{Anchor: "s2", Heading: "Suite", Text: "onboarding onboarding"},
		},
		Facets: map[string][]string{"scopes": {"Adoption"}},
	}
	x := NewAnalyzer("fr").Analyze(d)
	weight := func(term string) Weight {
		i := slices.Index(x.Terms, term)
		if i < 0 {
			t.Fatalf("no term %q in %q", term, x.Terms)
		}
		return x.Weights[i]
	}
	tests := []struct {
		term string
		want Weight
	}{
		{"onboarding", Weight{Short: wTitle, Text: 2, Loc: 0}}, // the title outweighs two words of text
		{"contrat", Weight{Short: wHeading, Text: 2, Loc: 1}},  // section 1 (heading and text) outweighs the body
		{"client", Weight{Text: 1, Loc: 0}},                    // body only
		{"adopt", Weight{Short: wList, Loc: 0}},                // a facet value
		{"sign", Weight{Text: 1, Loc: 1}},                      // section text
		{"suit", Weight{Short: wHeading, Loc: 2}},              // section heading
	}
	for _, tt := range tests {
		if got := weight(tt.term); got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.term, got, tt.want)
		}
	}
	if x.TextLen != 6 {
		t.Errorf("TextLen = %d, want 6: the words of body and section text, stop words left out", x.TextLen)
	}
	if want := []string{"/a/", "Onboarding", "guide", "le contrat du client", "s1", "Contrat", "un contrat signé", "s2", "Suite", "onboarding onboarding"}; !slices.Equal(x.Entry, want) {
		t.Errorf("Entry = %q, want %q", x.Entry, want)
	}
	if !slices.Equal(x.Facets["kind"], []string{"guide"}) || !slices.Equal(x.Facets["scopes"], []string{"Adoption"}) {
		t.Errorf("Facets = %v, want the kind added to the document's", x.Facets)
	}
}

func TestClip(t *testing.T) {
	long := strings.Repeat("mot ", 100)
	tests := []struct{ in, want string }{
		{"  court\n texte  ", "court texte"},
		{strings.Repeat("a", excerptRunes), strings.Repeat("a", excerptRunes)},
		{long, strings.TrimSpace(long[:excerptRunes-1])},
	}
	for _, tt := range tests {
		if got := clip(tt.in); got != tt.want {
			t.Errorf("clip(%q…) = %q, want %q", tt.in[:min(20, len(tt.in))], got, tt.want)
		}
	}
}

// BenchmarkAnalyze times the analysis of the example site's Markdown, the
// per-word cost that dominates indexing a large site; the Analyzer is warm,
// as it is after the first pages of a build.
func BenchmarkAnalyze(b *testing.B) {
	var docs []Document
	err := filepath.WalkDir(filepath.Join("..", "..", "..", "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := os.ReadFile(p)
		docs = append(docs, Document{URL: "/" + p, Title: filepath.Base(p), Body: string(src)})
		return err
	})
	if err != nil || len(docs) == 0 {
		b.Fatal("no content to analyse", err)
	}
	words := 0
	for _, d := range docs {
		words += len(strings.Fields(d.Body))
	}
	an := NewAnalyzer("fr")
	for _, d := range docs {
		an.Analyze(d)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			an.Analyze(d)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*words), "ns/word")
}
