package taxonomy

import (
	"cmp"
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"unicode"

	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/suggest"
)

// NearDuplicates warns about the terms of a taxonomy that are one or two
// edits apart (Onbording beside Onboarding), a typo that splits one term's
// pages over two term pages. Each warning stands at the rarer spelling's
// first page (of two as frequent, the one whose first file sorts last) and names the other spelling and its first page. Terms that
// differ in their figures (B2B, B2C; ISO 9001, ISO 14001) are told apart
// on purpose, and short ones (UX, UI) are too near by nature to judge.
func NearDuplicates(taxes []*Taxonomy) []diag.Diagnostic {
	var ds []diag.Diagnostic
	for _, t := range taxes {
		for _, pr := range nearPairs(t.Terms) {
			a, b := t.Terms[pr[0]], t.Terms[pr[1]]
			rare, common := a, b
			if len(b.Pages) < len(a.Pages) || len(b.Pages) == len(a.Pages) && b.Pages[0].Path > a.Pages[0].Path {
				rare, common = b, a
			}
			p := rare.Pages[0]
			line := fieldLine(p, t.Name)
			ds = append(ds, diag.At(p.Path, line, 1, "%s: %q is %s from %q (%s, %s): if they are one term, write it one way",
				t.Name, rare.Name, edits(suggest.Distance(a.Slug, b.Slug)), common.Name, where(common.Pages[0], t.Name), pages(len(common.Pages))))
		}
	}
	return ds
}

// nearPairs lists the pairs of terms (i < j, in order) that near and
// shareLanguage accept. Comparing every term with every other was a
// second and more of a 100,000-page build with thousands of terms, so
// only terms that can be near are compared: with the same figures, their
// lengths at most two apart, and at most four byte values (modulo 64)
// held by one and not the other, since an edit takes one away and brings
// one in.
func nearPairs(terms []*Term) [][2]int {
	type sig struct {
		i, n int
		mask uint64
	}
	groups := map[string][]sig{}
	for i, t := range terms {
		var mask uint64
		for j := 0; j < len(t.Slug); j++ {
			mask |= 1 << (t.Slug[j] & 63)
		}
		d := digits(t.Slug)
		groups[d] = append(groups[d], sig{i, len(t.Slug), mask})
	}
	var pairs [][2]int
	for _, g := range groups {
		slices.SortStableFunc(g, func(a, b sig) int { return cmp.Compare(a.n, b.n) })
		for x, a := range g {
			for _, b := range g[x+1:] {
				if b.n-a.n > 2 {
					break
				}
				if bits.OnesCount64(a.mask^b.mask) > 4 {
					continue
				}
				i, j := min(a.i, b.i), max(a.i, b.i)
				if near(terms[i].Slug, terms[j].Slug) && shareLanguage(terms[i], terms[j]) {
					pairs = append(pairs, [2]int{i, j})
				}
			}
		}
	}
	slices.SortFunc(pairs, func(a, b [2]int) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	return pairs
}

// shareLanguage reports whether some page of a and some page of b are in
// one language: Strategy on an English page is no typo of Stratégie on a
// French one.
func shareLanguage(a, b *Term) bool {
	langs := map[string]bool{}
	for _, p := range a.Pages {
		langs[p.Language] = true
	}
	for _, p := range b.Pages {
		if langs[p.Language] {
			return true
		}
	}
	return false
}

// near reports whether two slugs look like one term misspelt.
func near(a, b string) bool {
	short := min(len(a), len(b))
	if short < 5 || digits(a) != digits(b) {
		return false
	}
	limit := 1
	if short >= 8 {
		limit = 2
	}
	if d := len(a) - len(b); d > limit || -d > limit {
		return false
	}
	d := suggest.Distance(a, b)
	return d >= 1 && d <= limit
}

// digits are the words of a slug that hold a figure: codes and numbers
// that differ by one character on purpose.
func digits(s string) string {
	var out []string
	for w := range strings.SplitSeq(s, "-") {
		if strings.ContainsFunc(w, unicode.IsDigit) {
			out = append(out, w)
		}
	}
	return strings.Join(out, "-")
}

// fieldLine is the line of the taxonomy's field in p: sectors may be
// written sector on a case.
func fieldLine(p *content.Page, name string) int {
	if l, ok := p.FieldLine[name]; ok {
		return l
	}
	if name == "sectors" {
		return p.FieldLine["sector"]
	}
	return 0
}

func where(p *content.Page, name string) string {
	return diag.At(p.Path, fieldLine(p, name), 1, "").Where()
}

func edits(n int) string {
	if n == 1 {
		return "one edit away"
	}
	return fmt.Sprintf("%d edits away", n)
}

func pages(n int) string {
	if n == 1 {
		return "1 page"
	}
	return fmt.Sprintf("%d pages", n)
}
