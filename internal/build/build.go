// Package build runs the pipeline of DESIGN.md: load config → load content →
// resolve (slugs, URLs, references, taxonomies, irritant catalogue,
// backlinks) → render Markdown and journeys → render pages through the theme
// → write output and search index.
//
// Every stage collects all the problems it finds and goes on as far as it
// can; the build then fails with all of them, before anything is written.
package build

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"

	parcours "github.com/parcours/parcours"
	"github.com/parcours/parcours/internal/config"
	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/journey"
	"github.com/parcours/parcours/internal/links"
	"github.com/parcours/parcours/internal/markdown"
	"github.com/parcours/parcours/internal/output"
	"github.com/parcours/parcours/internal/par"
	"github.com/parcours/parcours/internal/render"
	"github.com/parcours/parcours/internal/sitefs"
	"github.com/parcours/parcours/internal/taxonomy"
	"github.com/parcours/parcours/internal/urls"
)

// Options are the command line's choices for one build.
type Options struct {
	Root         string // site root
	Drafts       bool
	Internal     bool   // --audience internal
	BaseURL      string // overrides parcours.toml
	Minify       bool
	RelativeURLs bool
	// Serve publishes assets under plain names, without fingerprints or
	// integrity, so the dev server can swap a stylesheet in place.
	Serve bool
	// Progress, when set, receives one line per stage.
	Progress func(stage string)
}

// Stats describe a finished build: HTML pages and all files written, and
// how many files had to be rendered (the others were reused).
type Stats struct {
	Pages, Files, Rendered int
	Duration               time.Duration
}

// site is the state shared by the stages of one build.
type site struct {
	sess    *Session
	opts    Options
	cfg     config.Config
	list    *diag.List
	content *content.Site
	pages   []*content.Page // published, sorted by Rel
	regular []*content.Page // pages that are not lists, see regularPages
	index   *links.Index
	conv    *markdown.Converter
	urls    urls.Maker
	theme   *render.Theme

	rendered  map[*content.Page]*markdown.Result
	convs     map[*content.Page]convEntry
	cards     map[*content.Page]uint64
	siteKey   uint64
	staticKey uint64
	irritants map[*content.Page][]*content.Page
	backlinks map[*content.Page][]*content.Page
	taxes     []*taxonomy.Taxonomy
	sections  map[string]*content.Page
	static    fs.FS

	out       output.Writer
	mu        sync.Mutex
	files     int
	htmlPages int
	claims    map[string][]claim // by folded name, see checkClaims
	// renderedJobs counts the files rendered rather than reused.
	renderedJobs int
}

// Run builds the site into w. Content problems come back as a *diag.Errors
// holding every one of them; nothing is written then.
func Run(opts Options, w output.Writer) (Stats, error) {
	return run(&Session{opts: opts}, w)
}

func run(ss *Session, w output.Writer) (Stats, error) {
	start := time.Now()
	s, err := load(ss)
	if err != nil {
		return Stats{}, err
	}
	if err := s.write(w); err != nil {
		return Stats{}, err
	}
	return Stats{Pages: s.htmlPages, Files: s.files, Rendered: s.renderedJobs, Duration: time.Since(start)}, nil
}

// Check runs every stage but writing.
func Check(opts Options) error {
	s, err := load(&Session{opts: opts})
	if err != nil {
		return err
	}
	// Rendering through the theme can fail too (a template calling a
	// missing field); check it against a tree that is thrown away.
	return s.write(discard{})
}

type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

func (s *site) progress(stage string) {
	if s.opts.Progress != nil {
		s.opts.Progress(stage)
	}
}

