package output

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFileRefusesPathsOutside(t *testing.T) {
	m := NewMemory()
	for _, name := range []string{"../x", "/etc/passwd", "a/../../b", "a//b", `a\b`, "", ".."} {
		if err := m.WriteFile(name, nil); err == nil {
			t.Errorf("Memory.WriteFile(%q) accepted", name)
		}
	}
	root := t.TempDir()
	d, err := NewDisk(root, filepath.Join(root, "public"))
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("../escape.html", []byte("x")); err == nil {
		t.Errorf("Disk.WriteFile(../escape.html) accepted")
	}
	if err := d.WriteFile("a/b/c/index.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "escape.html")); err == nil {
		t.Errorf("a file was written outside the output folder")
	}
	if b, err := os.ReadFile(filepath.Join(root, "public/a/b/c/index.html")); err != nil || string(b) != "x" {
		t.Errorf("committed file: %q, %v", b, err)
	}
	if _, err := os.Stat(filepath.Join(root, "public", Marker)); err != nil {
		t.Errorf("no marker in the output: %v", err)
	}
}
