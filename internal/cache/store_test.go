package cache

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestStore saves records through several builds and reads them back: a
// record not kept is gone, a kept one survives compaction, and a cache of
// another parcours or with a damaged index reads as empty.
func TestStore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), Dir)
	// A first build writes ten records.
	s := open(dir, "v1")
	if s.Missing == "" {
		t.Error("a new cache says it holds records")
	}
	for i := range 10 {
		s.Put("page", fmt.Sprint(i), uint64(i), []byte(fmt.Sprint("data ", i)))
	}
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	// A second keeps two of them and changes a third.
	s = open(dir, "v1")
	if s.Missing != "" {
		t.Fatalf("cache missing: %s", s.Missing)
	}
	s.Keep("page", "1")
	s.Keep("page", "2")
	s.Put("page", "3", 33, []byte("new 3"))
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	s = open(dir, "v1")
	tests := []struct {
		name string
		key  uint64
		data string // "" when gone
	}{
		{"1", 1, "data 1"},
		{"2", 2, "data 2"},
		{"3", 33, "new 3"},
		{"4", 0, ""},
	}
	for _, tt := range tests {
		key, data, ok := s.Get("page", tt.name)
		if ok != (tt.data != "") || key != tt.key || string(data) != tt.data {
			t.Errorf("Get(%s) = %d, %q, %v; want %d, %q", tt.name, key, data, ok, tt.key, tt.data)
		}
	}
	if _, _, ok := s.Get("file", "1"); ok {
		t.Error("a record is found under another kind")
	}
	// Eight of ten records died: the kept ones were copied into one data
	// file, and the first is removed.
	files, _ := filepath.Glob(filepath.Join(dir, "data-*"))
	if len(files) != 1 {
		t.Errorf("data files after compaction: %v, want one", files)
	}
	if b, err := os.ReadFile(filepath.Join(dir, ".gitignore")); err != nil || string(b) != ignore {
		t.Errorf(".gitignore = %q, %v", b, err)
	}

	if s := open(dir, "v2"); s.Missing == "" {
		t.Error("another parcours's cache is read")
	}
	index := filepath.Join(dir, "index")
	b, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 1
	if err := os.WriteFile(index, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if s := open(dir, "v1"); s.Missing == "" {
		t.Error("a damaged index is read")
	}
}

// TestHashStable pins the hash: keys saved by one process are compared by
// the next, so the hash may never depend on the process.
func TestHashStable(t *testing.T) {
	tests := []struct {
		add  func(*Hash)
		same func(*Hash)
	}{
		{func(h *Hash) { h.Strings("ab", "c") }, func(h *Hash) { h.WriteString("ab\x00c\x00") }},
		{func(h *Hash) { h.Numbers(1) }, func(h *Hash) { h.Write([]byte{1, 0, 0, 0, 0, 0, 0, 0}) }},
		{func(h *Hash) { h.WriteByte('x') }, func(h *Hash) { h.Write([]byte("x")) }},
	}
	for i, tt := range tests {
		var a, b Hash
		tt.add(&a)
		tt.same(&b)
		if a.Sum64() != b.Sum64() {
			t.Errorf("%d: %x != %x", i, a.Sum64(), b.Sum64())
		}
	}
	var h Hash
	h.Strings("ab", "c")
	var g Hash
	g.Strings("a", "bc")
	if h.Sum64() == g.Sum64() {
		t.Error(`("ab","c") and ("a","bc") hash alike`)
	}
	// xxhash64 of "" with seed 0: the same in every process and release.
	if got := Sum(nil); got != 0xef46db3751d8e999 {
		t.Errorf("Sum(nil) = %x", got)
	}
}