// load runs the stages up to rendering Markdown, which is where content
// problems can still be found.
func load(ss *Session) (*site, error) {
	opts := ss.opts
	list := &diag.List{}
	cfg, err := config.Load(opts.Root)
	var cfgErrs *diag.Errors
	switch {
	case errors.As(err, &cfgErrs) && config.Exists(opts.Root):
		// A config with a wrong key still gives usable defaults: go on, so
		// that content problems are reported in the same run.
		list.Add(cfgErrs.List...)
	case err != nil:
		return nil, err
	}
	if opts.BaseURL != "" {
		cfg.BaseURL = opts.BaseURL
		if !strings.HasSuffix(cfg.BaseURL, "/") {
			cfg.BaseURL += "/"
		}
	}
	s := &site{sess: ss, opts: opts, cfg: cfg, list: list}
	s.urls = urls.New(cfg.BaseURL, opts.RelativeURLs)
	s.theme, err = render.LoadTheme(opts.Root, cfg.Theme, parcours.DefaultTheme(), ss.theme)
	if err != nil {
		return nil, fmt.Errorf("theme: %w", err)
	}
	if ss.keep {
		ss.theme = s.theme
	}
	static, ds, err := sitefs.Open(opts.Root, "static")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("static files: %w", err)
	}
	s.list.Add(ds...)
	s.static = static
	s.computeStaticKey()

	s.progress("loading content")
	s.content, err = ss.loader.Load(opts.Root, s.list)
	if err != nil {
		return nil, err
	}
	lopts := links.Options{Drafts: opts.Drafts, Internal: opts.Internal}
	for _, p := range s.content.Pages {
		if lopts.Published(p) {
			s.pages = append(s.pages, p)
			if !p.IsList() {
				s.regular = append(s.regular, p)
			}
		}
	}
	s.index = links.New(s.content, s.urls, s.staticExists, lopts)

	s.progress("rendering markdown")
	s.renderMarkdown()
	s.backlinks = s.index.Backlinks()
	anchors := map[*content.Page]map[string]bool{}
	s.list.Add(s.index.CheckAnchors(func(p *content.Page) map[string]bool {
		if _, ok := anchors[p]; !ok {
			anchors[p] = s.anchors(p)
		}
		return anchors[p]
	})...)
	s.taxes = taxonomy.Build(cfg.Taxonomies, s.regularPages(), s.list)
	s.checkAliases()
	if err := s.list.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *site) staticExists(name string) bool {
	if _, err := fs.Stat(s.static, name); err == nil {
		return true
	}
	for _, t := range s.theme.Static() {
		if _, err := fs.Stat(t, name); err == nil {
			return true
		}
	}
	return false
}

// lang is the language a page is written in.
func (s *site) lang(p *content.Page) string {
	if p.Language != "" {
		return p.Language
	}
	return s.cfg.Language
}

// renderMarkdown converts every published page in parallel, reusing the
// conversions of the last build that nothing has invalidated.
func (s *site) renderMarkdown() {
	s.conv = markdown.New(markdown.Options{Unsafe: s.cfg.UnsafeHTML, Extensions: s.markdownExtensions})
	entries := make([]convEntry, len(s.pages))
	reused := make([]bool, len(s.pages))
	par.Each(len(s.pages), func(i int) {
		entries[i], reused[i] = s.convert(s.pages[i])
	})
	s.rendered = make(map[*content.Page]*markdown.Result, len(s.pages))
	s.irritants = make(map[*content.Page][]*content.Page, len(s.pages))
	s.convs = make(map[*content.Page]convEntry, len(s.pages))
	keep := make(map[string]convEntry, len(s.pages))
	for i, p := range s.pages {
		e := entries[i]
		if reused[i] {
			s.index.Replay(p, e.rec)
		}
		s.list.Add(e.diags...)
		s.list.Add(e.irrDiags...)
		s.rendered[p] = e.res
		s.convs[p] = e
		for _, rel := range e.irritants {
			s.irritants[p] = append(s.irritants[p], s.index.Page(rel))
		}
		keep[p.Rel] = e
		if !s.sess.keep {
			// Converted: a one-off build needs the Markdown no more.
			p.Body = nil
		}
	}
	if s.sess.keep {
		s.sess.conv = keep
	}
	s.cards = make(map[*content.Page]uint64, len(s.pages))
	for _, p := range s.pages {
		s.cards[p] = s.card(p)
	}
}

