package build

import (
	"bytes"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/markdown"
	"github.com/parcours/parcours/internal/output"
	"github.com/parcours/parcours/internal/par"
	"github.com/parcours/parcours/internal/render"
	"github.com/parcours/parcours/internal/urls"
)

// job is one file to render. A job with a key is skipped when the last
// build of the session rendered the same key: its bytes are reused.
type job struct {
	name string // output path
	key  uint64
	run  func() ([]byte, error)
}

// write renders every page and file into w.
func (s *site) write(w output.Writer) error {
	s.out = w
	rs := s.renderSite()
	if err := s.writeAssets(rs); err != nil {
		return err
	}
	s.computeSiteKey(rs)
	// The search index is built on one goroutine; it runs beside the page
	// rendering instead of after it.
	searchDone := make(chan error, 1)
	go func() { searchDone <- s.writeSearch() }()
	s.progress("rendering pages")
	jobs := s.pageJobs(rs)
	jobs = append(jobs, s.fileJobs(rs)...)
	errs := make([]error, len(jobs))
	outs := make([]outEntry, len(jobs))
	par.Each(len(jobs), func(i int) {
		j := jobs[i]
		if e, ok := s.sess.outs[j.name]; ok && j.key != 0 && e.key == j.key {
			outs[i] = e
			errs[i] = s.store(j.name, e.data)
			return
		}
		data, err := j.run()
		if !s.sess.keep {
			// Drop the view (and the page HTML it holds) once rendered.
			jobs[i].run = nil
		}
		s.mu.Lock()
		s.renderedJobs++
		s.mu.Unlock()
		if err == nil {
			data, err = s.finish(j.name, data)
		}
		if err == nil {
			if s.sess.keep {
				outs[i] = outEntry{key: j.key, data: data}
			}
			err = s.store(j.name, data)
		}
		errs[i] = err
	})
	if s.sess.keep {
		s.sess.outs = make(map[string]outEntry, len(jobs))
		for i, j := range jobs {
			if j.key != 0 {
				s.sess.outs[j.name] = outs[i]
			}
		}
	}
	searchErr := <-searchDone
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return searchErr
}

// put writes one output file, minified when asked.
func (s *site) put(name string, data []byte) error {
	data, err := s.finish(name, data)
	if err != nil {
		return err
	}
	return s.store(name, data)
}

// finish minifies a file when the build was asked to.
func (s *site) finish(name string, data []byte) ([]byte, error) {
	if !s.opts.Minify {
		return data, nil
	}
	out, err := minify(name, data)
	if err != nil {
		return nil, fmt.Errorf("minify %s: %w", name, err)
	}
	return out, nil
}

// store writes one output file as it is.
func (s *site) store(name string, data []byte) error {
	if err := s.out.WriteFile(name, data); err != nil {
		return err
	}
	s.mu.Lock()
	s.files++
	if strings.HasSuffix(name, ".html") {
		s.htmlPages++
	}
	s.mu.Unlock()
	return nil
}

// outName is the file a site path is written to.
func outName(u string) string {
	if strings.HasSuffix(u, "/") {
		return strings.TrimPrefix(u, "/") + "index.html"
	}
	return strings.TrimPrefix(u, "/")
}

// renderSite gathers what every page's view shares.
func (s *site) renderSite() *render.Site {
	rs := &render.Site{
		Title: s.cfg.Title, Description: s.cfg.Description, BaseURL: s.cfg.BaseURL,
		Language: s.cfg.Language, Author: s.cfg.Author, Image: s.cfg.Image,
		Stages: s.cfg.Stages, URLs: s.urls, Theme: s.theme, Assets: map[string]render.Asset{},
		Summaries: map[*content.Page]string{}, Feeds: true,
	}
	for _, sec := range []string{"cases", "guides", "journeys", "irritants"} {
		rs.Menu = append(rs.Menu, render.MenuItem{Name: s.theme.T(s.cfg.Language, "menu_"+sec), URL: "/" + sec + "/", Section: sec})
	}
	for _, p := range s.pages {
		sum := p.Description
		if sum == "" && s.rendered[p] != nil {
			sum = s.rendered[p].Summary
		}
		rs.Summaries[p] = sum
	}
	return rs
}

// view starts a page's view.
func (s *site) view(rs *render.Site, p *content.Page, kind, urlPath, title string) *render.View {
	v := &render.View{Site: rs, Path: urlPath, Lang: s.cfg.Language, Kind: kind, Page: p, Title: title}
	if p != nil {
		v.Lang = s.lang(p)
		v.Description = rs.Summaries[p]
		if res := s.rendered[p]; res != nil {
			v.Content = template.HTML(res.HTML)
			for _, h := range res.Headings {
				if h.Level == 2 || h.Level == 3 {
					v.TOC = append(v.TOC, h)
				}
			}
		}
		v.Backlinks = s.backlinks[p]
		v.Irritants = s.irritants[p]
		v.Terms = s.pageTerms(p)
	}
	if v.Description == "" {
		v.Description = rs.Description
	}
	return v
}

