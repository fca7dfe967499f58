//go:build unix

package cache

import (
	"fmt"
	"os"
	"syscall"
)

// readData maps a data file rather than read it: a warm build reads few of
// its records (unchanged files are linked from the previous output), and
// a copy would fault in the whole file, hundreds of megabytes for a large
// site. The mapping is never undone: what it holds is decoded into
// strings that alias it. A build only ever creates a data file no index
// names, so no file it maps is truncated under it.
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
		return []byte{}, nil
	}
	if int64(int(fi.Size())) != fi.Size() {
		return nil, fmt.Errorf("%s: too large to map", name)
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, int(fi.Size()), syscall.PROT_READ, syscall.MAP_PRIVATE)
	if err != nil {
		return os.ReadFile(name)
	}
	return b, nil
}
