package journey

import "testing"

func TestCSVCellsAreNotFormulas(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"},
		{"+33 1 23", "'+33 1 23"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"-1", "-1"},
		{"- une liste", "'- une liste"},
		{"Site web", "Site web"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := inert(tt.in); got != tt.want {
			t.Errorf("inert(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
