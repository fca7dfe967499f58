package render

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/markdown"
	"github.com/parcours/parcours/internal/urls"
)

// Site is what every page of a build shares.
type Site struct {
	Title, Description, BaseURL, Language, Author, Image string
	Stages                                               []string
	Menu                                                 []MenuItem
	// Assets maps a theme asset (css/site.css) to its published file and
	// integrity hash; Integrity is empty when SRI is off.
	Assets map[string]Asset
	// Summaries gives each page's summary: its description, or the start
	// of its text.
	Summaries map[*content.Page]string
	URLs      urls.Maker
	Theme     *Theme
	Feeds     bool
}

// Asset is a published theme file.
type Asset struct {
	Path, Integrity string
}

// MenuItem is an entry of the main navigation.
type MenuItem struct {
	Name, URL, Section string
}

// Group is a titled list of pages; Count, where set, is how many there
// are in all when Pages holds only the first.
type Group struct {
	Name, URL string
	Pages     []*content.Page
	Count     int
}

// Term is a taxonomy term with its page and count.
type Term struct {
	Name, URL string
	Count     int
}

// TermGroup is a page's terms in one taxonomy.
type TermGroup struct {
	Taxonomy, Label string
	Terms           []Term
}

// Appearance is a place where an irritant is cited in a journey.
type Appearance struct {
	Page *content.Page
	// Anchor is the stage's, JourneyAnchor its journey's.
	Anchor, JourneyAnchor string
	Journey, Phase, Stage string
}

// JourneyRef is a journey naming a persona: the page, and the journey's
// anchor in it ("" for a page naming the persona without a journey block).
type JourneyRef struct {
	Page          *content.Page
	Anchor, Title string
}

// Reach is how widely an irritant is cited: the journeys and the stages
// naming it, and the other pages (cases, guides) whose irritants: name it.
type Reach struct {
	Journeys, Stages, Pages int
}

// Total counts the places citing the irritant: each stage and each page.
func (r Reach) Total() int { return r.Stages + r.Pages }

// Ranked is an irritant in the catalogue's ranking.
type Ranked struct {
	Page  *content.Page
	Reach Reach
	// Places are the irritant's places, from 1, in each of the view's
	// Sorts, which the sort control applies without a reload.
	Places []int
	// Sectors and Stages are the slugs of its sectors and stages, which
	// the filters match.
	Sectors, Stages []string
}

// Heatmap crosses the irritants with the journeys citing them: a row per
// irritant, in ranking order, a column per journey.
type Heatmap struct {
	Journeys []JourneyRef
	Rows     []HeatRow
}

// HeatRow is an irritant's row of the heatmap.
type HeatRow struct {
	Page  *content.Page
	Cells []HeatCell
}

// HeatCell counts the stages of one journey citing one irritant, and names
// them; Anchor is the first one's in the column's journey page.
type HeatCell struct {
	Count  int
	Stages []string
	Anchor string
}

// OpportunityRef is an opportunity of a journey stage or a remedy of an
// irritant, with where it is written.
type OpportunityRef struct {
	content.Opportunity
	// Page is the journey's page, or the irritant of a remedy.
	Page *content.Page
	// Anchor is the stage's anchor in Page, "" for a remedy.
	Anchor string
	// Where names the stage (journey › phase › stage), "" for a remedy.
	Where string
	// Relieves are the irritant pages the opportunity names.
	Relieves []*content.Page
}

// OpportunityGroup is a quadrant of the impact × effort chart
// (content.Opportunity.Quadrant), "" for the opportunities not scored.
type OpportunityGroup struct {
	Quadrant string
	Items    []OpportunityRef
}

// Comparison is what a target journey changes from the current one it
// improves: its stages side by side, the irritants resolved, remaining
// and new, and the opportunities of the current map delivered.
type Comparison struct {
	Title, Anchor              string // the target journey's
	Current                    JourneyRef
	Stages                     []StageDiff
	Resolved, Remaining, Added []*content.Page
	Delivered                  []OpportunityRef
}

// StageDiff is a stage of a comparison: kept (in both maps), added (in
// the target only) or removed (in the current only), with its emotion in
// each map that has it.
type StageDiff struct {
	Name, Status                  string
	CurrentAnchor, TargetAnchor   string
	CurrentEmotion, TargetEmotion int
	HasCurrent, HasTarget         bool
}

// CurrentText and TargetText write the stage's emotion in each map, ""
// when it gives none; DeltaText the change from one to the other, "" when
// either gives none.
func (d StageDiff) CurrentText() string { return signedIf(d.CurrentEmotion, d.HasCurrent) }

// TargetText: see CurrentText.
func (d StageDiff) TargetText() string { return signedIf(d.TargetEmotion, d.HasTarget) }

