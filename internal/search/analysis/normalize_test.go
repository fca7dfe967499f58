package analysis

import (
	"slices"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, lang, text string
		want             []string
	}{
		{"tokenises on non-letters", "xx", "parcours-client/2024:NPS", []string{"parcours", "client", "2024", "nps"}},
		{"folds accents and case", "xx", "Rétention ÉQUIPE Noël", []string{"retention", "equipe", "noel"}},
		{"folds ligatures", "xx", "Œuvre cœur", []string{"oeuvre", "coeur"}},
		{"folds decomposed accents", "xx", "re\u0301sultat", []string{"resultat"}},
		{"drops elisions", "fr", "l’adoption d'un qu’il jusqu’à", []string{"adopt"}},
		{"keeps a lone letter that is no elision", "xx", "l adoption", []string{"l", "adoption"}},
		{"elision needs an apostrophe after it", "xx", "l’équipe l", []string{"equipe", "l"}},
		{"drops French stop words, folded", "fr", "le client et à même été", []string{"client"}},
		{"drops stop words Snowball's list lacks", "fr", "les clients", []string{"client"}},
		{"drops English stop words", "en", "the customer and their journey", []string{"custom", "journey"}},
		{"French plural finds singular", "fr", "clients client", []string{"client", "client"}},
		{"French stems", "fr", "irritants irritant résultats", []string{"irrit", "irrit", "resultat"}},
		{"English plural finds singular", "en", "journeys journey", []string{"journey", "journey"}},
		{"English stems", "en", "onboarding renewals", []string{"onboard", "renew"}},
		{"unknown language only folds", "de", "Kündigungen die", []string{"kundigungen", "die"}},
		{"empty", "fr", "", nil},
		{"only punctuation", "fr", " ,;:!? <>&\"' ", nil},
		{"drops very long tokens", "fr", strings.Repeat("a", 49) + " court", []string{"court"}},
		{"keeps 48-letter tokens", "xx", strings.Repeat("a", 48), []string{strings.Repeat("a", 48)}},
		{"HTML and regex metacharacters", "fr", `<img src=x onerror=alert(1)> .*[a-z]+\d$`, []string{"img", "src", "x", "onerror", "alert", "1", "z"}},
		{"quotes", "fr", `"churn" «rétention» ‘NPS’`, []string{"churn", "retent", "np"}},
		{"non-Latin scripts", "fr", "顧客 رحلة", []string{"顧客", "رحلة"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Normalize(tt.lang, tt.text)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Normalize(%q, %q) = %q, want %q", tt.lang, tt.text, got, tt.want)
			}
		})
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"L’adoption des clients", "the customers’ journeys", "\xff\xfe", "é\u0301œ", "qu’", strings.Repeat("é", 60)} {
		f.Add("fr", s)
		f.Add("en", s)
	}
	f.Fuzz(func(t *testing.T, lang, text string) {
		for _, term := range Normalize(lang, text) {
			if term == "" {
				t.Fatalf("Normalize(%q, %q) returned an empty term", lang, text)
			}
		}
	})
}
