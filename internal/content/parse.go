package content

import (
	"path"
	"strings"
	"unicode/utf8"

	"github.com/parcours/parcours/internal/cache"
	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/textfile"
)

// Parse builds a page from a file's bytes. display is the path printed in
// diagnostics, rel the path from content/. An index.md or README.md below
// content/ is read as a bundle: only Load, which sees the other files, can
// tell a section's page from a bundle.
func Parse(display, rel string, src []byte) (*Page, []diag.Diagnostic) {
	return parse(display, rel, src, false)
}

// parse is Parse knowing whether the file is the page of a folder holding
// other pages.
func parse(display, rel string, src []byte, section bool) (*Page, []diag.Diagnostic) {
	src, err := textfile.UTF8(src)
	if err != nil {
		return nil, []diag.Diagnostic{diag.At(display, 1, 1, "%v", err)}
	}
	if !utf8.Valid(src) {
		line, col := invalidUTF8At(src)
		return nil, []diag.Diagnostic{diag.At(display, line, col, "file is not valid UTF-8: save it as UTF-8")}
	}
	p := newPage(display, rel, section)
	r, ds := split(display, src)
	if r.fm == nil && len(ds) > 0 {
		return nil, ds
	}
	p.Body, p.BodyLine = r.body, r.bodyLine
	p.FrontHash = cache.Sum(src[:len(src)-len(r.body)])
	if r.fm != nil {
		ds = append(ds, decodeFields(p, r.fm)...)
	} else {
		p.FieldLine = map[string]int{}
		p.Params = map[string]any{}
	}
	if p.Title == "" && p.Kind != KindHome {
		p.Title, p.TitleDerived = titleOf(p), true
	}
	ds = append(ds, checkPage(p)...)
	if len(ds) > 0 {
		return nil, ds
	}
	p.setURL()
	return p, nil
}

func invalidUTF8At(src []byte) (int, int) {
	line, col := 1, 1
	for len(src) > 0 {
		r, size := utf8.DecodeRune(src)
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		src = src[size:]
	}
	return line, col
}

// newPage sets what the file's place under content/ decides: section, kind,
// bundle and default slug. section says whether the file is the page of a
// folder holding other pages.
// standIn is the page of a file that exists but does not parse. Links to
// it resolve, so that its problem is reported once, at the file, and not
// again as "no such page" in every page that links to it. Its diagnostics
// fail the build, so it is never published.
func standIn(display, rel string, section bool) *Page {
	p := newPage(display, rel, section)
	p.FieldLine, p.Params = map[string]int{}, map[string]any{}
	p.Title = titleOf(p)
	p.setURL()
	return p
}

func newPage(display, rel string, section bool) *Page {
	p := &Page{Path: display, Rel: rel}
	dir, file := path.Split(rel)
	dir = strings.TrimSuffix(dir, "/")
	if i := strings.IndexByte(rel, '/'); i >= 0 {
		p.Section = Segment(rel[:i])
	}
	switch {
	case isIndex(file) && dir == "":
		p.Kind = KindHome
	case file == "_index.md" || section:
		p.Kind = KindSection
	default:
		if k, ok := kindOfSection[p.Section]; ok {
			p.Kind = k
		} else {
			p.Kind = KindPage
		}
	}
	switch {
	case p.IsList() && isIndex(file):
		p.Slug = Segment(path.Base(dir))
	case p.IsList():
		p.Slug = Segment(strings.TrimSuffix(file, ".md"))
	case isIndex(file):
		p.BundleDir = dir
		p.Slug = Segment(path.Base(dir))
	default:
		p.Slug = Segment(strings.TrimSuffix(file, ".md"))
	}
	return p
}
