package output

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// commitTree writes files as a whole build into dest and commits it.
func commitTree(t *testing.T, root, dest string, files map[string]string) *Disk {
	t.Helper()
	d, err := NewDisk(root, dest)
	if err != nil {
		t.Fatal(err)
	}
	for n, data := range files {
		if err := d.WriteFile(n, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	return d
}

// tree reads every file under dir, by slash name, the marker included.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return m
}

// siblings lists what lies beside dest but dest: the temporary folders a
// build must not leave.
func siblings(t *testing.T, dest string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.Name() != filepath.Base(dest) {
			names = append(names, e.Name())
		}
	}
	return names
}

// sameTree reports the differences between two trees of files.
func sameTree(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	for n, w := range want {
		if g, ok := got[n]; !ok {
			t.Errorf("%s: %s is missing", what, n)
		} else if g != w {
			t.Errorf("%s: %s holds %q, want %q", what, n, g, w)
		}
	}
	for n := range got {
		if _, ok := want[n]; !ok {
			t.Errorf("%s: %s should not be there", what, n)
		}
	}
}

// TestKeep checks that a file is kept from the previous output only when
// that output was committed and the file is as it was written then, under
// that very name.
func TestKeep(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	if d, _ := NewDisk(root, dest); d.Keep("a/index.html", 1) || d.Previous() != "" {
		t.Error("kept a file of an output that does not exist")
	} else {
		d.Abort()
	}
	first := commitTree(t, root, dest, map[string]string{"a/index.html": "aaa", "b/index.html": "bbb", "c.txt": "ccc", "D/index.html": "ddd"})
	// An edit by hand, later than the output: its time tells.
	later := time.Now().Add(time.Hour)
	if err := os.WriteFile(filepath.Join(dest, "b/index.html"), []byte("BBB"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(filepath.Join(dest, "b/index.html"), later, later); err != nil {
		t.Fatal(err)
	}
	d, err := NewDisk(root, dest)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	if d.Previous() != first.ID() || d.ID() == first.ID() {
		t.Fatalf("previous %q, id %q; want previous %q and a new id", d.Previous(), d.ID(), first.ID())
	}
	for _, tt := range []struct {
		name string
		size int
		want bool
	}{
		{"a/index.html", 3, true},
		{"c.txt", 2, false},        // another size than the cache says
		{"b/index.html", 3, false}, // edited by hand
		{"d/index.html", 3, false}, // another case than the output's
		{"missing.html", 0, false},
		{"../outside", 3, false},
		{Marker, len(markerFor(first.ID())), false},
	} {
		if got := d.Keep(tt.name, tt.size); got != tt.want {
			t.Errorf("Keep(%q, %d) = %v, want %v", tt.name, tt.size, got, tt.want)
		}
	}
}

// TestUpdateInPlace checks the commit of a build that kept files of the
// previous output: the destination ends up holding exactly the kept and
// the written files, the kept ones untouched, whatever the previous output
// and the hands that edited it held.
func TestUpdateInPlace(t *testing.T) {
	tests := []struct {
		name     string
		previous map[string]string
		hand     func(t *testing.T, dest string) // edits the output after it was built
		keep     []string                        // of previous, with their size
		write    map[string]string
	}{
		{
			name:     "stale files and folders removed",
			previous: map[string]string{"a/index.html": "a", "b/index.html": "b", "b/x/y.html": "y", "c.txt": "c", "e/f/g/h.html": "h"},
			keep:     []string{"a/index.html"},
			write:    map[string]string{"d/index.html": "d"},
		},
		{
			name:     "changed file written over the old one",
			previous: map[string]string{"a/index.html": "a", "b/index.html": "b", "search/0.json": "[1]"},
			keep:     []string{"a/index.html"},
			write:    map[string]string{"b/index.html": "B, longer", "search/0.json": "[2]"},
		},
		{
			name:     "file becomes a folder",
			previous: map[string]string{"a/index.html": "a", "x": "a file", "y/z": "a file"},
			keep:     []string{"a/index.html"},
			write:    map[string]string{"x/index.html": "x", "y/z/index.html": "z"},
		},
		{
			name:     "folder becomes a file",
			previous: map[string]string{"a/index.html": "a", "x/index.html": "x", "x/y/z.html": "z"},
			keep:     []string{"a/index.html"},
			write:    map[string]string{"x": "now a file"},
		},
		{
			name:     "name changes case only",
			previous: map[string]string{"a/index.html": "a", "About/index.html": "about", "Logo.PNG": "png"},
			keep:     []string{"a/index.html"},
			write:    map[string]string{"about/index.html": "about", "logo.png": "png"},
		},
		{
			name:     "kept file deep in a folder whose other files go",
			previous: map[string]string{"s/t/u/keep.html": "k", "s/t/u/go.html": "g", "s/t/v/go.html": "g", "s/w.html": "w"},
			keep:     []string{"s/t/u/keep.html"},
			write:    map[string]string{"s/t/new.html": "n"},
		},
		{
			name:     "files and folders added by hand vanish",
			previous: map[string]string{"a/index.html": "a"},
			hand: func(t *testing.T, dest string) {
				for n, data := range map[string]string{"notes.txt": "mine", "drafts/x/y.html": "mine", "a/extra.html": "mine"} {
					p := filepath.Join(dest, filepath.FromSlash(n))
					if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				// Windows lets only some users make links: the files do.
				_ = os.Symlink(filepath.Join(dest, "a"), filepath.Join(dest, "link"))
			},
			keep: []string{"a/index.html"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			dest := filepath.Join(root, "out", "public")
			commitTree(t, root, dest, tt.previous)
			if tt.hand != nil {
				tt.hand(t, dest)
			}
			before := map[string]os.FileInfo{}
			d, err := NewDisk(root, dest)
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range tt.keep {
				fi, err := os.Stat(filepath.Join(dest, filepath.FromSlash(n)))
				if err != nil {
					t.Fatal(err)
				}
				before[n] = fi
				if !d.Keep(n, len(tt.previous[n])) {
					t.Fatalf("Keep(%s) refused", n)
				}
			}
			for n, data := range tt.write {
				if err := d.WriteFile(n, []byte(data)); err != nil {
					t.Fatal(err)
				}
			}
			if err := d.Commit(); err != nil {
				t.Fatal(err)
			}
			want := maps.Clone(tt.write)
			if want == nil {
				want = map[string]string{}
			}
			for _, n := range tt.keep {
				want[n] = tt.previous[n]
			}
			want[Marker] = string(markerFor(d.ID()))
			sameTree(t, "after the update", tree(t, dest), want)
			for n, fi := range before {
				if now, err := os.Stat(filepath.Join(dest, filepath.FromSlash(n))); err != nil || !os.SameFile(fi, now) {
					t.Errorf("%s was replaced, not kept (%v)", n, err)
				}
			}
			if left := siblings(t, dest); len(left) > 0 {
				t.Errorf("left beside the output: %v", left)
			}
			// The next build vouches for the updated output.
			next, err := NewDisk(root, dest)
			if err != nil {
				t.Fatal(err)
			}
			defer next.Abort()
			if next.Previous() != d.ID() {
				t.Errorf("the next build replaces %q, want %q", next.Previous(), d.ID())
			}
		})
	}
}

// TestUnfinishedUpdate checks that a build that fails, is interrupted or
// stops while it commits never leaves a mixed output that a cache would
// vouch for: before the commit, the previous output is exactly as it was;
// during it, the marker has lost its id, so the next build keeps nothing
// and replaces the whole tree.
func TestUnfinishedUpdate(t *testing.T) {
	previous := map[string]string{"a/index.html": "a", "b/index.html": "b", "x": "file"}
	tests := []struct {
		name string
		stop func(d *Disk)
		// unchanged: the previous output must be exactly as it was.
		unchanged bool
	}{
		{"failed build", func(d *Disk) { d.Abort() }, true},
		{"interrupted build", func(*Disk) { AbortAll() }, true},
		{"crash once the commit has begun", func(d *Disk) {
			_ = d.replaceMarker("")
			_ = d.removeStale(nil)
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			dest := filepath.Join(root, "public")
			commitTree(t, root, dest, previous)
			was := tree(t, dest)
			d, err := NewDisk(root, dest)
			if err != nil {
				t.Fatal(err)
			}
			if !d.Keep("a/index.html", 1) {
				t.Fatal("a/index.html not kept")
			}
			for n, data := range map[string]string{"b/index.html": "B", "x/index.html": "x", "c/index.html": "c"} {
				if err := d.WriteFile(n, []byte(data)); err != nil {
					t.Fatal(err)
				}
			}
			tt.stop(d)
			if tt.unchanged {
				sameTree(t, "previous output", tree(t, dest), was)
				if left := siblings(t, dest); len(left) > 0 {
					t.Errorf("left beside the output: %v", left)
				}
			}
			next, err := NewDisk(root, dest)
			if err != nil {
				t.Fatal(err)
			}
			if kept := next.Keep("a/index.html", 1); kept != tt.unchanged {
				t.Errorf("the next build kept a file: %v, want %v", kept, tt.unchanged)
			}
			if !tt.unchanged {
				if err := next.WriteFile("a/index.html", []byte("a")); err != nil {
					t.Fatal(err)
				}
			}
			if err := next.Commit(); err != nil {
				t.Fatal(err)
			}
			want := map[string]string{"a/index.html": "a", Marker: string(markerFor(next.ID()))}
			sameTree(t, "the build after", tree(t, dest), want)
			if left := siblings(t, dest); len(left) > 0 {
				t.Errorf("left beside the output: %v", left)
			}
		})
	}
}
