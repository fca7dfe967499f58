// Package output writes a built site: to disk for build, where the new tree
// is written beside the old one and swapped in only when complete (or, when
// a build cache vouches for the old one, only its new and changed files are
// written beside it and moved in: see Keep), or to memory for serve and
// tests.
package output

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/parcours/parcours/internal/ospath"
	"github.com/parcours/parcours/internal/rawfile"
)

// Writer receives the files of a build. Paths are slash-separated and
// relative to the output root. Implementations are safe for concurrent use.
type Writer interface {
	WriteFile(name string, data []byte) error
}

// Marker is the file parcours leaves in every output folder it writes; a
// non-empty folder without it is never replaced.
const Marker = ".parcours-output"

// Memory is an in-memory output tree.
type Memory struct {
	mu    sync.RWMutex
	files map[string][]byte
}

// NewMemory returns an empty tree.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// WriteFile stores a file.
func (m *Memory) WriteFile(name string, data []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	m.mu.Lock()
	m.files[name] = data
	m.mu.Unlock()
	return nil
}

// Get returns a file's bytes.
func (m *Memory) Get(name string) ([]byte, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, ok := m.files[name]
	return b, ok
}

// Names lists the files in order.
func (m *Memory) Names() []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return slices.Sorted(maps.Keys(m.files))
}

// Len counts the files.
func (m *Memory) Len() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.files)
}

// Range calls fn for each file, in no order; fn must not write to m.
func (m *Memory) Range(fn func(name string, data []byte)) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	for n, b := range m.files {
		fn(n, b)
	}
}

// checkName refuses paths that would leave the output folder; every path
// derived from content goes through it, so a term such as ../../etc can never
// write outside.
func checkName(name string) error {
	if name == "" || strings.HasPrefix(name, "/") || path.Clean(name) != name || name == ".." ||
		strings.HasPrefix(name, "../") || strings.Contains(name, "\\") {
		return fmt.Errorf("refusing to write %q: not a clean path inside the output folder", name)
	}
	return nil
}

// Disk writes a tree into a temporary folder beside the destination; Commit
// swaps it in, or moves its files into the destination when the build kept
// files of the previous output (Keep); Abort removes it, so a failed build
// leaves the previous output exactly as it was.
type Disk struct {
	dest, tmp string
	mu        sync.Mutex
	dirs      map[string]bool
	// id names the tree being written; prev is the id of the output it
	// replaces and written when that output was complete ("" and zero
	// when there is none): see Keep.
	id, prev string
	written  time.Time
	// listed fills old, the files of the previous output by name, and
	// oldDirs, its folders, parents first: see listPrevious.
	listed  sync.Once
	old     map[string]oldFile
	oldDirs []string
	kept    int
}

// NewDisk prepares to replace dest. It refuses a destination that is the
// site root or contains it, or a non-empty folder parcours did not write.
func NewDisk(siteRoot, dest string) (*Disk, error) {
	absDest, err := filepath.Abs(dest)
	if err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	absRoot, err := filepath.Abs(siteRoot)
	if err != nil {
		return nil, fmt.Errorf("site root: %w", err)
	}
	if ospath.Host.Contains(absDest, absRoot) {
		return nil, fmt.Errorf("refusing to write the site into %s: it is the site root or contains it; choose a folder such as %s",
			dest, filepath.Join(siteRoot, "public"))
	}
	for _, in := range []string{"content", "static", "layouts", "themes"} {
		dir := filepath.Join(absRoot, in)
		if ospath.Host.Contains(dir, absDest) {
			return nil, fmt.Errorf("refusing to write the site into %s: it lies inside %s/, which the build reads, so each build would publish the previous one again; choose a folder such as %s",
				dest, in, filepath.Join(siteRoot, "public"))
		}
	}
	entries, err := os.ReadDir(absDest)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("output folder: %w", err)
	case len(entries) > 0:
		if _, err := os.Stat(filepath.Join(absDest, Marker)); err != nil {
			return nil, fmt.Errorf("refusing to replace %s: it holds files parcours did not write (no %s); empty it or choose another folder with -d",
				dest, Marker)
		}
	}
	parent := filepath.Dir(absDest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	removeLeftovers(absDest)
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(absDest)+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("output folder %s cannot be written: %w", dest, err)
	}
	// MkdirTemp makes a private folder (0700), which a web server running
	// as its own user could not read once it is swapped in: the output gets
	// 0755, as the folders parcours makes inside it.
	if err := os.Chmod(tmp, 0o755); err != nil {
		_ = os.RemoveAll(tmp)
		return nil, fmt.Errorf("output folder: %w", err)
	}
	d := &Disk{dest: absDest, tmp: tmp, dirs: map[string]bool{".": true}, id: newID()}
	if fi, err := os.Lstat(filepath.Join(absDest, Marker)); err == nil && fi.Mode().IsRegular() {
		if b, err := os.ReadFile(filepath.Join(absDest, Marker)); err == nil {
			_, d.prev, _ = strings.Cut(string(b), idLine)
			d.prev, d.written = strings.TrimSpace(d.prev), fi.ModTime()
		}
	}
	if d.prev != "" {
		go d.listed.Do(d.listPrevious)
	}
	pending.Store(d, true)
	if err := d.WriteFile(Marker, markerFor("")); err != nil {
		d.Abort()
		return nil, err
	}
	if err := d.WriteFile(pidFile, []byte(strconv.Itoa(os.Getpid()))); err != nil {
		d.Abort()
		return nil, err
	}
	return d, nil
}

