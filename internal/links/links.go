// Package links resolves the references between pages: Markdown links to
// content files, [[wiki]] short links, image and file links, and irritants
// named by slug or title. It records every reference so that each page can
// list the pages pointing to it, and checks #heading anchors once every page
// has been rendered.
//
// Anything that does not resolve is reported at its position with the
// closest candidate suggested.
package links

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/parcours/parcours/internal/cache"
	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/markdown"
	"github.com/parcours/parcours/internal/slug"
	"github.com/parcours/parcours/internal/urls"
)

// Options say which pages this build publishes, and what a broken
// reference is.
type Options struct {
	Drafts   bool
	Internal bool // --audience internal
	// WarnBroken lets a reference to nothing, to a draft or to several
	// pages through as a *markdown.BrokenLink, which the page marks and
	// the build prints as a warning; a public page naming an internal one
	// stays an error, since that would leak what the page is about.
	WarnBroken bool
}

// Published reports whether a page is part of a build with these options.
func (o Options) Published(p *content.Page) bool {
	return (o.Drafts || !p.Draft) && (o.Internal || p.Audience != content.Internal)
}

// Index knows every page and file of the site; it is read-only once built,
// so page resolvers may run concurrently.
type Index struct {
	opts      Options
	urls      urls.Maker
	byRel     map[string]*content.Page   // content/-relative .md path
	byFolder  map[string]*content.Page   // section, bundle or home by folder from content/
	byURL     map[string]*content.Page   // by published address
	byName    map[string][]*content.Page // by file name without .md, for links that give only that
	bySlug    map[string][]*content.Page // regular pages by slug
	irrSlug   map[string]*content.Page
	irrTitle  map[string][]*content.Page // folded title
	perSlug   map[string]*content.Page
	perTitle  map[string][]*content.Page // folded title
	files     map[string]string          // content/-relative path → site path
	hidden    map[string]bool            // content/-relative paths in dot-folders, see Hidden
	fileNames map[string][]string        // file name → content/-relative paths, for Obsidian's bare names
	posts     map[string][]*content.Page // Jekyll post by title, for its .html permalinks
	static    func(name string) bool
	relPaths  []string // for suggestions
	slugs     []string
	irritants []string
	personas  []string // slugs and titles, for suggestions

	headings sync.Map // *content.Page → []markdown.Heading, see anchorID
	site     *content.Site
	// released holds the pages whose body Release dropped; bodies guards
	// it and their Body while other pages' conversions read headings.
	bodies   sync.RWMutex
	released map[*content.Page]bool

	key     uint64
	mu      sync.Mutex
	refs    map[*content.Page][]*content.Page // target → sources
	used    map[string]bool                   // hidden files a published page references
	anchors []pendingAnchor
}

type pendingAnchor struct {
	from    *content.Page
	target  *content.Page
	anchor  string
	pos     markdown.Pos
	written string // as the page wrote it
}