// pageTerms lists a page's terms per taxonomy.
func (s *site) pageTerms(p *content.Page) []render.TermGroup {
	var out []render.TermGroup
	for _, t := range s.taxes {
		var g render.TermGroup
		for _, v := range p.Terms(t.Name) {
			term := t.Term(v)
			if term == nil {
				continue
			}
			g.Terms = append(g.Terms, render.Term{Name: term.Name, URL: "/" + t.Name + "/" + term.Slug + "/"})
		}
		if len(g.Terms) > 0 {
			g.Taxonomy, g.Label = t.Name, s.theme.T(s.cfg.Language, "tax_"+t.Name)
			out = append(out, g)
		}
	}
	return out
}

var layoutOf = map[content.Kind]string{
	content.KindCase: "case.html", content.KindGuide: "guide.html", content.KindJourney: "journey.html",
	content.KindIrritant: "irritant.html", content.KindPage: "page.html",
}

// pageJobs lists every HTML page: content pages, sections, home, taxonomy
// pages, the catalogue's matrix cells, search, 404 and aliases.
func (s *site) pageJobs(rs *render.Site) []job {
	var jobs []job
	render1 := func(layout string, v *render.View) job {
		return job{name: outName(v.Path), key: s.viewKey(layout, v), run: func() ([]byte, error) { return s.theme.Render(layout, v) }}
	}
	cat := s.catalogue()
	sections := s.sectionPages()
	// Each page's view and key are made on every core: at 10,000 pages
	// this was a tenth of a second with one core idle. They only read
	// what the earlier stages built.
	regular := s.regularPages()
	perPage := make([][]job, len(regular))
	par.Each(len(regular), func(i int) {
		p := regular[i]
		v := s.view(rs, p, string(p.Kind), p.URL, p.Title)
		if p.Kind == content.KindIrritant {
			cat.fill(v, p)
		}
		j := render1(layoutOf[p.Kind], v)
		if !s.sess.keep {
			render := j.run
			res := s.rendered[p]
			j.run = func() ([]byte, error) {
				defer func() { res.HTML = "" }()
				return render()
			}
		}
		perPage[i] = append(append([]job{j}, s.resourceJobs(p)...), s.journeyJobs(p)...)
	})
	for _, js := range perPage {
		jobs = append(jobs, js...)
	}
	// Home.
	home := sections[""]
	hv := s.view(rs, home, "home", "/", s.cfg.Title)
	hv.LatestCases = s.latest(content.KindCase, 6)
	hv.LatestGuides = s.latest(content.KindGuide, 6)
	hv.StageGroups = s.stageGroups()
	jobs = append(jobs, render1("home.html", hv))
	// Sections, paginated.
	var names []string
	for name := range sections {
		if name != "" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		sec := sections[name]
		items := s.sectionItems(name)
		layout := "list.html"
		if name == "irritants" {
			layout = "irritants.html"
			v := s.view(rs, sec, "section", sec.URL, sec.Title)
			cat.fillIndex(v)
			jobs = append(jobs, render1(layout, v))
			jobs = append(jobs, cat.cellJobs(s, rs)...)
			continue
		}
		jobs = append(jobs, s.paginate(rs, sec, "section", sec.URL, sec.Title, items, layout)...)
	}
	// Taxonomies.
	for _, t := range s.taxes {
		t := t
		title := s.theme.T(s.cfg.Language, "tax_"+t.Name)
		v := s.view(rs, nil, "taxonomy", "/"+t.Name+"/", title)
		v.Taxonomy = t.Name
		for _, term := range t.Terms {
			v.TermList = append(v.TermList, render.Term{Name: term.Name, URL: "/" + t.Name + "/" + term.Slug + "/", Count: len(term.Pages)})
		}
		jobs = append(jobs, render1("taxonomy.html", v))
		for _, term := range t.Terms {
			items := append([]*content.Page(nil), term.Pages...)
			byDate(items)
			jobs = append(jobs, s.paginate(rs, nil, "term", "/"+t.Name+"/"+term.Slug+"/", term.Name, items, "term.html")...)
		}
	}
	sv := s.view(rs, nil, "search", "/search/", s.theme.T(s.cfg.Language, "search"))
	sv.NoIndex = true
	jobs = append(jobs, render1("search.html", sv))
	nf := s.view(rs, nil, "404", "/404.html", s.theme.T(s.cfg.Language, "not_found"))
	nf.NoIndex = true
	jobs = append(jobs, render1("404.html", nf))
	jobs = append(jobs, s.aliasJobs()...)
	return jobs
}

