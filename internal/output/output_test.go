package output

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
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

// TestOutputInsideAnInput refuses an output folder that the build reads:
// each build would publish the previous one again (164, 328, 492 files).
func TestOutputInsideAnInput(t *testing.T) {
	root := t.TempDir()
	for _, in := range []string{"content", "static", "layouts", "themes"} {
		for _, dest := range []string{in, filepath.Join(in, "public"), filepath.Join(in, "x", "y")} {
			_, err := NewDisk(root, filepath.Join(root, dest))
			if err == nil || !strings.Contains(err.Error(), "it lies inside "+in+"/, which the build reads") {
				t.Errorf("-d %s: got %v", dest, err)
			}
		}
	}
	d, err := NewDisk(root, filepath.Join(root, "contents"))
	if err != nil {
		t.Fatalf("-d contents (beside content/, not in it): %v", err)
	}
	d.Abort()
}

// TestLeftovers checks that a build removes the temporary trees a killed
// build left, only when parcours wrote them and their writer is gone, and
// that AbortAll (what SIGINT and SIGTERM run) removes the trees being
// written and leaves the previous output alone.
func TestLeftovers(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	mk := func(name string, files map[string]string) string {
		dir := filepath.Join(parent, name)
		os.MkdirAll(dir, 0o755)
		for n, data := range files {
			os.WriteFile(filepath.Join(dir, n), []byte(data), 0o644)
		}
		return dir
	}
	killed := mk(".public.tmp-111", map[string]string{Marker: "", pidFile: "999999999", "index.html": "x"})
	oldTree := mk(".public.tmp-222.old", map[string]string{Marker: "", "index.html": "x"})
	notOurs := mk(".public.tmp-333", map[string]string{"thesis.docx": "precious"})
	running := mk(".public.tmp-444", map[string]string{Marker: "", pidFile: strconv.Itoa(os.Getppid())})
	other := mk(".other.tmp-555", map[string]string{Marker: ""})

	prev := mk("public", map[string]string{Marker: "", "index.html": "previous"})
	d, err := NewDisk(parent, dest)
	if err != nil {
		t.Fatal(err)
	}
	for dir, kept := range map[string]bool{killed: false, oldTree: false, notOurs: true, running: true, other: true} {
		if _, err := os.Stat(dir); (err == nil) != kept {
			t.Errorf("%s: kept=%v, want %v", filepath.Base(dir), err == nil, kept)
		}
	}
	if err := d.WriteFile("a/b/index.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	AbortAll()
	if _, err := os.Stat(d.tmp); err == nil {
		t.Errorf("AbortAll left %s", d.tmp)
	}
	if b, _ := os.ReadFile(filepath.Join(prev, "index.html")); string(b) != "previous" {
		t.Errorf("previous output changed: %q", b)
	}
	// A committed tree carries no pid file.
	d, err = NewDisk(parent, dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, pidFile)); err == nil {
		t.Error("the published output holds the pid file")
	}
}
