package build

import (
	"fmt"
	"io/fs"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/parcours/parcours/internal/cache"
	"github.com/parcours/parcours/internal/collation"
	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/links"
	"github.com/parcours/parcours/internal/markdown"
	"github.com/parcours/parcours/internal/output"
	"github.com/parcours/parcours/internal/publish"
	"github.com/parcours/parcours/internal/render"
	"github.com/parcours/parcours/internal/search"
	"github.com/parcours/parcours/internal/search/analysis"
)

// Session builds the same site again and again, as the dev server does.
//
// Every build runs the whole pipeline, but each costly step is keyed by a
// hash of everything it reads, and a step whose key is unchanged reuses the
// earlier result: a page's Markdown is converted again only when its bytes
// or what its references resolve against changed; a file is rendered again
// only when something its view shows changed (a page it lists, a backlink,
// a title); a page is analysed for search again only when it changed. So an
// edit re-renders what it affects, and the output always equals what a
// fresh build of the same input gives, byte for byte.
type Session struct {
	opts   Options
	keep   bool
	loader content.Loader
	conv   map[string]convEntry   // by page Rel
	files  publish.Cache          // the files of the last build
	docs   map[string]searchEntry // by page Rel
	// The search index of the last build, its documents and pages.
	index     *search.Builder
	indexDocs []*analysis.Analyzed
	indexRels []string
	indexKey  uint64
	// The last build's theme, reused while its files are unchanged.
	theme *render.Theme
	// The search analyzers, which remember the words they have stemmed.
	analyzers    []*analysis.Analyzer
	analyzerLang string
	// store is the persistent cache of a one-off build (Options.Cache),
	// read where the session holds nothing.
	store *cache.Store
	// misnamed are the warnings of each page's frontmatter keys, which
	// depend on the page alone.
	misnamed map[*content.Page][]diag.Diagnostic
	// collation is the last build's order of titles, which remembers the
	// sort key of every title it compared.
	collation *collation.Order
	collLang  string
	// links is the last build's index, whose pages' headings are kept.
	links *links.Index
	// last is the last build when it succeeded, which the next one
	// updates when only pages' bodies changed (site.again), as far as
	// contentOnly (the watcher named files under content/ alone) lets it
	// know.
	last        *site
	contentOnly bool
}

type convEntry struct {
	key       uint64
	res       *markdown.Result
	diags     []diag.Diagnostic
	rec       links.Recorded
	irritants []string // Rel of each irritant the frontmatter names
	personas  personaRels
	// refDiags are the problems of the references resolved after the
	// conversion: frontmatter irritants, personas, and the irritants
	// opportunities relieve.
	refDiags []diag.Diagnostic
	// words counts the text's words, for the reading time.
	words int
}

type searchEntry struct {
	key uint64
	doc *analysis.Analyzed
}

// NewSession returns a session that remembers its builds.
func NewSession(opts Options) *Session {
	return &Session{opts: opts, keep: true}
}

// Build runs the pipeline into w.
func (ss *Session) Build(w output.Writer) (Stats, error) {
	return run(ss, w)
}

// Changed tells the next Build which files under the root (slash-separated
// paths from it) may have changed since the last one, as the dev server's
// watcher knows them; without it, or with nil, Build looks at every file.
// Only the content folder makes use of it (content.Loader.Changed).
func (ss *Session) Changed(paths []string) {
	ss.contentOnly = false
	if paths == nil {
		ss.loader.Changed(nil)
		return
	}
	rels := []string{}
	for _, p := range paths {
		if rel, ok := strings.CutPrefix(p, content.Dir+"/"); ok {
			rels = append(rels, rel)
		} else if p == content.Dir {
			// The folder itself: not a file of the last walk, so the
			// loader walks again.
			rels = append(rels, ".")
		}
	}
	ss.contentOnly = len(rels) == len(paths)
	ss.loader.Changed(rels)
}

// order is the collation of lang, the last build's while the language is
// the same: computing every title's sort key again was a rebuild's largest
// share of sorting.
func (ss *Session) order(lang string) *collation.Order {
	if ss.collation != nil && ss.collLang == lang {
		return ss.collation
	}
	o := collation.For(lang)
	if ss.keep {
		ss.collation, ss.collLang = o, lang
	}
	return o
}

