// Package content loads the pages of a site: it walks content/, splits each
// Markdown file into frontmatter and body, and decodes the frontmatter into
// the typed fields of the page's kind.
//
// The first folder under content/ gives a page its kind (cases/, guides/,
// journeys/, irritants/, personas/; anything else is a plain page). A folder's
// _index.md (Hugo), or its index.md or README.md when the folder holds other
// pages, is the folder's section page, with its title and introduction; a
// folder holding index.md or README.md and no other page is a page bundle
// whose other files are the page's resources. The slug is the file name (or
// the bundle's folder name) through the slug rule, so My Note.md is
// published at my-note/, unless slug: says otherwise. A page without a
// title takes its first "# H1" (taken out of the body), else its file name.
package content

import (
	"fmt"
	"io/fs"
	"time"
)

// Kind is what a page is; it picks the page's fields and layout.
type Kind string

// The kinds of pages.
const (
	KindCase     Kind = "case"
	KindGuide    Kind = "guide"
	KindJourney  Kind = "journey"
	KindIrritant Kind = "irritant"
	KindPersona  Kind = "persona"
	KindPage     Kind = "page"
	KindSection  Kind = "section"
	KindHome     Kind = "home"
)

// kindOfSection maps the first folder under content/ to a kind.
var kindOfSection = map[string]Kind{
	"cases":     KindCase,
	"guides":    KindGuide,
	"journeys":  KindJourney,
	"irritants": KindIrritant,
	"personas":  KindPersona,
}

// Audiences.
const (
	Public   = "public"
	Internal = "internal"
)

// Ref is a reference to another page written in frontmatter (an irritant by
// slug or title), with its position for diagnostics.
type Ref struct {
	Text      string
	Line, Col int
}

// Page is one content file.
type Page struct {
	// Path is the file's path from the site root, with slashes, as printed
	// in diagnostics (content/cases/qonto.md).
	Path string
	// Rel is the path from content/ (cases/qonto.md).
	Rel string
	// Section is the first folder under content/ ("" at the root).
	Section string
	Kind    Kind
	Slug    string
	// URL is the page's path on the site, with leading and trailing
	// slashes (/cases/qonto/).
	URL string
	// BundleDir is the bundle's folder from content/ when the page is a
	// bundle's index.md, and "" otherwise.
	BundleDir string
	// Resources are the bundle's other files, paths from content/.
	Resources []string

	Title, Description string
	// TitleDerived says the file had no title: and Title comes from its
	// first H1 or its file name.
	TitleDerived  bool
	Date, Lastmod time.Time
	Draft         bool
	Aliases       []Ref
	Tags          []string
	Weight        int
	Language      string
	Audience      string
	// Params holds every frontmatter field, known or not, for templates.
	Params map[string]any
	// TranslationKey is shared by the pages that translate each other,
	// each in its own language.
	TranslationKey string

	// Case fields.
	Client, Subtitle, Sector, Speaker, Role, Duration, Logo string
	Deliverables, Quotes                                    []string
	// Shared list fields.
	Scopes, Tools, Sectors []string
	Irritants              []Ref
	// Guide fields.
	Steps []string
	// Journey fields. Persona names a persona page by slug or title, or
	// describes one in free text.
	Persona Ref
	// Persona fields (Role and Sector are shared with cases).
	Quote, Image                         string
	Goals, Frustrations, Needs, Channels []string
	// Irritant fields. Severity and Frequency are 1–5, 0 when not given.
	Stages, Verbatim    []string
	Remedies            []Opportunity
	KPIs                []KPI
	Severity, Frequency int

	// Body is the Markdown after the frontmatter; BodyLine is the line of
	// the file where it starts, so body positions map to file positions.
	Body     []byte
	BodyLine int
	// FieldLine gives the line of each frontmatter key, for diagnostics
	// found by later stages.
	FieldLine map[string]int
	// Hash identifies the file's bytes: two loads with the same Hash read
	// the same file.
	Hash uint64
	// FrontHash identifies the file up to its body (the frontmatter) and
	// the body's first line: what other pages can show of this one
	// besides its title and conversion, so an edit to the body alone
	// leaves the pages that list it as they were.
	FrontHash uint64
}

// Terms returns the page's values for a taxonomy. A case's sector and client
// feed the sectors and clients taxonomies like list fields do.
func (p *Page) Terms(taxonomy string) []string {
	switch taxonomy {
	case "scopes":
		return p.Scopes
	case "tools":
		return p.Tools
	case "tags":
		return p.Tags
	case "sectors":
		if p.Sector != "" {
			return appendMissing(p.Sectors, p.Sector)
		}
		return p.Sectors
	case "clients":
		if p.Client != "" {
			return []string{p.Client}
		}
		return nil
	}
	if v, ok := p.Params[taxonomy].([]string); ok {
		return v
	}
	return nil
}

func appendMissing(list []string, v string) []string {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(append([]string(nil), list...), v)
}

// Priority is an irritant's severity × frequency (1–25), what the catalogue
// ranks by; 0 when either is not given.
func (p *Page) Priority() int { return p.Severity * p.Frequency }

// IsList reports whether the page lists other pages (home or section) rather
// than being a regular page.
func (p *Page) IsList() bool { return p.Kind == KindSection || p.Kind == KindHome }

// ReadBody reads p's body again from the content folder, as Load gave it:
// a one-off build drops each page's body once it is converted
// (links.Index.Release), and a page converted later may still link to one
// of its headings.
func (s *Site) ReadBody(p *Page) ([]byte, error) {
	src, err := fs.ReadFile(s.FS, p.Rel)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p.Path, err)
	}
	// A folder's page was loaded as one; so is its body read again.
	q, _ := parse(p.Path, p.Rel, src, p.Kind == KindSection)
	if q == nil {
		return nil, nil
	}
	return q.Body, nil
}
