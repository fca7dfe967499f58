package journey

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"
)

func TestCSVCellsAreNotFormulas(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"},
		{"+33 1 23", "'+33 1 23"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"-1", "-1"},
		{"0.5", "0.5"},
		{"-2,5", "-2,5"},
		{"- une liste", "'- une liste"},
		{"-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"},
		{"-2+3", "'-2+3"},
		{"-1+HYPERLINK(\"http://x\")", "'-1+HYPERLINK(\"http://x\")"},
		{"-1.", "'-1."},
		{"-", "'-"},
		{"+1", "'+1"},
		{"\tx", "'\tx"},
		{"\r=1", "'\r=1"},
		{"Site web", "Site web"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := inert(tt.in); got != tt.want {
			t.Errorf("inert(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzCSVCell checks, through a real CSV writer and reader, that every
// cell a spreadsheet would evaluate (it starts with = + - @, a tab or a
// carriage return) comes out starting with an apostrophe unless it is a
// number, that nothing else is changed, and that dropping the apostrophe
// gives the author's text back.
func FuzzCSVCell(f *testing.F) {
	for _, s := range []string{"-1", "-1+cmd|' /C calc'!A0", "=1+1", "@A1", "+33", "-2,5", "0.5", "texte", "\t=1", "", "-1e5", "-0x1p3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, cell string) {
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		if err := w.Write([]string{inert(cell)}); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		recs, err := csv.NewReader(&b).ReadAll()
		if err != nil || len(recs) == 0 {
			// encoding/csv cannot round-trip every string (a lone \r, an
			// empty line); the guard below still holds on what it writes.
			return
		}
		got := recs[0][0]
		if cell == "" || !strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
			if inert(cell) != cell {
				t.Fatalf("inert(%q) = %q: a harmless cell was changed", cell, inert(cell))
			}
			return
		}
		if strings.HasPrefix(got, "'") {
			if inert(cell)[1:] != cell {
				t.Fatalf("inert(%q) = %q: the text after the apostrophe differs", cell, inert(cell))
			}
			return
		}
		// Left as it is: it must be a number by strconv's reading (with a
		// decimal comma), and not one of the forms (1e5, 0x1p3, Inf) a
		// spreadsheet might read as something else.
		n := strings.Replace(cell, ",", ".", 1)
		if _, err := strconv.ParseFloat(n, 64); err != nil || strings.ContainsAny(cell, "eExXpPiInN_") {
			t.Fatalf("inert(%q) = %q: a formula-like cell was left as it is", cell, got)
		}
	})
}