// warnMisnamed gives a page's misnamed frontmatter keys, from the last
// build when the page is the same.
func (s *site) warnMisnamed() {
	var kept map[*content.Page][]diag.Diagnostic
	if s.sess.keep {
		kept = make(map[*content.Page][]diag.Diagnostic, len(s.content.Pages))
	}
	for _, p := range s.content.Pages {
		ds, ok := s.sess.misnamed[p]
		if !ok {
			ds = content.Misnamed(p)
		}
		s.warnings.Add(ds...)
		if kept != nil {
			kept[p] = ds
		}
	}
	s.sess.misnamed = kept
}

// convKey identifies a page's Markdown conversion: its bytes, the lanes
// its journeys may fill, the index its references resolve against, and the
// theme that draws its journeys.
func (s *site) convKey(p *content.Page) uint64 {
	var h cache.Hash
	h.Strings(p.Rel, s.m.Lang(p), strconv.FormatBool(s.m.Config.UnsafeHTML), fmt.Sprint(s.m.Config.Journey))
	h.Numbers(p.Hash, s.index.Key(), s.staticKey, s.theme.Key)
	return h.Sum64()
}

// computeStaticKey hashes the names of the static files, which links to
// /files are checked against.
func (s *site) computeStaticKey() {
	var h cache.Hash
	for _, layer := range append(append([]fs.FS(nil), s.theme.Static()...), s.static) {
		_ = fs.WalkDir(layer, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				h.WriteString(p)
				h.WriteByte(0)
			}
			return nil
		})
		h.WriteByte(1)
	}
	s.staticKey = h.Sum64()
}

// convert renders one page's Markdown, or takes it from the last build.
func (s *site) convert(p *content.Page) (convEntry, bool) {
	key := s.convKey(p)
	if e, ok := s.sess.conv[p.Rel]; ok && e.key == key && !s.index.Stale(e.rec) {
		return e, true
	}
	if e, ok := s.sess.storedConv(p.Rel, key); ok && !s.index.Stale(e.rec) {
		s.sess.store.Keep(kindConv, p.Rel)
		return e, true
	}
	r := s.index.For(p)
	if s.probing {
		r = s.index.Probe(p)
	}
	res, ds := s.conv.Convert(markdown.Page{Path: p.Path, Body: p.Body, BodyLine: p.BodyLine, Lang: s.m.Lang(p)}, r)
	irr, refDiags := r.Irritants()
	pers, perDiags := resolvePersonas(r, p, res)
	refDiags = append(append(refDiags, perDiags...), resolveRelieved(r, p, res)...)
	e := convEntry{key: key, res: res, diags: ds, personas: pers, refDiags: refDiags, words: countWords(res)}
	e.rec = r.Recorded()
	for _, q := range irr {
		e.irritants = append(e.irritants, q.Rel)
	}
	s.sess.storeConv(p.Rel, e)
	return e, false
}

// card identifies what other pages show of p (title, summary, date…):
// its frontmatter, its title, and of its conversion what lists and
// aggregates read: the summary, the irritants and personas it names, and,
// when it holds journeys (which heatmaps, maps and comparisons draw), the
// whole conversion. The body itself is left out unless a template names a
// field that only the body decides (render.Theme.ReadsBody), so that an
// edit to a page's prose re-renders that page, not every list holding it.
func (s *site) card(p *content.Page) uint64 {
	if k, ok := s.cards[p]; ok {
		return k
	}
	var h cache.Hash
	h.Strings(p.Rel, p.Path, p.URL, p.Title)
	h.Numbers(p.FrontHash)
	if s.theme.ReadsBody {
		h.Numbers(p.Hash)
	}
	if e, ok := s.convs[p]; ok {
		if len(e.res.Attached) > 0 || s.theme.ReadsBody {
			h.Numbers(e.key)
		}
		h.Strings(e.res.Summary, e.personas.page)
		h.Strings(e.personas.journeys...)
		h.Strings(e.irritants...)
	}
	return h.Sum64()
}

// cardsKey identifies the site's configuration and every published page
// as lists show it, in order: what the site-wide files read. It is 0, no
// key, in a build that reuses nothing.
func (s *site) cardsKey() uint64 {
	if !s.sess.keep && s.sess.store == nil {
		return 0
	}
	var h cache.Hash
	h.Numbers(s.siteKey)
	for _, p := range s.m.Pages {
		h.Numbers(s.card(p))
	}
	return h.Sum64()
}

