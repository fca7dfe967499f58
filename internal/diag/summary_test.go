package diag

import (
	"fmt"
	"testing"
)

func TestSummarize(t *testing.T) {
	var ds []Diagnostic
	for i := range 400 {
		ds = append(ds, At(fmt.Sprintf("content/guides/g%03d.md", i), 1, 1, "missing title"))
	}
	for i := range 150 {
		ds = append(ds, At(fmt.Sprintf("content/cases/c%03d.md", i), i+2, 5, "unknown irritant %q; did you mean %q?", fmt.Sprint("x", i), "y"))
	}
	for i := range 50 {
		// A wrapped error has a bare verb for its kind: its message, quotes
		// left out, stands for it.
		ds = append(ds, At(fmt.Sprintf("content/p%02d.md", i), 0, 0, "%v", fmt.Errorf("yaml: line %d: mapping values are not allowed in %q", 3, fmt.Sprint(i))))
	}
	for i := range 2 {
		// A suggestion in brackets goes, and what follows it stays.
		ds = append(ds, At("content/journeys/j.md", 10+i, 9, "%s; known: %s", fmt.Sprintf("unknown field %q in stage (did you mean %q?)", fmt.Sprint("x", i), "irritants"), "name, actions"))
	}
	groups := Summarize(ds, 3)
	tests := []struct {
		label    string
		count    int
		examples []string
	}{
		{"missing title", 400, []string{"content/guides/g000.md:1:1", "content/guides/g001.md:1:1", "content/guides/g002.md:1:1"}},
		{`unknown irritant "…"; did you mean "…"?`, 150, []string{"content/cases/c000.md:2:5", "content/cases/c001.md:3:5", "content/cases/c002.md:4:5"}},
		{`yaml: line …: mapping values are not allowed in "…"`, 50, []string{"content/p00.md", "content/p01.md", "content/p02.md"}},
		{`unknown field "…" in stage; known: name, actions`, 2, []string{"content/journeys/j.md:10:9", "content/journeys/j.md:11:9"}},
	}
	if len(groups) != len(tests) {
		t.Fatalf("got %d groups, want %d: %+v", len(groups), len(tests), groups)
	}
	total := 0
	for i, tt := range tests {
		g := groups[i]
		total += g.Count
		if g.Label != tt.label || g.Count != tt.count {
			t.Errorf("group %d: got %q × %d, want %q × %d", i, g.Label, g.Count, tt.label, tt.count)
		}
		var where []string
		for _, d := range g.Examples {
			where = append(where, d.Where())
		}
		if fmt.Sprint(where) != fmt.Sprint(tt.examples) {
			t.Errorf("group %q: examples %v, want %v", g.Label, where, tt.examples)
		}
	}
	if total != len(ds) {
		t.Errorf("groups count %d problems, want %d", total, len(ds))
	}
}
