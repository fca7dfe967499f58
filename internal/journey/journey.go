// Package journey reads the YAML of a ```journey block and draws it as a
// customer-journey map: an SVG figure for the page, a standalone SVG, and the
// same data as an HTML table, a CSV file and an XLSX workbook.
//
// Extension plugs it into the Markdown converter as a goldmark extension.
// Its HTML is written by the theme's partials/journey.html from a Figure,
// and every UI string, in the page and in the exports, is a journey_… key of
// the theme's i18n files, in the page's language (Options.T).
//
// The block's schema is the one the README shows ("Content format in
// short"): top-level id, title, persona and phases; each phase a name and
// its stages; each stage a name and the lanes below. Parse checks it
// strictly and reports every problem at its line in the Markdown file.
//
// # Drawing
//
// Phases are header bands, stages columns sized by their content, and each
// lane that some stage fills is a row, labelled at the left. Text is wrapped
// with measured per-character widths (see widths.go) so that nothing
// overflows in any common sans-serif face. The emotion curve runs across the
// stages over a dashed neutral line; moments of truth get a star and an
// outlined column and are named in the legend under the map; irritants are
// links to their catalogue pages. A target journey compared with its current
// one (Options.Current) has the current curve drawn dashed and lighter
// behind its own, stages matched by key, and each stage's change of emotion
// (text.j-delta) in a strip under the curve; the table gives the change in
// a column of its own.
//
// # Theming
//
// The SVG of [Journey.Figure] takes its colours from CSS custom properties,
// each with a light fallback, so a theme restyles it for dark mode or print
// by setting them (for example under prefers-color-scheme: dark):
//
//	--j-bg         map background            #ffffff
//	--j-fg         cell text                 #1f2933
//	--j-muted      persona, legend, ticks    #52606d
//	--j-grid       separators                #d5dde6
//	--j-phase      phase band                #1e3a5f
//	--j-phase-alt  every other phase band    #2f5785
//	--j-phase-fg   phase band text           #ffffff
//	--j-stage      stage header              #e3ebf5
//	--j-stage-fg   stage header text         #102a43
//	--j-label      lane label column         #eef2f7
//	--j-label-fg   lane label text           #334e68
//	--j-row        every other lane row      #f7f9fb
//	--j-accent     bullets, emotion curve    #2f5785
//	--j-irritant   irritant bullets, links   #b42318
//	--j-good       opportunities, success    #2e7d32
//	--j-warn       alarm signals             #c25e00
//	--j-mot        moments of truth          #c98a00
//	--j-emo-m2 … --j-emo-p2  emotion markers  #c62828 #ef6c00 #8a94a6 #7cb342 #2e7d32
//
// A dark theme could use #16202b, #e4e9ef, #a9b6c4, #33414f, #2b4c70, #375f8c,
// #ffffff, #22364d, #e4e9ef, #1c2836, #c9d4e0, #1a2530, #8fb6e0, #ff8a80,
// #81c784, #ffb74d, #ffd54f in that order.
//
// The default theme's HTML around it (partials/journey.html, css/journey.css,
// js/journey.js) uses these classes:
//
//	figure.journey              the whole figure (id "journey-<id>"); .js once the script runs,
//	                            .is-presenting in presentation mode, .journey-split when Print has parts
//	div.journey-bar             "stages 1 to 4 of 8" (p.journey-position) and the presentation buttons
//	div.journey-scroll          scrolls sideways; holds div.journey-canvas
//	svg.journey-svg             the map at its drawn size; rect.j-stage-hl per stage carries the
//	                            stage's anchor and is outlined when targeted (.is-current)
//	svg.journey-lanes           the lane names alone, kept in view over the scrolling map
//	div.journey-fade            the fade at the right edge while more stages lie there
//	ol.journey-cards            the stages as cards (li.journey-card), shown on phones
//	div.journey-print           the map's printed parts (svg.journey-part), shown on paper only
//	p.journey-downloads         links to <id>.svg, <id>.csv and <id>.xlsx
//	details.journey-data        the accessible table, closed by default, unfolded on paper
//	div.journey-table-scroll    scrolls sideways when the table is wider than the page
//	table.journey-table         one row per stage (th scope=row), grouped by phase (tbody)
package journey

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/parcours/parcours/internal/content"
)

