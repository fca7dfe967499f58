package suggest

import "testing"

func TestClosest(t *testing.T) {
	candidates := []string{"manque-de-clarte", "resiliation-compliquee", "title", "taxonomies", "irritants"}
	tests := []struct{ in, want string }{
		{"pain_points", "irritants"},
		{"Pain_Points", "irritants"},
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
	// The example site's irritant, named by the start of its slug.
	irritants := []string{"manque-d-accompagnement", "manque-de-clarte-de-l-information", "manque-de-reconnaissance"}
	for _, tt := range []struct{ in, want string }{
		{"manque-de-clarte", "manque-de-clarte-de-l-information"},
		{"Manque de clarté", "manque-de-clarte-de-l-information"},
		{"manque", ""},         // begins three: none is the one meant
		{"manque-de-clar", ""}, // not at a word's end
		{"emotions", ""},       // a synonym of a field not among these
	} {
		if got := Closest(tt.in, irritants); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if d := Distance("kitten", "sitting"); d != 3 {
		t.Errorf("Distance = %d, want 3", d)
	}
}
