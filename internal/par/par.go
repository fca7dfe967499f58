// Package par runs the per-page work of the pipeline stages on every core.
package par

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls f(0), …, f(n-1) on GOMAXPROCS goroutines and returns when all
// calls have. f must be safe to call concurrently for different indexes.
// Workers take the next index from a shared counter: handing indexes over
// a channel woke a parked goroutine per page, which left cores idle while
// short pages (loading one file) were handed out.
func Each(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	var next atomic.Int64
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}
