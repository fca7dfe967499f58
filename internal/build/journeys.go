package build

import (
	"fmt"
	"strings"

	"github.com/parcours/parcours/internal/config"
	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/journey"
	"github.com/parcours/parcours/internal/model"
	"github.com/parcours/parcours/internal/slug"
	"github.com/parcours/parcours/internal/suggest"
)

// lanes gives the journey lanes parcours.toml declares, labelled in a
// page's language, after reporting those that clash with a built-in lane
// or follow no lane at the line that declares them.
func (s *site) lanes() func(lang string) []journey.Lane {
	declared := s.m.Config.Journey.Lanes
	if len(declared) == 0 {
		return nil
	}
	for i, err := range journey.CheckLanes(s.journeyLanes(s.m.Config.Language)) {
		if err != nil {
			s.list.Add(diag.At(config.FileName, config.LaneLine(s.opts.Root, declared[i].Key), 1, "%v", err))
		}
	}
	return s.journeyLanes
}

func (s *site) journeyLanes(lang string) []journey.Lane {
	var out []journey.Lane
	for _, l := range s.m.Config.Journey.Lanes {
		out = append(out, journey.Lane{Key: l.Key, Label: l.LabelIn(lang, s.m.Config.Language), After: l.After})
	}
	return out
}

// checkJourneys checks what a journey block names of the site: each
// lifecycle: is one of parcours.toml's stages.
func (s *site) checkJourneys() []diag.Diagnostic {
	var ds []diag.Diagnostic
	stages := map[string]bool{}
	for _, st := range s.m.Config.Stages {
		stages[slug.Make(st)] = true
	}
	check := func(path string, r journey.Ref) {
		if r.Line == 0 || stages[slug.Make(r.Text)] {
			return
		}
		ds = append(ds, diag.At(path, r.Line, r.Col, "lifecycle %q is not one of the site's stages%s; known: %s (stages in parcours.toml)",
			r.Text, didYouMean(suggest.Closest(r.Text, s.m.Config.Stages)), strings.Join(s.m.Config.Stages, ", ")))
	}
	for _, p := range s.m.Pages {
		res := s.m.Rendered[p]
		if res == nil {
			continue
		}
		for _, j := range journey.In(res) {
			for _, ph := range j.Phases {
				check(p.Path, ph.Lifecycle)
				for _, st := range ph.Stages {
					check(p.Path, st.Lifecycle)
				}
			}
		}
	}
	return ds
}

func didYouMean(s string) string {
	if s == "" {
		return ""
	}
	return `: did you mean "` + s + `"?`
}

// compare finds the current journey each target journey names in
// compares: (a page as a [[wiki link]] names it, then #<journey id> when
// the page holds several). It runs before the backlinks are gathered, so
// that the current journey's page lists the target's, and draws each
// target's map against its current journey.
func (s *site) compare() {
	s.m.Compares = map[*content.Page][]model.Compared{}
	for _, p := range s.m.Pages {
		res := s.m.Rendered[p]
		if res == nil {
			continue
		}
		for ti, j := range journey.In(res) {
			if j.State != journey.Target || j.Compares.Text == "" {
				continue
			}
			// The target's map draws the current curve behind its own.
			var cur *journey.Journey
			c, err := s.current(p, j.Compares.Text)
			if err != nil {
				s.list.Add(diag.At(p.Path, j.Compares.Line, j.Compares.Col, "compares: %v", err))
			} else {
				c.Target = ti
				s.m.Compares[p] = append(s.m.Compares[p], c)
				cur = journey.In(s.m.Rendered[c.Page])[c.Current].Journey
			}
			if err := j.Compare(res, cur); err != nil {
				s.list.Add(diag.At(p.Path, j.Line, 1, "%v", err))
			}
		}
	}
}

// current resolves a compares: reference written in page p.
func (s *site) current(p *content.Page, ref string) (model.Compared, error) {
	name, id, _ := strings.Cut(ref, "#")
	q, err := s.index.For(p).Page(name)
	if err != nil {
		return model.Compared{}, err
	}
	var ids []string
	var found []int
	var journeys []*journey.Block
	if res := s.m.Rendered[q]; res != nil {
		journeys = journey.In(res)
	}
	for i, j := range journeys {
		ids = append(ids, j.ID)
		if id == "" || j.ID == id {
			found = append(found, i)
		}
	}
	switch {
	case len(ids) == 0:
		return model.Compared{}, fmt.Errorf("%s holds no journey", q.Path)
	case len(found) == 1 && journeys[found[0]].State == journey.Target:
		return model.Compared{}, fmt.Errorf("%s#%s is a target journey itself: compare with the current one", q.Path, ids[found[0]])
	case len(found) == 1:
		return model.Compared{Page: q, Current: found[0]}, nil
	case id == "":
		return model.Compared{}, fmt.Errorf("%s holds %d journeys: name one, %s#%s", q.Path, len(ids), name, ids[0])
	}
	return model.Compared{}, fmt.Errorf("%s has no journey %q%s; its journeys: %s", q.Path, id, didYouMean(suggest.Closest(id, ids)), strings.Join(ids, ", "))
}
