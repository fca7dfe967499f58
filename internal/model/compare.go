package model

import (
	"slices"

	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/journey"
	"github.com/parcours/parcours/internal/render"
)

// Compared is a target journey of a page (its index among the page's
// journeys) and the current journey it improves, in Page.
type Compared struct {
	Target  int
	Page    *content.Page
	Current int
}

// comparisons lays out what each target journey of a page changes from
// its current one.
func (s *Site) comparisons(p *content.Page, irritant func(string) *content.Page) []render.Comparison {
	var out []render.Comparison
	for _, c := range s.Compares[p] {
		t := journey.In(s.Rendered[p])[c.Target]
		cur := journey.In(s.Rendered[c.Page])[c.Current]
		out = append(out, compare(p, t, c.Page, cur, irritant))
	}
	return out
}

// compare matches the target's stages with the current's by Stage.Key
// (id, else the name's slug), and lists the irritants and opportunities that change.
func compare(tp *content.Page, t *journey.Block, cp *content.Page, cur *journey.Block, irritant func(string) *content.Page) render.Comparison {
	cmp := render.Comparison{
		Title: t.Title, Anchor: t.Anchor(),
		Current: render.JourneyRef{Page: cp, Anchor: cur.Anchor(), Title: cur.Title},
	}
	curStages := stagesOf(cur.Journey)
	matched := make([]bool, len(curStages))
	find := func(s *journey.Stage) int {
		for i, c := range curStages {
			if !matched[i] && c.Key == s.Key {
				return i
			}
		}
		return -1
	}
	for _, s := range stagesOf(t.Journey) {
		d := render.StageDiff{Name: s.Name, Status: "added", TargetAnchor: t.StageAnchor(s)}
		d.TargetEmotion, d.HasTarget = emotion(s)
		if i := find(s); i >= 0 {
			matched[i] = true
			c := curStages[i]
			d.Status, d.CurrentAnchor = "kept", cur.StageAnchor(c)
			d.CurrentEmotion, d.HasCurrent = emotion(c)
		}
		cmp.Stages = append(cmp.Stages, d)
	}
	for i, c := range curStages {
		if !matched[i] {
			d := render.StageDiff{Name: c.Name, Status: "removed", CurrentAnchor: cur.StageAnchor(c)}
			d.CurrentEmotion, d.HasCurrent = emotion(c)
			cmp.Stages = append(cmp.Stages, d)
		}
	}
	before, after := irritantsOf(cur.Journey, irritant), irritantsOf(t.Journey, irritant)
	for _, irr := range before {
		if slices.Contains(after, irr) {
			cmp.Remaining = append(cmp.Remaining, irr)
		} else {
			cmp.Resolved = append(cmp.Resolved, irr)
		}
	}
	for _, irr := range after {
		if !slices.Contains(before, irr) {
			cmp.Added = append(cmp.Added, irr)
		}
	}
	// Delivered: the current map's opportunities done, or relieving an
	// irritant the target no longer has.
	for _, s := range curStages {
		for _, o := range s.Opportunities {
			relieved := slices.ContainsFunc(o.Irritants, func(r content.Ref) bool {
				irr := irritant(r.Text)
				return irr != nil && slices.Contains(cmp.Resolved, irr)
			})
			if o.Status == "done" || relieved {
				cmp.Delivered = append(cmp.Delivered, render.OpportunityRef{Opportunity: o, Page: cp, Anchor: cur.StageAnchor(s), Where: s.Name})
			}
		}
	}
	return cmp
}

func stagesOf(j *journey.Journey) []*journey.Stage {
	var out []*journey.Stage
	for pi := range j.Phases {
		for si := range j.Phases[pi].Stages {
			out = append(out, &j.Phases[pi].Stages[si])
		}
	}
	return out
}

func emotion(s *journey.Stage) (int, bool) {
	if s.Emotion == nil {
		return 0, false
	}
	return *s.Emotion, true
}

// irritantsOf lists the irritant pages a journey's stages cite, once each.
func irritantsOf(j *journey.Journey, irritant func(string) *content.Page) []*content.Page {
	var out []*content.Page
	for _, s := range stagesOf(j) {
		for _, r := range s.Irritants {
			if irr := irritant(r.Text); irr != nil && !slices.Contains(out, irr) {
				out = append(out, irr)
			}
		}
	}
	return out
}
