package build

import (
	"strings"

	"github.com/parcours/parcours/internal/config"
	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/journey"
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
		for _, j := range res.Journeys {
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