// paginate renders a list over several pages: url, url/page/2/, …
func (s *site) paginate(rs *render.Site, p *content.Page, kind, base, title string, items []*content.Page, layout string) []job {
	per := s.cfg.Paginate
	total := (len(items) + per - 1) / per
	if total == 0 {
		total = 1
	}
	pageURL := func(n int) string {
		if n == 1 {
			return base
		}
		return fmt.Sprintf("%spage/%d/", base, n)
	}
	var all []string
	for n := 1; n <= total; n++ {
		all = append(all, pageURL(n))
	}
	var jobs []job
	for n := 1; n <= total; n++ {
		v := s.view(rs, p, kind, pageURL(n), title)
		if kind == "term" {
			v.Taxonomy = strings.Split(strings.Trim(base, "/"), "/")[0]
		}
		lo, hi := (n-1)*per, min(n*per, len(items))
		v.Items = items[lo:hi]
		v.Pager = &render.Pager{Number: n, Total: total, Pages: all}
		if n > 1 {
			v.Pager.Prev = pageURL(n - 1)
		}
		if n < total {
			v.Pager.Next = pageURL(n + 1)
		}
		if n > 1 && p != nil {
			v.Content = ""
		}
		layout, v := layout, v
		jobs = append(jobs, job{name: outName(v.Path), key: s.viewKey(layout, v), run: func() ([]byte, error) { return s.theme.Render(layout, v) }})
	}
	return jobs
}

// sectionPages returns the published _index pages by section, creating
// the ones the content does not have ("" is the home page).
func (s *site) sectionPages() map[string]*content.Page {
	if s.sections != nil {
		return s.sections
	}
	out := map[string]*content.Page{}
	for _, p := range s.pages {
		if p.Kind == content.KindHome {
			out[""] = p
		}
		if p.Kind == content.KindSection && !strings.Contains(strings.TrimSuffix(p.Rel, "/_index.md"), "/") {
			out[p.Section] = p
		}
	}
	if out[""] == nil {
		out[""] = &content.Page{Kind: content.KindHome, URL: "/", Title: s.cfg.Title, Path: "content/_index.md"}
	}
	want := []string{"cases", "guides", "journeys", "irritants"}
	for _, p := range s.pages {
		if p.Section != "" && !p.IsList() {
			want = append(want, p.Section)
		}
	}
	for _, name := range want {
		if out[name] == nil {
			title := s.theme.T(s.cfg.Language, "menu_"+name)
			if strings.HasPrefix(title, "menu_") {
				title = strings.ToUpper(name[:1]) + name[1:]
			}
			out[name] = &content.Page{Kind: content.KindSection, Section: name, URL: "/" + name + "/", Title: title, Path: "content/" + name + "/_index.md"}
		}
	}
	s.sections = out
	return out
}

// sectionItems lists a section's regular pages, newest first.
func (s *site) sectionItems(name string) []*content.Page {
	var items []*content.Page
	for _, p := range s.regularPages() {
		if p.Section == name {
			items = append(items, p)
		}
	}
	byDate(items)
	return items
}

func (s *site) latest(k content.Kind, n int) []*content.Page {
	var items []*content.Page
	for _, p := range s.regularPages() {
		if p.Kind == k {
			items = append(items, p)
		}
	}
	byDate(items)
	if len(items) > n {
		items = items[:n]
	}
	return items
}

// stageGroups lists, for each lifecycle stage of the config, the cases and
// guides whose scopes name it.
func (s *site) stageGroups() []render.Group {
	var groups []render.Group
	var scopes = s.taxonomy("scopes")
	for _, st := range s.cfg.Stages {
		g := render.Group{Name: st}
		if scopes != nil {
			if term := scopes.Term(st); term != nil {
				g.URL = "/scopes/" + term.Slug + "/"
				for _, p := range term.Pages {
					if p.Kind == content.KindCase || p.Kind == content.KindGuide || p.Kind == content.KindJourney {
						g.Pages = append(g.Pages, p)
					}
				}
			}
		}
		if len(g.Pages) > 4 {
			g.Pages = g.Pages[:4]
		}
		groups = append(groups, g)
	}
	return groups
}

