//go:build !unix

package cache

import "os"

// readData reads a data file whole; unix systems map it (map_unix.go).
func readData(name string) ([]byte, error) { return os.ReadFile(name) }
