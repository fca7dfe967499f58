package rawfile_test

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

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
