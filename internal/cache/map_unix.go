//go:build unix

package cache

import (
	"os"
	"syscall"
)

// readData maps a data file into memory rather than read it: a warm build
// links most of its files from the previous output and never touches
// their records, and reading the whole cache (half a gigabyte at 10,000
// pages) cost a second of system time and as much resident memory. The
// mapping is never undone: decoded strings share its bytes (Decoder.String),
// and no build writes a data file that an index names (put).
func readData(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if fi.Size() == 0 {
		return nil, nil
	}
	return syscall.Mmap(int(f.Fd()), 0, int(fi.Size()), syscall.PROT_READ, syscall.MAP_SHARED)
}
