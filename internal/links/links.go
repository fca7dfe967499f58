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
	"hash/maphash"
	"net/url"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/markdown"
	"github.com/parcours/parcours/internal/slug"
	"github.com/parcours/parcours/internal/suggest"
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
	static    func(name string) bool
	relPaths  []string // for suggestions
	slugs     []string
	irritants []string
	personas  []string // slugs and titles, for suggestions

	headings sync.Map // *content.Page → []markdown.Heading, see anchorID

	key     uint64
	mu      sync.Mutex
	refs    map[*content.Page][]*content.Page // target → sources
	anchors []pendingAnchor
}

type pendingAnchor struct {
	from   *content.Page
	target *content.Page
	anchor string
	pos    markdown.Pos
}

// New indexes pages (all of them, unpublished included, so that a link to a
// draft is explained rather than reported missing) and the content files.
// static reports whether a path exists under static/.
func New(site *content.Site, u urls.Maker, static func(string) bool, opts Options) *Index {
	ix := &Index{
		opts: opts, urls: u, static: static,
		byRel: map[string]*content.Page{}, bySlug: map[string][]*content.Page{},
		byFolder: map[string]*content.Page{}, byURL: map[string]*content.Page{}, byName: map[string][]*content.Page{},
		irrSlug: map[string]*content.Page{}, irrTitle: map[string][]*content.Page{},
		perSlug: map[string]*content.Page{}, perTitle: map[string][]*content.Page{},
		files: map[string]string{}, refs: map[*content.Page][]*content.Page{},
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
	var h maphash.Hash
	h.SetSeed(keySeed)
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
	for _, f := range site.Files {
		h.WriteString(f)
		h.WriteByte(0)
	}
	return h.Sum64()
}

// keySeed is fixed for the life of the process, so keys compare across
// builds of one dev server.
var keySeed = maphash.MakeSeed()

// Page returns the page of a content path (cases/qonto.md), or nil.
func (ix *Index) Page(rel string) *content.Page { return ix.byRel[rel] }

func (ix *Index) href(from *content.Page, target string) string {
	return ix.urls.Href(from.URL, target)
}

// For returns the resolver of one page, for the markdown stage.
func (ix *Index) For(p *content.Page) *Resolver {
	return &Resolver{ix: ix, from: p}
}

// Resolver resolves the references written in one page.
type Resolver struct {
	ix   *Index
	from *content.Page
	rec  Recorded
}

// Recorded is what a page's references left in the index: the pages they
// point to and the anchors still to check. A build that reuses a page's
// rendering from an earlier build replays it into the new index.
type Recorded struct {
	targets []string // Rel of each target
	anchors []recordedAnchor
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
			ix.addAnchor(from, p, a.anchor, a.pos)
		}
	}
}

var _ markdown.Resolver = (*Resolver)(nil)

