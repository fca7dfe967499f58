package build

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/parcours/parcours/internal/cache"
	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/journey"
	"github.com/parcours/parcours/internal/markdown"
	"github.com/parcours/parcours/internal/model"
	"github.com/parcours/parcours/internal/output"
	"github.com/parcours/parcours/internal/par"
	"github.com/parcours/parcours/internal/publish"
	"github.com/parcours/parcours/internal/render"
	"github.com/parcours/parcours/internal/urls"
)

// publish writes the assets, every page of the model, the pages' files,
// the site-wide files and the search index.
func (s *site) publish(w output.Writer) (*publish.Publisher, error) {
	var cache *publish.Cache
	switch {
	case s.sess.keep:
		cache = &s.sess.files
	case s.sess.store != nil:
		cache = &publish.Cache{Disk: s.sess.store, Prev: s.sess.previousOutput(w)}
	}
	pub := publish.New(w, s.opts.Minify, cache)
	rs := s.renderSite()
	s.rs = rs
	assets, err := s.assets(pub)
	if err != nil {
		return nil, err
	}
	rs.Assets = assets
	s.computeSiteKey(rs)
	s.progress("rendering pages")
	// The search index is built on one goroutine; it runs beside the page
	// rendering instead of after it, and reads the cache's index while the
	// views are made (writeSearch).
	viewsMade := make(chan struct{})
	searchDone := make(chan error, 1)
	go func() { searchDone <- s.writeSearch(pub, viewsMade) }()
	jobs := s.pageJobs(rs)
	close(viewsMade)
	for _, p := range s.m.Regular {
		jobs = append(jobs, s.resourceJobs(p)...)
		jobs = append(jobs, s.journeyJobs(p)...)
	}
	// Content files outside bundles keep their place; those of dot-folders
	// only when a page references them.
	for _, f := range slices.Concat(s.content.Files, s.index.Hidden()) {
		jobs = append(jobs, publish.Job{Name: f, Src: path.Join(content.Dir, f), Run: func() ([]byte, error) {
			return fs.ReadFile(s.content.FS, f)
		}})
	}
	s.siteFrom = len(jobs)
	jobs = append(jobs, publish.SiteFiles(s.m, s.cardsKey())...)
	if s.sess.keep {
		s.jobs = jobs
	}
	return pub, finish(pub, jobs, searchDone)
}

// assets publishes the theme's static files, the site's and the code
// stylesheet.
func (s *site) assets(pub *publish.Publisher) (map[string]render.Asset, error) {
	var css bytes.Buffer
	if err := markdown.Stylesheet(&css); err != nil {
		return nil, fmt.Errorf("code stylesheet: %w", err)
	}
	var layers []publish.Layer
	for _, t := range s.theme.Static() {
		layers = append(layers, publish.Layer{FS: t})
	}
	layers = append(layers, publish.Layer{FS: s.static, Src: "static/"})
	return pub.Assets(layers, map[string][]byte{"css/syntax.css": css.Bytes()}, !s.opts.Serve && !s.opts.RelativeURLs)
}

// finish runs the jobs and waits for the search index, which runs beside
// them and reports on searchDone.
func finish(pub *publish.Publisher, jobs []publish.Job, searchDone <-chan error) error {
	err := pub.Run(jobs)
	if searchErr := <-searchDone; err == nil {
		err = searchErr
	}
	if err != nil {
		return err
	}
	return pub.Done()
}

// renderSite gathers what every page's view shares.
func (s *site) renderSite() *render.Site {
	cfg := s.m.Config
	rs := &render.Site{
		Title: cfg.Title, Description: cfg.Description, BaseURL: cfg.BaseURL,
		Language: cfg.Language, Author: cfg.Author, Image: cfg.Image,
		Stages: cfg.Stages, URLs: s.m.URLs, Theme: s.theme,
		Summaries: map[*content.Page]string{}, Feeds: true,
	}
	for _, sec := range []string{"cases", "guides", "journeys", "irritants"} {
		rs.Menu = append(rs.Menu, render.MenuItem{Name: s.theme.T(cfg.Language, "menu_"+sec), URL: "/" + sec + "/", Section: sec})
	}
	for _, p := range s.m.Pages {
		rs.Summaries[p] = s.m.Summary(p)
	}
	return rs
}

