// Package cache is the persistent build cache: a folder under the site root
// (Dir) holding, from one build to the next, what each costly step made,
// each under the key of everything the step read, and the stable hash
// those keys are made with.
//
// A key must mean the same thing in every process, which hash/maphash's
// random seeds do not allow: keys are xxhash64 sums, fast enough for the
// content of every page on every build.
package cache

import "github.com/cespare/xxhash/v2"

// Hash builds a key from the inputs of a step. The zero value is ready to
// use.
type Hash struct {
	d     xxhash.Digest
	ready bool
}

func (h *Hash) digest() *xxhash.Digest {
	if !h.ready {
		h.d.Reset()
		h.ready = true
	}
	return &h.d
}

// Write adds bytes; it never fails, and makes Hash an io.Writer for
// fmt.Fprintf.
func (h *Hash) Write(b []byte) (int, error) { return h.digest().Write(b) }

// WriteString adds a string.
func (h *Hash) WriteString(s string) (int, error) { return h.digest().WriteString(s) }

// WriteByte adds one byte.
func (h *Hash) WriteByte(c byte) error {
	_, err := h.digest().Write([]byte{c})
	return err
}

// Strings adds strings, each ended so that ("ab","c") and ("a","bc") differ.
func (h *Hash) Strings(ss ...string) {
	d := h.digest()
	for _, s := range ss {
		_, _ = d.WriteString(s)
		_, _ = d.Write([]byte{0})
	}
}

// Numbers adds numbers, eight bytes each.
func (h *Hash) Numbers(ns ...uint64) {
	d := h.digest()
	var b [8]byte
	for _, n := range ns {
		for i := range b {
			b[i] = byte(n >> (8 * i))
		}
		_, _ = d.Write(b[:])
	}
}

// Sum64 returns the key of what was added so far.
func (h *Hash) Sum64() uint64 { return h.digest().Sum64() }

// Sum returns the key of one byte slice.
func Sum(b []byte) uint64 { return xxhash.Sum64(b) }

// SumString returns the key of one string, as Sum of its bytes.
func SumString(s string) uint64 { return xxhash.Sum64String(s) }
