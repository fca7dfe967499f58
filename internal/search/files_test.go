package search_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/parcours/parcours/internal/search"
	"github.com/parcours/parcours/internal/search/analysis"
	"github.com/parcours/parcours/internal/search/searchtest"
)

func TestFilesDeterministic(t *testing.T) {
	a, b := searchtest.Files(t, searchtest.Docs()), searchtest.Files(t, searchtest.Docs())
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Errorf("file %d differs: %s, %s", i, a[i].Path, b[i].Path)
		}
	}
	paths := map[string]bool{}
	for _, f := range a {
		if paths[f.Path] {
			t.Errorf("%s written twice", f.Path)
		}
		paths[f.Path] = true
		if !bytes.HasPrefix(f.Data, []byte("parcoursSearch.")) {
			t.Errorf("%s does not call parcoursSearch", f.Path)
		}
	}
	if !paths["entry.js"] || !paths["t/1.js"] || !paths["d/0.js"] || !paths["f/0.js"] {
		t.Errorf("missing files in %v", paths)
	}
}

func TestFilesRejectsDocumentWithoutURL(t *testing.T) {
	b := search.NewBuilder("fr")
	b.Add(analysis.Document{Title: "Orphan"})
	if _, err := b.Files(); err == nil || !strings.Contains(err.Error(), "Orphan") {
		t.Errorf("Files() error = %v, want one naming the document", err)
	}
}
