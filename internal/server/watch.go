package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/ospath"
)

// watchedDirs are the folders under the site root whose changes can change
// the output; watchedFiles the files directly at the root.
var (
	watchedDirs  = []string{"content", "themes", "layouts", "static"}
	watchedFiles = []string{"parcours.toml"}
)

// maxWait bounds the quiet window: a tool that writes without pause (a long
// checkout, a generator) still gets its changes shown every so often.
const maxWait = 2 * time.Second

// batch is the set of source paths changed in one quiet window.
type batch struct {
	first time.Time
	paths map[string]struct{}
	// unknown is set when events were lost: any file may have changed.
	unknown bool
}

// add records a changed path; "" says that which files changed is unknown.
func (b *batch) add(rel string) {
	if b.paths == nil {
		b.paths = map[string]struct{}{}
		b.first = time.Now()
	}
	if rel == "" {
		b.unknown = true
		return
	}
	b.paths[rel] = struct{}{}
}

// changed lists the batch's paths, or nil when they are not all known: at
// the first build, or when events were lost.
func (b batch) changed() []string {
	if b.paths == nil || b.unknown {
		return nil
	}
	return slices.Sorted(maps.Keys(b.paths))
}

// watcher turns file events under the site root into batches. fsnotify
// watches single folders, so every folder of the watched trees is added,
// and added again when it is created, moved in or recreated.
type watcher struct {
	root  string
	quiet time.Duration
	log   io.Writer
	fw    *fsnotify.Watcher
}

func newWatcher(root string, quiet time.Duration, log io.Writer) (*watcher, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("site root: %w", err)
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("cannot watch files: %w", err)
	}
	w := &watcher{root: abs, quiet: quiet, log: log, fw: fw}
	// The root itself is watched, alone, so that a watched folder created
	// after the start, or deleted and recreated, and a config file replaced
	// by an editor's rename are all seen.
	if err := fw.Add(abs); err != nil {
		fw.Close()
		return nil, fmt.Errorf("cannot watch %s: %w", root, err)
	}
	for _, d := range watchedDirs {
		if err := w.addTree(filepath.Join(abs, d)); err != nil {
			fw.Close()
			return nil, err
		}
	}
	return w, nil
}

func (w *watcher) close() { w.fw.Close() }

// addTree watches dir and every folder below it, except hidden ones (.git,
// editor state). A folder that vanished meanwhile is no error: its removal
// is an event of its own.
func (w *watcher) addTree(dir string) error {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			// An unreadable folder is the build's to report; the rest of
			// the tree is still watched.
			return fs.SkipDir
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && ignoredDir(d.Name()) {
			return fs.SkipDir
		}
		if err := w.fw.Add(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("cannot watch %s: %w (on Linux, raise fs.inotify.max_user_watches)", p, err)
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// forget drops the watches of a folder that was removed or moved away;
// inotify drops the folder's own, but those of its subfolders would
// otherwise stay and report events under the old name.
func (w *watcher) forget(dir string) {
	for _, p := range w.fw.WatchList() {
		if ospath.Host.Contains(dir, p) {
			w.fw.Remove(p)
		}
	}
}

// run gathers events until ctx is done, sending one batch per quiet window.
// While the receiver builds, events keep gathering, and the next batch goes
// out once the receiver is back and the files have been quiet for a window.
func (w *watcher) run(ctx context.Context) <-chan batch {
	out := make(chan batch)
	go func() {
		defer close(out)
		var pending batch
		timer := time.NewTimer(time.Hour)
		timer.Stop()
		quiet := false
		for {
			var send chan batch
			if quiet && pending.paths != nil {
				send = out
			}
			select {
			case ev, ok := <-w.fw.Events:
				if !ok {
					return
				}
				if !w.handle(ev, &pending) {
					continue
				}
				quiet = false
				timer.Reset(max(0, min(w.quiet, maxWait-time.Since(pending.first))))
			case err, ok := <-w.fw.Errors:
				if !ok {
					return
				}
				if errors.Is(err, fsnotify.ErrEventOverflow) {
					// Events were lost, so which files changed is unknown:
					// watch any new folder and rebuild everything.
					for _, d := range watchedDirs {
						if err := w.addTree(filepath.Join(w.root, d)); err != nil {
							fmt.Fprintln(w.log, err)
						}
					}
					pending.add("")
					quiet = false
					timer.Reset(w.quiet)
					continue
				}
				fmt.Fprintf(w.log, "watching files: %v\n", err)
			case <-timer.C:
				quiet = true
			case send <- pending:
				pending = batch{}
				quiet = false
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// handle records one event and reports whether it belongs to the batch.
// Chmod counts: it is how an unreadable file becomes readable again, and a
// build that then changes no output reloads no page.
func (w *watcher) handle(ev fsnotify.Event, pending *batch) bool {
	rel, ok := w.relevant(ev.Name)
	if !ok {
		return false
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.forget(ev.Name)
	}
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
			// Files written into the new folder before its watch was added
			// raise no event, but this batch's build reads them.
			if err := w.addTree(ev.Name); err != nil {
				fmt.Fprintln(w.log, err)
			}
		}
	}
	pending.add(rel)
	return true
}

// relevant maps an event's path to a slash-separated path under the root,
// and reports whether a change there can change the site.
func (w *watcher) relevant(name string) (string, bool) {
	return relevantIn(ospath.Host, w.root, name)
}

// relevantIn is the rule for a file system of the given style, so that the
// Windows rule is tested wherever the tests run.
func relevantIn(style ospath.Style, root, name string) (string, bool) {
	rel, ok := style.Rel(root, name)
	if !ok || rel == "." {
		return "", false
	}
	parts := strings.Split(rel, "/")
	dirs := parts[:len(parts)-1]
	if ignored(parts[len(parts)-1]) || slices.ContainsFunc(dirs, ignoredDir) {
		return "", false
	}
	if path.Ext(rel) == ".md" && content.InDotFolder(rel) {
		return "", false
	}
	if len(parts) == 1 {
		return rel, slices.Contains(watchedDirs, rel) || slices.Contains(watchedFiles, rel)
	}
	return rel, slices.Contains(watchedDirs, parts[0])
}

// ignoredDir tells folders that never hold what a page references from
// those that may: a GitBook's .gitbook/assets is content, but version
// control and editor settings (Obsidian rewrites .obsidian/workspace.json
// at every click) are not, and watching them would rebuild for nothing.
func ignoredDir(name string) bool {
	switch name {
	case ".obsidian", ".vscode", ".idea", ".trash":
		return true
	}
	return content.VCSDir(name) || !strings.HasPrefix(name, ".") && ignored(name)
}

// ignored tells editor and system litter from site files: hidden files
// (.#lock, .file.swp, .DS_Store), backups (file~), swap files, Vim's 4913
// write test, Emacs autosaves (#file#) and JetBrains' safe-write copies.
func ignored(base string) bool {
	switch {
	case strings.HasPrefix(base, "."),
		strings.HasSuffix(base, "~"),
		base == "4913",
		strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#"),
		strings.HasSuffix(base, "___jb_tmp___"),
		strings.HasSuffix(base, "___jb_old___"):
		return true
	}
	switch filepath.Ext(base) {
	case ".swp", ".swx", ".swo", ".swpx", ".tmp":
		return true
	}
	return false
}
