package search

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestReplaceEqualsRebuild checks that replacing documents in a Builder
// writes the same files as adding the new documents to a fresh one.
func TestReplaceEqualsRebuild(t *testing.T) {
	docs := []Document{
		{URL: "/a/", Title: "Onboarding client", Kind: "guide", Body: "la résiliation des contrats", Facets: map[string][]string{"tools": {"Salesforce"}}},
		{URL: "/b/", Title: "Qonto", Kind: "case", Body: "adoption du module", Sections: []Section{{Anchor: "x", Heading: "Phase 1", Text: "diagnostic"}}, Facets: map[string][]string{"tools": {"Gsheet", "Salesforce"}}},
		{URL: "/c/", Title: "Attente", Kind: "irritant", Body: "délais de réponse"},
	}
	changed := Document{URL: "/b/", Title: "Qonto et Finance Management", Kind: "case", Body: "activation des nouveaux clients", Facets: map[string][]string{"tools": {"Tableau"}}}
	an := NewAnalyzer("fr")
	var analysed []*Analyzed
	b := NewBuilder("fr")
	for _, d := range docs {
		x := an.Analyze(d)
		analysed = append(analysed, x)
		b.AddAnalyzed(x)
	}
	if _, err := b.Files(); err != nil { // fills the caches Replace must clear
		t.Fatal(err)
	}
	b.Replace(1, analysed[1], an.Analyze(changed))
	got, err := b.Files()
	if err != nil {
		t.Fatal(err)
	}
	fresh := NewBuilder("fr")
	for _, d := range []Document{docs[0], changed, docs[2]} {
		fresh.Add(d)
	}
	want, _ := fresh.Files()
	if len(got) != len(want) {
		t.Fatalf("got %d files, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].Path != want[i].Path || !bytes.Equal(got[i].Data, want[i].Data) {
			t.Errorf("%s differs after Replace:\n%s\nwant\n%s", want[i].Path, got[i].Data, want[i].Data)
		}
	}
}

func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{"abc", `a"b\c`, "<&>", "\x01\n\t", "résiliation", "한국", "a\u2028b", "bad\xffutf8"} {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	}
}

func TestAppendDocs(t *testing.T) {
	chunk := [][]any{{"/a/", "Titre « x »", "case", "extrait <b> & co"}, {"/b/", "B", "guide", "", "h1", "Phase 1", "texte"}}
	want, _ := json.Marshal(chunk)
	if got := appendDocs(nil, chunk); !bytes.Equal(got, want) {
		t.Errorf("appendDocs = %s, want %s", got, want)
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
