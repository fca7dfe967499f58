package build

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parcours/parcours/internal/cache"
	"github.com/parcours/parcours/internal/output"
)

// TestCacheEqualsColdBuild is the rule of the persistent cache: after every
// edit, a build that reads the cache left by the previous one gives the
// same files, byte for byte, as a cold build without a cache, and an edit
// that leaves pages alone reuses them. The warm builds go to disk, as
// parcours build does, so that unchanged files are kept in the previous
// output, which is updated in place.
func TestCacheEqualsColdBuild(t *testing.T) {
	root := writeSite(t, goodSite)
	dir := filepath.Join(root, cache.Dir)
	dest := filepath.Join(root, "public")
	// Content files are dated in the past, each write a second after the
	// last, as files saved well before a build are: their size and times
	// then vouch for their bytes, and the build does not read them again
	// (content.Loader).
	saved := time.Now().Add(-time.Hour)
	write := func(name, data string) {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(name, "content/") {
			saved = saved.Add(time.Second)
			if err := os.Chtimes(p, saved, saved); err != nil {
				t.Fatal(err)
			}
		}
	}
	for name, data := range goodSite {
		if strings.HasPrefix(name, "content/") {
			write(name, data)
		}
	}
	rename := func(from, to string) {
		if err := os.Rename(filepath.Join(root, from), filepath.Join(root, to)); err != nil {
			t.Fatal(err)
		}
	}
	remove := func(name string) {
		if err := os.Remove(filepath.Join(root, name)); err != nil {
			t.Fatal(err)
		}
	}
	// editByHand flips one byte of an output file: of the same size,
	// later than the output was written, as any edit after it.
	editByHand := func(name string) {
		b, err := os.ReadFile(filepath.Join(dest, name))
		if err != nil {
			t.Fatal(err)
		}
		b[len(b)/2] ^= 1
		write(path.Join("public", name), string(b))
		later := time.Now().Add(time.Hour)
		if err := os.Chtimes(filepath.Join(dest, name), later, later); err != nil {
			t.Fatal(err)
		}
	}
	// damage flips one byte in every data file: a record whose checksum
	// fails is made again.
	damage := func() {
		files, _ := filepath.Glob(filepath.Join(dir, "data-*"))
		if len(files) == 0 {
			t.Fatal("no data file to damage")
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			b[len(b)/2] ^= 0xff
			write(strings.TrimPrefix(f, root+string(filepath.Separator)), string(b))
		}
	}
	layout, err := os.ReadFile("../../themes/default/layouts/page.html")
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name string
		edit func()
		// reuse is how many pages come from the cache: all, some (at
		// least one), none, or "" when it does not matter.
		reuse string
	}{
		{"cold, no cache yet", func() {}, "none"},
		{"nothing changed", func() {}, "all"},
		{"body of a guide", func() {
			write("content/guides/guide-a.md", "---\ntitle: Guide A\ndate: 2024-02-03\n---\n\n## Étape 1\n\nTexte changé.\n")
		}, "some"},
		{"title of an irritant a journey names", func() {
			write("content/irritants/attente.md", "---\ntitle: Attente sans fin\nsectors: [Banque]\nstages: [Onboarding]\nseverity: 4\n---\nLong.\n")
			write("content/journeys/j.md", strings.Replace(goodSite["content/journeys/j.md"], "Attente interminable", "attente sans fin", 1))
		}, "some"},
		{"heading a link's anchor names", func() {
			write("content/guides/guide-a.md", "---\ntitle: Guide A\ndate: 2024-02-03\n---\n\n## Étape 1 bis\n\n## Étape 1\n\nTexte.\n")
		}, "some"},
		{"page titled by its H1, with nested params and a TOML page", func() {
			write("content/guides/h1.md", "---\ndate: 2024-03-04T10:00:00+02:00\ntags: [Neuf]\nextra:\n  a: [1, 2.5, oui]\n---\n# Titre du H1\n\nVoir [[acme]].\n")
			write("content/guides/toml.md", "+++\ntitle = \"Toml\"\nweight = 3\n+++\nCorps.\n")
		}, "some"},
		{"those read back from the cache", func() {}, "all"},
		{"a frontmatter field changed", func() {
			write("content/guides/h1.md", "---\ndate: 2024-03-05T10:00:00+02:00\ntags: [Ancien]\n---\n# Titre du H1\n\nVoir [[acme]].\n")
		}, "some"},
		{"body of a case appended", func() {
			write("content/cases/acme.md", goodSite["content/cases/acme.md"]+"\nUne phrase de plus.\n")
		}, "some"},
		{"new page", func() { write("content/guides/nouveau.md", "---\ntitle: Nouveau\ntags: [Neuf]\n---\nVoir [[acme]].\n") }, "some"},
		{"renamed page", func() { rename("content/guides/nouveau.md", "content/guides/renomme.md") }, "some"},
		{"deleted page", func() { remove("content/guides/renomme.md") }, "some"},
		{"page bundle with a file", func() {
			write("content/guides/paquet/index.md", "---\ntitle: Paquet\n---\nCorps.\n")
			write("content/guides/paquet/plan", "un fichier")
		}, "some"},
		{"the bundle's file becomes a folder", func() {
			remove("content/guides/paquet/plan")
			write("content/guides/paquet/plan/carte.txt", "un dossier")
		}, ""},
		{"and a file again", func() {
			remove("content/guides/paquet/plan/carte.txt")
			remove("content/guides/paquet/plan")
			write("content/guides/paquet/plan", "un fichier")
		}, ""},
		{"files and a folder added to the output by hand", func() {
			write("public/notes.txt", "mine")
			write("public/brouillons/x/index.html", "mine")
			write("public/guides/en-plus.html", "mine")
		}, "all"},
		{"layout override", func() {
			write("layouts/page.html", strings.Replace(string(layout), "<article", "<article data-custom", 1))
		}, "none"},
		{"layout override removed", func() { remove("layouts/page.html") }, "none"},
		{"stylesheet added", func() { write("static/css/extra.css", "body{color:red}") }, "none"},
		{"static file a page links to", func() {
			write("static/img/plan.png", "png")
			write("content/a-propos.md", "---\ntitle: À propos\n---\n![plan](/img/plan.png)\n")
		}, "none"},
		{"static file renamed", func() {
			rename("static/img/plan.png", "static/img/plan2.png")
			write("content/a-propos.md", "---\ntitle: À propos\n---\n![plan](/img/plan2.png)\n")
		}, "none"},
		{"config", func() { write("parcours.toml", "title = \"Autre\"\nbaseURL = \"https://y.org/\"\n") }, "none"},
		{"output edited by hand", func() { editByHand("index.html") }, "all"},
		{"search file edited by hand", func() { editByHand("search/index/d/0.js") }, "all"},
		{"cache damaged", damage, ""},
		{"cache deleted", func() { os.RemoveAll(dir) }, "none"},
	}
	for _, s := range steps {
		s.edit()
		before := files(t, dest)
		disk, err := output.NewDisk(root, dest)
		if err != nil {
			t.Fatal(err)
		}
		stats, err := Run(Options{Root: root, Cache: dir}, disk)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if err := disk.Commit(); err != nil {
			t.Fatal(err)
		}
		after := files(t, dest)
		kept, searchWritten := 0, 0
		for n, fi := range after {
			if b, ok := before[n]; ok && os.SameFile(b, fi) {
				kept++
			} else if strings.HasPrefix(n, searchDir) {
				searchWritten++
			}
		}
		if (s.reuse == "all" || s.reuse == "some") && kept == 0 {
			t.Errorf("%s: no file kept in the previous output", s.name)
		}
		// The search index's files are made again at every build: those
		// the previous output holds with the same bytes are kept there.
		if s.reuse == "all" && searchWritten > 1 {
			t.Errorf("%s: %d search files written again, want at most the one edited by hand", s.name, searchWritten)
		}
		warm := output.NewMemory()
		for n := range after {
			b, err := os.ReadFile(filepath.Join(dest, n))
			if err != nil {
				t.Fatal(err)
			}
			warm.WriteFile(n, b)
		}
		cold := output.NewMemory()
		if _, err := Run(Options{Root: root}, cold); err != nil {
			t.Fatal(err)
		}
		sameTree(t, s.name, warm, cold)
		if ok := map[string]bool{
			"all":  stats.Reused == stats.Pages,
			"some": stats.Reused > 0,
			"none": stats.Reused == 0,
			"":     true,
		}[s.reuse]; !ok {
			t.Errorf("%s: reused %d of %d pages, want %s", s.name, stats.Reused, stats.Pages, s.reuse)
		}
		t.Logf("%s: reused %d of %d pages, rendered %d of %d files, kept %d", s.name, stats.Reused, stats.Pages, stats.Rendered, stats.Files, kept)
	}
}

// files lists the files of an output folder but its marker, by
// slash-separated name.
func files(t *testing.T, dir string) map[string]os.FileInfo {
	t.Helper()
	m := map[string]os.FileInfo{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == output.Marker {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = fi
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return m
}
