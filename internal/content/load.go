package content

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/parcours/parcours/internal/cache"
	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/par"
	"github.com/parcours/parcours/internal/sitefs"
	"github.com/parcours/parcours/internal/slug"
)

// Dir is the content folder under the site root.
const Dir = "content"

// Site is what Load found: every page (drafts and internal pages included,
// so that later stages can explain a link to one), and the files under
// content/ that belong to no bundle, which are copied as they are.
type Site struct {
	Pages []*Page
	Files []string // paths from content/
	// Hidden are the files in dot-folders (.gitbook/assets/…), which are
	// published only when a page references them (links.Index.Hidden).
	// Dot-files (.env) and version control folders (.git) are never read.
	Hidden []string
	// FS is the content folder the pages were read from; bundle resources
	// and Files are read from it.
	FS fs.FS
}

// LoadFS reads pages from fsys, the content folder itself.
func LoadFS(fsys fs.FS, list *diag.List) (*Site, error) {
	return new(Loader).LoadFS(fsys, list)
}

// Loader loads a site again and again, as the dev server does: a file whose
// bytes have not changed since the last load gives back the same *Page, so
// later stages can tell what changed by comparing pages. The zero value is
// ready to use; a Loader is not safe for concurrent use.
type Loader struct {
	// Stored, when set, gives the pages an earlier run parsed from the
	// same bytes, and keeps this run's.
	Stored Stored
	prev   map[string]loaded
	// lastStart is when the previous load began; files modified shortly
	// before it are read again whatever their times say (see loadPage).
	lastStart, start time.Time
	// walked is what the previous load's walk found, nil when a load did
	// not finish; changed is what the next load is told has changed since
	// (see Changed): told says it was, unknown that it is not known.
	walked        *walk
	changed       []string
	told, unknown bool
	// fs is the last load's walk of the folder, reused when only files it
	// holds changed (sitefs.FS.Still).
	fs *sitefs.FS
}

// loaded is a file as last parsed.
type loaded struct {
	// section is whether the file was a folder's page, which the other
	// files decide (see sectionPage).
	section bool
	hash    uint64
	size    int64
	mtime   time.Time
	page    *Page
	diags   []diag.Diagnostic
}

// Load reads every file under root/content.
func (l *Loader) Load(root string, list *diag.List) (*Site, error) {
	if l.fs != nil && l.told && !l.unknown && l.fs.Still(l.changed) {
		return l.LoadFS(l.fs, list)
	}
	l.fs = nil
	fsys, ds, err := sitefs.Open(root, Dir)
	list.Add(ds...)
	if err == nil && len(ds) == 0 {
		l.fs = fsys
	}
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) || len(ds) > 0 {
			list.Addf(Dir, 0, 0, "no content/ folder in %s: create it and add Markdown files (parcours new case \"Title\")", root)
			return &Site{FS: fsys}, nil
		}
		return nil, fmt.Errorf("content: %w", err)
	}
	return l.LoadFS(fsys, list)
}

