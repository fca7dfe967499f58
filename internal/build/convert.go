package build

import (
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"

	"github.com/parcours/parcours/internal/config"
	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/journey"
	"github.com/parcours/parcours/internal/markdown"
	"github.com/parcours/parcours/internal/model"
	"github.com/parcours/parcours/internal/par"
)

// renderMarkdown converts every published page in parallel, reusing the
// conversions of the last build that nothing has invalidated.
func (s *site) renderMarkdown() {
	s.conv = markdown.New(markdown.Options{
		Unsafe:      s.m.Config.UnsafeHTML,
		BrokenTitle: func(lang string) string { return s.theme.T(lang, "broken_link") },
		Extensions:  s.markdownExtensions(s.lanes()),
		T:           s.theme.T,
		Lenient:     s.m.Config.Links.Broken == config.Warn,
	})
	pages := s.m.Pages
	entries := make([]convEntry, len(pages))
	reused := make([]bool, len(pages))
	// Converted, a page's Markdown is needed no more by a one-off build,
	// unless a template shows it.
	release := !s.sess.keep && !s.theme.ReadsBody
	par.Each(len(pages), func(i int) {
		entries[i], reused[i] = s.convert(pages[i])
		if release {
			s.index.Release(pages[i])
		}
	})
	s.m.Rendered = make(map[*content.Page]*markdown.Result, len(pages))
	s.m.Irritants = make(map[*content.Page][]*content.Page, len(pages))
	s.m.Personas = make(map[*content.Page]model.Personas, len(pages))
	s.m.Words = make(map[*content.Page]int, len(pages))
	s.convs = make(map[*content.Page]convEntry, len(pages))
	keep := make(map[string]convEntry, len(pages))
	for i, p := range pages {
		e := entries[i]
		if reused[i] {
			s.index.Replay(p, e.rec)
		}
		s.list.Add(e.diags...)
		s.list.Add(e.refDiags...)
		s.warnings.Add(e.res.Warnings...)
		s.m.Rendered[p] = e.res
		s.m.Words[p] = e.words
		s.convs[p] = e
		if e.personas.page != "" || len(e.personas.journeys) > 0 {
			s.m.Personas[p] = s.personas(e.personas)
		}
		for _, rel := range e.irritants {
			s.m.Irritants[p] = append(s.m.Irritants[p], s.index.Page(rel))
		}
		keep[p.Rel] = e
	}
	if s.sess.keep {
		s.sess.conv = keep
	}
	s.cards = make(map[*content.Page]uint64, len(pages))
	for _, p := range pages {
		s.cards[p] = s.card(p)
	}
}

// markdownExtensions gives the extensions of pages in a language:
// journeys, drawn with the theme's strings and partials/journey.html, with
// the site's lanes labelled in that language (lanes, nil when it declares
// none).
func (s *site) markdownExtensions(lanes func(lang string) []journey.Lane) func(lang string) []goldmark.Extender {
	return func(lang string) []goldmark.Extender {
		e := &journey.Extension{
			T:      func(key string) string { return s.theme.T(lang, key) },
			Lang:   lang,
			PNG:    s.m.Config.Journey.PNG,
			Render: func(f *journey.Figure) ([]byte, error) { return s.theme.Partial("journey.html", f) },
		}
		if lanes != nil {
			e.Lanes = lanes(lang)
		}
		return []goldmark.Extender{e}
	}
}

// countWords counts the words of a conversion's sections as strings.Fields
// would split them, without the slices Fields allocates.
func countWords(res *markdown.Result) int {
	n := 0
	for _, sec := range res.Sections {
		n += fields(sec.Heading) + fields(sec.Text)
	}
	return n
}

func fields(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); {
		var space bool
		if c := s[i]; c < utf8.RuneSelf {
			// Most of a body is ASCII: a table lookup instead of a rune
			// decoding and unicode.IsSpace for each byte.
			space = asciiSpace[c]
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

// asciiSpace marks the ASCII bytes unicode.IsSpace reports.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}
