package searchtest

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
)

// QualityQuery is a query of the quality file (testdata/queries.txt) and
// the pages it must find among its first three results. The search tests
// and scripts/search-bytes, which runs the same queries through Pagefind,
// both read it.
type QualityQuery struct {
	Query string
	Want  []string // page URLs
}

// ReadQueries reads a quality file: one "query | url url…" per line; blank
// lines and lines starting with # are skipped.
func ReadQueries(r io.Reader) ([]QualityQuery, error) {
	var qs []QualityQuery
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		q, want, ok := strings.Cut(line, "|")
		if !ok || strings.TrimSpace(q) == "" || len(strings.Fields(want)) == 0 {
			return nil, fmt.Errorf("line %d: want \"query | url ...\", got %q", n, line)
		}
		qs = append(qs, QualityQuery{strings.TrimSpace(q), strings.Fields(want)})
	}
	return qs, sc.Err()
}

// Top returns the URLs of the first n distinct pages among the hits; a
// page's sections are hits of their own.
func (r *Result) Top(n int) []string {
	var top []string
	for _, h := range r.Hits {
		if len(top) == n {
			break
		}
		if !slices.Contains(top, h.URL) {
			top = append(top, h.URL)
		}
	}
	return top
}