func (r *Resolver) record(target *content.Page) {
	r.rec.targets = append(r.rec.targets, target.Rel)
	if target == r.from {
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

// isExternal reports destinations with a scheme (https:, mailto:) or
// protocol-relative ones.
func isExternal(dest string) bool {
	if strings.HasPrefix(dest, "//") {
		return true
	}
	i := strings.IndexByte(dest, ':')
	if i <= 0 {
		return false
	}
	j := strings.IndexAny(dest, "/?#")
	return j < 0 || i < j
}

// Link resolves a Markdown link or image destination. Besides a path to a
// content file, it takes what the tools a knowledge base comes from write:
// a percent-encoded path (Notion), a page without its .md (Jekyll,
// GitBook), a folder for its section or bundle page (GitHub, GitBook), a
// published address (Hugo), a bare file name found anywhere (Obsidian), and
// a #heading spelled the GitHub way.
func (r *Resolver) Link(dest string, image bool, pos markdown.Pos) (string, error) {
	if dest == "" || isExternal(dest) {
		return dest, nil
	}
	p, frag, hasFrag := strings.Cut(dest, "#")
	if hasFrag {
		frag = unescape(frag)
	}
	if p == "" {
		return "#" + r.anchor(r.from, frag, pos), nil
	}
	p, _, _ = strings.Cut(p, "?")
	p = unescape(p)
	var rel string
	if strings.HasPrefix(p, "/") {
		rel = path.Clean(strings.TrimPrefix(p, "/"))
	} else {
		rel = path.Clean(path.Join(path.Dir(r.from.Rel), p))
	}
	if !strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, "/") {
		if site, ok := r.ix.files[rel]; ok {
			return r.ix.href(r.from, site), nil
		}
		if strings.HasPrefix(p, "/") && r.ix.static != nil && r.ix.static(rel) {
			return r.ix.href(r.from, "/"+rel), nil
		}
	}
	notFound := fmt.Errorf("%s %s not found (looked for content/%s and static/%s)", fileOrImage(image), dest, rel, rel)
	if image {
		return "", r.broken(notFound)
	}
	target, err := r.ix.pageFor(r.from, p, rel)
	if err != nil {
		if ext := path.Ext(p); ext != "" && ext != ".md" && !strings.HasSuffix(p, "/") {
			// A name with an extension other than .md is a file's.
			return "", r.broken(notFound)
		}
		return "", r.broken(fmt.Errorf("link to %s: %w", dest, err))
	}
	if err := r.check(target); err != nil {
		return "", err
	}
	r.record(target)
	href := r.ix.href(r.from, target.URL)
	if hasFrag && frag != "" {
		href += "#" + r.anchor(target, frag, pos)
	}
	return href, nil
}

func fileOrImage(image bool) string {
	if image {
		return "image"
	}
	return "file"
}

// unescape decodes a percent-encoded path, and leaves one that is not
// (a lone "%") as it is.
func unescape(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}

// pageFor finds the page a link names, written p in the page from and rel
// once cleaned from content/. The first rule that finds pages decides:
//   - a path ending in .md names that file;
//   - a path ending in / names the page published at that address, read
//     from the page's own address as a browser does (Hugo), else the
//     folder's section or bundle page (GitHub, GitBook);
//   - another path names the file with .md added or the folder's page
//     (Jekyll, GitBook), and must name exactly one, else the page
//     published at that address;
//   - a bare name names the one page of that file name in the site
//     (Obsidian's shortest links).
func (ix *Index) pageFor(from *content.Page, p, rel string) (*content.Page, error) {
	var found []*content.Page
	add := func(cs ...*content.Page) bool {
		for _, c := range cs {
			if c != nil && !slices.Contains(found, c) {
				found = append(found, c)
			}
		}
		return len(found) > 0
	}
	name := strings.TrimSuffix(p, ".md")
	switch {
	case strings.HasSuffix(p, ".md"):
		add(ix.byRel[rel])
	case strings.HasSuffix(p, "/"):
		_ = add(ix.byURL[ix.address(from, p)]) || add(ix.byFolder[rel])
	default:
		_ = add(ix.byRel[rel+".md"], ix.byFolder[rel]) || add(ix.byURL[ix.address(from, p)])
	}
	if len(found) == 0 && !strings.Contains(name, "/") {
		add(ix.byName[name]...)
	}
	switch len(found) {
	case 0:
		return nil, fmt.Errorf("no such page (content/%s)%s", rel, didYouMean(ix.closestPage(rel), ""))
	case 1:
		return found[0], nil
	}
	paths := make([]string, len(found))
	for i, c := range found {
		paths[i] = c.Path
	}
	return nil, fmt.Errorf("it could be %s: link to the file itself", strings.Join(paths, " or "))
}

// address is the published address a link names, as a browser reads it:
// from the site root, or from the page's own address.
func (ix *Index) address(from *content.Page, p string) string {
	a := p
	if !strings.HasPrefix(p, "/") {
		a = path.Join(from.URL, p)
	}
	a = path.Clean("/" + a)
	if a == "/" {
		return a
	}
	return a + "/"
}

// broken lets err through as a warning when the build asks for it.
func (r *Resolver) broken(err error) error {
	if r.ix.opts.WarnBroken {
		return &markdown.BrokenLink{Err: err}
	}
	return err
}

// anchorID is the published ID of the heading of target an anchor names,
// which other tools spell their own way (see markdown.AnchorID). The
// target's headings are read from its Markdown, once: it may not have been
// converted yet.
func (ix *Index) anchorID(target *content.Page, anchor string) string {
	hs, ok := ix.headings.Load(target)
	if !ok {
		hs, _ = ix.headings.LoadOrStore(target, markdown.Headings(target.Body))
	}
	return markdown.AnchorID(hs.([]markdown.Heading), anchor)
}

// closestPage suggests the content file nearest to a missing one, comparing
// pages by what names them (cases/qonto for cases/qonto/index.md), so that a
// bundle is found from a typo of its folder.
func (ix *Index) closestPage(rel string) string {
	name := func(p string) string { return strings.TrimSuffix(strings.TrimSuffix(p, ".md"), "/index") }
	names := make([]string, len(ix.relPaths))
	byName := make(map[string]string, len(ix.relPaths))
	for i, p := range ix.relPaths {
		names[i] = name(p)
		byName[names[i]] = p
	}
	return byName[suggest.Closest(name(rel), names)]
}

func didYouMean(s, prefix string) string {
	if s == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", prefix+s)
}

// Wiki resolves [[slug]], [[section/slug]], with an optional #anchor.
// Obsidian's forms are taken too: a note's file name ([[My Note]]) and its
// path from the vault's root ([[Projets/My Note]]).
func (r *Resolver) Wiki(target string, pos markdown.Pos) (string, string, error) {
	name, frag, hasFrag := strings.Cut(target, "#")
	p, err := r.named(name, "[["+target+"]]", func(c *content.Page) string { return "[[" + c.Section + "/" + c.Slug + "]]" })
	if err != nil {
		return "", "", err
	}
	href := r.ix.href(r.from, p.URL)
	if hasFrag && frag != "" {
		href += "#" + r.anchor(p, frag, pos)
	}
	return href, p.Title, nil
}

// Page resolves a page named as a [[wiki link]] names it (by slug,
// section/slug, path from content/ with or without .md, or file name), for
// references written in a field, such as a target journey's compares:.
func (r *Resolver) Page(name string) (*content.Page, error) {
	return r.named(name, name, func(c *content.Page) string { return c.Section + "/" + c.Slug })
}

// named finds the one page a name gives, records the reference and
// refuses a page this build does not publish; written is the reference
// as the messages show it, and spell writes a candidate of an ambiguous
// name.
func (r *Resolver) named(name, written string, spell func(*content.Page) string) (*content.Page, error) {
	name = strings.TrimSuffix(strings.Trim(strings.TrimSpace(name), "/"), ".md")
	candidates := r.ix.wikiCandidates(name)
	switch len(candidates) {
	case 0:
		return nil, r.broken(fmt.Errorf("%s links to nothing: no page has that slug%s", written,
			didYouMean(suggest.Closest(name, r.ix.slugs), "")))
	case 1:
	default:
		var opts []string
		for _, c := range candidates {
			opts = append(opts, spell(c))
		}
		return nil, r.broken(fmt.Errorf("%s is ambiguous: write %s", written, strings.Join(opts, " or ")))
	}
	p := candidates[0]
	if err := r.check(p); err != nil {
		return nil, err
	}
	r.record(p)
	return p, nil
}

// wikiCandidates are the pages a [[name]] may mean: by slug, else by the
// slug of a file name, else by path from content/.
func (ix *Index) wikiCandidates(name string) []*content.Page {
	bySlug := func(s string) []*content.Page {
		sec, s, ok := strings.Cut(s, "/")
		if !ok {
			return ix.bySlug[sec]
		}
		var out []*content.Page
		for _, p := range ix.bySlug[s] {
			if p.Section == sec {
				out = append(out, p)
			}
		}
		return out
	}
	if c := bySlug(name); len(c) > 0 {
		return c
	}
	if p, ok := ix.byRel[name+".md"]; ok {
		return []*content.Page{p}
	}
	if p, ok := ix.byFolder[name]; ok {
		return []*content.Page{p}
	}
	if c := ix.byName[name]; len(c) > 0 {
		return c
	}
	return bySlug(slugPath(name))
}

// slugPath is a path with each of its names through the slug rule.
func slugPath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = content.Segment(s)
	}
	return strings.Join(parts, "/")
}

