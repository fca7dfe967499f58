// Package build runs the pipeline (docs/architecture.md): load the
// configuration, the theme and the content; resolve the references,
// convert the Markdown, check anchors and aliases and gather the
// taxonomies; lay out the pages (model); publish the files and the search
// index.
//
// Every stage collects all the problems it finds and goes on as far as it
// can; the build then fails with all of them, before anything is written.
package build

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	parcours "github.com/parcours/parcours"
	"github.com/parcours/parcours/internal/cache"
	"github.com/parcours/parcours/internal/config"
	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/gitinfo"
	"github.com/parcours/parcours/internal/journey"
	"github.com/parcours/parcours/internal/links"
	"github.com/parcours/parcours/internal/markdown"
	"github.com/parcours/parcours/internal/model"
	"github.com/parcours/parcours/internal/output"
	"github.com/parcours/parcours/internal/publish"
	"github.com/parcours/parcours/internal/render"
	"github.com/parcours/parcours/internal/sitefs"
	"github.com/parcours/parcours/internal/taxonomy"
	"github.com/parcours/parcours/internal/urls"
)

// Options are the command line's choices for one build.
type Options struct {
	Root   string // site root
	Drafts bool
	// StrictTitles reports a page without title: as a problem, instead of
	// taking its title from its first H1 or its file name.
	StrictTitles bool
	Internal     bool   // --audience internal
	BaseURL      string // overrides parcours.toml
	Minify       bool
	RelativeURLs bool
	// Serve publishes assets under plain names, without fingerprints or
	// integrity, so the dev server can swap a stylesheet in place.
	Serve bool
	// Progress, when set, receives one line per stage.
	Progress func(stage string)
	// BrokenLinks overrides [links] broken of parcours.toml: "error" or
	// "warn".
	BrokenLinks string
	// Warn, when set, receives the warnings of a build, in order: broken
	// links let through by [links] broken = "warn".
	Warn func(diag.Diagnostic)
	// Cache is the folder of the persistent build cache (cache.Dir under
	// the root): Run reuses what an earlier build left there whose key is
	// unchanged, and leaves this build's results. "" builds without it.
	Cache string
}

// Stats describe a finished build: HTML pages and all files written, how
// many files had to be rendered (the others were reused), and how many
// HTML pages were reused from a cache.
type Stats struct {
	Pages, Files, Rendered, Reused int
	// Drafts counts the pages left out for draft: true (without --drafts).
	Drafts   int
	Duration time.Duration
	// CacheMissing says why the persistent cache held nothing to reuse
	// ("" when it did, or when there was none).
	CacheMissing string
}

// site is one build on its way through the stages: what was loaded, what
// resolving it found (the model), and the keys that let a session reuse
// earlier work.
type site struct {
	sess *Session
	opts Options
	list *diag.List
	// warnings are what the build lets through, reported by Options.Warn.
	warnings diag.List
	theme    *render.Theme
	static   fs.FS
	content  *content.Site
	index    *links.Index
	conv     *markdown.Converter
	m        *model.Site

	convs map[*content.Page]convEntry
	cards map[*content.Page]uint64
	// probing converts pages without leaving their references in the
	// index (see again).
	probing bool
	// outs and jobs are what the model published, the outputs first, in
	// the order of jobs, and the site-wide files from siteFrom on; shown
	// lists the pages whose cards each output shows. A session keeps
	// them for again.
	outs      []model.Output
	jobs      []publish.Job
	siteFrom  int
	shown     [][]*content.Page
	rs        *render.Site
	siteKey   uint64
	staticKey uint64
	drafts    int
}

// Run builds the site into w. Content problems come back as a *diag.Errors
// holding every one of them; nothing is written then.
func Run(opts Options, w output.Writer) (Stats, error) {
	ss := &Session{opts: opts}
	if opts.Cache == "" {
		return run(ss, w)
	}
	ss.store = cache.Open(opts.Cache)
	ss.loader.Stored = storedPages{ss.store}
	stats, err := run(ss, w)
	if err != nil {
		return stats, err
	}
	stats.CacheMissing = ss.store.Missing
	return stats, ss.store.Save()
}

// Check runs every stage but writing.
func Check(opts Options) error {
	_, err := run(&Session{opts: opts}, discard{})
	return err
}

type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

