package content

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/parcours/parcours/internal/diag"
)

// TestLoaderToldWhatChanged: told which files changed, a load reads those
// alone and trusts the last walk for the others; told of a file it did not
// find, or of one that is gone, or not told at all, it walks again.
func TestLoaderToldWhatChanged(t *testing.T) {
	page := func(title string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\n---\n")}
	}
	fsys := fstest.MapFS{"cases/a.md": page("A"), "cases/b.md": page("B"), "img/x.png": {Data: []byte("x")}}
	steps := []struct {
		name string
		edit func()
		// told is what the load is told changed, once per call; no call
		// at all when nil.
		told [][]string
		want string // titles, then the files
	}{
		{"first load", func() {}, nil, "A B | img/x.png"},
		{"two pages edited, one told: the other is not read", func() {
			fsys["cases/a.md"], fsys["cases/b.md"] = page("A2"), page("B2")
		}, [][]string{{"cases/a.md"}}, "A2 B | img/x.png"},
		{"two calls add up", func() {
			fsys["cases/a.md"] = page("A3")
		}, [][]string{{"cases/a.md"}, {"cases/b.md"}}, "A3 B2 | img/x.png"},
		{"a page added: walked", func() {
			fsys["guides/c.md"], fsys["cases/b.md"] = page("C"), page("B4")
		}, [][]string{{"guides/c.md"}}, "A3 B4 C | img/x.png"},
		{"a page removed: walked", func() { delete(fsys, "cases/a.md") }, [][]string{{"cases/a.md"}}, "B4 C | img/x.png"},
		{"a file edited", func() { fsys["img/x.png"] = &fstest.MapFile{Data: []byte("y")} }, [][]string{{"img/x.png"}}, "B4 C | img/x.png"},
		{"a folder named: walked", func() { fsys["img/y.png"] = &fstest.MapFile{Data: []byte("y")} }, [][]string{{"img"}}, "B4 C | img/x.png img/y.png"},
		{"not known: walked", func() { fsys["guides/d.md"] = page("D") }, [][]string{nil}, "B4 C D | img/x.png img/y.png"},
		{"not told: walked", func() { fsys["guides/e.md"] = page("E") }, nil, "B4 C D E | img/x.png img/y.png"},
	}
	var l Loader
	for _, st := range steps {
		st.edit()
		for _, paths := range st.told {
			l.Changed(paths)
		}
		var list diag.List
		site, err := l.LoadFS(fsys, &list)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		var titles []string
		for _, p := range site.Pages {
			titles = append(titles, p.Title)
		}
		slices.Sort(titles)
		if got := strings.Join(titles, " ") + " | " + strings.Join(site.Files, " "); got != st.want {
			t.Errorf("%s: got %q, want %q", st.name, got, st.want)
		}
	}
}

// TestLoadToldOfASymlink: a page the watcher says changed and that is now
// a symlink leaving the site is not read through the last walk; the folder
// is walked again, which reports the link and leaves it out.
func TestLoadToldOfASymlink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	dir := t.TempDir()
	root := filepath.Join(dir, "site")
	page := filepath.Join(root, "content", "cases", "a.md")
	if err := os.MkdirAll(filepath.Dir(page), 0o755); err != nil {
		t.Fatal(err)
	}
	secret := filepath.Join(dir, "secret.md")
	for name, data := range map[string]string{page: "---\ntitle: A\n---\nTexte.\n", secret: "---\ntitle: Secret\n---\nMot de passe.\n"} {
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var l Loader
	for i, edit := range []func(){func() {}, func() {
		os.Remove(page)
		if err := os.Symlink(secret, page); err != nil {
			t.Fatal(err)
		}
		l.Changed([]string{"cases/a.md"})
	}} {
		edit()
		var list diag.List
		site, err := l.Load(root, &list)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range site.Pages {
			if p.Title == "Secret" {
				t.Fatalf("load %d read a page through a symlink leaving the site", i)
			}
		}
		if i == 1 && !strings.Contains(fmt.Sprint(list.Sorted()), "leaves the site") {
			t.Errorf("load %d: the symlink is not reported: %v", i, list.Sorted())
		}
	}
}
