package output

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// An output folder that holds the site root is refused even when it once
// was parcours's output and even when the root's name starts with two dots,
// which a check on the relative path's "..": prefix took for a folder above.
func TestNewDiskRefusesAFolderHoldingTheRoot(t *testing.T) {
	tests := []struct {
		name       string
		root, dest string // under a temporary folder
		refused    bool
	}{
		{"root itself", "site", "site", true},
		{"folder above the root", "out/site", "out", true},
		{"root named with two leading dots", "out/..site", "out", true},
		{"root two levels down", "out/a/..b", "out", true},
		{"sibling folder", "site", "public", false},
		{"folder under the root", "site", "site/public", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			root, dest := filepath.Join(dir, tt.root), filepath.Join(dir, tt.dest)
			if err := os.MkdirAll(root, 0o755); err != nil {
				t.Fatal(err)
			}
			// The destination was written by parcours before, so only the
			// site-root rule stands between it and its replacement.
			if err := os.MkdirAll(dest, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dest, Marker), nil, 0o644); err != nil {
				t.Fatal(err)
			}
			d, err := NewDisk(root, dest)
			if d != nil {
				d.Abort()
			}
			if refused := err != nil && strings.Contains(err.Error(), "site root"); refused != tt.refused {
				t.Errorf("NewDisk(%s, %s) error = %v; want refused %v", tt.root, tt.dest, err, tt.refused)
			}
		})
	}
}

// The output is for a web server, which runs as its own user: the folder
// swapped in is readable by others, not private as a temporary folder is.
func TestCommittedOutputIsReadableByOthers(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no Unix permission bits")
	}
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	d, err := NewDisk(root, dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("guides/a/index.html", []byte("<p>a</p>")); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(dest)
	if err != nil {
		t.Fatal(err)
	}
	if perm := st.Mode().Perm(); perm&0o055 != 0o055 {
		t.Errorf("%s has mode %v: group and others cannot read it", dest, perm)
	}
}
