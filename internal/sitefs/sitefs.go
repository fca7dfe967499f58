// Package sitefs reads a folder of the site root (content/, static/,
// layouts/, a theme) as an fs.FS that can only reach files inside the site.
//
// The folder is walked once, when it is opened. A symlink whose target lies
// inside the site root is followed, once, as if the target were there; one
// whose target leaves the site root, one that does not resolve and one that
// would make the walk go round in a loop are reported and left out. Every
// read afterwards goes to a file the walk found, so nothing outside the site
// can be read through the FS, whatever name is asked for: this is what keeps
// a link such as static/passwd.txt → /etc/passwd off a published site.
package sitefs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"

	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/ospath"
	"github.com/parcours/parcours/internal/rawfile"
)

// FS is a walked folder. It implements fs.ReadDirFS, fs.ReadFileFS and
// fs.StatFS; names are slash-separated and relative to the folder.
type FS struct {
	files map[string]string        // name → real path on disk
	dirs  map[string][]fs.DirEntry // name → entries, sorted by name
	real  map[string]string        // folder name → real path on disk
}

// Open walks root/dir. Problems with symlinks are returned as diagnostics
// whose paths are relative to root (static/passwd.txt); the FS holds
// everything else. A missing folder gives an empty FS and an error for which
// errors.Is(err, fs.ErrNotExist) holds.
func Open(root, dir string) (*FS, []diag.Diagnostic, error) {
	f := &FS{files: map[string]string{}, dirs: map[string][]fs.DirEntry{}, real: map[string]string{}}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return f, nil, fmt.Errorf("site root: %w", err)
	}
	realRoot, err = filepath.Abs(realRoot)
	if err != nil {
		return f, nil, fmt.Errorf("site root: %w", err)
	}
	w := walker{fs: f, root: realRoot, display: filepath.ToSlash(filepath.Clean(dir))}
	start := filepath.Join(root, dir)
	info, err := os.Lstat(start)
	if err != nil {
		return f, nil, err
	}
	top := start
	if info.Mode()&fs.ModeSymlink != 0 {
		t, ok := w.resolve(w.display, start)
		if !ok {
			return f, w.diags, nil
		}
		top = t
	} else if top, err = filepath.Abs(top); err != nil {
		return f, nil, err
	}
	if st, err := os.Stat(top); err != nil {
		return f, nil, err
	} else if !st.IsDir() {
		return f, nil, fmt.Errorf("%s is not a folder", w.display)
	}
	w.walk(".", top, nil)
	return f, w.diags, nil
}

type walker struct {
	fs      *FS
	root    string // real, absolute
	display string // dir, for diagnostics
	diags   []diag.Diagnostic
}

func (w *walker) show(name string) string {
	if name == "." {
		return w.display
	}
	return w.display + "/" + name
}

// resolve follows the symlink at abs and returns its real target when that
// lies inside the site root.
func (w *walker) resolve(name, abs string) (string, bool) {
	target, err := filepath.EvalSymlinks(abs)
	if err != nil {
		link, _ := os.Readlink(abs)
		w.diags = append(w.diags, diag.At(name, 0, 0, "symlink to %s cannot be followed (%v): fix or remove it", link, unwrap(err)))
		return "", false
	}
	if target, err = filepath.Abs(target); err != nil {
		return "", false
	}
	if !ospath.Host.Contains(w.root, target) {
		w.diags = append(w.diags, diag.At(name, 0, 0, "symlink to %s leaves the site; copy the file in instead", target))
		return "", false
	}
	return target, true
}