// Journey is one parsed journey block.
type Journey struct {
	ID      string
	Title   string
	Persona string
	// PersonaAt is where persona: is written, for the caller that
	// resolves it to a persona page.
	PersonaAt Ref
	// State is Current or Target; a target journey names in Compares the
	// current journey it improves (a page reference, with #<journey id>
	// when that page holds several).
	State    string
	Compares Ref
	Phases   []Phase
	Line     int // line of the block's first YAML line in the Markdown file
	// custom are the lanes the site declares (ParseWith).
	custom []lane
}

// Phase groups consecutive stages under one header band.
type Phase struct {
	Name string
	// Lifecycle is the site's lifecycle stage of the phase's stages that
	// give none.
	Lifecycle Ref
	Stages    []Stage
	Line      int
}

// inherit gives the phase's lifecycle stage to its stages that have none,
// with no position: it is checked once, where the phase gives it.
func (ph *Phase) inherit() {
	for i := range ph.Stages {
		if ph.Stages[i].Lifecycle.Text == "" {
			ph.Stages[i].Lifecycle = Ref{Text: ph.Lifecycle.Text}
		}
	}
}

// Stage is one column of the map. Emotion is nil when the stage gives none.
type Stage struct {
	Name string
	// Key names the stage in its anchor and what a target journey matches
	// it by: its id: when it has one (a key that stays when the name is
	// reworded), else its name's slug.
	Key string
	// Lifecycle is the site's lifecycle stage (parcours.toml stages) the
	// stage belongs to, its phase's when it gives none.
	Lifecycle     Ref
	Emotion       *int
	MomentOfTruth bool
	Volume        string
	Actions       []string
	Touchpoints   []string
	Channels      []string
	Expectations  []string
	Opportunities []content.Opportunity
	KPIs          []content.KPI
	Milestones    []string
	Success       []string
	Alarms        []string
	// The service blueprint's lanes, under the customer's.
	Evidence, Frontstage, Backstage, Support []string
	Irritants                                []Ref
	// Custom holds the lanes the site declares, by key.
	Custom map[string][]string
	Line   int
	col    int // of the stage's first field, for the problems found once all are read
}

// Lane is a list lane a site adds to its journeys ([journey] lanes in
// parcours.toml): its key in a stage, its label, and the key of the lane
// it follows ("" puts it after the customer's lanes, before the service
// blueprint's).
type Lane struct {
	Key, Label, After string
}

// firstBlueprintLane is where a custom lane goes by default.
const firstBlueprintLane = "evidence"

// CheckLanes tells, for each lane a site declares, what is wrong with it:
// a key a built-in lane has, or an After naming no lane; nil when sound.
func CheckLanes(custom []Lane) []error {
	errs := make([]error, len(custom))
	known := slices.Clone(stageFields)
	for _, l := range custom {
		known = append(known, l.Key)
	}
	for i, l := range custom {
		switch {
		case slices.Contains(stageFields, l.Key):
			errs[i] = fmt.Errorf("[journey] lanes: %q is a built-in stage field; choose another key", l.Key)
		case l.After != "" && (!slices.Contains(known, l.After) || l.After == l.Key):
			errs[i] = fmt.Errorf("[journey] lanes: after = %q names no lane; known: %s", l.After, strings.Join(known, ", "))
		}
	}
	return errs
}

// customLanes makes the lanes a site declares into lanes to draw.
func customLanes(custom []Lane) []lane {
	out := make([]lane, len(custom))
	for i, l := range custom {
		key := l.Key
		out[i] = lane{key: key, name: l.Label, bullet: "j-dot", after: l.After,
			text: func(s *Stage) []string { return s.Custom[key] }}
	}
	return out
}

// Ref is an irritant reference as written, with its position in the
// Markdown file so that the caller can report it when it does not resolve.
type Ref struct {
	Text      string
	Line, Col int
}

// IrritantFunc resolves an irritant reference for display: href is a
// site-absolute URL (/irritants/x/) and label the irritant's title. When ok
// is false the text is shown unlinked; reporting unknown references is the
// caller's job.
type IrritantFunc func(ref string) (href, label string, ok bool)

