package corpus

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/parcours/parcours/internal/build"
	"github.com/parcours/parcours/internal/output"
)

func TestGeneratedSiteBuilds(t *testing.T) {
	dir := t.TempDir()
	st, err := Generate(dir, 300, 42)
	if err != nil {
		t.Fatal(err)
	}
	if st.Cases+st.Guides+st.Journeys+st.Irritants != 300 || st.Journeys == 0 || st.Irritants != 60 {
		t.Errorf("mix %+v", st)
	}
	if per := st.Words / st.Pages; per < 650 || per > 1000 {
		t.Errorf("%d words a page, want about 840", per)
	}
	if per := float64(st.Links) / float64(st.Pages); per < 8 || per > 12 {
		t.Errorf("%.1f links a page, want about 10", per)
	}
	bs, err := build.Run(build.Options{Root: dir}, output.NewMemory())
	if err != nil {
		t.Fatal(err)
	}
	if bs.Pages < 300 {
		t.Errorf("built %d pages, want at least the 300 generated", bs.Pages)
	}
}

func TestSameSeedSameTree(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if _, err := Generate(a, 120, 7); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(b, 120, 7); err != nil {
		t.Fatal(err)
	}
	ta, tb := tree(t, a), tree(t, b)
	if len(ta) != len(tb) {
		t.Fatalf("%d files, then %d", len(ta), len(tb))
	}
	for name, data := range ta {
		if !bytes.Equal(data, tb[name]) {
			t.Errorf("%s differs between two generations with the same seed", name)
		}
	}

	c := t.TempDir()
	if _, err := Generate(c, 120, 8); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(ta["content/cases/_index.md"], tree(t, c)["content/cases/_index.md"]) {
		t.Error("another seed gave the same text")
	}
}

func TestTooFewPages(t *testing.T) {
	if _, err := Generate(t.TempDir(), 3, 1); err == nil {
		t.Error("3 pages accepted")
	}
}

func tree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
