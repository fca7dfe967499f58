package render

import (
	"strconv"

	"github.com/parcours/parcours/internal/cache"
	"github.com/parcours/parcours/internal/content"
)

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
	k.num(site)
	k.str(layout, v.Path, v.Lang, v.Kind, v.Title, v.Description, strconv.FormatBool(v.NoIndex), v.Taxonomy, v.EditURL)
	k.num(uint64(v.Updated.UnixNano()), uint64(v.ReadingTime))
	for _, img := range []Image{v.Image, v.Logo} {
		k.str(img.URL)
		k.num(uint64(img.Width), uint64(img.Height))
	}
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
	k.pages(v.Personas)
	k.pages(v.Met)
	k.journeys(v.Journeys)
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
	k.reach(v.Reach)
	k.num(uint64(len(v.Ranking)))
	for _, r := range v.Ranking {
		k.pages([]*content.Page{r.Page})
		k.reach(r.Reach)
		k.num(uint64(len(r.Places)))
		for _, n := range r.Places {
			k.num(uint64(n))
		}
		k.num(uint64(len(r.Sectors)), uint64(len(r.Stages)))
		k.str(r.Sectors...)
		k.str(r.Stages...)
	}
	k.catalogue(v)
	if h := v.Heatmap; h != nil {
		k.journeys(h.Journeys)
		k.num(uint64(len(h.Rows)))
		for _, row := range h.Rows {
			k.pages([]*content.Page{row.Page})
			k.num(uint64(len(row.Cells)))
			for _, c := range row.Cells {
				k.num(uint64(c.Count))
				k.str(c.Anchor)
				k.str(c.Stages...)
			}
		}
	}
	k.num(uint64(len(v.OpportunityGroups)))
	for _, g := range v.OpportunityGroups {
		k.str(g.Quadrant)
		k.opportunities(g.Items)
	}
	if m := v.Lifecycle; m != nil {
		k.str(m.Stages...)
		k.lifeRows(m.Rows)
		k.lifeRows(m.Sectors)
	}
	k.num(uint64(len(v.Comparisons)))
	for _, c := range v.Comparisons {
		k.str(c.Title, c.Anchor)
		k.journeys([]JourneyRef{c.Current})
		k.num(uint64(len(c.Stages)))
		for _, d := range c.Stages {
			k.str(d.Name, d.Status, d.CurrentAnchor, d.TargetAnchor, strconv.FormatBool(d.HasCurrent), strconv.FormatBool(d.HasTarget))
			k.num(uint64(d.CurrentEmotion), uint64(d.TargetEmotion))
		}
		k.pages(c.Resolved)
		k.pages(c.Remaining)
		k.pages(c.Added)
		k.opportunities(c.Delivered)
	}
	for _, a := range v.Appearances {
		k.pages([]*content.Page{a.Page})
		k.str(a.Anchor, a.JourneyAnchor, a.Journey, a.Phase, a.Stage)
	}
	if m := v.Matrix; m != nil {
		k.str(m.Sectors...)
		k.str(m.Stages...)
		k.num(uint64(m.Lifecycle))
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
	h    cache.Hash
	card func(*content.Page) uint64
}

// str adds strings, each ended so that ("ab","c") and ("a","bc") differ.
func (k *keyer) str(ss ...string) { k.h.Strings(ss...) }

// num adds numbers; keys are hashed by the ten thousand on a rebuild,
// where fmt's formatting showed in profiles.
func (k *keyer) num(ns ...uint64) { k.h.Numbers(ns...) }

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

func (k *keyer) journeys(js []JourneyRef) {
	k.num(uint64(len(js)))
	for _, j := range js {
		k.pages([]*content.Page{j.Page})
		k.str(j.Anchor, j.Title)
	}
}

func (k *keyer) opportunities(os []OpportunityRef) {
	k.num(uint64(len(os)))
	for _, o := range os {
		k.pages([]*content.Page{o.Page})
		k.pages(o.Relieves)
		k.str(o.Anchor, o.Where, o.Text, o.Status)
		k.num(uint64(o.Impact), uint64(o.Effort), uint64(o.Line), uint64(o.Col), uint64(len(o.Irritants)))
		for _, r := range o.Irritants {
			k.str(r.Text)
			k.num(uint64(r.Line), uint64(r.Col))
		}
	}
}

// page adds a page that may be nil (a sector's row of the lifecycle map,
// an empty cell).
func (k *keyer) page(p *content.Page) {
	if p == nil {
		k.num(0)
		return
	}
	k.pages([]*content.Page{p})
}

func (k *keyer) lifeRows(rows []LifeRow) {
	k.num(uint64(len(rows)))
	for _, r := range rows {
		k.str(r.Title, r.Anchor)
		k.page(r.Page)
		k.num(uint64(len(r.Cells)))
		for _, c := range r.Cells {
			k.num(uint64(c.Stages), uint64(c.Irritants), uint64(c.MomentsOfTruth), uint64(c.Mean))
			k.str(strconv.FormatBool(c.HasMean), c.Anchor)
			k.page(c.Page)
		}
	}
}

func (k *keyer) reach(r Reach) { k.num(uint64(r.Journeys), uint64(r.Stages), uint64(r.Pages)) }

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
