package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
)

func write(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestFSContract checks the FS against testing/fstest's reading of the
// io/fs contract, with a symlinked file and folder inside the site.
func TestFSContract(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		"static/css/site.css": "body{}",
		"static/a/b/c.txt":    "c",
		"assets/logo.svg":     "<svg/>",
		"assets/more/x.txt":   "x",
	})
	if runtime.GOOS != "windows" {
		os.Symlink(filepath.Join("..", "assets", "logo.svg"), filepath.Join(root, "static", "logo.svg"))
		os.Symlink(filepath.Join("..", "assets"), filepath.Join(root, "static", "shared"))
	}
	f, ds, err := Open(root, "static")
	if err != nil || len(ds) > 0 {
		t.Fatalf("Open: %v %v", err, ds)
	}
	want := []string{"css/site.css", "a/b/c.txt"}
	if runtime.GOOS != "windows" {
		want = append(want, "logo.svg", "shared/logo.svg", "shared/more/x.txt")
	}
	if err := fstest.TestFS(f, want...); err != nil {
		t.Fatal(err)
	}
}

// TestNothingOutsideIsReachable asks the FS for names that would leave the
// folder: none may be opened, whatever the disk holds there.
func TestNothingOutsideIsReachable(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{"static/ok.txt": "ok", "secret.txt": "secret"})
	f, _, err := Open(root, "static")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"../secret.txt", "/etc/passwd", "..", "ok.txt/../../secret.txt", `..\secret.txt`, "missing.txt"} {
		if _, err := f.ReadFile(name); err == nil {
			t.Errorf("ReadFile(%q) succeeded", name)
		}
		if _, err := f.Open(name); err == nil {
			t.Errorf("Open(%q) succeeded", name)
		}
	}
	if b, err := f.ReadFile("ok.txt"); err != nil || string(b) != "ok" {
		t.Errorf("ReadFile(ok.txt) = %q, %v", b, err)
	}
	if _, _, err := Open(root, "layouts"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing folder: %v, want ErrNotExist", err)
	}
}

func TestReadFileRefusesALinkOut(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	root, outside := t.TempDir(), t.TempDir()
	write(t, outside, map[string]string{"parcours.toml": "title = \"x\"\n"})
	os.Symlink(filepath.Join(outside, "parcours.toml"), filepath.Join(root, "parcours.toml"))
	_, err := ReadFile(root, "parcours.toml")
	if err == nil || !strings.Contains(err.Error(), "parcours.toml: symlink to ") || !strings.Contains(err.Error(), "leaves the site") {
		t.Errorf("got %v", err)
	}
}

// TestStill checks when a walk may be reused for files a watcher says
// changed: only while each is still a regular file the walk found, reached
// through no symlink, so that reading it cannot leave the site.
func TestStill(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	tests := []struct {
		name   string
		change func(t *testing.T, root string)
		names  []string
		want   bool
	}{
		{"rewritten", func(t *testing.T, root string) {
			write(t, root, map[string]string{"content/cases/a.md": "changed"})
		}, []string{"cases/a.md"}, true},
		{"nothing named", func(*testing.T, string) {}, nil, true},
		{"not found by the walk", func(t *testing.T, root string) {
			write(t, root, map[string]string{"content/cases/new.md": "new"})
		}, []string{"cases/new.md"}, false},
		{"removed", func(t *testing.T, root string) {
			os.Remove(filepath.Join(root, "content", "cases", "a.md"))
		}, []string{"cases/a.md"}, false},
		{"now a symlink leaving the site", func(t *testing.T, root string) {
			p := filepath.Join(root, "content", "cases", "a.md")
			os.Remove(p)
			if err := os.Symlink(filepath.Join(filepath.Dir(root), "outside.txt"), p); err != nil {
				t.Fatal(err)
			}
		}, []string{"cases/a.md"}, false},
		{"its folder now a symlink", func(t *testing.T, root string) {
			dir := filepath.Join(root, "content", "cases")
			os.RemoveAll(dir)
			other := filepath.Join(filepath.Dir(root), "elsewhere")
			write(t, other, map[string]string{"a.md": "secret"})
			if err := os.Symlink(other, dir); err != nil {
				t.Fatal(err)
			}
		}, []string{"cases/a.md"}, false},
		{"now a folder", func(t *testing.T, root string) {
			p := filepath.Join(root, "content", "cases", "a.md")
			os.Remove(p)
			write(t, root, map[string]string{"content/cases/a.md/b.md": "b"})
		}, []string{"cases/a.md"}, false},
		{"one of two gone", func(t *testing.T, root string) {
			os.Remove(filepath.Join(root, "content", "cases", "b.md"))
		}, []string{"cases/a.md", "cases/b.md"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := filepath.Join(t.TempDir(), "site")
			write(t, root, map[string]string{"content/cases/a.md": "a", "content/cases/b.md": "b"})
			f, ds, err := Open(root, "content")
			if err != nil || len(ds) > 0 {
				t.Fatalf("Open: %v %v", err, ds)
			}
			tt.change(t, root)
			if got := f.Still(tt.names); got != tt.want {
				t.Errorf("Still(%v) = %v, want %v", tt.names, got, tt.want)
			}
		})
	}
}
