package suggest

import "testing"

func TestClosest(t *testing.T) {
	candidates := []string{"manque-de-clarte", "resiliation-compliquee", "title", "taxonomies"}
	tests := []struct{ in, want string }{
		{"manque-de-clartee", "manque-de-clarte"},
		{"Manque de clarté", "manque-de-clarte"},
		{"titel", "title"},
		{"taxonomy", "taxonomies"},
		{"zzzzzzzz", ""},
	}
	for _, tt := range tests {
		if got := Closest(tt.in, candidates); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if d := Distance("kitten", "sitting"); d != 3 {
		t.Errorf("Distance = %d, want 3", d)
	}
}
