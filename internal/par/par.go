// Package par runs the per-page work of the pipeline stages on every core.
package par

import (
	"runtime"
	"sync"
)

// Each calls f(0), …, f(n-1) on GOMAXPROCS goroutines and returns when all
// calls have. f must be safe to call concurrently for different indexes.
func Each(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	next := make(chan int, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
