package main

import (
	"runtime/debug"
	"testing"
	"time"
)

// gcPercentNow reads the collector's percentage without changing it.
func gcPercentNow() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// Given a floor, the collector is off until the heap first reaches it,
// then collects at gcPercent under gcLimit; without one, it does so from
// the start.
func TestTuneGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))

	tuneGC(0)
	if p, l := gcPercentNow(), debug.SetMemoryLimit(-1); p != gcPercent || l != gcLimit {
		t.Errorf("without a floor: GOGC %d, limit %d; want %d, %d", p, l, gcPercent, gcLimit)
	}

	const floor = 64 << 20
	tuneGC(floor)
	if p, l := gcPercentNow(), debug.SetMemoryLimit(-1); p != -1 || l != floor {
		t.Fatalf("below the floor: GOGC %d, limit %d; want off, %d", p, l, floor)
	}
	// Live memory past the floor: the runtime collects, and the
	// settings change after that collection. The deadline only keeps a
	// broken cleanup from hanging the test.
	var keep [][]byte
	for range 2 * floor >> 20 {
		keep = append(keep, make([]byte, 1<<20))
	}
	deadline := time.Now().Add(time.Minute)
	for gcPercentNow() != gcPercent && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if p, l := gcPercentNow(), debug.SetMemoryLimit(-1); p != gcPercent || l != gcLimit {
		t.Errorf("past the floor: GOGC %d, limit %d; want %d, %d", p, l, gcPercent, gcLimit)
	}
	if len(keep) == 0 {
		t.Fatal("nothing allocated")
	}
}