// Options tune the rendering of a journey.
type Options struct {
	// Irritant resolves irritant links; when nil, a reference links to
	// /irritants/<slug>/ under its own text.
	Irritant IrritantFunc
	// BaseName is the file name, without extension, of the exported .svg,
	// .csv and .xlsx linked under the figure; it defaults to the journey ID.
	BaseName string
	// T gives the UI string of a key (the theme's i18n/<lang>.toml, keys
	// journey_…) in the page's language. When nil, keys show as they are.
	T func(key string) string
	// Lang is the page's language tag, written into the workbook.
	Lang string
	// PageURL is the page's absolute URL, which the exports resolve
	// irritant links against so that they work from a spreadsheet.
	PageURL string
	// PNG: the build writes a .png of the map beside the other exports,
	// and the figure links it.
	PNG bool
	// Current is, for a target journey, the current journey it improves
	// (Block.Compare sets it): the map draws its emotion curve faintly
	// behind the target's, with each stage's change of emotion, and the
	// table gives the change in a column of its own.
	Current *Journey
}

// tr returns the UI string of key with {1}, {2}… replaced by args.
func (o Options) tr(key string, args ...string) string {
	s := key
	if o.T != nil {
		s = o.T(key)
	}
	for i, a := range args {
		s = strings.ReplaceAll(s, "{"+strconv.Itoa(i+1)+"}", a)
	}
	return s
}

// label is the lane's name in the page's language.
func (l *lane) label(o Options) string {
	if l.name != "" {
		return l.name
	}
	return o.tr("journey_lane_" + l.key)
}

// emotionWord names an emotion from −2 to +2 in the page's language.
func emotionWord(o Options, e int) string {
	return o.tr([5]string{"journey_emotion_m2", "journey_emotion_m1", "journey_emotion_0", "journey_emotion_p1", "journey_emotion_p2"}[min(max(e, -2), 2)+2])
}

// kind says how a lane's cells are drawn and exported.
type kind int

const (
	listLane kind = iota
	irritantLane
	emotionLane
	motLane // moment of truth: a column in tables, a marker in the drawing
	volumeLane
)

// A lane is one stage field. The order of lanes is the order of rows in the
// drawing and of columns in the table, CSV and workbook.
type lane struct {
	key    string // YAML field name; its label is the UI string journey_lane_<key>
	kind   kind
	bullet string // paint of list bullets
	list   func(*Stage) *[]string
	// text gives the entries of a list lane whose items are not plain
	// strings (opportunities, KPIs) or that the site declares, as the
	// drawing writes them.
	text func(*Stage) []string
	// after is the lane a site's lane follows, name its label: the site's
	// lanes are labelled in parcours.toml, not in the theme.
	after, name string
}

var lanes = []lane{
	{key: "actions", bullet: "j-dot", list: func(s *Stage) *[]string { return &s.Actions }},
	{key: "touchpoints", bullet: "j-dot", list: func(s *Stage) *[]string { return &s.Touchpoints }},
	{key: "channels", bullet: "j-dot", list: func(s *Stage) *[]string { return &s.Channels }},
	{key: "emotion", kind: emotionLane},
	{key: "moment_of_truth", kind: motLane},
	{key: "irritants", kind: irritantLane, bullet: "j-dot-irr"},
	{key: "expectations", bullet: "j-dot", list: func(s *Stage) *[]string { return &s.Expectations }},
	{key: "opportunities", bullet: "j-dot-good", text: func(s *Stage) []string { return content.Texts(s.Opportunities) }},
	{key: "kpis", bullet: "j-dot", text: func(s *Stage) []string { return content.Texts(s.KPIs) }},
	{key: "volume", kind: volumeLane},
	{key: "milestones", bullet: "j-dot", list: func(s *Stage) *[]string { return &s.Milestones }},
	{key: "success", bullet: "j-dot-good", list: func(s *Stage) *[]string { return &s.Success }},
	{key: "alarms", bullet: "j-dot-warn", list: func(s *Stage) *[]string { return &s.Alarms }},
	// The service blueprint (blueprint.go draws its lines).
	{key: "evidence", bullet: "j-dot", list: func(s *Stage) *[]string { return &s.Evidence }},
	{key: "frontstage", bullet: "j-dot", list: func(s *Stage) *[]string { return &s.Frontstage }},
	{key: "backstage", bullet: "j-dot", list: func(s *Stage) *[]string { return &s.Backstage }},
	{key: "support", bullet: "j-dot", list: func(s *Stage) *[]string { return &s.Support }},
}

