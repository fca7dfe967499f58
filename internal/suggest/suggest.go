// Package suggest finds the closest known name to a misspelt one, for the
// "did you mean" part of error messages.
package suggest

import (
	"github.com/parcours/parcours/internal/slug"
)

// Closest returns the candidate nearest to s by edit distance on folded text,
// or "" when none is near enough to be a plausible typo.
func Closest(s string, candidates []string) string {
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
		return ""
	}
	return best
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
