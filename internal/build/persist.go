package build

import (
	"maps"
	"math"
	"slices"
	"strconv"

	"github.com/parcours/parcours/internal/cache"
	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/links"
	"github.com/parcours/parcours/internal/markdown"
	"github.com/parcours/parcours/internal/output"
	"github.com/parcours/parcours/internal/publish"
	"github.com/parcours/parcours/internal/search"
	"github.com/parcours/parcours/internal/search/analysis"
)

// The kinds of record the persistent cache holds: a page's frontmatter,
// its conversion and its search document, by page Rel. Published files are publish's, by
// output name.
const (
	kindPage = "page"
	kindConv = "conv"
	kindDoc  = "doc"
	kindOut  = "output"
	// kindIndex is the search index's builder (search.Builder.AppendState):
	// its head under the site key, with each document's page and key, and
	// its parts (indexPart).
	kindIndex = "index"
)

// replacing is an output that replaces the one a previous build wrote,
// and can keep files of it (output.Disk).
type replacing interface {
	publish.Keeper
	ID() string
	Previous() string
}

// previousOutput returns the output w replaces when it is the one the
// cache's published files were written to, so that unchanged files are
// kept in it; nil otherwise. The cache records w's id for the next
// build, which is the output's own only if this build's output is
// committed.
func (ss *Session) previousOutput(w output.Writer) publish.Keeper {
	r, ok := w.(replacing)
	if !ok {
		return nil
	}
	_, id, found := ss.store.Get(kindOut, "")
	ss.store.Put(kindOut, "", 0, []byte(r.ID()))
	if !found || r.Previous() == "" || string(id) != r.Previous() {
		return nil
	}
	return r
}

// storedPages is the persistent cache as the content loader reads it: a
// file's parsed page, by path from content/.
type storedPages struct{ s *cache.Store }

func (sp storedPages) Get(rel string) (uint64, []byte, bool) { return sp.s.Get(kindPage, rel) }
func (sp storedPages) Keep(rel string)                       { sp.s.Keep(kindPage, rel) }
func (sp storedPages) Put(rel string, key uint64, data []byte) {
	sp.s.Put(kindPage, rel, key, data)
}

// storedConv returns the conversion the persistent cache holds for rel
// under key.
func (ss *Session) storedConv(rel string, key uint64) (convEntry, bool) {
	if ss.store == nil {
		return convEntry{}, false
	}
	k, data, ok := ss.store.Get(kindConv, rel)
	if !ok || k != key {
		return convEntry{}, false
	}
	e, err := decodeConv(data)
	if err != nil {
		return convEntry{}, false
	}
	e.key = key
	return e, true
}

// storeConv leaves a conversion to the next build. A page holding journeys
// (what extensions attach) or naming personas is converted again each
// time: a journey is a whole model of its own (stages, lanes, layout),
// which is not worth a format of its own.
func (ss *Session) storeConv(rel string, e convEntry) {
	if ss.store == nil || len(e.res.Attached) > 0 || e.personas.page != "" || len(e.personas.journeys) > 0 {
		return
	}
	var enc cache.Encoder
	r := e.res
	enc.String(r.HTML)
	enc.Uint(uint64(len(r.Headings)))
	for _, h := range r.Headings {
		enc.Int(h.Level)
		enc.String(h.ID)
		enc.String(h.Text)
	}
	enc.Uint(uint64(len(r.Sections)))
	for _, sec := range r.Sections {
		enc.String(sec.Anchor)
		enc.String(sec.Heading)
		enc.String(sec.Text)
	}
	enc.String(r.Summary)
	encodeDiags(&enc, r.Warnings)
	encodeDiags(&enc, e.diags)
	e.rec.Encode(&enc)
	enc.Strings(e.irritants)
	encodeDiags(&enc, e.refDiags)
	enc.Int(e.words)
	ss.store.Put(kindConv, rel, e.key, enc.B)
}

func decodeConv(data []byte) (convEntry, error) {
	d := cache.NewDecoder(data)
	r := &markdown.Result{HTML: d.String()}
	for n := d.Len(); n > 0 && d.Err() == nil; n-- {
		r.Headings = append(r.Headings, markdown.Heading{Level: d.Int(), ID: d.String(), Text: d.String()})
	}
	for n := d.Len(); n > 0 && d.Err() == nil; n-- {
		r.Sections = append(r.Sections, markdown.Section{Anchor: d.String(), Heading: d.String(), Text: d.String()})
	}
	r.Summary = d.String()
	r.Warnings = decodeDiags(d)
	e := convEntry{res: r, diags: decodeDiags(d)}
	e.rec = links.DecodeRecorded(d)
	e.irritants = d.Strings()
	e.refDiags = decodeDiags(d)
	e.words = d.Int()
	return e, d.Done()
}

func encodeDiags(e *cache.Encoder, ds []diag.Diagnostic) {
	e.Uint(uint64(len(ds)))
	for _, x := range ds {
		e.String(x.Path)
		e.Int(x.Line)
		e.Int(x.Col)
		e.String(x.Msg)
		e.String(x.Kind)
	}
}