// Irritant resolves an irritant named in a journey stage.
func (r *Resolver) Irritant(ref string, pos markdown.Pos) (string, string, error) {
	p, err := r.irritant(ref)
	if err != nil {
		return "", "", err
	}
	return r.ix.href(r.from, p.URL), p.Title, nil
}

// Irritants resolves the irritants: field of the page's frontmatter.
func (r *Resolver) Irritants() ([]*content.Page, []diag.Diagnostic) {
	var out []*content.Page
	var ds []diag.Diagnostic
	for _, ref := range r.from.Irritants {
		p, err := r.irritant(ref.Text)
		if err != nil {
			ds = append(ds, diag.At(r.from.Path, ref.Line, ref.Col, "irritants: %v", err))
			continue
		}
		out = append(out, p)
	}
	return out, ds
}

// irritant finds an irritant by slug, or by title with case and accents
// ignored.
func (r *Resolver) irritant(ref string) (*content.Page, error) {
	p, err := named("irritant", ref, r.ix.irrSlug, r.ix.irrTitle)
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, fmt.Errorf("unknown irritant %q%s", ref, didYouMean(suggest.Closest(slug.Make(ref), r.ix.irritants), ""))
	}
	if err := r.check(p); err != nil {
		return nil, err
	}
	r.record(p)
	return p, nil
}

