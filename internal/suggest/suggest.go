// Package suggest finds the closest known name to a misspelt one, for the
// "did you mean" part of error messages.
package suggest

import (
	"slices"
	"strings"

	"github.com/parcours/parcours/internal/slug"
)

// synonyms are the names other tools and habits give to parcours fields:
// no typo distance brings pain_points near irritants.
var synonyms = map[string]string{
	"pain_points": "irritants", "painpoints": "irritants", "pain-points": "irritants", "pains": "irritants",
	"emotions": "emotion", "feelings": "emotion", "feeling": "emotion", "mood": "emotion",
	"metrics": "kpis", "kpi": "kpis", "ideas": "opportunities",
	"touch_points": "touchpoints", "steps": "stages",
}

// Synonym returns the parcours field that other tools call s, or "".
func Synonym(s string) string { return synonyms[strings.ToLower(s)] }

// Closest returns the candidate nearest to s by edit distance on folded text,
// or "" when none is near enough to be a plausible typo. A name that other
// tools use for a candidate suggests it, and so does a shortened name
// (manque-de-clarte for manque-de-clarte-de-l-information) that begins
// exactly one candidate's words.
func Closest(s string, candidates []string) string {
	if want := Synonym(s); want != "" && slices.Contains(candidates, want) {
		return want
	}
	best, bestD := "", -1
	fs := slug.Fold(s)
	for _, c := range candidates {
		d := Distance(fs, slug.Fold(c))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	limit := len([]rune(fs))/2 + 1
	if limit > 8 {
		limit = 8
	}
	if bestD < 0 || bestD > limit {
		return beginning(s, candidates)
	}
	return best
}

// beginning returns the one candidate whose slug begins with the words of
// s's slug, or "" when none or several do.
func beginning(s string, candidates []string) string {
	ss := slug.Make(s)
	if len(ss) < 4 {
		return ""
	}
	found := ""
	for _, c := range candidates {
		if sc := slug.Make(c); strings.HasPrefix(sc, ss+"-") {
			if found != "" {
				return ""
			}
			found = c
		}
	}
	return found
}

// Distance is the Levenshtein distance between a and b, in runes.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
