package rawfile_test

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parcours/parcours/internal/rawfile"
)

func TestReadWriteFile(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"small", []byte("---\ntitle: Onboarding\n---\nCorps.\n")},
		{"exactly the first buffer", bytes.Repeat([]byte("a"), 16<<10)},
		{"several reads", bytes.Repeat([]byte("délai de réponse "), 10000)},
	}
	for _, tt := range tests {
		name := filepath.Join(dir, tt.name)
		// Written twice, the second time shorter: WriteFile truncates.
		if err := rawfile.WriteFile(name, append(slices.Clone(tt.data), "de trop"...), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := rawfile.WriteFile(name, tt.data, 0o644); err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want, tt.data) {
			t.Errorf("%s: os.ReadFile gives %d bytes of what WriteFile wrote, want %d", tt.name, len(want), len(tt.data))
		}
		got, err := rawfile.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: ReadFile gives %d bytes, os.ReadFile %d", tt.name, len(got), len(want))
		}
		if fi, err := os.Stat(name); err != nil || fi.Mode().Perm()&0o600 != 0o600 {
			t.Errorf("%s: mode %v, %v", tt.name, fi.Mode(), err)
		}
	}
	missing := filepath.Join(dir, "absent")
	if _, err := rawfile.ReadFile(missing); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), missing) {
		t.Errorf("ReadFile of a missing file: %v", err)
	}
	if _, err := rawfile.ReadFile(dir); err == nil {
		t.Error("ReadFile of a folder: no error")
	}
	if err := rawfile.WriteFile(filepath.Join(missing, "x"), nil, 0o644); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("WriteFile into a missing folder: %v", err)
	}
}

// TestReadDir compares ReadDir with os.ReadDir: a folder of every kind of
// entry, and one with more names than one system call returns.
func TestReadDir(t *testing.T) {
	kinds := t.TempDir()
	for _, f := range []string{"b.md", "a.md", "_index.md", "été.md"} {
		if err := os.WriteFile(filepath.Join(kinds, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(kinds, "cases"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("a.md", filepath.Join(kinds, "lien.md")); err != nil {
		t.Fatal(err)
	}
	many := t.TempDir()
	for i := range 1500 {
		name := fmt.Sprintf("%04d-%s.md", i, strings.Repeat("nom-long-", 5))
		if err := os.WriteFile(filepath.Join(many, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, dir := range []string{kinds, many, t.TempDir()} {
		want, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		got, err := rawfile.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d entries, want %d", dir, len(got), len(want))
		}
		for i := range want {
			if got[i].Name() != want[i].Name() || got[i].Type() != want[i].Type() || got[i].IsDir() != want[i].IsDir() {
				t.Errorf("entry %d: %v, want %v", i, got[i], want[i])
			}
			gi, err1 := got[i].Info()
			wi, err2 := want[i].Info()
			if err1 != nil || err2 != nil || gi.Mode() != wi.Mode() || gi.Size() != wi.Size() {
				t.Errorf("%s: Info %v %v, want %v %v", got[i].Name(), gi, err1, wi, err2)
			}
		}
	}
	if _, err := rawfile.ReadDir(filepath.Join(kinds, "absent")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadDir of a missing folder: %v", err)
	}
	if _, err := rawfile.ReadDir(filepath.Join(kinds, "a.md")); err == nil {
		t.Error("ReadDir of a file: no error")
	}
}

// A copy that keeps the modification time (cp -p) is told apart from the
// file it copies by its identity, on Linux; elsewhere identities are zero.
func TestIdentity(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.md"), filepath.Join(dir, "b.md")
	when := time.Now().Add(-time.Hour).Truncate(time.Second)
	for _, name := range []string{a, b} {
		if err := os.WriteFile(name, []byte("même contenu\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(name, when, when); err != nil {
			t.Fatal(err)
		}
	}
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	inoA, ctimeA := rawfile.Identity(fa)
	inoB, _ := rawfile.Identity(fb)
	if runtime.GOOS != "linux" {
		if inoA != 0 || ctimeA != 0 {
			t.Errorf("identity %d, %d off Linux", inoA, ctimeA)
		}
		return
	}
	if inoA == 0 || ctimeA == 0 || inoA == inoB {
		t.Errorf("identities %d (change time %d) and %d: want two inodes and a change time", inoA, ctimeA, inoB)
	}
	if !fa.ModTime().Equal(fb.ModTime()) || fa.Size() != fb.Size() {
		t.Fatal("the two files should share size and modification time")
	}
	if ino, _ := rawfile.Identity(fakeInfo{fa}); ino != 0 {
		t.Errorf("a FileInfo of no file system gave inode %d", ino)
	}
}

// fakeInfo is a FileInfo that does not come from the file system.
type fakeInfo struct{ fs.FileInfo }

func (fakeInfo) Sys() any { return nil }
