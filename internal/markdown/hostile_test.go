package markdown

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// posResolver fails every link, so each one is reported with its position.
type posResolver struct{ fakeResolver }

func (posResolver) Wiki(target string, pos Pos) (string, string, error) {
	return "", "", errors.New("missing")
}

func (posResolver) Link(dest string, image bool, pos Pos) (string, error) {
	return "", errors.New("missing")
}

// TestColumnsOnOneLine checks the columns of many references on one line,
// which pos counts on from the previous reference rather than from the
// start of the line: each must still be where an editor puts it, accents
// counting as one column.
func TestColumnsOnOneLine(t *testing.T) {
	for _, tc := range []struct {
		name, unit string
	}{
		{"wiki", "[[été]] "},
		{"markdown", "[é](/x.md) "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := "Début " + strings.Repeat(tc.unit, 50)
			_, ds := New(Options{}).Convert(Page{Path: "p.md", Body: []byte(body), BodyLine: 3}, posResolver{})
			if len(ds) != 50 {
				t.Fatalf("%d diagnostics, want 50", len(ds))
			}
			width := len([]rune(tc.unit))
			for i, d := range ds {
				if want := 7 + i*width; d.Line != 3 || d.Col != want {
					t.Errorf("reference %d at %d:%d, want 3:%d", i, d.Line, d.Col, want)
				}
			}
		})
	}
}

// TestRepeatedHeadingIDs checks that IDs stay those of the first-free rule
// when explicit IDs take some of the suffixes.
func TestRepeatedHeadingIDs(t *testing.T) {
	body := "## Same\n\n## Same {#same-2}\n\n## Same\n\n## Same\n\n## Same-1\n"
	res, ds := New(Options{}).Convert(Page{Path: "p.md", Body: []byte(body), BodyLine: 1}, fakeResolver{})
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	var got []string
	for _, h := range res.Headings {
		got = append(got, h.ID)
	}
	want := "same same-2 same-1 same-3 same-1-1"
	if strings.Join(got, " ") != want {
		t.Errorf("IDs %q, want %q", got, want)
	}
}

// Benchmarks of the inputs that were quadratic: references on one long
// line and repeated identical headings. Compare n and 4n: the time per
// reference or heading must stay flat.
func BenchmarkLongLine(b *testing.B) {
	for _, n := range []int{10_000, 40_000, 200_000} {
		body := []byte(strings.Repeat("[[onboarding]] ", n))
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				New(Options{}).Convert(Page{Path: "p.md", Body: body, BodyLine: 1}, fakeResolver{})
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/ref")
		})
	}
}

func BenchmarkRepeatedHeadings(b *testing.B) {
	for _, n := range []int{3_000, 30_000} {
		body := []byte(strings.Repeat("## Same\n\n", n))
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				New(Options{}).Convert(Page{Path: "p.md", Body: body, BodyLine: 1}, fakeResolver{})
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/heading")
		})
	}
}
