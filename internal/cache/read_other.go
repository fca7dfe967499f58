//go:build !unix

package cache

import "os"

// readData reads a data file whole, where mapping it is not portable.
func readData(name string) ([]byte, error) { return os.ReadFile(name) }