// named finds a page of a kind by slug, by title with case and accents
// ignored, or by its title's slug; nil when none matches, an error when
// the title is several pages'.
func named(kind, ref string, bySlug map[string]*content.Page, byTitle map[string][]*content.Page) (*content.Page, error) {
	if p, ok := bySlug[ref]; ok {
		return p, nil
	}
	titled := byTitle[slug.Fold(strings.TrimSpace(ref))]
	switch len(titled) {
	case 0:
		return bySlug[slug.Make(ref)], nil
	case 1:
		return titled[0], nil
	}
	var names []string
	for _, q := range titled {
		names = append(names, q.Path)
	}
	return nil, fmt.Errorf("%s %q is ambiguous: it is the title of %s; name it by slug", kind, ref, strings.Join(names, " and "))
}

// Persona resolves a journey's persona: a persona page named by slug or
// title, or nil for a persona described in free text. A name near a
// persona page's (a typo) is an error with the page suggested, since free
// text would hide it.
func (r *Resolver) Persona(ref string) (*content.Page, error) {
	p, err := named("persona", ref, r.ix.perSlug, r.ix.perTitle)
	if err != nil {
		return nil, err
	}
	if p == nil {
		if near := suggest.Closest(ref, r.ix.personas); near != "" && typo(ref, near) {
			return nil, fmt.Errorf("unknown persona %q; did you mean %q? (a persona described in free text must not look like a persona page's name)", ref, near)
		}
		return nil, nil
	}
	if err := r.check(p); err != nil {
		return nil, err
	}
	r.record(p)
	return p, nil
}

// typo reports whether a is b misspelt: closer than suggest.Closest asks
// of a suggestion, since free text ("Client") often lies a few letters
// from a persona's name ("Claire").
func typo(a, b string) bool {
	fa := slug.Fold(a)
	return suggest.Distance(fa, slug.Fold(b)) <= len([]rune(fa))/5+1
}

// anchor resolves an anchor written for target to the ID it names, and
// records it for CheckAnchors.
func (r *Resolver) anchor(target *content.Page, written string, pos markdown.Pos) string {
	id := r.ix.anchorID(target, written)
	r.rec.anchors = append(r.rec.anchors, recordedAnchor{target: target.Rel, anchor: id, pos: pos, written: written, hash: target.Hash})
	r.ix.addAnchor(r.from, target, id, pos)
	return id
}

// Stale reports whether a page's recorded references would now resolve to
// other anchors: an anchor written another tool's way names a heading by
// its text, so a changed target can move it. Only targets whose file
// changed are read again.
func (ix *Index) Stale(rec Recorded) bool {
	for _, a := range rec.anchors {
		p, ok := ix.byRel[a.target]
		if ok && p.Hash != a.hash && ix.anchorID(p, a.written) != a.anchor {
			return true
		}
	}
	return false
}
func (ix *Index) addAnchor(from, target *content.Page, anchor string, pos markdown.Pos) {
	ix.mu.Lock()
	ix.anchors = append(ix.anchors, pendingAnchor{from, target, anchor, pos})
	ix.mu.Unlock()
}

// CheckAnchors reports #anchors that name no heading (or journey) of their
// target; ids gives the anchors each rendered page has. They are errors,
// or warnings when broken references are (Options.WarnBroken).
func (ix *Index) CheckAnchors(ids func(*content.Page) map[string]bool) (errs, warns []diag.Diagnostic) {
	for _, a := range ix.anchors {
		have := ids(a.target)
		if have[a.anchor] {
			continue
		}
		var known []string
		for id := range have {
			known = append(known, id)
		}
		sort.Strings(known)
		d := diag.At(a.from.Path, a.pos.Line, a.pos.Col, "#%s: %s has no such heading%s",
			a.anchor, a.target.Path, didYouMean(suggest.Closest(a.anchor, known), "#"))
		if ix.opts.WarnBroken {
			warns = append(warns, d)
		} else {
			errs = append(errs, d)
		}
	}
	return errs, warns
}

// Backlinks returns, for each page, the published pages that reference it,
// without repeats, in a stable order.
func (ix *Index) Backlinks() map[*content.Page][]*content.Page {
	out := make(map[*content.Page][]*content.Page, len(ix.refs))
	for target, sources := range ix.refs {
		seen := map[*content.Page]bool{}
		var list []*content.Page
		for _, s := range sources {
			if !seen[s] && ix.opts.Published(s) {
				seen[s] = true
				list = append(list, s)
			}
		}
		sort.Slice(list, func(i, j int) bool { return list[i].Rel < list[j].Rel })
		out[target] = list
	}
	return out
}