// pageJobs renders the model's pages through the theme. Keys, which only a
// session reuses, are computed on every core.
func (s *site) pageJobs(rs *render.Site) []publish.Job {
	outs := s.m.Outputs(rs)
	jobs := make([]publish.Job, len(outs))
	if s.sess.keep {
		// Only a session holds on to the views: a one-off build lets
		// each go, with the page's HTML it holds, once it is rendered.
		s.outs, s.shown = outs, make([][]*content.Page, len(outs))
	}
	siteImg := s.siteImage()
	par.Each(len(outs), func(i int) {
		o := outs[i]
		if o.Alias != nil {
			jobs[i] = publish.Job{Name: o.Name, Src: o.Src, Run: func() ([]byte, error) { return s.theme.RenderAlias(*o.Alias) }}
			return
		}
		s.pageImages(o.View, siteImg)
		jobs[i] = s.pageJob(o, i)
	})
	return jobs
}

// pageJob renders o, the output numbered i, which has a view. A session
// notes which pages' cards the view shows (shown), which again reads.
func (s *site) pageJob(o model.Output, i int) publish.Job {
	j := publish.Job{Name: o.Name, Src: o.Src}
	if s.sess.keep || s.sess.store != nil {
		card := s.card
		if s.shown != nil {
			s.shown[i] = s.shown[i][:0]
			card = func(p *content.Page) uint64 {
				s.shown[i] = append(s.shown[i], p)
				return s.card(p)
			}
		}
		j.Key = o.View.Key(o.Layout, s.siteKey, card)
		if p := o.View.Page; p != nil {
			// The view shows its own page's conversion, which the
			// card holds only in part.
			var h cache.Hash
			h.Numbers(j.Key, s.own(p))
			j.Key = h.Sum64()
		}
	}
	j.Run = func() ([]byte, error) { return s.theme.Render(o.Layout, o.View) }
	if res := s.m.Rendered[o.Page]; o.Page != nil && res != nil && !s.sess.keep {
		// A one-off build needs a page's HTML no more once the page
		// is rendered.
		j.Run = func() ([]byte, error) {
			defer func() { res.HTML = "" }()
			return s.theme.Render(o.Layout, o.View)
		}
	}
	return j
}

// resourceJobs copies a bundle's files beside its page.
func (s *site) resourceJobs(p *content.Page) []publish.Job {
	var jobs []publish.Job
	for _, r := range p.Resources {
		name := strings.TrimPrefix(p.URL, "/") + strings.TrimPrefix(r, p.BundleDir+"/")
		jobs = append(jobs, publish.Job{Name: name, Src: path.Join(content.Dir, r), Run: func() ([]byte, error) {
			return fs.ReadFile(s.content.FS, r)
		}})
	}
	return jobs
}

// journeyJobs writes each journey's standalone SVG, CSV, XLSX and PNG
// beside its page.
func (s *site) journeyJobs(p *content.Page) []publish.Job {
	res := s.m.Rendered[p]
	if res == nil {
		return nil
	}
	var jobs []publish.Job
	dir := strings.TrimPrefix(p.URL, "/")
	for ji, j := range journey.In(res) {
		o := j.Options
		o.PageURL = urls.Abs(s.m.Config.BaseURL, p.URL)
		// A target journey's table and workbook carry the current
		// journey too, so their key holds the current journey's page.
		var table interface {
			CSV(io.Writer) error
			XLSX(io.Writer) error
		} = plain{j.Journey, o}
		var also *content.Page
		for _, c := range s.m.Compares[p] {
			if c.Target == ji {
				cur := *journey.In(s.m.Rendered[c.Page])[c.Current]
				cur.Options.PageURL = urls.Abs(s.m.Config.BaseURL, c.Page.URL)
				table = journey.Compared{Target: &journey.Block{Journey: j.Journey, Options: o}, Current: &cur}
				also = c.Page
			}
		}
		type export struct {
			ext string
			fn  func(*bytes.Buffer) error
		}
		exports := []export{
			{".svg", func(b *bytes.Buffer) error { return j.SVG(b, o) }},
			{".csv", func(b *bytes.Buffer) error { return table.CSV(b) }},
			{".xlsx", func(b *bytes.Buffer) error { return table.XLSX(b) }},
		}
		if o.PNG {
			exports = append(exports, export{".png", func(b *bytes.Buffer) error { return j.PNG(b, o) }})
		}
		for _, e := range exports {
			jobs = append(jobs, publish.Job{Name: dir + j.ID + e.ext, Src: p.Path, Key: s.exportKey(p, also, e.ext), Run: func() ([]byte, error) {
				var b bytes.Buffer
				err := e.fn(&b)
				return b.Bytes(), err
			}})
		}
	}
	return jobs
}

// plain is a journey's table alone, with the options it is written with.
type plain struct {
	j *journey.Journey
	o journey.Options
}

func (t plain) CSV(w io.Writer) error  { return t.j.CSV(w, t.o) }
func (t plain) XLSX(w io.Writer) error { return t.j.XLSX(w, t.o) }