// New indexes pages (all of them, unpublished included, so that a link to a
// draft is explained rather than reported missing) and the content files.
// static reports whether a path exists under static/.
func New(site *content.Site, u urls.Maker, static func(string) bool, opts Options) *Index {
	ix := &Index{
		opts: opts, urls: u, static: static, site: site, released: map[*content.Page]bool{},
		byRel: make(map[string]*content.Page, len(site.Pages)), bySlug: make(map[string][]*content.Page, len(site.Pages)),
		byFolder: map[string]*content.Page{}, byURL: make(map[string]*content.Page, len(site.Pages)),
		byName:  make(map[string][]*content.Page, len(site.Pages)),
		irrSlug: map[string]*content.Page{}, irrTitle: map[string][]*content.Page{},
		perSlug: map[string]*content.Page{}, perTitle: map[string][]*content.Page{},
		files: map[string]string{}, fileNames: map[string][]string{}, posts: map[string][]*content.Page{},
		hidden: map[string]bool{}, refs: map[*content.Page][]*content.Page{}, used: map[string]bool{},
	}
	for _, p := range site.Pages {
		ix.byRel[p.Rel] = p
		ix.byURL[p.URL] = p
		ix.relPaths = append(ix.relPaths, p.Rel)
		f := p.Folder()
		if f != "" {
			ix.byFolder[f] = p
		}
		// An index file is named by its folder, not by its own name.
		if f != path.Dir(p.Rel) {
			name := strings.TrimSuffix(path.Base(p.Rel), ".md")
			ix.byName[name] = append(ix.byName[name], p)
			if m := postName.FindStringSubmatch(name); m != nil {
				ix.posts[m[4]] = append(ix.posts[m[4]], p)
			}
		}
		for _, r := range p.Resources {
			ix.files[r] = p.URL + strings.TrimPrefix(r, p.BundleDir+"/")
		}
		if p.IsList() {
			continue
		}
		ix.bySlug[p.Slug] = append(ix.bySlug[p.Slug], p)
		ix.slugs = append(ix.slugs, p.Slug, p.Section+"/"+p.Slug)
		if p.Kind == content.KindIrritant {
			ix.irrSlug[p.Slug] = p
			key := slug.Fold(strings.TrimSpace(p.Title))
			ix.irrTitle[key] = append(ix.irrTitle[key], p)
			ix.irritants = append(ix.irritants, p.Slug)
		}
		if p.Kind == content.KindPersona {
			ix.perSlug[p.Slug] = p
			key := slug.Fold(strings.TrimSpace(p.Title))
			ix.perTitle[key] = append(ix.perTitle[key], p)
			ix.personas = append(ix.personas, p.Slug, p.Title)
		}
	}
	for _, f := range site.Files {
		ix.files[f] = "/" + f
	}
	for _, f := range site.Hidden {
		ix.hidden[f] = true
	}
	for rel := range ix.files {
		ix.fileNames[path.Base(rel)] = append(ix.fileNames[path.Base(rel)], rel)
	}
	for rel := range ix.hidden {
		ix.fileNames[path.Base(rel)] = append(ix.fileNames[path.Base(rel)], rel)
	}
	ix.key = envKey(site, u, opts)
	return ix
}

// Key identifies everything a page's references resolve against: the
// pages' addresses, titles and status, the content files, the link style.
// Two indexes with the same Key resolve the same references the same way,
// so a page's rendering can be reused when its own bytes did not change.
// Static files are left out, since static checks the folder itself: a
// cache of conversions must add a key of static/'s file names (the build
// session's staticKey does).
func (ix *Index) Key() uint64 { return ix.key }

func envKey(site *content.Site, u urls.Maker, opts Options) uint64 {
	var h cache.Hash
	fmt.Fprintf(&h, "%s|%v|%v|%v|%v\x00", u.Base, u.Relative, opts.Drafts, opts.Internal, opts.WarnBroken)
	for _, p := range site.Pages {
		for _, s := range []string{p.Rel, p.URL, p.Slug, string(p.Kind), p.Title, p.Audience, strconv.FormatBool(p.Draft)} {
			h.WriteString(s)
			h.WriteByte(0)
		}
		for _, r := range p.Resources {
			h.WriteString(r)
			h.WriteByte(0)
		}
	}
	for _, fs := range [][]string{site.Files, site.Hidden} {
		for _, f := range fs {
			h.WriteString(f)
			h.WriteByte(0)
		}
		h.WriteByte(1)
	}
	return h.Sum64()
}

// Page returns the page of a content path (cases/qonto.md), or nil.
func (ix *Index) Page(rel string) *content.Page { return ix.byRel[rel] }

func (ix *Index) href(from *content.Page, target string) string {
	return ix.urls.Href(from.URL, target)
}

// For returns the resolver of one page, for the markdown stage.
func (ix *Index) For(p *content.Page) *Resolver {
	return &Resolver{ix: ix, from: p}
}