// markdownExtensions are the extensions of pages in lang: journeys, drawn
// with the theme's strings and partials/journey.html.
func (s *site) markdownExtensions(lang string) []goldmark.Extender {
	return []goldmark.Extender{&journey.Extension{
		T:      func(key string) string { return s.theme.T(lang, key) },
		Lang:   lang,
		Render: func(f *journey.Figure) ([]byte, error) { return s.theme.Partial("journey.html", f) },
	}}
}

// anchors lists the IDs a page can be linked to with #: its headings, its
// journey figures and their stages.
func (s *site) anchors(p *content.Page) map[string]bool {
	res := s.rendered[p]
	ids := map[string]bool{}
	if res == nil {
		return ids
	}
	for _, h := range res.Headings {
		ids[h.ID] = true
	}
	for _, j := range journey.In(res) {
		for _, a := range j.Anchors() {
			ids[a] = true
		}
	}
	return ids
}

// regularPages are the published pages that are not lists, in Rel order.
// The slice is computed once, in load, and shared; callers must not modify
// it.
func (s *site) regularPages() []*content.Page { return s.regular }

// checkAliases refuses aliases that leave the site or take a page's place.
func (s *site) checkAliases() {
	taken := map[string]string{}
	for _, p := range s.pages {
		taken[p.URL] = p.Path
	}
	for _, p := range s.pages {
		for _, a := range p.Aliases {
			u, err := aliasURL(a.Text)
			if err != nil {
				s.list.Addf(p.Path, a.Line, a.Col, "alias %q %v", a.Text, err)
				continue
			}
			if other, ok := taken[u]; ok {
				s.list.Addf(p.Path, a.Line, a.Col, "alias %q is the address of %s: remove it or rename that page", a.Text, other)
				continue
			}
			taken[u] = p.Path
		}
	}
}

// hasAliases reports whether a published page has an alias, which is when
// _redirects has a rule to hold.
func (s *site) hasAliases() bool {
	for _, p := range s.pages {
		if len(p.Aliases) > 0 {
			return true
		}
	}
	return false
}

// aliasURL cleans an alias into a folder URL. An alias is written into
// _redirects, one rule a line with space-separated fields, where * is a
// splat, ! forces a rule and :name is a placeholder: none of them, nor any
// white space or control character, may reach it from a page.
func aliasURL(a string) (string, error) {
	if strings.Contains(a, "://") {
		return "", fmt.Errorf("must be a path on this site, such as /old/address/")
	}
	for _, r := range a {
		var what string
		switch {
		case unicode.IsSpace(r):
			what = "white space"
		case unicode.IsControl(r) || r == utf8.RuneError:
			what = fmt.Sprintf("the control character %U", r)
		case strings.ContainsRune("*!:?#", r):
			what = fmt.Sprintf("%q", r)
		default:
			continue
		}
		return "", fmt.Errorf("is not a path: it contains %s; write it as a path such as /old/address/", what)
	}
	for _, seg := range strings.Split(strings.Trim(a, "/"), "/") {
		if seg == ".." || seg == "." || strings.ContainsAny(seg, `\`) {
			return "", fmt.Errorf("must not contain %q: write the path from the site root, such as /old/address/", seg)
		}
	}
	t := strings.Trim(a, "/")
	if t == "" {
		return "", fmt.Errorf("cannot be the home page")
	}
	return "/" + t + "/", nil
}

// byDate sorts pages newest first, then by weight, then by title.
func byDate(pages []*content.Page) {
	slices.SortStableFunc(pages, func(a, b *content.Page) int {
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Weight, b.Weight); c != 0 {
			return c
		}
		if c := strings.Compare(a.Title, b.Title); c != 0 {
			return c
		}
		return strings.Compare(a.Rel, b.Rel)
	})
}