// DeltaText: see CurrentText.
func (d StageDiff) DeltaText() string {
	return signedIf(d.TargetEmotion-d.CurrentEmotion, d.HasCurrent && d.HasTarget)
}

// signedIf writes a number with its sign and a typographic minus, or ""
// when there is none.
func signedIf(n int, ok bool) string {
	switch {
	case !ok:
		return ""
	case n > 0:
		return "+" + strconv.Itoa(n)
	case n < 0:
		return "−" + strconv.Itoa(-n)
	}
	return "0"
}

// LifecycleMap crosses journeys (Rows) or sectors (Sectors) with the
// site's lifecycle stages.
type LifecycleMap struct {
	Stages        []string
	Rows, Sectors []LifeRow
}

// LifeRow is a journey (Page and Anchor set) or a sector of the lifecycle
// map.
type LifeRow struct {
	Title  string
	Page   *content.Page
	Anchor string
	Cells  []LifeCell
}

// LifeCell gathers the stages of a row at one lifecycle stage: their mean
// emotion in tenths (HasMean when some stage gives one), the irritants
// they cite, their moments of truth, and where the first one is.
type LifeCell struct {
	Stages, Irritants, MomentsOfTruth int
	Mean                              int
	HasMean                           bool
	Page                              *content.Page
	Anchor                            string
}

// Level is the mean emotion rounded to a whole level, −2 to +2, for its
// colour.
func (c LifeCell) Level() int {
	half := 5
	if c.Mean < 0 {
		half = -5
	}
	return min(max((c.Mean+half)/10, -2), 2)
}

// Matrix is the irritant catalogue's sector × stage table. Its first
// Lifecycle stages are the site's lifecycle stages, the others those of
// some sectors only.
type Matrix struct {
	Sectors, Stages []string
	Lifecycle       int
	Cells           [][]Cell // [sector][stage]
}

// Cell is a count of irritants and where to see them.
type Cell struct {
	Count int
	URL   string
}

// Translation is a version of the page in one language.
type Translation struct {
	Lang, Name, URL, Title string
}

// Crumb is a step of the breadcrumbs.
type Crumb struct {
	Name, URL string
}

// Pager is the position of a list page among its pages.
type Pager struct {
	Number, Total int
	Prev, Next    string
	Pages         []string // URL of each page, index = number-1
}

// View is what a layout receives as ".".
type View struct {
	Site *Site
	// Path is the page's site path (/cases/qonto/, /404.html).
	Path        string
	Lang        string
	Kind        string
	Page        *content.Page
	Title       string
	Description string
	Content     template.HTML
	TOC         []markdown.Heading
	Backlinks   []*content.Page
	Irritants   []*content.Page
	Terms       []TermGroup
	// Updated is when a regular page last changed: its lastmod, else its
	// file's last commit with enableGitInfo; zero when unknown.
	Updated time.Time
	// ReadingTime is in minutes, 0 for a page without text.
	ReadingTime int
	// EditURL is the page's "edit this page" link, "" without editURL.
	EditURL string
	// Image is what the page shares on social networks: its own image or
	// logo when they can show it, else the site's; Logo is a case's logo.
	// Their sizes are read from the files; both are zero when unknown.
	Image, Logo Image

	// Translations are the page and its translations, by language; empty
	// for a page without any.
	Translations []Translation
	// Breadcrumbs lead from the home page to the page's section; the
	// page's own title follows them.
	Breadcrumbs []Crumb
	// PrevPage and NextPage are the page's neighbours in its section's
	// list, nil at either end.
	PrevPage, NextPage *content.Page

	// Personas are the persona pages a page and its journeys name.
	Personas []*content.Page
	// Comparisons are what the page's target journeys change.
	Comparisons []Comparison

	Items []*content.Page
	Pager *Pager

	// Home.
	LatestCases, LatestGuides []*content.Page
	StageGroups               []Group
	// TopIrritants are the irritants of highest priority; FeaturedJourney
	// is the latest journey page, FeaturedMap its first map's SVG file.
	TopIrritants    []*content.Page
	FeaturedJourney *content.Page
	FeaturedMap     string

	// Irritant pages.
	Reach       Reach
	Appearances []Appearance
	CitedBy     []*content.Page
	Related     []*content.Page

	// Persona pages: the journeys naming the persona, and the irritants
	// met along them.
	Journeys []JourneyRef
	Met      []*content.Page

	// Catalogue index.
	BySector, ByStage []Group
	Matrix            *Matrix
	Ranking           []Ranked
	Heatmap           *Heatmap
	// The catalogue's orders (the current one marked), its filters and
	// its severity × frequency chart.
	Sorts   []Sort
	Filters []Filter
	Chart   *Chart

	// Journeys section: the journeys × lifecycle stages map.
	Lifecycle *LifecycleMap

	// Opportunities page.
	OpportunityGroups []OpportunityGroup

	// Site map: each section with its pages, then the taxonomies.
	SiteMap []Group

	// Taxonomy index and term pages.
	Taxonomy string
	TermList []Term

	NoIndex bool
}

