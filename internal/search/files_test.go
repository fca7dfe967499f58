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
	v := version(t, a)
	for _, p := range []string{"entry.js", "t/1." + v + ".js", "d/0." + v + ".js", "f/0." + v + ".js"} {
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

// TestFilesFingerprinted: a host caches every file but entry.js for ever,
// so a file whose content changes must change its name, and a name may
// never come back with other bytes.
func TestFilesFingerprinted(t *testing.T) {
	base := searchtest.Docs()
	edited := searchtest.Docs()
	edited[len(edited)-1].Body += " une phrase ajoutée"
	retitled := searchtest.Docs()
	retitled[0].Title += " (bis)"
	byName := map[string][]byte{}
	for _, docs := range [][]analysis.Document{base, edited, retitled} {
		files := searchtest.Files(t, docs)
		v := version(t, files)
		for _, f := range files[1:] {
			if !strings.HasSuffix(f.Path, "."+v+".js") {
				t.Errorf("%s is not named by the version %s", f.Path, v)
			}
			if old, ok := byName[f.Path]; ok && !bytes.Equal(old, f.Data) {
				t.Errorf("%s names two contents", f.Path)
			}
			byName[f.Path] = f.Data
		}
	}
	if v0, v1, v2 := version(t, searchtest.Files(t, base)), version(t, searchtest.Files(t, edited)), version(t, searchtest.Files(t, retitled)); v0 == v1 || v0 == v2 || v1 == v2 {
		t.Errorf("versions %s, %s, %s: a changed index keeps its names", v0, v1, v2)
	}
}

func TestFilesRejectsDocumentWithoutURL(t *testing.T) {
	b := search.NewBuilder("fr")
	b.Add(analysis.Document{Title: "Orphan"})
	if _, err := b.Files(); err == nil || !strings.Contains(err.Error(), "Orphan") {
		t.Errorf("Files() error = %v, want one naming the document", err)
	}
}
