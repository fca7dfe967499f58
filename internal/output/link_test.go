package output

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestLink checks that a file is taken from the previous output only when
// that output was committed and the file is as it was written then, and
// that an aborted build that linked files leaves the previous output
// intact.
func TestLink(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	commit := func(files map[string]string) *Disk {
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
	if d, _ := NewDisk(root, dest); d.Link("a/index.html", 1) || d.Previous() != "" {
		t.Error("linked from an output that does not exist")
	} else {
		d.Abort()
	}
	first := commit(map[string]string{"a/index.html": "aaa", "b/index.html": "bbb", "c.txt": "ccc"})
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
		{"missing.html", 0, false},
		{"../outside", 3, false},
	} {
		if got := d.Link(tt.name, tt.size); got != tt.want {
			t.Errorf("Link(%q, %d) = %v, want %v", tt.name, tt.size, got, tt.want)
		}
	}
	d.Abort()
	for n, want := range map[string]string{"a/index.html": "aaa", "b/index.html": "BBB", "c.txt": "ccc"} {
		if b, err := os.ReadFile(filepath.Join(dest, n)); err != nil || string(b) != want {
			t.Errorf("after an aborted build, %s holds %q (%v), want %q", n, b, err, want)
		}
	}
	d, err = NewDisk(root, dest)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Link("a/index.html", 3) {
		t.Fatal("a/index.html not linked")
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dest, "a/index.html")); err != nil || string(b) != "aaa" {
		t.Errorf("linked file holds %q (%v), want %q", b, err, "aaa")
	}
	if _, err := os.Stat(filepath.Join(dest, "c.txt")); err == nil {
		t.Error("a file neither written nor linked is still there")
	}
}
