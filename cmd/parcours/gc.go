package main

import (
	"os"
	"runtime"
	"runtime/debug"
)

// Garbage collection for a build, a short batch job. GOGC and GOMEMLIMIT
// in the environment win over each part.
//
//   - Collecting at 130% heap growth rather than Go's 100% took 5% off a
//     10,000-page build for a fifth more peak memory (805 against 666 MiB,
//     still well under half of Hugo's).
//   - At 100,000 pages, with 3.4 GiB live, that growth took the process
//     to 8.7 GiB; a soft limit of 5.5 GiB makes the collector run as often
//     as it must to stay near it (5.5 GiB peak, for 17% more CPU at that
//     size only; a 5 GiB limit cost more).
//   - Go collects from a 4 MB heap on: a warm build of 10,000 pages ran
//     seven collections, each marking what the build had loaded so far,
//     for a sixth of its CPU, although its heap peaks near 250 MB. With
//     the build cache filled, the first collection waits for the heap to
//     reach warmFloor, and such a build runs none. A cold build keeps
//     Go's start: the floor left garbage in its pages early on, which
//     added 60 MB to its peak.
const (
	gcPercent = 130
	gcLimit   = 11 << 29
	warmFloor = 512 << 20
)

// tuneGC sets the collector for a build: from the start, or, given a
// floor, once the heap first reaches it.
func tuneGC(floor int64) {
	percent, limit := os.Getenv("GOGC") == "", os.Getenv("GOMEMLIMIT") == ""
	if floor == 0 || !percent || !limit {
		if percent {
			debug.SetGCPercent(gcPercent)
		}
		if limit {
			debug.SetMemoryLimit(gcLimit)
		}
		return
	}
	// Off, with the floor as the limit: the runtime collects first when
	// it reaches the floor. The sentinel's cleanup runs once a collection
	// has found it unreachable, that is after the first one, and sets the
	// build's settings from then on.
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(floor)
	sentinel := new([64]byte)
	runtime.AddCleanup(sentinel, func(struct{}) {
		debug.SetGCPercent(gcPercent)
		debug.SetMemoryLimit(gcLimit)
	}, struct{}{})
}
