// Package rawfile reads and writes whole files, and lists folders, with
// the fewest system calls the platform allows.
//
// On Linux, os.Open and os.Create make five more calls than the file
// needs (two to make the descriptor non-blocking, one to try it with the
// network poller, which refuses files and folders, two to make it
// blocking again) and os.ReadFile one more to size its buffer. A build
// opens tens of thousands of files; where system calls are dear, as in
// a virtual machine, those calls were a tenth of a warm build's time.
// Elsewhere the functions are the os package's.
package rawfile

import (
	"io/fs"
	"slices"
	"strings"
)

// ReadDir lists the folder name sorted by file name, as os.ReadDir does.
func ReadDir(name string) ([]fs.DirEntry, error) {
	list, err := readDir(name)
	slices.SortFunc(list, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return list, err
}