// walk lists the folder name, whose real path is real; up holds the real
// paths of the folders above it in this walk, to tell a loop.
func (w *walker) walk(name, real string, up []string) {
	w.fs.real[name] = real
	entries, err := rawfile.ReadDir(real)
	if err != nil {
		w.diags = append(w.diags, diag.At(w.show(name), 0, 0, "cannot read: %v", unwrap(err)))
	}
	up = append(up, real)
	list := make([]fs.DirEntry, 0, len(entries))
	for _, e := range entries {
		child := path.Join(name, e.Name())
		abs := filepath.Join(real, e.Name())
		switch {
		case e.Type()&fs.ModeSymlink != 0:
			target, ok := w.resolve(w.show(child), abs)
			if !ok {
				continue
			}
			info, err := os.Stat(target)
			if err != nil {
				w.diags = append(w.diags, diag.At(w.show(child), 0, 0, "cannot read: %v", unwrap(err)))
				continue
			}
			if info.IsDir() {
				// A link to a folder above it, or to one the walk is
				// already inside, would list the same files forever.
				if ospath.Host.Contains(target, real) || slices.Contains(up, target) {
					w.diags = append(w.diags, diag.At(w.show(child), 0, 0, "symlink to %s makes a loop: the folder holds the link itself; remove the link", target))
					continue
				}
				w.walk(child, target, up)
			} else {
				w.fs.files[child] = target
			}
			list = append(list, linked{name: e.Name(), info: renamed{info, e.Name()}})
		case e.IsDir():
			w.walk(child, abs, up)
			list = append(list, e)
		default:
			w.fs.files[child] = abs
			list = append(list, e)
		}
	}
	w.fs.dirs[name] = list
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Still reports whether each name is a file of the walk whose real path
// is still a regular file, reached through no symlink: when those are the
// only files that changed since (as a watcher tells), the walk still
// holds and reading them cannot leave the site, so it need not be made
// again. Walking every folder was a tenth of a 10,000-page reload.
func (f *FS) Still(names []string) bool {
	for _, name := range names {
		real, ok := f.files[name]
		if !ok {
			return false
		}
		info, err := os.Lstat(real)
		if err != nil || !info.Mode().IsRegular() {
			return false
		}
		// A folder above it turned into a symlink would lead elsewhere.
		if resolved, err := filepath.EvalSymlinks(real); err != nil || resolved != real {
			return false
		}
	}
	return true
}

// linked is the entry of a symlink, seen as its target.
type linked struct {
	name string
	info fs.FileInfo
}

func (l linked) Name() string               { return l.name }
func (l linked) IsDir() bool                { return l.info.IsDir() }
func (l linked) Type() fs.FileMode          { return l.info.Mode().Type() }
func (l linked) Info() (fs.FileInfo, error) { return l.info, nil }

func (f *FS) lookup(op, name string) (real string, dir bool, err error) {
	if !fs.ValidPath(name) {
		return "", false, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if r, ok := f.files[name]; ok {
		return r, false, nil
	}
	if r, ok := f.real[name]; ok {
		return r, true, nil
	}
	return "", false, &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
}

// Open opens a file or folder the walk found.
func (f *FS) Open(name string) (fs.File, error) {
	real, dir, err := f.lookup("open", name)
	if err != nil {
		return nil, err
	}
	if dir {
		return &folder{fs: f, name: name, real: real}, nil
	}
	file, err := os.Open(real)
	if err != nil {
		return nil, err
	}
	return namedFile{file, path.Base(name)}, nil
}

// renamed is a file's information under the name it has in the FS, which a
// symlink gives it, rather than its target's.
type renamed struct {
	fs.FileInfo
	name string
}

func (r renamed) Name() string { return r.name }

// namedFile is an open file that states itself under its name in the FS.
type namedFile struct {
	*os.File
	name string
}

func (f namedFile) Stat() (fs.FileInfo, error) {
	info, err := f.File.Stat()
	if err != nil {
		return nil, err
	}
	return renamed{info, f.name}, nil
}

// ReadFile reads a file the walk found.
func (f *FS) ReadFile(name string) ([]byte, error) {
	real, dir, err := f.lookup("read", name)
	if err != nil {
		return nil, err
	}
	if dir {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a directory")}
	}
	return rawfile.ReadFile(real)
}

// ReadDir lists a folder as the walk saw it, symlinks shown as their
// targets.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	list, ok := f.dirs[name]
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	return slices.Clone(list), nil
}

// Stat describes a file or folder the walk found, following symlinks.
func (f *FS) Stat(name string) (fs.FileInfo, error) {
	real, _, err := f.lookup("stat", name)
	if err != nil {
		return nil, err
	}
	info, err := os.Stat(real)
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: unwrap(err)}
	}
	return renamed{info, path.Base(name)}, nil
}

// ReadFile reads the file name of the site root, refusing a symlink that
// leaves the site: parcours.toml is read this way.
func ReadFile(root, name string) ([]byte, error) {
	abs := filepath.Join(root, name)
	if info, err := os.Lstat(abs); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		realRoot, err := filepath.EvalSymlinks(root)
		if err == nil {
			realRoot, err = filepath.Abs(realRoot)
		}
		if err != nil {
			return nil, fmt.Errorf("site root: %w", err)
		}
		w := walker{root: realRoot}
		if _, ok := w.resolve(filepath.ToSlash(name), abs); !ok {
			return nil, w.diags[0]
		}
	}
	return rawfile.ReadFile(abs)
}

// folder is an open folder of an FS.
type folder struct {
	fs     *FS
	name   string
	real   string
	offset int
}

func (d *folder) Stat() (fs.FileInfo, error) { return d.fs.Stat(d.name) }
func (d *folder) Close() error               { return nil }
func (d *folder) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: errors.New("is a directory")}
}

// ReadDir implements fs.ReadDirFile.
func (d *folder) ReadDir(n int) ([]fs.DirEntry, error) {
	list := d.fs.dirs[d.name][d.offset:]
	if n > 0 {
		if len(list) == 0 {
			return nil, io.EOF
		}
		list = list[:min(n, len(list))]
	}
	d.offset += len(list)
	return slices.Clone(list), nil
}

var _ interface {
	fs.ReadDirFS
	fs.ReadFileFS
	fs.StatFS
} = (*FS)(nil)
