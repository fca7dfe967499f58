package content

import (
	"io/fs"

	"github.com/parcours/parcours/internal/diag"
)

// Changed tells the next load which files under the content folder (paths
// from content/) may have changed since the last one, as the dev server's
// watcher knows them; nil says it is not known. When every one of them is
// a file the last walk found and still a file, the load trusts that walk
// and reads those files alone: walking and stating every file was a tenth
// of a rebuild at 1,000 pages. Anything else (a file added, removed or
// renamed, a folder) walks the whole folder again.
//
// Calls before one load add up: a build that stopped before loading leaves
// its changes to the next.
func (l *Loader) Changed(paths []string) {
	l.told = true
	if paths == nil {
		l.unknown = true
	}
	l.changed = append(l.changed, paths...)
}

// walk is what a load finds walking the content folder.
type walk struct {
	mds, others, hidden []string
	files               map[string]bool // all of the above
}

// holds reports whether each changed path is a file the walk found and
// still a file, so that the set of files is as it was.
func (w *walk) holds(fsys fs.FS, changed []string) bool {
	for _, p := range changed {
		if !w.files[p] {
			return false
		}
		if info, err := fs.Stat(fsys, p); err != nil || !info.Mode().IsRegular() {
			return false
		}
	}
	return true
}

// reload loads the files of the last walk again, reading only the changed
// ones: the others kept their bytes, or the watcher would have named them.
func (l *Loader) reload(fsys fs.FS, list *diag.List, walked *walk, changed []string) *Site {
	read := map[string]bool{}
	for _, p := range changed {
		read[p] = true
	}
	return l.assemble(fsys, list, walked, func(rel string, section bool) loaded {
		if old, ok := l.prev[rel]; ok && !read[rel] && old.section == section {
			return old
		}
		// No file information: a changed file is always read, as its
		// time may not have moved.
		return l.loadPage(fsys, rel, nil, section)
	})
}
