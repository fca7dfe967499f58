package model

import (
	"math"
	"strconv"

	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/render"
)

// The chart's geometry, in SVG user units: a square per (severity,
// frequency) pair, margins for the axes' ticks and titles, and the
// bubbles' radii.
const (
	chartCell   = 100
	chartLeft   = 64
	chartTop    = 12
	chartRight  = 12
	chartBottom = 60
	chartPad    = 6 // between a square's edge and its bubbles
	bubbleMin   = 9
	bubbleMax   = 22
)

// chart lays the ranked irritants out on the severity × frequency grid.
// A bubble's area grows with the irritant's reach. The irritants of one
// square are set on a grid within it, in ranking order, each bubble shrunk
// to its slot if need be, so that no bubble covers another and each stays
// a link a pointer can reach.
func chart(ranking []*content.Page, reach map[*content.Page]render.Reach) *render.Chart {
	c := &render.Chart{
		Width: chartLeft + 5*chartCell + chartRight, Height: chartTop + 5*chartCell + chartBottom,
		Left: chartLeft, Top: chartTop, Cell: chartCell,
		XAxis: render.Tick{X: chartLeft + 5*chartCell/2, Y: chartTop + 5*chartCell + 46},
		YAxis: render.Tick{X: 20, Y: chartTop + 5*chartCell/2},
	}
	type square struct{ s, f int }
	in := map[square][]int{} // indexes into ranking
	most := 0
	for i, p := range ranking {
		if !scored(p) {
			c.Unplotted++
			continue
		}
		k := square{p.Severity, p.Frequency}
		in[k] = append(in[k], i)
		most = max(most, reach[p].Total())
	}
	if len(in) == 0 {
		return nil
	}
	for f := 5; f >= 1; f-- {
		for s := 1; s <= 5; s++ {
			x, y := squareAt(s, f)
			c.Squares = append(c.Squares, render.Square{X: x, Y: y, Band: render.Band(s * f)})
		}
	}
	for v := 1; v <= 5; v++ {
		x, y := squareAt(v, v)
		c.Ticks = append(c.Ticks,
			render.Tick{X: x + chartCell/2, Y: chartTop + 5*chartCell + 20, Label: strconv.Itoa(v)},
			render.Tick{X: chartLeft - 12, Y: y + chartCell/2, Label: strconv.Itoa(v)})
	}
	for f := 5; f >= 1; f-- {
		for s := 1; s <= 5; s++ {
			members := in[square{s, f}]
			if len(members) == 0 {
				continue
			}
			x0, y0 := squareAt(s, f)
			cols := int(math.Ceil(math.Sqrt(float64(len(members)))))
			rows := (len(members) + cols - 1) / cols
			pitch := (chartCell - 2*chartPad) / max(cols, rows)
			for n, i := range members {
				p := ranking[i]
				row, col := n/cols, n%cols
				inRow := min(cols, len(members)-row*cols)
				// Each row is centred, the last one too when it is short.
				x := x0 + chartCell/2 + (2*col-inRow+1)*pitch/2
				y := y0 + chartCell/2 + (2*row-rows+1)*pitch/2
				c.Bubbles = append(c.Bubbles, render.Bubble{
					Page: p, Number: i + 1, X: x, Y: y, Reach: reach[p],
					R: min(radius(reach[p].Total(), most), pitch/2-1),
				})
			}
		}
	}
	return c
}

// squareAt is the top left corner of the square of severity s and
// frequency f: severity grows rightwards, frequency upwards.
func squareAt(s, f int) (x, y int) {
	return chartLeft + (s-1)*chartCell, chartTop + (5-f)*chartCell
}

// radius sizes a bubble so that its area is proportional to the reach,
// between bubbleMin (no citation) and bubbleMax (the widest reach).
func radius(reach, most int) int {
	if most == 0 {
		return bubbleMin
	}
	min2, max2 := float64(bubbleMin*bubbleMin), float64(bubbleMax*bubbleMax)
	return int(math.Round(math.Sqrt(min2 + (max2-min2)*float64(reach)/float64(most))))
}

// scored reports whether an irritant has both a severity and a frequency,
// and so a place on the chart.
func scored(p *content.Page) bool {
	return p.Severity >= 1 && p.Severity <= 5 && p.Frequency >= 1 && p.Frequency <= 5
}
