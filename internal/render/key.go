package render

import (
	"encoding/binary"
	"hash/maphash"
	"strconv"

	"github.com/parcours/parcours/internal/content"
)

// KeySeed seeds the hashes that identify inputs between builds of one
// process.
var KeySeed = maphash.MakeSeed()

// Key identifies what a layout can show of v: two views with the same Key,
// rendered by the same theme (whose Key is in site), give the same bytes,
// so the dev server reuses the earlier rendering. site covers what every
// page shares (config, options, theme, assets: v.Site); card identifies
// what is shown of a page (title, summary, its converted Markdown, which
// covers v.Content and v.TOC).
//
// Every field of View and of the types it holds is hashed here or is named
// in TestViewKeyCoversEveryField as covered another way: a field added
// without either fails that test, rather than make serve show stale pages.
func (v *View) Key(layout string, site uint64, card func(*content.Page) uint64) uint64 {
	k := keyer{card: card}
	k.h.SetSeed(KeySeed)
	k.num(site)
	k.str(layout, v.Path, v.Lang, v.Kind, v.Title, v.Description, strconv.FormatBool(v.NoIndex), v.Taxonomy, v.EditURL)
	k.num(uint64(v.Updated.UnixNano()), uint64(v.ReadingTime))
	if v.Page != nil {
		k.pages([]*content.Page{v.Page})
	}
	k.num(uint64(len(v.Content)))
	k.pages(v.Backlinks)
	k.pages(v.Irritants)
	k.pages(v.Items)
	k.pages([]*content.Page{v.PrevPage, v.NextPage})
	k.num(uint64(len(v.Translations)))
	for _, t := range v.Translations {
		k.str(t.Lang, t.Name, t.URL, t.Title)
	}
	k.num(uint64(len(v.Breadcrumbs)))
	for _, c := range v.Breadcrumbs {
		k.str(c.Name, c.URL)
	}
	k.pages(v.LatestCases)
	k.pages(v.LatestGuides)
	k.pages(v.TopIrritants)
	k.pages([]*content.Page{v.FeaturedJourney})
	k.str(v.FeaturedMap)
	k.pages(v.CitedBy)
	k.pages(v.Related)
	k.groups(v.StageGroups)
	k.groups(v.BySector)
	k.groups(v.ByStage)
	k.groups(v.SiteMap)
	for _, g := range v.Terms {
		k.str(g.Taxonomy, g.Label)
		k.terms(g.Terms)
	}
	k.terms(v.TermList)
	if v.Pager != nil {
		k.num(uint64(v.Pager.Number), uint64(v.Pager.Total))
		k.str(v.Pager.Prev, v.Pager.Next)
		k.str(v.Pager.Pages...)
	}
	for _, a := range v.Appearances {
		k.pages([]*content.Page{a.Page})
		k.str(a.Anchor, a.Journey, a.Phase, a.Stage)
	}
	if m := v.Matrix; m != nil {
		k.str(m.Sectors...)
		k.str(m.Stages...)
		for _, row := range m.Cells {
			for _, c := range row {
				k.num(uint64(c.Count))
				k.str(c.URL)
			}
		}
	}
	return k.h.Sum64()
}

// keyer hashes the inputs of one output file.
type keyer struct {
	h    maphash.Hash
	card func(*content.Page) uint64
}

// str adds strings, each ended so that ("ab","c") and ("a","bc") differ.
func (k *keyer) str(ss ...string) { HashStrings(&k.h, ss...) }

func (k *keyer) num(ns ...uint64) { HashNumbers(&k.h, ns...) }

func (k *keyer) pages(ps []*content.Page) {
	k.num(uint64(len(ps)))
	for _, p := range ps {
		if p == nil {
			k.num(0)
			continue
		}
		k.num(k.card(p))
	}
}

func (k *keyer) groups(gs []Group) {
	k.num(uint64(len(gs)))
	for _, g := range gs {
		k.str(g.Name, g.URL)
		k.num(uint64(g.Count))
		k.pages(g.Pages)
	}
}

func (k *keyer) terms(ts []Term) {
	k.num(uint64(len(ts)))
	for _, t := range ts {
		k.str(t.Name, t.URL)
		k.num(uint64(t.Count))
	}
}

// HashStrings adds strings to a hash, each ended so that ("ab","c") and
// ("a","bc") differ.
func HashStrings(h *maphash.Hash, ss ...string) {
	for _, x := range ss {
		h.WriteString(x)
		h.WriteByte(0)
	}
}

// HashNumbers adds numbers to a hash; keys are hashed by the ten thousand
// on a rebuild, where fmt's formatting showed in profiles.
func HashNumbers(h *maphash.Hash, ns ...uint64) {
	var b [8]byte
	for _, n := range ns {
		binary.LittleEndian.PutUint64(b[:], n)
		h.Write(b[:])
	}
}
