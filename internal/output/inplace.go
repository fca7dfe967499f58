package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"time"

	"github.com/parcours/parcours/internal/ospath"
	"github.com/parcours/parcours/internal/rawfile"
)

// Keep leaves a file of the output being replaced where it is, so that
// its bytes are neither written nor deleted again; the build then updates
// that output in place at Commit instead of swapping a whole new tree in.
// The caller vouches, through Previous, that the old file was written with
// the bytes it wants, size long; a file that does not have that size, was
// modified after its output was complete (edited by hand), or is not in
// that output under this very name (another case, or behind a link) is
// refused: the caller then writes the file.
func (d *Disk) Keep(name string, size int) bool {
	if d.prev == "" || name == Marker || checkName(name) != nil || ospath.Host.Problem(name) != "" {
		return false
	}
	d.listed.Do(d.listPrevious)
	d.mu.Lock()
	defer d.mu.Unlock()
	f, ok := d.old[name]
	if !ok || !f.regular || f.size != int64(size) || f.mod.After(d.written) {
		return false
	}
	f.kept = true
	d.old[name] = f
	d.kept++
	return true
}

// oldFile is a file of the previous output as listPrevious found it.
type oldFile struct {
	size          int64
	mod           time.Time
	regular, kept bool
}

// listPrevious lists the output being replaced, with each file's size
// and time for Keep, and for Commit to remove what the new tree neither
// kept nor wrote. NewDisk starts it when there is an output a cache may
// vouch for, so that it reads the folders while the build is busy
// elsewhere. A destination that is not a plain folder (a link to another
// device would defeat the renames into it), or that cannot be read whole,
// keeps nothing.
func (d *Disk) listPrevious() {
	d.old = map[string]oldFile{}
	if fi, err := os.Lstat(d.dest); err != nil || !fi.IsDir() {
		return
	}
	if err := d.list("."); err != nil {
		d.old, d.oldDirs = map[string]oldFile{}, nil
	}
}

// list adds the files and folders under dir of the previous output; a
// link is listed as a file, so that it is removed, never followed.
func (d *Disk) list(dir string) error {
	entries, err := rawfile.ReadDir(filepath.Join(d.dest, filepath.FromSlash(dir)))
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := path.Join(dir, e.Name())
		if !e.IsDir() {
			// One that vanished since ReadDir is not there to keep.
			if fi, err := e.Info(); err == nil {
				d.old[name] = oldFile{size: fi.Size(), mod: fi.ModTime(), regular: fi.Mode().IsRegular()}
			}
			continue
		}
		d.oldDirs = append(d.oldDirs, name)
		if err := d.list(name); err != nil {
			return err
		}
	}
	return nil
}

// markerNext is where the next marker is written before it is renamed
// over the destination's: a crash never leaves a half-written one.
const markerNext = ".parcours-output-next"

// update brings the previous output to the new tree in place. Its marker
// loses its id before anything in it changes, so that a build that stops
// midway (a crash, a power cut) leaves an output no cache vouches for and
// the next build is a cold one; then what the new tree neither kept nor
// wrote is removed, the files written are renamed into place, each
// atomically, and the marker gets the new id last, its time later than
// every file's.
func (d *Disk) update() error {
	fail := func(err error) error {
		d.Abort()
		return fmt.Errorf("update %s: %w", d.dest, err)
	}
	var staged []string
	if err := d.staged(".", &staged); err != nil {
		return fail(err)
	}
	if err := d.replaceMarker(""); err != nil {
		return fail(err)
	}
	if err := d.removeStale(staged); err != nil {
		return fail(err)
	}
	made := map[string]bool{".": true}
	for _, name := range staged {
		if err := d.destDir(path.Dir(name), made); err != nil {
			return fail(err)
		}
		from, to := filepath.Join(d.tmp, filepath.FromSlash(name)), filepath.Join(d.dest, filepath.FromSlash(name))
		if err := os.Rename(from, to); err != nil {
			return fail(err)
		}
	}
	if err := d.replaceMarker(d.id); err != nil {
		return fail(err)
	}
	d.Abort()
	return nil
}

// replaceMarker writes the destination's marker for id.
func (d *Disk) replaceMarker(id string) error {
	next := filepath.Join(d.tmp, markerNext)
	if err := os.WriteFile(next, markerFor(id), 0o644); err != nil {
		return err
	}
	return os.Rename(next, filepath.Join(d.dest, Marker))
}

// staged appends the files written under dir of the new tree, but the
// marker and the pid file, which stay in the temporary folder.
func (d *Disk) staged(dir string, names *[]string) error {
	entries, err := os.ReadDir(filepath.Join(d.tmp, filepath.FromSlash(dir)))
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := path.Join(dir, e.Name())
		switch {
		case name == Marker || name == pidFile || name == markerNext:
		case e.IsDir():
			if err := d.staged(name, names); err != nil {
				return err
			}
		default:
			*names = append(*names, name)
		}
	}
	return nil
}

// removeStale removes the files and folders of the previous output that
// the new tree neither kept nor wrote: hand-added ones, those of deleted
// pages, a file where the new tree has a folder and the reverse. A file
// written again is left for the rename that replaces it.
func (d *Disk) removeStale(staged []string) error {
	written := make(map[string]bool, len(staged))
	needed := map[string]bool{".": true}
	need := func(dir string) {
		for !needed[dir] {
			needed[dir] = true
			dir = path.Dir(dir)
		}
	}
	for _, name := range staged {
		written[name] = true
		need(path.Dir(name))
	}
	for name, f := range d.old {
		if f.kept {
			need(path.Dir(name))
		}
	}
	for _, dir := range d.oldDirs {
		if !needed[dir] && needed[path.Dir(dir)] {
			if err := os.RemoveAll(filepath.Join(d.dest, filepath.FromSlash(dir))); err != nil {
				return err
			}
		}
	}
	for name, f := range d.old {
		if f.kept || written[name] || name == Marker || !needed[path.Dir(name)] {
			continue
		}
		if err := os.Remove(filepath.Join(d.dest, filepath.FromSlash(name))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// destDir makes a folder of the destination and its parents, made
// holding those known to exist.
func (d *Disk) destDir(dir string, made map[string]bool) error {
	if made[dir] {
		return nil
	}
	if err := d.destDir(path.Dir(dir), made); err != nil {
		return err
	}
	if err := os.Mkdir(filepath.Join(d.dest, filepath.FromSlash(dir)), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	made[dir] = true
	return nil
}
