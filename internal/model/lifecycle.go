package model

import (
	"slices"

	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/journey"
	"github.com/parcours/parcours/internal/render"
	"github.com/parcours/parcours/internal/slug"
)

// lifeAcc gathers the stages of one cell of the lifecycle map.
type lifeAcc struct {
	stages, emotions, withEmotion, mot int
	irritants                          []*content.Page
	page                               *content.Page
	anchor                             string
}

func (a *lifeAcc) add(p *content.Page, j *journey.Journey, st *journey.Stage, irritant func(string) *content.Page) {
	if a.stages == 0 {
		a.page, a.anchor = p, j.StageAnchor(st)
	}
	a.stages++
	if st.Emotion != nil {
		a.emotions += *st.Emotion
		a.withEmotion++
	}
	if st.MomentOfTruth {
		a.mot++
	}
	for _, r := range st.Irritants {
		if irr := irritant(r.Text); irr != nil && !slices.Contains(a.irritants, irr) {
			a.irritants = append(a.irritants, irr)
		}
	}
}

// merge adds b's stages to a's, keeping a's link when it has one.
func (a *lifeAcc) merge(b lifeAcc) {
	if a.stages == 0 {
		a.page, a.anchor = b.page, b.anchor
	}
	a.stages += b.stages
	a.emotions += b.emotions
	a.withEmotion += b.withEmotion
	a.mot += b.mot
	for _, irr := range b.irritants {
		if !slices.Contains(a.irritants, irr) {
			a.irritants = append(a.irritants, irr)
		}
	}
}

func (a *lifeAcc) cell() render.LifeCell {
	c := render.LifeCell{Stages: a.stages, MomentsOfTruth: a.mot, Irritants: len(a.irritants), Page: a.page, Anchor: a.anchor}
	if a.withEmotion > 0 {
		// In tenths, rounded half away from zero: exact enough to read,
		// and the same in every build.
		half := a.withEmotion / 2
		if a.emotions < 0 {
			half = -half
		}
		c.Mean, c.HasMean = (a.emotions*10+half)/a.withEmotion, true
	}
	return c
}

// lifecycleMap crosses the current journeys of the site with its
// lifecycle stages (parcours.toml stages, those some stage names): each
// cell gathers the journey's stages of that lifecycle stage. A second view
// gathers the journeys of each sector. Target journeys are left out: they
// say where customers should be, not where they hurt.
func (s *Site) lifecycleMap(irritant func(string) *content.Page) *render.LifecycleMap {
	col := map[string]int{}
	for i, st := range s.Config.Stages {
		col[slug.Make(st)] = i
	}
	used := make([]bool, len(s.Config.Stages))
	type row struct {
		render.LifeRow
		sector string
		cells  []lifeAcc
	}
	var rows []row
	for _, p := range s.Regular {
		res := s.Rendered[p]
		if res == nil {
			continue
		}
		for _, mj := range journey.In(res) {
			j := mj.Journey
			if j.State == journey.Target {
				continue
			}
			r := row{LifeRow: render.LifeRow{Title: j.Title, Page: p, Anchor: j.Anchor()}, sector: p.Sector, cells: make([]lifeAcc, len(s.Config.Stages))}
			some := false
			for _, st := range stagesOf(j) {
				if i, ok := col[slug.Make(st.Lifecycle.Text)]; ok && st.Lifecycle.Text != "" {
					r.cells[i].add(p, j, st, irritant)
					used[i], some = true, true
				}
			}
			if some {
				rows = append(rows, r)
			}
		}
	}
	if len(rows) == 0 {
		return nil
	}
	m := &render.LifecycleMap{}
	for i, u := range used {
		if u {
			m.Stages = append(m.Stages, s.Config.Stages[i])
		}
	}
	cells := func(accs []lifeAcc) []render.LifeCell {
		var out []render.LifeCell
		for i, u := range used {
			if u {
				out = append(out, accs[i].cell())
			}
		}
		return out
	}
	bySector := map[string][]lifeAcc{}
	var sectors []string
	for _, r := range rows {
		r.Cells = cells(r.cells)
		m.Rows = append(m.Rows, r.LifeRow)
		if r.sector == "" {
			continue
		}
		if _, seen := bySector[r.sector]; !seen {
			sectors = append(sectors, r.sector)
			bySector[r.sector] = make([]lifeAcc, len(s.Config.Stages))
		}
		for i := range r.cells {
			bySector[r.sector][i].merge(r.cells[i])
		}
	}
	for _, sec := range sectors {
		m.Sectors = append(m.Sectors, render.LifeRow{Title: sec, Cells: cells(bySector[sec])})
	}
	return m
}