func decodeDiags(d *cache.Decoder) []diag.Diagnostic {
	var ds []diag.Diagnostic
	for n := d.Len(); n > 0 && d.Err() == nil; n-- {
		ds = append(ds, diag.Diagnostic{Path: d.String(), Line: d.Int(), Col: d.Int(), Msg: d.String(), Kind: d.String()})
	}
	return ds
}

// storedDoc returns the search document the persistent cache holds for
// rel under key, and keeps it for the next build.
func (ss *Session) storedDoc(rel string, key uint64) (*analysis.Analyzed, bool) {
	if ss.store == nil {
		return nil, false
	}
	k, data, ok := ss.store.Get(kindDoc, rel)
	if !ok || k != key {
		return nil, false
	}
	x, err := decodeDoc(data)
	if err != nil {
		return nil, false
	}
	ss.store.Keep(kindDoc, rel)
	return x, true
}

// storedIndex is the search index the last build left in the cache,
// with the documents it holds of the pages whose key changed since, which
// Replace takes out.
type storedIndex struct {
	b       *search.Builder
	changed []int
	old     map[int]*analysis.Analyzed
}

// restoreIndex reads the last build's search index when it indexed the
// same pages in the same order under the same site key; nil otherwise,
// or when so many changed that adding every document costs less. The
// documents of the other pages are kept for the next build without being
// read.
func (s *site) restoreIndex(keys []uint64) *storedIndex {
	st := s.sess.store
	if st == nil {
		return nil
	}
	k, data, ok := st.Get(kindIndex, "")
	if !ok || k != s.siteKey {
		return nil
	}
	pages := s.m.Regular
	d := cache.NewDecoder(data)
	if d.Len() != len(pages) {
		return nil
	}
	r := &storedIndex{old: map[int]*analysis.Analyzed{}}
	for i, p := range pages {
		rel, key := d.String(), d.Uint64()
		if rel != p.Rel || d.Err() != nil {
			return nil
		}
		if key == keys[i] {
			continue
		}
		k, data, ok := st.Get(kindDoc, rel)
		if !ok || k != key || len(r.changed) >= len(pages)/4+1 {
			return nil
		}
		x, err := decodeDoc(data)
		if err != nil {
			return nil
		}
		r.changed = append(r.changed, i)
		r.old[i] = x
	}
	var err error
	r.b, err = search.Restore(d, func(i int) ([]byte, bool) {
		_, data, ok := st.Get(kindIndex, indexPart(i))
		return data, ok
	})
	if err != nil {
		return nil
	}
	for i, p := range pages {
		if _, ok := r.old[i]; !ok {
			st.Keep(kindDoc, p.Rel)
		}
	}
	return r
}

// storeIndex leaves the search index to the next build.
func (ss *Session) storeIndex(key uint64, pages []*content.Page, keys []uint64, b *search.Builder) {
	if ss.store == nil {
		return
	}
	var e cache.Encoder
	e.Uint(uint64(len(pages)))
	for i, p := range pages {
		e.String(p.Rel)
		e.Uint64(keys[i])
	}
	st, n := ss.store, 0
	ok := b.AppendState(&e, func(data []byte, sum uint64) {
		name := indexPart(n)
		n++
		if k, size, ok := st.Size(kindIndex, name); ok && k == sum && size == len(data) {
			st.Keep(kindIndex, name)
			return
		}
		st.Put(kindIndex, name, sum, data)
	})
	if ok {
		st.Put(kindIndex, "", key, e.B)
	}
}

// indexPart names the i-th part of the search index's state: its record
// has the sum of its bytes as key, so that a part that came out the same
// is kept rather than written again.
func indexPart(i int) string { return strconv.Itoa(i) }

// storeDoc leaves a page's search document to the next build.
func (ss *Session) storeDoc(rel string, key uint64, x *analysis.Analyzed) {
	if ss.store == nil {
		return
	}
	var e cache.Encoder
	e.String(x.URL)
	e.String(x.Title)
	e.Strings(x.Terms)
	for _, w := range x.Weights {
		e.Uint64(uint64(math.Float32bits(w.Short)))
		e.Int(int(w.Text))
		e.Int(int(w.Loc))
	}
	e.Strings(x.Entry)
	e.Int(x.TextLen)
	facets := slices.Sorted(maps.Keys(x.Facets))
	e.Strings(facets)
	for _, f := range facets {
		e.Strings(x.Facets[f])
	}
	ss.store.Put(kindDoc, rel, key, e.B)
}

func decodeDoc(data []byte) (*analysis.Analyzed, error) {
	d := cache.NewDecoder(data)
	x := &analysis.Analyzed{URL: d.String(), Title: d.String(), Terms: d.Strings()}
	if len(x.Terms) > 0 {
		x.Weights = make([]analysis.Weight, len(x.Terms))
	}
	for i := range x.Weights {
		x.Weights[i] = analysis.Weight{Short: math.Float32frombits(uint32(d.Uint64())), Text: int32(d.Int()), Loc: int32(d.Int())}
	}
	x.Entry = d.Strings()
	x.TextLen = d.Int()
	facets := d.Strings()
	if facets != nil {
		x.Facets = make(map[string][]string, len(facets))
	}
	for _, f := range facets {
		x.Facets[f] = d.Strings()
	}
	return x, d.Done()
}
