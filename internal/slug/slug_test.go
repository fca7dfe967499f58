package slug

import (
	"strings"
	"testing"
)

func TestMake(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Résultats obtenus", "resultats-obtenus"},
		{"Équipe & Planification", "equipe-planification"},
		{"Cœur de cible", "coeur-de-cible"},
		{"L’expérience client", "l-experience-client"},
		{"../../etc", "etc"},
		{"&&", ""},
		{"  Étape 1 : le mapping  ", "etape-1-le-mapping"},
		{"SaaS B2B", "saas-b2b"},
		{"Straße", "strasse"},
		{"한국어 문서", "한국어-문서"},
	}
	for _, tt := range tests {
		if got := Make(tt.in); got != tt.want {
			t.Errorf("Make(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFoldAndSafe(t *testing.T) {
	if got := Fold("ÉCOLE Œuvre"); got != "ecole oeuvre" {
		t.Errorf("Fold = %q", got)
	}
	for s, want := range map[string]bool{"qonto": true, "": false, ".": false, "..": false, "a/b": false, `a\b`: false, "a\x00": false, "été-2024": true} {
		if got := Safe(s); got != want {
			t.Errorf("Safe(%q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzMake(f *testing.F) {
	f.Add("Équipe & Planification")
	f.Add("../x")
	f.Fuzz(func(t *testing.T, s string) {
		m := Make(s)
		if m != "" && (!Safe(m) || strings.Contains(m, "--") || strings.HasPrefix(m, "-") || strings.HasSuffix(m, "-")) {
			t.Errorf("Make(%q) = %q: not a clean path segment", s, m)
		}
	})
}
