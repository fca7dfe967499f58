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

// TestEntryData checks that entry.js reads back as written, nil lists as
// empty ones, and that its keys are in name order, as a map gives them.
func TestEntryData(t *testing.T) {
	tests := []Entry{
		{Chunk: 4, Facets: []string{"kind", "tools"}, Head: 5, Keys: []string{"b", "m<"}, Lang: "fr", N: 9, V: "abc"},
		{Chunk: 4, Lang: "en"},
	}
	for _, e := range tests {
		data := EntryData(e)
		var got Entry
		if err := DecodeCall(data, "entry", &got); err != nil {
			t.Fatalf("DecodeCall(%s): %v", data, err)
		}
		if got.Keys == nil || got.Facets == nil {
			t.Errorf("%s: keys and facets must be arrays", data)
		}
		want := e
		want.Keys, want.Facets = append([]string{}, e.Keys...), append([]string{}, e.Facets...)
		if !slices.Equal(got.Keys, want.Keys) || !slices.Equal(got.Facets, want.Facets) || got.Chunk != e.Chunk || got.Head != e.Head || got.Lang != e.Lang || got.N != e.N || got.V != e.V {
			t.Errorf("read back %+v, want %+v", got, want)
		}
		asMap, _ := json.Marshal(map[string]any{"chunk": e.Chunk, "facets": want.Facets, "head": e.Head, "keys": want.Keys, "lang": e.Lang, "n": e.N, "v": e.V})
		if wantData := "parcoursSearch.entry(" + string(asMap) + ");\n"; string(data) != wantData {
			t.Errorf("EntryData = %s, want %s", data, wantData)
		}
	}
}

func TestCallRoundTrip(t *testing.T) {
	rows := [][]string{{"Onboarding", "AB"}, {"Rétention", "C"}}
	data := Call("facet", 3, AppendRows(nil, rows))
	var got [][]string
	if err := DecodeCall(data, "facet", &got); err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(got, rows, slices.Equal) {
		t.Errorf("read back %q, want %q", got, rows)
	}
	for _, bad := range []string{"", "parcoursSearch.docs(3,[]);\n", "parcoursSearch.facet([]);\n", "parcoursSearch.facet(3,[]"} {
		if err := DecodeCall([]byte(bad), "facet", &got); err == nil {
			t.Errorf("DecodeCall(%q) accepted it", bad)
		}
	}
}
