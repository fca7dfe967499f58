package indexfile

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"
)

func TestNumbers(t *testing.T) {
	nums := []int{0, 1, 31, 32, 33, 1023, 1024, 99999, 1 << 30}
	var enc []byte
	for _, n := range nums {
		enc = AppendNum(enc, n)
	}
	got, ok := ReadNums(string(enc))
	if !ok || !slices.Equal(got, nums) {
		t.Errorf("ReadNums(%q) = %v, %v; want %v", enc, got, ok, nums)
	}
	if _, ok := ReadNums("g"); ok {
		t.Error("ReadNums accepted a number with no last digit")
	}
	if _, ok := ReadNums("A\""); ok {
		t.Error("ReadNums accepted a letter outside its alphabet")
	}
}

func TestAppendString(t *testing.T) {
	for _, s := range []string{"abc", `a"b\c`, "<&>", "\x01\n\t", "résiliation", "한국", "a\u2028b", "bad\xffutf8"} {
		want, _ := json.Marshal(s)
		if got := AppendString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("AppendString(%q) = %s, want %s", s, got, want)
		}
	}
}

func TestAppendRows(t *testing.T) {
	chunk := [][]string{{"/a/", "Titre « x »", "case", "extrait <b> & co"}, {"/b/", "B", "guide", "", "h1", "Phase 1", "texte"}}
	want, _ := json.Marshal(chunk)
	if got := AppendRows(nil, chunk); !bytes.Equal(got, want) {
		t.Errorf("AppendRows = %s, want %s", got, want)
	}
}