// LoadFS reads pages from fsys, the content folder itself.
func (l *Loader) LoadFS(fsys fs.FS, list *diag.List) (*Site, error) {
	l.lastStart, l.start = l.start, time.Now()
	changed, known, walked := l.changed, l.told && !l.unknown, l.walked
	// Until this load ends, the next one walks: a load cut short leaves
	// changed files the watcher will not name again.
	l.changed, l.told, l.unknown, l.walked = nil, false, false, nil
	if known && walked != nil && walked.holds(fsys, changed) {
		return l.reload(fsys, list, walked, changed), nil
	}
	var mds, others, hidden []string
	infos := map[string]fs.FileInfo{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			list.Addf(path.Join(Dir, p), 0, 0, "cannot read: %v", unwrapPath(err))
			return nil
		}
		name := d.Name()
		if p != "." && (strings.HasSuffix(name, "~") || strings.HasPrefix(name, ".") && (!d.IsDir() || VCSDir(name))) {
			// Editor swap files, dot-files and version control are not
			// content.
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if InDotFolder(p) {
			if !strings.HasSuffix(name, ".md") {
				hidden = append(hidden, p)
			}
			return nil
		}
		if strings.HasSuffix(name, ".md") {
			mds = append(mds, p)
			if l.prev != nil || l.Stored != nil {
				if info, err := d.Info(); err == nil {
					infos[p] = info
				}
			}
			return nil
		}
		others = append(others, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("walk content: %w", err)
	}
	walked = &walk{mds: mds, others: others, hidden: hidden, files: map[string]bool{}}
	for _, names := range [][]string{mds, others, hidden} {
		for _, p := range names {
			walked.files[p] = true
		}
	}
	return l.assemble(fsys, list, walked, func(rel string, section bool) loaded {
		return l.loadPage(fsys, rel, infos[rel], section)
	}), nil
}

// Adopt makes p the page the next load gives for p.Rel while its file is
// unchanged, instead of the one this load parsed: a rebuild that updated
// the last build's page in place (same fields, another body) keeps using
// that page.
func (l *Loader) Adopt(p *Page) {
	if old, ok := l.prev[p.Rel]; ok {
		old.page = p
		l.prev[p.Rel] = old
	}
}

// assemble makes the site of a walk, loading each Markdown file with load,
// and keeps both for the next load.
func (l *Loader) assemble(fsys fs.FS, list *diag.List, walked *walk, load func(rel string, section bool) loaded) *Site {
	mds, others, hidden := walked.mds, walked.others, walked.hidden
	counts := pageCounts(mds)
	bundles := map[string]bool{}
	for _, m := range mds {
		if dir, file := path.Split(m); dir != "" && isIndex(file) && file != "_index.md" && !sectionPage(m, counts) {
			bundles[path.Clean(dir)] = true
		}
	}
	site := &Site{FS: fsys, Hidden: hidden}
	resources := map[string][]string{}
	for _, o := range others {
		if b := bundleOf(o, bundles); b != "" {
			resources[b] = append(resources[b], o)
			continue
		}
		site.Files = append(site.Files, o)
	}

	pages := make([]*Page, len(mds))
	results := make([]loaded, len(mds))
	par.Each(len(mds), func(i int) {
		results[i] = load(mds[i], sectionPage(mds[i], counts))
		pages[i] = results[i].page
		list.Add(results[i].diags...)
	})
	l.prev = make(map[string]loaded, len(mds))
	for i, rel := range mds {
		l.prev[rel] = results[i]
	}
	l.walked = walked

	for _, p := range pages {
		if p == nil {
			continue
		}
		if p.BundleDir != "" {
			p.Resources = resources[p.BundleDir]
		}
		site.Pages = append(site.Pages, p)
	}
	checkDuplicates(site.Pages, list)
	return site
}

// VCSDir reports whether a folder name is version control's, which holds a
// repository's history and credentials, never content.
func VCSDir(name string) bool { return name == ".git" || name == ".hg" || name == ".svn" }

// InDotFolder reports whether a slash-separated path lies in a folder
// whose name starts with a dot: the loader reads no page there, only the
// files pages reference.
func InDotFolder(p string) bool {
	for d := path.Dir(p); d != "."; d = path.Dir(d) {
		if strings.HasPrefix(path.Base(d), ".") {
			return true
		}
	}
	return false
}

// pageCounts counts the Markdown files in each folder and below it.
func pageCounts(mds []string) map[string]int {
	count := map[string]int{}
	for _, m := range mds {
		for d := path.Dir(m); d != "."; d = path.Dir(d) {
			count[d]++
		}
	}
	return count
}

// sectionPage reports whether a Markdown file is the page of a folder that
// holds other pages: its index.md or README.md (alone in its folder, that
// is a bundle: one page and its files), or a page beside the folder and of
// the same name, as Notion exports write them and Obsidian's folder notes.
// _index.md is a section's page whatever the folder holds.
func sectionPage(m string, counts map[string]int) bool {
	dir, file := path.Split(m)
	dir = path.Clean(dir)
	if isIndex(file) {
		return counts[dir] > 1
	}
	return counts[path.Join(dir, strings.TrimSuffix(file, ".md"))] > 0
}

// bundleOf returns the bundle folder a non-Markdown file belongs to: the
// nearest bundle folder above it.
func bundleOf(p string, bundles map[string]bool) string {
	for d := path.Dir(p); d != "."; d = path.Dir(d) {
		if bundles[d] {
			return d
		}
	}
	return ""
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// loadPage reads one Markdown file, or takes it from the last load when its
// bytes are the same; the page is nil when the file cannot be used at all,
// and the diagnostics say why.
func (l *Loader) loadPage(fsys fs.FS, rel string, info fs.FileInfo, section bool) loaded {
	display := path.Join(Dir, rel)
	old, seen := l.prev[rel]
	// Same size and modification time: the file was not saved since, and
	// reading it again would be most of a rebuild's time on a large site.
	// File times are coarse (a few milliseconds), so a file written around
	// the previous load could have changed without its time moving: those
	// are read again, as git does with racily clean files.
	racy := !old.mtime.Before(l.lastStart.Add(-time.Second))
	seen = seen && old.section == section
	if seen && info != nil && !racy && info.Size() == old.size && info.ModTime().Equal(old.mtime) {
		return old
	}
	var size int64
	var mtime time.Time
	var stat, trusted uint64
	if info != nil {
		size, mtime = info.Size(), info.ModTime()
		stat = statKey(info)
		// Like a session's times (above), a file's stat vouches for its
		// bytes in a later build only when it was last written well
		// before this load began.
		if !mtime.After(l.start.Add(-time.Second)) {
			trusted = stat
		}
	}
	var recKey uint64
	var rec []byte
	var haveRec bool
	if l.Stored != nil {
		recKey, rec, haveRec = l.Stored.Get(rel)
		// The same size and times as when an earlier build read the
		// file and stored its page: it is taken as it was, unread.
		if haveRec && stat != 0 && recordStat(rec) == stat {
			if p, _, ok := decodePage(rec); ok && recKey == storedKey(p.Hash, section) {
				l.Stored.Keep(rel)
				return loaded{section: section, hash: p.Hash, size: size, mtime: mtime, page: p}
			}
		}
	}
	src, err := fs.ReadFile(fsys, rel)
	if err != nil {
		return loaded{diags: []diag.Diagnostic{diag.At(display, 0, 0, "cannot read: %v", unwrapPath(err))}}
	}
	h := cache.Sum(src)
	if seen && old.hash == h {
		old.size, old.mtime = size, mtime
		return old
	}
	key := storedKey(h, section)
	if haveRec && recKey == key {
		if p, st, ok := decodePage(rec); ok {
			if st == trusted {
				l.Stored.Keep(rel)
			} else {
				l.Stored.Put(rel, key, withStat(rec, trusted))
			}
			return loaded{section: section, hash: h, size: size, mtime: mtime, page: p}
		}
	}
	p, ds := parse(display, rel, src, section)
	parsed := p != nil
	if !parsed {
		p = standIn(display, rel, section)
	}
	p.Hash = h
	// Only a clean parse is stored: a stored page comes back without
	// diagnostics, and a file's problems must be told at every build.
	if parsed && len(ds) == 0 && l.Stored != nil {
		if data, ok := encodePage(p, trusted); ok {
			l.Stored.Put(rel, key, data)
		}
	}
	return loaded{section: section, hash: h, size: size, mtime: mtime, page: p, diags: ds}
}

// Folder is the folder from content/ that a section, bundle or home page
// stands for ("." for home), and "" for other pages.
func (p *Page) Folder() string {
	switch {
	case p.BundleDir != "":
		return p.BundleDir
	case !p.IsList():
		return ""
	case isIndex(path.Base(p.Rel)):
		return path.Dir(p.Rel)
	}
	return strings.TrimSuffix(p.Rel, ".md")
}

// isIndex reports whether a file stands for its folder: _index.md as Hugo
// writes it, index.md, and README.md as GitHub and GitBook show it.
func isIndex(file string) bool {
	return file == "_index.md" || file == "index.md" || strings.EqualFold(file, "README.md")
}

// Segment is the address segment of a file or folder name: its slug, so that
// "My Note" is published as my-note; a name with no letter or digit is kept
// as it is.
func Segment(name string) string {
	if s := slug.Make(name); s != "" {
		return s
	}
	return name
}

// urlDir is the address of a folder under content/, one Segment per name.
func urlDir(dir string) string {
	parts := strings.Split(dir, "/")
	for i, s := range parts {
		parts[i] = Segment(s)
	}
	return strings.Join(parts, "/")
}

// setURL derives the pretty URL from the folder and the slug.
func (p *Page) setURL() {
	dir := path.Dir(p.Rel)
	switch {
	case p.Kind == KindHome:
		p.URL = "/"
		return
	case p.Kind == KindSection:
		p.URL = "/" + urlDir(p.Folder()) + "/"
		return
	case p.BundleDir != "":
		dir = path.Dir(p.BundleDir)
	}
	if dir == "." {
		p.URL = "/" + p.Slug + "/"
		return
	}
	p.URL = "/" + urlDir(dir) + "/" + p.Slug + "/"
}

// checkDuplicates reports pages that would be written to the same URL, or
// to URLs that differ only by case, which are one folder on the file systems
// of macOS and Windows.
func checkDuplicates(pages []*Page, list *diag.List) {
	// The pages mostly come sorted already, which pdqsort sees at once.
	slices.SortFunc(pages, func(a, b *Page) int { return strings.Compare(a.Rel, b.Rel) })
	seen := make(map[string]*Page, len(pages))
	for _, p := range pages {
		key := strings.ToLower(p.URL)
		q, dup := seen[key]
		switch {
		case !dup:
			seen[key] = p
		case q.URL != p.URL:
			list.Addf(p.Path, p.FieldLine["slug"], 0, "%s (published at %s) and %s (published at %s) differ only by case: rename one file or set another slug: in its frontmatter", q.Path, q.URL, p.Path, p.URL)
		default:
			list.Addf(p.Path, p.FieldLine["slug"], 0, "%s and %s are both published at %s: rename one file or set another slug: in its frontmatter", q.Path, p.Path, p.URL)
		}
	}
}
