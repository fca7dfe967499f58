package build

import (
	"reflect"
	"slices"

	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/output"
	"github.com/parcours/parcours/internal/publish"
)

// again turns o, the last build of a session, into the build of n, loaded
// since, when the edits between them changed the bodies of pages and
// nothing that decides what other outputs hold: each edited page's
// fields, references and problems are what they were, and the anchors
// naming it still hold; its summary may have changed. It converts the
// edited pages, renders their own outputs again and, when a summary
// changed, the lists showing it (shown), and writes every other file from
// the last build, without the passes over the whole site a full build
// makes (the index, anchors, taxonomies, lists, views and keys), which
// were most of a rebuild's time at 10,000 pages.
//
// ok is false when it cannot show that, and o is then left as it was: the
// caller builds n in full.
func (o *site) again(n *site, w output.Writer) (pub *publish.Publisher, ok bool, err error) {
	edits, ok := o.edits(n)
	if !ok {
		return nil, false, nil
	}
	type undo struct {
		page content.Page
		conv convEntry
		card uint64
	}
	var undos []undo
	// cardChanged holds the edited pages whose card changed (their
	// summary), which the lists showing them render again.
	cardChanged := map[*content.Page]bool{}
	revert := func() {
		for i, u := range undos {
			p := edits[i].old
			*p, o.convs[p], o.cards[p] = u.page, u.conv, u.card
			o.index.Forget(p)
		}
	}
	// The edited page takes the place of the one the last build's model
	// holds everywhere, so the new bytes go into that page.
	o.probing = true
	defer func() { o.probing = false }()
	for i, e := range edits {
		p := e.old
		undos = append(undos, undo{page: *p, conv: o.convs[p], card: o.cards[p]})
		*p = *e.new
		// Its own links to its headings resolve against its new body.
		o.index.Forget(p)
		conv, _ := o.convert(p)
		o.convs[p] = conv
		delete(o.cards, p)
		card := o.card(p)
		o.cards[p] = card
		// A list's text also decides how paginate describes it.
		recarded := card != undos[i].card
		if !undos[i].conv.sameOutside(conv) || recarded && p.IsList() || o.warnedAt(p.Path) ||
			!o.index.Holds(p, anchorIDs(conv.res)) {
			revert()
			return nil, false, nil
		}
		if recarded {
			cardChanged[p] = true
		}
	}

	edited := map[*content.Page]bool{}
	for _, e := range edits {
		p := e.old
		edited[p] = true
		conv := o.convs[p]
		o.m.Rendered[p], o.m.Words[p] = conv.res, conv.words
		o.rs.Summaries[p] = o.m.Summary(p)
		o.sess.conv[p.Rel] = conv
		o.sess.loader.Adopt(p)
	}
	if o.opts.Warn != nil {
		for _, d := range o.warnings.Sorted() {
			o.opts.Warn(d)
		}
	}
	o.progress("rendering pages")
	jobs := slices.Clone(o.jobs)
	for i, out := range o.outs {
		v := out.View
		switch {
		case v == nil:
		case edited[v.Page]:
			o.m.Reconverted(v)
			if cardChanged[v.Page] {
				o.m.Describe(v)
			}
			jobs[i] = o.pageJob(out, i)
		case len(cardChanged) > 0 && slices.ContainsFunc(o.shown[i], func(p *content.Page) bool { return cardChanged[p] }):
			// A list showing an edited page's card: its view reads the
			// card when rendered, its key is made again.
			jobs[i] = o.pageJob(out, i)
		}
	}
	if len(cardChanged) > 0 {
		key := o.cardsKey()
		for i := o.siteFrom; i < len(jobs); i++ {
			jobs[i].Key = key
		}
	}
	o.jobs = jobs
	pub = publish.New(w, o.opts.Minify, &o.sess.files)
	// The search index is the longest part: it starts first.
	viewsMade := make(chan struct{})
	close(viewsMade)
	searchDone := make(chan error, 1)
	go func() { searchDone <- o.writeSearch(pub, viewsMade) }()
	// The site's static files are as they were (n.staticKey has their
	// names, the watcher would have named any of them): written again.
	if _, err := o.assets(pub); err != nil {
		<-searchDone
		return nil, true, err
	}
	return pub, true, finish(pub, jobs, searchDone)
}

// edit is a page of the last build and the same file loaded again.
type edit struct{ old, new *content.Page }

// edits lists the pages n loaded again with other bytes than o's, when
// their fields are the same and nothing else o was built from changed: the
// configuration, the theme, the static files' names, the content's other
// files, the pages themselves (the loader gives an unchanged file's page
// again). Git's dates are read in full builds only.
func (o *site) edits(n *site) ([]edit, bool) {
	if n.list.Len() > 0 || n.theme != o.theme || n.staticKey != o.staticKey ||
		n.m.Config.EnableGitInfo || !reflect.DeepEqual(n.m.Config, o.m.Config) {
		return nil, false
	}
	a, b := o.content, n.content
	if len(a.Pages) != len(b.Pages) || !slices.Equal(a.Files, b.Files) || !slices.Equal(a.Hidden, b.Hidden) {
		return nil, false
	}
	var edits []edit
	for i, p := range a.Pages {
		q := b.Pages[i]
		if p == q {
			continue
		}
		if _, converted := o.convs[p]; !converted || !sameButBody(p, q) {
			return nil, false
		}
		edits = append(edits, edit{p, q})
	}
	return edits, true
}

// sameButBody reports whether two loads of a file differ only by the body.
func sameButBody(p, q *content.Page) bool {
	a, b := *p, *q
	a.Body, a.Hash, b.Body, b.Hash = nil, 0, nil, 0
	return reflect.DeepEqual(a, b)
}

// sameOutside reports whether a page's conversion shows the same to other
// pages as e did: the references it leaves in the index, the irritants and
// personas it names, no journey (which other pages draw) and no problem.
// Its headings may change as long as the anchors naming them hold
// (links.Index.Holds).
func (e convEntry) sameOutside(f convEntry) bool {
	quiet := func(c convEntry) bool {
		return len(c.diags)+len(c.refDiags)+len(c.res.Warnings)+len(c.res.Attached) == 0
	}
	return quiet(e) && quiet(f) && e.rec.Same(f.rec) && slices.Equal(e.irritants, f.irritants) &&
		reflect.DeepEqual(e.personas, f.personas)
}

// warnedAt reports whether the last build let a problem of the file
// through: where it is told may have moved with the edit.
func (o *site) warnedAt(path string) bool {
	return slices.ContainsFunc(o.warnings.Sorted(), func(d diag.Diagnostic) bool { return d.Path == path })
}
