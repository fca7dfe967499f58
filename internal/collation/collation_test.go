package collation

import (
	"fmt"
	"slices"
	"testing"
)

func TestOrder(t *testing.T) {
	tests := []struct {
		lang string
		in   []string
		want []string
	}{
		{"fr", []string{"Bob", "Zoé", "alice", "Élodie"}, []string{"alice", "Bob", "Élodie", "Zoé"}},
		{"en", []string{"Bob", "Zoé", "alice", "Élodie"}, []string{"alice", "Bob", "Élodie", "Zoé"}},
		{"fr", []string{"Équipe", "eau", "Étape", "être", "Ete"}, []string{"eau", "Équipe", "Étape", "Ete", "être"}},
		{"fr", []string{"côté", "cote", "côte", "coté"}, []string{"cote", "coté", "côte", "côté"}},
		{"fr-CA", []string{"zèbre", "Abricot", "œuf", "Oeil"}, []string{"Abricot", "Oeil", "œuf", "zèbre"}},
		{"not a tag!", []string{"b", "Á", "a"}, []string{"a", "Á", "b"}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.lang, tt.in), func(t *testing.T) {
			o := For(tt.lang)
			got := slices.Clone(tt.in)
			slices.SortFunc(got, o.Compare)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			// The keys order as Compare does.
			slices.SortFunc(got, func(a, b string) int { return slices.Compare(o.Key(a), o.Key(b)) })
			if !slices.Equal(got, tt.want) {
				t.Errorf("by key: got %q, want %q", got, tt.want)
			}
		})
	}
	var nilOrder *Order
	if nilOrder.Compare("a", "B") <= 0 {
		t.Error("a nil Order should compare bytes")
	}
}

// BenchmarkSort10k sorts the titles of a 10,000-page site the first time,
// keys computed, as a build does once.
func BenchmarkSort10k(b *testing.B) {
	titles := make([]string, 10000)
	for i := range titles {
		titles[i] = fmt.Sprintf("Étude de cas numéro %d : l’équipe %c", i*7919%10000, 'a'+rune(i%26))
	}
	for b.Loop() {
		o := For("fr")
		s := slices.Clone(titles)
		slices.SortFunc(s, o.Compare)
	}
}