// resourceJobs copies a bundle's files beside its page.
func (s *site) resourceJobs(p *content.Page) []job {
	var jobs []job
	for _, r := range p.Resources {
		r := r
		name := strings.TrimPrefix(p.URL, "/") + strings.TrimPrefix(r, p.BundleDir+"/")
		jobs = append(jobs, job{name: name, run: func() ([]byte, error) {
			return fs.ReadFile(s.contentFS(), r)
		}})
	}
	return jobs
}

func (s *site) contentFS() fs.FS { return os.DirFS(filepath.Join(s.opts.Root, content.Dir)) }

// journeyJobs writes each journey's standalone SVG, CSV and XLSX beside its
// page.
func (s *site) journeyJobs(p *content.Page) []job {
	res := s.rendered[p]
	if res == nil {
		return nil
	}
	var jobs []job
	dir := strings.TrimPrefix(p.URL, "/")
	for _, j := range res.Journeys {
		j := j
		exports := []struct {
			ext string
			fn  func(*bytes.Buffer) error
		}{
			{".svg", func(b *bytes.Buffer) error { return j.SVG(b, j.Options) }},
			{".csv", func(b *bytes.Buffer) error { return j.CSV(b) }},
			{".xlsx", func(b *bytes.Buffer) error { return j.XLSX(b) }},
		}
		for _, e := range exports {
			e := e
			jobs = append(jobs, job{name: dir + j.ID + e.ext, key: s.exportKey(p, e.ext), run: func() ([]byte, error) {
				var b bytes.Buffer
				err := e.fn(&b)
				return b.Bytes(), err
			}})
		}
	}
	return jobs
}

// aliasJobs writes a redirect page at each alias.
func (s *site) aliasJobs() []job {
	var jobs []job
	for _, p := range s.pages {
		for _, a := range p.Aliases {
			u, _ := aliasURL(a.Text)
			target := s.urls.Href(u, p.URL)
			html := fmt.Sprintf("<!DOCTYPE html>\n<html lang=%q><head><meta charset=\"utf-8\"><title>%s</title><link rel=\"canonical\" href=\"%s\"><meta name=\"robots\" content=\"noindex\"><meta http-equiv=\"refresh\" content=\"0; url=%s\"></head><body><p><a href=\"%s\">%s</a></p></body></html>\n",
				s.lang(p), template.HTMLEscapeString(p.Title), template.HTMLEscapeString(urls.Abs(s.cfg.BaseURL, p.URL)),
				template.HTMLEscapeString(target), template.HTMLEscapeString(target), template.HTMLEscapeString(p.Title))
			jobs = append(jobs, job{name: outName(u), run: func() ([]byte, error) { return []byte(html), nil }})
		}
	}
	return jobs
}

// writeAssets publishes the theme's and the site's static files and the
// generated code stylesheet; CSS and JS get a content hash in their name
// and an integrity value, except under serve and relative URLs.
func (s *site) writeAssets(rs *render.Site) error {
	files := map[string][]byte{}
	var css bytes.Buffer
	if err := markdown.Stylesheet(&css); err != nil {
		return fmt.Errorf("code stylesheet: %w", err)
	}
	files["css/syntax.css"] = css.Bytes()
	layers := append(append([]fs.FS(nil), s.theme.Static()...), s.static)
	for _, layer := range layers {
		err := fs.WalkDir(layer, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == "." {
					return fs.SkipDir // no static/ folder
				}
				return err
			}
			if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
				return nil
			}
			b, err := fs.ReadFile(layer, p)
			if err != nil {
				return err
			}
			files[p] = b
			return nil
		})
		if err != nil {
			return fmt.Errorf("static files: %w", err)
		}
	}
	fingerprint := !s.opts.Serve && !s.opts.RelativeURLs
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		data, err := s.finish(n, files[n])
		if err != nil {
			return err
		}
		out := n
		ext := path.Ext(n)
		if fingerprint && (ext == ".css" || ext == ".js") {
			sum := sha256.Sum256(data)
			out = strings.TrimSuffix(n, ext) + "." + hex.EncodeToString(sum[:])[:12] + ext
			sri := sha512.Sum384(data)
			rs.Assets[n] = render.Asset{Path: "/" + out, Integrity: "sha384-" + base64.StdEncoding.EncodeToString(sri[:])}
		} else {
			rs.Assets[n] = render.Asset{Path: "/" + out}
		}
		if err := s.out.WriteFile(out, data); err != nil {
			return err
		}
		s.files++
	}
	// Content files outside bundles keep their place.
	for _, f := range s.content.Files {
		b, err := fs.ReadFile(s.contentFS(), f)
		if err != nil {
			return fmt.Errorf("content file %s: %w", f, err)
		}
		if err := s.out.WriteFile(f, b); err != nil {
			return err
		}
		s.files++
	}
	return nil
}
