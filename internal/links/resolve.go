package links

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/markdown"
	"github.com/parcours/parcours/internal/suggest"
)

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
		if site, ok := r.file(rel); ok {
			return r.ix.href(r.from, site), nil
		}
		if strings.HasPrefix(p, "/") && r.ix.static != nil && r.ix.static(rel) {
			return r.ix.href(r.from, "/"+rel), nil
		}
		// Obsidian names an attachment by its file name alone, wherever
		// it lies in the vault.
		if rels := r.ix.fileNames[p]; len(rels) == 1 && path.Ext(p) != "" {
			site, _ := r.file(rels[0])
			return r.ix.href(r.from, site), nil
		}
	}
	notFound := fmt.Errorf("%s %s not found (looked for content/%s and static/%s)", fileOrImage(image), dest, rel, rel)
	if image {
		return "", r.broken(notFound)
	}
	target, err := r.ix.pageFor(r.from, p, rel)
	if err != nil && path.Ext(p) == ".html" {
		target, err = r.ix.permalink(r.from, p, rel)
	}
	if err != nil {
		if ext := path.Ext(p); ext != "" && ext != ".md" && ext != ".html" && !strings.HasSuffix(p, "/") {
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

// file gives the address of a content file, recording one in a
// dot-folder, which is published because the page references it.
func (r *Resolver) file(rel string) (string, bool) {
	if site, ok := r.ix.files[rel]; ok {
		return site, true
	}
	if r.ix.hidden[rel] {
		r.useHidden(rel)
		return "/" + rel, true
	}
	return "", false
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
	return only(found, func() error {
		return fmt.Errorf("no such page (content/%s)%s", rel, didYouMean(ix.closestPage(rel), ""))
	})
}

// only is the one page a link could mean: none is the error missing
// makes, and several are named so that the writer can pick.
func only(found []*content.Page, missing func() error) (*content.Page, error) {
	switch len(found) {
	case 0:
		return nil, missing()
	case 1:
		return found[0], nil
	}
	paths := make([]string, len(found))
	for i, c := range found {
		paths[i] = c.Path
	}
	return nil, fmt.Errorf("it could be %s: link to the file itself", strings.Join(paths, " or "))
}

// postName is a Jekyll post's file name: its date, then its title.
var postName = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})-(.+)$`)

// permalink finds the page a Jekyll site published at an .html address:
// foo.html and foo/index.html name what foo and foo/ name, and
// /2019/03/foo.html names the post _posts/2019-03-04-foo.md, the digits
// before the title matching the post's date (categories are skipped).
func (ix *Index) permalink(from *content.Page, p, rel string) (*content.Page, error) {
	bare := strings.TrimSuffix(p, ".html")
	relBare := strings.TrimSuffix(rel, ".html")
	if path.Base(bare) == "index" {
		relBare = path.Dir(relBare)
		if target := ix.byFolder[relBare]; target != nil {
			return target, nil
		}
	} else if target, err := ix.pageFor(from, bare, relBare); err == nil {
		return target, nil
	}
	parts := strings.Split(strings.Trim(bare, "/"), "/")
	var date []string
	for _, s := range parts[:len(parts)-1] {
		if s != "" && strings.Trim(s, "0123456789") == "" {
			date = append(date, s)
		}
	}
	var found []*content.Page
	for _, c := range ix.posts[parts[len(parts)-1]] {
		m := postName.FindStringSubmatch(strings.TrimSuffix(path.Base(c.Rel), ".md"))
		if len(date) <= 3 && slices.Equal(m[1:1+len(date)], date) {
			found = append(found, c)
		}
	}
	return only(found, func() error {
		return fmt.Errorf("no page is published at %s (looked for content/%s.md and a post of that name)%s", p, relBare, didYouMean(ix.closestPage(relBare), ""))
	})
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
// converted yet, or it may have been and its body released.
func (ix *Index) anchorID(target *content.Page, anchor string) string {
	hs, ok := ix.headings.Load(target)
	if !ok {
		hs, _ = ix.headings.LoadOrStore(target, markdown.Headings(ix.body(target)))
	}
	return markdown.AnchorID(hs.([]markdown.Heading), anchor)
}

// Release drops p's Markdown, which a one-off build needs no more once p
// is converted: at 100,000 pages the bodies were a quarter of the memory
// held when the last page was converted. A page converted later that links
// to one of p's headings has its file read again.
func (ix *Index) Release(p *content.Page) {
	ix.bodies.Lock()
	p.Body = nil
	ix.released[p] = true
	ix.bodies.Unlock()
}

// body is p's Markdown, read again from its file when it was released. A
// file that cannot be read any more gives no headings: the anchor is then
// published as written, as one naming no heading is.
func (ix *Index) body(p *content.Page) []byte {
	ix.bodies.RLock()
	body, released := p.Body, ix.released[p]
	ix.bodies.RUnlock()
	if released {
		body, _ = ix.site.ReadBody(p)
	}
	return body
}

// KeepHeadings takes over the headings prev read of pages this index still
// holds: a file loaded again from the same bytes is the same *content.Page
// (content.Loader), so its headings are the same. The dev server then reads
// the headings of an edited page's link targets once, not on every rebuild.
func (ix *Index) KeepHeadings(prev *Index) {
	prev.headings.Range(func(k, v any) bool {
		if p := k.(*content.Page); ix.byRel[p.Rel] == p {
			ix.headings.Store(k, v)
		}
		return true
	})
}

// Forget drops the headings kept for p, whose body a rebuild changed in
// place.
func (ix *Index) Forget(p *content.Page) { ix.headings.Delete(p) }

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