// Probe returns a resolver of p that records what p's references would
// leave in the index without leaving it: a rebuild converts an edited page
// against the last build's index, which must stay as that build left it
// unless the page's references are found the Same.
func (ix *Index) Probe(p *content.Page) *Resolver {
	return &Resolver{ix: ix, from: p, probe: true}
}

// Resolver resolves the references written in one page.
type Resolver struct {
	ix    *Index
	from  *content.Page
	rec   Recorded
	probe bool
}

// Recorded is what a page's references left in the index: the pages they
// point to and the anchors still to check. A build that reuses a page's
// rendering from an earlier build replays it into the new index.
type Recorded struct {
	targets []string // Rel of each target
	anchors []recordedAnchor
	hidden  []string // files in dot-folders the page references
}

type recordedAnchor struct {
	target, anchor string
	pos            markdown.Pos
	// written is the anchor as the page wrote it, and hash the target's
	// when it was turned into anchor (see Stale).
	written string
	hash    uint64
}

// Recorded returns what the page's references recorded so far.
func (r *Resolver) Recorded() Recorded { return r.rec }

// Same reports whether two recordings of a page leave the same in the
// index: the same targets, anchors and files, wherever in the page they are
// written. Positions only show in the problems CheckAnchors reports, and a
// recorded target's hash only speeds up Stale.
func (rec Recorded) Same(o Recorded) bool {
	return slices.Equal(rec.targets, o.targets) && slices.Equal(rec.hidden, o.hidden) &&
		slices.EqualFunc(rec.anchors, o.anchors, func(a, b recordedAnchor) bool {
			return a.target == b.target && a.anchor == b.anchor && a.written == b.written
		})
}

// Replay records again, for page from, what an earlier resolver of the same
// page recorded, in an index whose pages are the same as that one's.
func (ix *Index) Replay(from *content.Page, rec Recorded) {
	r := &Resolver{ix: ix, from: from}
	for _, t := range rec.targets {
		if p, ok := ix.byRel[t]; ok {
			r.record(p)
		}
	}
	for _, a := range rec.anchors {
		if p, ok := ix.byRel[a.target]; ok {
			ix.addAnchor(from, p, a.anchor, a.written, a.pos)
		}
	}
	for _, f := range rec.hidden {
		if ix.hidden[f] {
			r.useHidden(f)
		}
	}
}

// useHidden records that the page references a file in a dot-folder,
// which is published only then.
func (r *Resolver) useHidden(rel string) {
	r.rec.hidden = append(r.rec.hidden, rel)
	if r.probe || !r.ix.opts.Published(r.from) {
		return
	}
	r.ix.mu.Lock()
	r.ix.used[rel] = true
	r.ix.mu.Unlock()
}

// Hidden returns, sorted, the files in dot-folders (.gitbook/assets/…)
// that published pages reference: content/ publishes those and no other
// file of a dot-folder.
func (ix *Index) Hidden() []string {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return slices.Sorted(maps.Keys(ix.used))
}

var _ markdown.Resolver = (*Resolver)(nil)

func (r *Resolver) record(target *content.Page) {
	r.rec.targets = append(r.rec.targets, target.Rel)
	if r.probe || target == r.from {
		return
	}
	r.ix.mu.Lock()
	r.ix.refs[target] = append(r.ix.refs[target], r.from)
	r.ix.mu.Unlock()
}

// check refuses a target this build does not publish.
func (r *Resolver) check(target *content.Page) error {
	if r.ix.opts.Published(target) {
		return nil
	}
	if target.Draft && !r.ix.opts.Drafts {
		return r.broken(fmt.Errorf("links to %s, a draft: publish it (draft: false) or build with --drafts", target.Path))
	}
	return fmt.Errorf("links to %s, an internal page: a public page cannot link to it (build with --audience internal, or remove the link)", target.Path)
}
