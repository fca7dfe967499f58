package journey

// stageID is the id attribute that makes a stage's column header in the
// page's map the target of its anchor (Journey.StageAnchor), by which
// irritant pages, the heatmaps and the opportunities link to the stage.
// The standalone SVG has none: it is no page to link into.
func (d *svg) stageID(l *layout, si int) string {
	if !d.themed {
		return ""
	}
	return ` id="` + esc(l.j.StageAnchor(l.stages[si])) + `"`
}

// StageAnchors lists the anchors of the journey's stages, in order.
func (j *Journey) StageAnchors() []string {
	var out []string
	for pi := range j.Phases {
		for si := range j.Phases[pi].Stages {
			out = append(out, j.StageAnchor(&j.Phases[pi].Stages[si]))
		}
	}
	return out
}