// own identifies p as its own outputs and search document show it: its
// card and its whole conversion.
func (s *site) own(p *content.Page) uint64 {
	var h cache.Hash
	h.Numbers(s.card(p))
	if e, ok := s.convs[p]; ok {
		h.Numbers(e.key)
	}
	return h.Sum64()
}

// exportKey identifies a journey export: the page's conversion, and that
// of the page of the current journey a target's table carries (also, or
// nil).
func (s *site) exportKey(p, also *content.Page, ext string) uint64 {
	var h cache.Hash
	h.Numbers(s.siteKey, s.own(p))
	if also != nil {
		h.Numbers(s.own(also))
	}
	h.Strings(ext)
	return h.Sum64()
}

// computeSiteKey hashes what every output depends on: the configuration,
// the options, the theme and the published assets.
func (s *site) computeSiteKey(rs *render.Site) {
	var h cache.Hash
	fmt.Fprintf(&h, "%+v\x00%+v\x00%d\x00", s.m.Config, optsKey(s.opts), s.theme.Key)
	names := make([]string, 0, len(rs.Assets))
	for n := range rs.Assets {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&h, "%s=%+v\x00", n, rs.Assets[n])
	}
	s.siteKey = h.Sum64()
}

// optsKey leaves out what does not change the output. Functions go too:
// fmt prints them as addresses, which would tell two runs apart.
func optsKey(o Options) Options {
	o.Progress, o.Warn, o.Cache = nil, nil, ""
	return o
}

// docKeys identifies each published page's search document: the site
// and what the page shows of itself.
func (s *site) docKeys() []uint64 {
	keys := make([]uint64, len(s.m.Regular))
	for i, p := range s.m.Regular {
		var h cache.Hash
		h.Numbers(s.siteKey, s.own(p))
		keys[i] = h.Sum64()
	}
	return keys
}

// analyse prepares the search document of the published pages numbered
// todo (nil: every one), on every core, reusing the analysis of pages
// whose key is unchanged, and hands them to emit in page order. It works
// through the pages in batches so that a one-off build holds only a batch
// of analysed pages at a time, and drops the text of each, which the
// caller then analyses after the views; the few pages of todo keep it.
func (s *site) analyse(keys []uint64, todo []int, emit func(i int, x *analysis.Analyzed)) {
	pages := s.m.Regular
	whole := todo == nil
	if whole {
		todo = make([]int, len(pages))
		for i := range todo {
			todo[i] = i
		}
	}
	// One Analyzer per core: each learns the site's vocabulary, stemming
	// every word once. The dev server keeps them, so that a rebuild does
	// not stem the edited page's words again.
	const batch = 512
	workers := runtime.GOMAXPROCS(0)
	analyzers := s.sess.analyzers
	if len(analyzers) != workers || s.sess.analyzerLang != s.m.Config.Language {
		analyzers = make([]*analysis.Analyzer, workers)
		for w := range analyzers {
			analyzers[w] = analysis.NewAnalyzer(s.m.Config.Language)
		}
	}
	if s.sess.keep {
		s.sess.analyzers, s.sess.analyzerLang = analyzers, s.m.Config.Language
	}
	var docs map[string]searchEntry
	if s.sess.keep {
		docs = make(map[string]searchEntry, len(pages))
	}
	out := make([]*analysis.Analyzed, batch)
	for lo := 0; lo < len(todo); lo += batch {
		hi := min(lo+batch, len(todo))
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for k := lo + w; k < hi; k += workers {
					i := todo[k]
					p := pages[i]
					if e, ok := s.sess.docs[p.Rel]; ok && e.key == keys[i] {
						out[k-lo] = e.doc
						continue
					}
					if d, ok := s.sess.storedDoc(p.Rel, keys[i]); ok {
						out[k-lo] = d
						continue
					}
					out[k-lo] = analyzers[w].Analyze(s.document(p))
					s.sess.storeDoc(p.Rel, keys[i], out[k-lo])
					if !s.sess.keep && whole {
						// The page's text is indexed; a one-off build
						// needs it no more once its view is made.
						s.m.Rendered[p].Sections = nil
					}
				}
			}(w)
		}
		wg.Wait()
		for k := lo; k < hi; k++ {
			i := todo[k]
			emit(i, out[k-lo])
			if docs != nil {
				docs[pages[i].Rel] = searchEntry{key: keys[i], doc: out[k-lo]}
			}
			out[k-lo] = nil
		}
	}
	if docs != nil {
		s.sess.docs = docs
	}
}
