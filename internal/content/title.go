package content

import (
	"bytes"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parcours/parcours/internal/diag"
)

// titleOf gives a page without a title: field the title the tool that wrote
// it meant. GitBook, Obsidian and Notion put it in the body's first "# H1",
// which is then taken out of the body so the page does not show it twice;
// failing that, Jekyll and Obsidian show the file name.
func titleOf(p *Page) string {
	if t, start, end := firstH1(p.Body); t != "" {
		// The line is emptied rather than cut, so that the lines after it
		// keep their numbers in diagnostics.
		p.Body = append(p.Body[:start:start], p.Body[end:]...)
		return t
	}
	dir, file := path.Split(p.Rel)
	name := strings.TrimSuffix(file, ".md")
	if isIndex(file) {
		name = path.Base(dir)
	}
	return humanize(name)
}

// CheckTitles reports, for --strict-titles, every page whose title was
// not written but taken from its first H1 or its file name.
func CheckTitles(pages []*Page) []diag.Diagnostic {
	var ds []diag.Diagnostic
	for _, p := range pages {
		if p.TitleDerived {
			ds = append(ds, diag.At(p.Path, 1, 1, "missing title (%q was taken from the page); add title: to the frontmatter", p.Title))
		}
	}
	return ds
}

// firstH1 finds the first ATX heading of level 1 outside code blocks; it
// returns its text and the byte range of the line's content.
func firstH1(body []byte) (title string, start, end int) {
	var fence []byte
	for off := 0; off < len(body); {
		line := body[off:]
		next := len(body)
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line, next = line[:i], off+i+1
		}
		indent := len(line) - len(bytes.TrimLeft(line, " "))
		trimmed := bytes.TrimLeft(line, " ")
		switch {
		case indent > 3:
		case fence != nil:
			if bytes.HasPrefix(trimmed, fence) && len(bytes.TrimSpace(bytes.TrimLeft(trimmed, string(fence[:1])))) == 0 {
				fence = nil
			}
		case bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~")):
			n := len(trimmed) - len(bytes.TrimLeft(trimmed, string(trimmed[:1])))
			fence = trimmed[:n]
		case len(trimmed) >= 1 && trimmed[0] == '#' && (len(trimmed) == 1 || trimmed[1] == ' ' || trimmed[1] == '\t'):
			if t := h1Text(trimmed[1:]); t != "" {
				return t, off, off + len(line)
			}
		}
		off = next
	}
	return "", 0, 0
}

// h1Text is a heading's text without its optional closing #s.
func h1Text(s []byte) string {
	t := strings.TrimSpace(string(s))
	if u := strings.TrimRight(t, "#"); u != t && (u == "" || strings.HasSuffix(u, " ") || strings.HasSuffix(u, "\t")) {
		t = strings.TrimSpace(u)
	}
	return t
}

// humanize turns a file name into a title as Jekyll does: hyphens and
// underscores become spaces and the first letter is capitalised.
func humanize(name string) string {
	name = strings.TrimSpace(strings.Map(func(r rune) rune {
		if r == '-' || r == '_' {
			return ' '
		}
		return r
	}, name))
	r, size := utf8.DecodeRuneInString(name)
	if r == utf8.RuneError {
		return name
	}
	return string(unicode.ToUpper(r)) + name[size:]
}