// bold reports whether the lane's entries are drawn, and so measured, in
// bold: a volume is a figure that stands out.
func (l *lane) bold() bool { return l.kind == volumeLane }

// filled reports whether the stage gives a value for the lane.
func (l *lane) filled(s *Stage) bool {
	switch l.kind {
	case irritantLane:
		return len(s.Irritants) > 0
	case emotionLane:
		return s.Emotion != nil
	case motLane:
		return s.MomentOfTruth
	case volumeLane:
		return s.Volume != ""
	}
	return len(l.texts(s, Options{})) > 0
}

// Texts lists what a stage says in its lanes, for search: every lane
// but the emotion and the moment of truth, then the site's lanes. o
// names irritants by their titles, which readers search for, not slugs.
func (s *Stage) Texts(o Options) []string {
	var out []string
	for i := range lanes {
		if l := &lanes[i]; l.kind != emotionLane && l.kind != motLane {
			out = append(out, l.texts(s, o)...)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(s.Custom)) {
		out = append(out, s.Custom[k]...)
	}
	return out
}

// used returns the lanes some stage fills, in lane order.
func (j *Journey) used() []*lane {
	var out []*lane
	for _, l := range j.lanes() {
		if j.some(l.filled) {
			out = append(out, l)
		}
	}
	return out
}

// lanes is the order of the journey's lanes: the built-in ones, each of
// the site's after the lane it names, or before the service blueprint.
func (j *Journey) lanes() []*lane {
	out := make([]*lane, 0, len(lanes)+len(j.custom))
	placed := make([]bool, len(j.custom))
	var place func(after string)
	place = func(after string) {
		for i := range j.custom {
			if c := &j.custom[i]; !placed[i] && c.after == after {
				placed[i] = true
				out = append(out, c)
				place(c.key)
			}
		}
	}
	for i := range lanes {
		if lanes[i].key == firstBlueprintLane {
			place("")
		}
		out = append(out, &lanes[i])
		place(lanes[i].key)
	}
	return out
}

func (j *Journey) some(f func(*Stage) bool) bool {
	for pi := range j.Phases {
		for si := range j.Phases[pi].Stages {
			if f(&j.Phases[pi].Stages[si]) {
				return true
			}
		}
	}
	return false
}

// texts returns a stage's entries in a lane as plain strings, the form the
// CSV and the workbook hold; irritants by title.
func (l *lane) texts(s *Stage, o Options) []string {
	switch l.kind {
	case irritantLane:
		out := make([]string, len(s.Irritants))
		for i, r := range s.Irritants {
			_, out[i] = resolve(o, r.Text)
		}
		return out
	case emotionLane:
		if s.Emotion == nil {
			return nil
		}
		return []string{strconv.Itoa(*s.Emotion)}
	case motLane:
		if s.MomentOfTruth {
			return []string{o.tr("journey_yes_cell")}
		}
		return nil
	case volumeLane:
		if s.Volume == "" {
			return nil
		}
		return []string{s.Volume}
	}
	if l.text != nil {
		return l.text(s)
	}
	return *l.list(s)
}

// signed writes an emotion for reading: explicit sign, typographic minus.
func signed(e int) string {
	switch {
	case e > 0:
		return "+" + strconv.Itoa(e)
	case e < 0:
		return "−" + strconv.Itoa(-e)
	}
	return "0"
}

// baseName is the export file name without extension.
func (j *Journey) baseName(o Options) string {
	if o.BaseName != "" {
		return o.BaseName
	}
	return j.ID
}

// errWriter keeps the first write error so that drawing code can write
// freely and check once at the end.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return len(p), nil
	}
	_, e.err = e.w.Write(p)
	return len(p), nil
}