// markerText is what Marker says; Commit adds the tree's id after idLine,
// rewriting it last, so that its time tells when the tree was complete.
const (
	markerText = "This folder is written by parcours; it is replaced on each build.\n"
	idLine     = "build "
)

// markerFor returns what Marker says in the tree named id, or, when id is
// "", in a tree being updated in place: such a tree is no build's.
func markerFor(id string) []byte {
	if id == "" {
		return []byte(markerText)
	}
	return []byte(markerText + idLine + id + "\n")
}

// pidFile names the process writing a temporary tree, so that a later build
// knows a tree left by a killed build from one being written right now; it
// never reaches the destination.
const pidFile = ".parcours-pid"

// pending holds the trees being written, which AbortAll removes.
var pending sync.Map // *Disk → true

// committing is held while a tree is swapped in, so that AbortAll waits for
// the swap rather than leave the destination half replaced.
var committing sync.Mutex

// AbortAll removes every temporary tree this process is writing; main calls
// it on SIGINT and SIGTERM so that an interrupted build leaves nothing
// beside its output.
func AbortAll() {
	committing.Lock()
	defer committing.Unlock()
	pending.Range(func(k, _ any) bool {
		k.(*Disk).Abort()
		return true
	})
}

// removeLeftovers deletes the temporary trees (.public.tmp-…) and previous
// outputs (.public.tmp-….old) that a killed build left beside dest. Only
// folders parcours wrote (they hold Marker) and whose writer is gone are
// removed.
func removeLeftovers(dest string) {
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".tmp-*"))
	for _, m := range matches {
		if _, err := os.Stat(filepath.Join(m, Marker)); err != nil {
			continue
		}
		if b, err := os.ReadFile(filepath.Join(m, pidFile)); err == nil {
			if pid, err := strconv.Atoi(string(b)); err == nil && pid != os.Getpid() && alive(pid) {
				continue
			}
		}
		_ = os.RemoveAll(m)
	}
}

// WriteFile writes one file of the new tree.
func (d *Disk) WriteFile(name string, data []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	if problem := ospath.Host.Problem(name); problem != "" {
		return fmt.Errorf("cannot write %s: %s; change the slug, term or file name that gives it", name, problem)
	}
	if err := d.mkdir(path.Dir(name)); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := rawfile.WriteFile(filepath.Join(d.tmp, filepath.FromSlash(name)), data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// ID names the tree being written: a cache that records it along with
// the files of this build can later hand them to Link.
func (d *Disk) ID() string { return d.id }

// Previous returns the ID of the output being replaced, "" when it has
// none (written before ids, or not by parcours).
func (d *Disk) Previous() string { return d.prev }

// newID returns an id no other output holds.
func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// mkdir creates a folder of the new tree and its parents, each with one
// system call: a site has a folder per page, and MkdirAll would check every
// parent again for each of them.
func (d *Disk) mkdir(dir string) error {
	d.mu.Lock()
	known := d.dirs[dir]
	d.mu.Unlock()
	if known {
		return nil
	}
	if err := d.mkdir(path.Dir(dir)); err != nil {
		return err
	}
	if err := os.Mkdir(filepath.Join(d.tmp, filepath.FromSlash(dir)), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	d.mu.Lock()
	d.dirs[dir] = true
	d.mu.Unlock()
	return nil
}

// Commit replaces the destination with the new tree, or updates it in
// place when the build kept files of it.
func (d *Disk) Commit() error {
	committing.Lock()
	defer committing.Unlock()
	pending.Delete(d)
	d.listed.Do(func() {}) // the listing must be whole before the destination changes
	if d.kept > 0 {
		return d.update()
	}
	if err := os.Remove(filepath.Join(d.tmp, pidFile)); err != nil {
		d.Abort()
		return fmt.Errorf("replace %s: %w", d.dest, err)
	}
	if err := os.WriteFile(filepath.Join(d.tmp, Marker), markerFor(d.id), 0o644); err != nil {
		d.Abort()
		return fmt.Errorf("replace %s: %w", d.dest, err)
	}
	old := ""
	if _, err := os.Stat(d.dest); err == nil {
		old = d.tmp + ".old"
		if err := os.Rename(d.dest, old); err != nil {
			d.Abort()
			return fmt.Errorf("replace %s: %w", d.dest, err)
		}
	}
	if err := os.Rename(d.tmp, d.dest); err != nil {
		if old != "" {
			_ = os.Rename(old, d.dest)
		}
		d.Abort()
		return fmt.Errorf("replace %s: %w", d.dest, err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("remove previous output: %w", err)
		}
	}
	return nil
}

// Abort removes the new tree and leaves the destination untouched.
func (d *Disk) Abort() {
	pending.Delete(d)
	d.listed.Do(func() {}) // no goroutine outlives the build
	// A signal can come while workers still write: a file created during
	// the removal makes it fail, so it is tried again.
	for range 5 {
		if os.RemoveAll(d.tmp) == nil {
			return
		}
	}
}