func run(ss *Session, w output.Writer) (Stats, error) {
	start := time.Now()
	// The last build is let go while this one runs, unless this one can
	// update it (again).
	last, told := ss.last, ss.contentOnly
	ss.last, ss.contentOnly = nil, false
	s, err := load(ss)
	if err != nil {
		return Stats{}, err
	}
	if told && last != nil {
		if pub, ok, err := last.again(s, w); ok {
			if err != nil {
				return Stats{}, err
			}
			ss.last = last
			return last.stats(pub, start), nil
		}
	}
	s.prepare()
	s.resolve()
	if err := s.list.Err(); err != nil {
		return Stats{}, err
	}
	pub, err := s.publish(w)
	if err != nil {
		return Stats{}, err
	}
	if ss.keep {
		ss.last = s
	}
	return s.stats(pub, start), nil
}

func (s *site) stats(pub *publish.Publisher, start time.Time) Stats {
	return Stats{Pages: pub.HTML, Files: pub.Files, Rendered: pub.Rendered, Reused: pub.Reused, Drafts: s.drafts, Duration: time.Since(start)}
}

func (s *site) progress(stage string) {
	if s.opts.Progress != nil {
		s.opts.Progress(stage)
	}
}

// load reads the configuration, the theme, the static files and the
// content. A configuration with a wrong key still gives usable defaults:
// loading goes on, so that content problems are reported in the same run.
func load(ss *Session) (*site, error) {
	opts := ss.opts
	list := &diag.List{}
	cfg, err := config.Load(opts.Root)
	var cfgErrs *diag.Errors
	switch {
	case errors.As(err, &cfgErrs) && config.Exists(opts.Root):
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
	s := &site{sess: ss, opts: opts, list: list}
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

	if opts.BrokenLinks != "" {
		cfg.Links.Broken = opts.BrokenLinks
	}
	s.m = &model.Site{Config: cfg, URLs: urls.New(cfg.BaseURL, opts.RelativeURLs), T: s.theme.T, Order: ss.order(cfg.Language)}
	s.progress("loading content")
	s.content, err = ss.loader.Load(opts.Root, s.list)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// prepare checks what the loaded pages say of themselves, finds which are
// published and indexes them for their references.
func (s *site) prepare() {
	ss, opts, cfg := s.sess, s.opts, s.m.Config
	if opts.StrictTitles {
		s.list.Add(content.CheckTitles(s.content.Pages)...)
	}
	s.warnMisnamed()
	if cfg.EnableGitInfo {
		var err error
		// Once per build: git log reads the whole history in one process.
		if s.m.Committed, err = gitinfo.LastCommits(opts.Root); err != nil {
			s.list.Add(diag.At(config.FileName, 0, 0, "enableGitInfo: %v", err))
		}
	}
	lopts := links.Options{Drafts: opts.Drafts, Internal: opts.Internal, WarnBroken: cfg.Links.Broken == config.Warn}
	for _, p := range s.content.Pages {
		if lopts.Published(p) {
			s.m.Pages = append(s.m.Pages, p)
			if !p.IsList() {
				s.m.Regular = append(s.m.Regular, p)
			}
		} else if p.Draft && !opts.Drafts {
			s.drafts++
		}
	}
	s.index = links.New(s.content, s.m.URLs, s.staticExists, lopts)
	if ss.keep {
		if ss.links != nil {
			s.index.KeepHeadings(ss.links)
		}
		ss.links = s.index
	}
}

// resolve converts the Markdown, resolving every reference, and checks
// what needs the whole site: anchors, taxonomies, aliases.
func (s *site) resolve() {
	s.progress("rendering markdown")
	s.renderMarkdown()
	s.compare()
	s.m.Backlinks = s.index.Backlinks()
	anchors := map[*content.Page]map[string]bool{}
	errs, warns := s.index.CheckAnchors(func(p *content.Page) map[string]bool {
		if _, ok := anchors[p]; !ok {
			anchors[p] = s.anchors(p)
		}
		return anchors[p]
	})
	s.list.Add(errs...)
	s.warnings.Add(warns...)
	s.m.Taxonomies = taxonomy.Build(s.m.Config.Taxonomies, s.m.Regular, s.m.Order, s.list)
	s.warnings.Add(taxonomy.NearDuplicates(s.m.Taxonomies)...)
	s.list.Add(model.CheckAliases(s.m.Pages)...)
	s.list.Add(s.m.CheckTranslations()...)
	s.list.Add(checkPersonaImages(s.m.Pages)...)
	s.list.Add(s.checkJourneys()...)
	if s.opts.Warn != nil {
		for _, d := range s.warnings.Sorted() {
			s.opts.Warn(d)
		}
	}
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

// anchors lists the IDs a page can be linked to with #: its headings, its
// journey figures and their stages.
func (s *site) anchors(p *content.Page) map[string]bool {
	return anchorIDs(s.m.Rendered[p])
}

// anchorIDs lists the IDs of a conversion's headings, journey figures and
// their stages.
func anchorIDs(res *markdown.Result) map[string]bool {
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
