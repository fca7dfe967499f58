package build

import (
	"slices"
	"sync"

	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/publish"
	"github.com/parcours/parcours/internal/search"
	"github.com/parcours/parcours/internal/search/analysis"
)

// searchDir is where the index is published.
const searchDir = "search/index/"

// writeSearch indexes every published regular page: from the session's
// last index, from the persistent cache's, or from scratch. It reads the
// cache's index and replaces the pages an edit changed while the views are
// made, and analyses the whole site only once viewsMade is closed: a
// one-off build's indexing of every page drops each page's text, which
// the reading time counts.
func (s *site) writeSearch(pub *publish.Publisher, viewsMade <-chan struct{}) error {
	keys := s.docKeys()
	var b *search.Builder
	if s.sess.keep {
		<-viewsMade
		docs := make([]*analysis.Analyzed, len(s.m.Regular))
		s.analyse(keys, nil, func(i int, x *analysis.Analyzed) { docs[i] = x })
		b = s.searchBuilder(docs)
	} else if r := s.restoreIndex(keys); r != nil {
		// The few pages an edit changed keep their text (analyse): their
		// analysis need not wait for the views.
		b = r.b
		if len(r.changed) > 0 {
			s.analyse(keys, r.changed, func(i int, x *analysis.Analyzed) { b.Replace(i, r.old[i], x) })
		}
	} else {
		<-viewsMade
		b = s.newSearchBuilder()
		s.analyse(keys, nil, func(_ int, x *analysis.Analyzed) { b.AddAnalyzed(x) })
	}
	files, err := b.Files()
	if err != nil {
		return err
	}
	// The index is left to the cache while its files are written.
	var stored sync.WaitGroup
	stored.Add(1)
	go func() {
		defer stored.Done()
		s.sess.storeIndex(s.siteKey, s.m.Regular, keys, b)
	}()
	defer stored.Wait()
	for _, f := range files {
		if err := pub.Put(searchDir+f.Path, "", f.Data); err != nil {
			return err
		}
	}
	return nil
}

// searchBuilder returns the session's builder holding docs: the last one
// with the changed documents replaced when the pages are the same as last
// time, a new one otherwise.
func (s *site) searchBuilder(docs []*analysis.Analyzed) *search.Builder {
	ss := s.sess
	pages := s.m.Regular
	rels := make([]string, len(pages))
	for i, p := range pages {
		rels[i] = p.Rel
	}
	if ss.index != nil && ss.indexKey == s.siteKey && slices.Equal(rels, ss.indexRels) {
		for i, d := range docs {
			if d != ss.indexDocs[i] {
				ss.index.Replace(i, ss.indexDocs[i], d)
			}
		}
		ss.indexDocs = docs
		return ss.index
	}
	b := s.newSearchBuilder()
	for _, d := range docs {
		b.AddAnalyzed(d)
	}
	ss.index, ss.indexDocs, ss.indexRels, ss.indexKey = b, docs, rels, s.siteKey
	return b
}

func (s *site) newSearchBuilder() *search.Builder {
	b := search.NewBuilder(s.m.Config.Language)
	b.SetFacetOrder("scopes", s.m.Config.Stages)
	return b
}

func (s *site) document(p *content.Page) analysis.Document {
	d := analysis.Document{
		// The script resolves result URLs against the index folder, which
		// makes relative URLs work from disk.
		URL: s.m.URLs.Href("/"+searchDir, p.URL), Title: p.Title, Kind: string(p.Kind), Lang: s.m.Lang(p),
		Description: p.Description, Client: p.Client,
		// A persona's facts are read like a case's quotes.
		Quotes:       slices.Concat(p.Quotes, []string{p.Role, p.Quote}, p.Goals, p.Frustrations, p.Needs, p.Channels),
		Deliverables: p.Deliverables, Tools: p.Tools,
		Remedies: content.Texts(p.Remedies), Verbatims: p.Verbatim,
		Facets: map[string][]string{"kind": {s.theme.T(s.m.Lang(p), "kind_"+string(p.Kind))}, "scopes": p.Scopes, "tools": p.Tools, "sectors": p.Terms("sectors")},
	}
	if !p.Date.IsZero() {
		d.Date = p.Date.Format("2006-01-02")
	}
	if res := s.m.Rendered[p]; res != nil {
		for _, sec := range res.Sections {
			if sec.Anchor == "" && sec.Heading == "" {
				d.Body = sec.Text
				continue
			}
			d.Sections = append(d.Sections, analysis.Section{Anchor: sec.Anchor, Heading: sec.Heading, Text: sec.Text})
		}
	}
	return d
}
