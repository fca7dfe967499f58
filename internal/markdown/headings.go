package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/parcours/parcours/internal/slug"
)

// headingParser parses blocks as Convert does. Heading IDs come from the
// heading's source line as blocks close, before inline parsing, so the
// inline extensions and the typographer cannot change them.
var headingParser = goldmark.New(
	goldmark.WithExtensions(extension.GFM, extension.Footnote),
	goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
).Parser()

// Headings returns a body's headings with the IDs Convert gives them, and
// their source text, without rendering anything: links to a page are
// resolved before the page itself is converted.
func Headings(body []byte) []Heading {
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	doc := headingParser.Parse(text.NewReader(body), parser.WithContext(ctx))
	var out []Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		id, _ := h.AttributeString("id")
		var t strings.Builder
		for i := 0; i < h.Lines().Len(); i++ {
			seg := h.Lines().At(i)
			t.Write(seg.Value(body))
		}
		out = append(out, Heading{Level: h.Level, ID: string(asBytes(id)), Text: strings.TrimSpace(t.String())})
		return ast.WalkSkipChildren, nil
	})
	return out
}

// AnchorID returns the ID of the heading an anchor written by another tool
// names: GitHub, GitBook and Hugo keep accents and drop punctuation
// (#lapproche-réseau), where parcours folds and hyphenates
// (#l-approche-reseau). An anchor that already is an ID, or that names no
// heading, is returned as it is.
func AnchorID(headings []Heading, anchor string) string {
	for _, h := range headings {
		if h.ID == anchor {
			return anchor
		}
	}
	key := skeleton(anchor)
	seen := map[string]int{}
	for _, h := range headings {
		gh := githubSlug(h.Text)
		if n := seen[gh]; n > 0 {
			seen[gh]++
			gh += "-" + strconv.Itoa(n)
		} else {
			seen[gh] = 1
		}
		if gh == anchor || slug.Fold(gh) == slug.Fold(anchor) || skeleton(gh) == key && key != "" {
			return h.ID
		}
	}
	return anchor
}

// githubSlug is the anchor GitHub gives a heading (github-slugger): lower
// case, punctuation and symbols dropped, each space a hyphen.
func githubSlug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// skeleton is what two spellings of one anchor share: its letters and
// digits, folded.
func skeleton(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, slug.Fold(s))
}
