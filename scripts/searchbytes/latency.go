package main

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/parcours/parcours/internal/browsertest"
)

// keyGap is the pause between two typed keys: a quick typist's, about
// seven keys a second, as a reader types a query.
const keyGap = 150 * time.Millisecond

// latencyRuns is how many times each query is typed into a fresh page; the
// median is reported.
const latencyRuns = 5

// keyLatency types q into input on page, one key every keyGap, and
// returns the time from the last key press (the input event's timestamp)
// to the next frame after list first answers the whole query: the list
// whose data-q, which the search script sets when it draws results, is q.
// The browser cache is off, so what the last key needs comes over the
// network, as on a reader's first visit.
func keyLatency(browser context.Context, base, page, input, list, q string) (time.Duration, error) {
	ctx, cancel := chromedp.NewContext(browser)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, time.Minute)
	defer cancelT()
	if err := openCold(ctx, base+page, input); err != nil {
		return 0, err
	}
	arm := `(() => {
		const q = ` + browsertest.JSString(q) + `;
		const input = document.querySelector(` + browsertest.JSString(input) + `);
		input.addEventListener("input", (ev) => { window.__lastKey = ev.timeStamp; });
		const check = () => {
			if (window.__drawn !== undefined) return;
			const l = document.querySelector(` + browsertest.JSString(list) + `);
			if (l && l.dataset.q === q && input.value === q) {
				window.__drawn = -1;
				requestAnimationFrame(() => { window.__drawn = performance.now(); });
			}
		};
		new MutationObserver(check).observe(document.documentElement, {childList: true, subtree: true, attributes: true, attributeFilter: ["data-q"]});
		return true;
	})()`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](arm)); err != nil {
		return 0, err
	}
	for _, r := range q {
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(input), string(r))); err != nil {
			return 0, err
		}
		time.Sleep(keyGap)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`window.__drawn > 0`, chromedp.WithPollingInterval(5*time.Millisecond))); err != nil {
		return 0, fmt.Errorf("%q: the results of the whole query never showed: %w", q, err)
	}
	ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.__drawn - window.__lastKey`))
	if err != nil {
		return 0, err
	}
	return time.Duration(ms * float64(time.Millisecond)), nil
}

// medianLatency types q latencyRuns times and returns the median and the
// slowest time.
func medianLatency(browser context.Context, base, page, input, list, q string) (median, slowest time.Duration, err error) {
	var ds []time.Duration
	for range latencyRuns {
		d, err := keyLatency(browser, base, page, input, list, q)
		if err != nil {
			return 0, 0, err
		}
		ds = append(ds, d)
	}
	slices.Sort(ds)
	return ds[len(ds)/2], ds[len(ds)-1], nil
}
