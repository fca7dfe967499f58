package corpus

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/parcours/parcours/internal/build"
	"github.com/parcours/parcours/internal/output"
)

func TestGeneratedSiteBuilds(t *testing.T) {
	tests := []struct {
		mix                 Mix
		journeys, irritants int
		minLinks, maxLinks  float64 // links a page
	}{
		{Full, 6, 60, 8, 12},
		{Hugo, 0, 60, 1.5, 2.5},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.mix), func(t *testing.T) {
			dir := t.TempDir()
			st, err := GenerateMix(dir, 300, 42, tt.mix)
			if err != nil {
				t.Fatal(err)
			}
			if st.Cases+st.Guides+st.Journeys+st.Irritants != 300 || st.Journeys != tt.journeys || st.Irritants != tt.irritants {
				t.Errorf("mix %+v", st)
			}
			if per := st.Words / st.Pages; per < 650 || per > 1000 {
				t.Errorf("%d words a page, want about 840", per)
			}
			if per := float64(st.Links) / float64(st.Pages); per < tt.minLinks || per > tt.maxLinks {
				t.Errorf("%.1f links a page, want %.1f to %.1f", per, tt.minLinks, tt.maxLinks)
			}
			bs, err := build.Run(build.Options{Root: dir}, output.NewMemory())
			if err != nil {
				t.Fatal(err)
			}
			if bs.Pages < 300 {
				t.Errorf("built %d pages, want at least the 300 generated", bs.Pages)
			}
		})
	}
}

// TestHugoMixHugoReads checks that the Hugo mix holds only references Hugo
// resolves with scripts/bench/hugo: Markdown links to existing files
// relative to the page, irritants named by their file's name, no [[wiki]]
// link, no bundle.
func TestHugoMixHugoReads(t *testing.T) {
	dir := t.TempDir()
	if _, err := GenerateMix(dir, 200, 3, Hugo); err != nil {
		t.Fatal(err)
	}
	files := tree(t, filepath.Join(dir, "content"))
	mdLink := regexp.MustCompile(`\]\(([^)]*)\)`)
	irritant := regexp.MustCompile(`(?m)^irritants:\n((?:  - .*\n)+)`)
	for name, data := range files {
		if path.Ext(name) != ".md" || path.Base(name) == "index.md" {
			t.Errorf("%s: Hugo would read it as a bundle or a resource", name)
		}
		if bytes.Contains(data, []byte("[[")) {
			t.Errorf("%s holds a [[wiki]] link", name)
		}
		for _, m := range mdLink.FindAllSubmatch(data, -1) {
			dest := path.Join(path.Dir(name), string(m[1]))
			if !strings.HasPrefix(string(m[1]), "../") || files[dest] == nil {
				t.Errorf("%s: link %s names no file", name, m[1])
			}
		}
		if m := irritant.FindSubmatch(data); m != nil {
			for _, line := range strings.Split(strings.TrimSpace(string(m[1])), "\n") {
				slug := strings.Trim(strings.TrimPrefix(strings.TrimSpace(line), "- "), `"`)
				if files["irritants/"+slug+".md"] == nil {
					t.Errorf("%s: irritant %s is no file's name", name, slug)
				}
			}
		}
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
