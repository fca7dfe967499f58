package build

import (
	"strings"
	"testing"
)

// fields must count what strings.Fields splits, which the reading time
// was measured with: Unicode spaces, no-break spaces, invalid UTF-8.
func TestFieldsCountsAsStringsFields(t *testing.T) {
	for _, s := range []string{"", " ", "un", " deux  mots ", "a\tb\nc\u00a0d\u2003e", "\xff \xfe", "l'été dernier, à Paris"} {
		if got, want := fields(s), len(strings.Fields(s)); got != want {
			t.Errorf("fields(%q) = %d, strings.Fields gives %d", s, got, want)
		}
	}
}

func FuzzFields(f *testing.F) {
	f.Add("Une phrase ajoutée, révision 3.\n")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := fields(s), len(strings.Fields(s)); got != want {
			t.Errorf("fields(%q) = %d, strings.Fields gives %d", s, got, want)
		}
	})
}
