package search_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/parcours/parcours/internal/search"
	"github.com/parcours/parcours/internal/search/analysis"
	"github.com/parcours/parcours/internal/search/indexfile"
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
	for _, p := range []string{"entry.js", "t/1.js", "d/0.js", "f/0.js"} {
		if !paths[p] {
			t.Errorf("no %s in %v", p, paths)
		}
	}
}

// version reads the version entry.js gives the index.
func version(t *testing.T, files []indexfile.File) string {
	t.Helper()
	var e indexfile.Entry
	if err := indexfile.DecodeCall(files[0].Data, "entry", &e); err != nil || files[0].Path != indexfile.EntryPath {
		t.Fatalf("first file %s: %v", files[0].Path, err)
	}
	return e.V
}

// TestFilesVersioned: a host caches every file but entry.js for ever
// under its URL, its path with the version as query, so a URL may never
// come back with other bytes, and an index that changed has another
// version.
func TestFilesVersioned(t *testing.T) {
	base := searchtest.Docs()
	edited := searchtest.Docs()
	edited[len(edited)-1].Body += " une phrase ajoutée"
	retitled := searchtest.Docs()
	retitled[0].Title += " (bis)"
	byURL := map[string][]byte{}
	var versions []string
	for _, docs := range [][]analysis.Document{base, edited, retitled, base} {
		files := searchtest.Files(t, docs)
		v := version(t, files)
		versions = append(versions, v)
		for _, f := range files[1:] {
			u := f.Path + "?v=" + v
			if old, ok := byURL[u]; ok && !bytes.Equal(old, f.Data) {
				t.Errorf("%s names two contents", u)
			}
			byURL[u] = f.Data
		}
	}
	if v := versions; v[0] == v[1] || v[0] == v[2] || v[1] == v[2] || v[0] != v[3] {
		t.Errorf("versions %v: want three of them, the first again last", v)
	}
}

func TestFilesRejectsDocumentWithoutURL(t *testing.T) {
	b := search.NewBuilder("fr")
	b.Add(analysis.Document{Title: "Orphan"})
	if _, err := b.Files(); err == nil || !strings.Contains(err.Error(), "Orphan") {
		t.Errorf("Files() error = %v, want one naming the document", err)
	}
}
