package server

import (
	"slices"
	"strconv"
	"testing"
	"time"
)

// BenchmarkWriteToReload measures, per op, the time from writing a page's
// source to a page's event stream receiving the reload, with the default
// quiet window and the test's stand-in build (which reads and renders every
// page, as a full build does). It reports the median beside the mean, and
// the medians of the two parts the server reports: the quiet window waited
// and the build.
func BenchmarkWriteToReload(b *testing.B) {
	for _, pages := range []int{1000, 10000} {
		b.Run("pages="+strconv.Itoa(pages), func(b *testing.B) {
			files := map[string]string{"static/css/site.css": "h1 { color: black }\n"}
			for i := range pages {
				files["content/cases/p"+strconv.Itoa(i)+".md"] = "Page " + strconv.Itoa(i)
			}
			s := startSite(b, 0, files)
			ch, _ := s.settle()
			var total, waited, built []float64
			n := 0
			for b.Loop() {
				n++
				start := time.Now()
				s.write("content/cases/p0.md", "Page 0, edit "+strconv.Itoa(n))
				ev := next(b, ch)
				total = append(total, ms(time.Since(start)))
				if ev.Kind != "reload" {
					b.Fatalf("event %+v, want a reload", ev)
				}
				waited = append(waited, ev.WaitMS)
				built = append(built, ev.BuildMS)
			}
			b.ReportMetric(median(total), "median-ms")
			b.ReportMetric(median(waited), "quiet-ms")
			b.ReportMetric(median(built), "build-ms")
		})
	}
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}