// URL returns the href of a site path as written in this page.
func (v *View) URL(target string) string { return v.Site.URLs.Href(v.Path, target) }

// Abs returns the absolute URL of a site path.
func (v *View) Abs(target string) string { return urls.Abs(v.Site.BaseURL, target) }

// Asset returns the href of a theme asset.
func (v *View) Asset(name string) string {
	if a, ok := v.Site.Assets[name]; ok {
		return v.URL(a.Path)
	}
	return v.URL("/" + name)
}

// Integrity returns the SRI hash of a theme asset, or "".
func (v *View) Integrity(name string) string { return v.Site.Assets[name].Integrity }

// T returns a UI string in the page's language.
func (v *View) T(key string) string { return v.Site.Theme.T(v.Lang, key) }

// Date formats a date for the page's language (22 novembre 2026,
// November 22, 2026).
func (v *View) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	months := v.Site.Theme.months(v.Lang)
	month := t.Month().String()
	if len(months) == 12 {
		month = months[t.Month()-1]
	}
	if v.Lang == "en" {
		return fmt.Sprintf("%s %d, %d", month, t.Day(), t.Year())
	}
	day := fmt.Sprint(t.Day())
	if t.Day() == 1 && v.Lang == "fr" {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %d", day, month, t.Year())
}

// ReadingLabel says how long the page takes to read (6 min de lecture).
func (v *View) ReadingLabel() string {
	return strings.ReplaceAll(v.T("reading_time"), "{n}", strconv.Itoa(v.ReadingTime))
}

// Card returns the card of a page, as lists show it.
func (v *View) Card(p *content.Page) (template.HTML, error) { return v.Site.Theme.Card(v, p) }

// IrritantCard returns the card of an irritant of the catalogue, with its
// rank when num.
func (v *View) IrritantCard(r Ranked, num bool) (template.HTML, error) {
	return v.Site.Theme.IrritantCard(v, r, num)
}

// Summary returns a page's summary.
func (v *View) Summary(p *content.Page) string { return v.Site.Summaries[p] }

// Tenths writes a number of tenths as a decimal in the page's language,
// signed, with a typographic minus (−0,5; +1.2).
func (v *View) Tenths(n int) string {
	sign := "+"
	switch {
	case n < 0:
		sign, n = "−", -n
	case n == 0:
		sign = ""
	}
	sep := ","
	if v.Lang == "en" {
		sep = "."
	}
	return sign + strconv.Itoa(n/10) + sep + strconv.Itoa(n%10)
}

// KindLabel names a kind of page in the UI.
func (v *View) KindLabel(k content.Kind) string { return v.T("kind_" + string(k)) }

// Section is the page's section ("cases"), or "" for a page outside one.
func (v *View) Section() string {
	if v.Page == nil {
		return ""
	}
	return v.Page.Section
}

// IsCurrent reports whether a menu entry is the page's section.
func (v *View) IsCurrent(m MenuItem) bool {
	return v.Page != nil && m.Section != "" && v.Page.Section == m.Section
}

// JSONLD describes a regular page for search engines: as a schema.org
// Article when it has a date (its own, else when it last changed: lastmod
// or its last commit), as a WebPage otherwise, an Article wanting a
// datePublished. html/template escapes it for the script element.
func (v *View) JSONLD() map[string]any {
	p := v.Page
	if p == nil || p.IsList() {
		return nil
	}
	ld := map[string]any{
		"@context":         "https://schema.org",
		"@type":            "Article",
		"headline":         v.Title,
		"url":              v.Abs(v.Path),
		"inLanguage":       v.Lang,
		"mainEntityOfPage": v.Abs(v.Path),
	}
	if v.Description != "" {
		ld["description"] = v.Description
	}
	published := p.Date
	if published.IsZero() {
		published = v.Updated
	}
	if published.IsZero() {
		ld["@type"] = "WebPage"
	} else {
		ld["datePublished"] = published.Format("2006-01-02")
	}
	if !v.Updated.IsZero() {
		ld["dateModified"] = v.Updated.Format("2006-01-02")
	}
	if v.Site.Author != "" {
		ld["author"] = map[string]any{"@type": "Organization", "name": v.Site.Author}
	}
	if v.Image.Shareable() {
		ld["image"] = v.Abs(v.Image.URL)
	}
	return ld
}
