// Package render turns resolved pages into HTML through the theme's
// html/template layouts.
//
// Layouts are looked up by file name, first in the site's layouts/ folder,
// then in themes/<theme>/layouts/ under the site root, then in the default
// theme built into parcours. A layout defines "main" and is executed inside
// baseof.html; partials/*.html are shared by every layout. Templates are
// parsed once per build.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/pelletier/go-toml/v2"

	"github.com/parcours/parcours/internal/cache"
	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/sitefs"
)

// Layouts every theme provides.
var layoutNames = []string{
	"home.html", "case.html", "guide.html", "journey.html", "irritant.html", "persona.html", "page.html",
	"list.html", "irritants.html", "irritant-list.html", "opportunities.html", "journeys.html", "taxonomy.html", "term.html", "search.html", "404.html", "sitemap.html",
}

// Theme is a parsed theme.
type Theme struct {
	layouts map[string]*template.Template
	alias   *template.Template
	i18n    map[string]map[string]string
	// monthNames holds each language's months, for dates.
	monthNames map[string][]string
	// cards caches each page's card, which lists show by the thousand.
	cards sync.Map // cardKey → template.HTML
	// partials caches partialCached's renderings.
	partials sync.Map // string → template.HTML
	static   []fs.FS  // theme first, site's static/ overrides it later
	bufs     sync.Pool
	// Key identifies the templates and strings: two themes with the same
	// Key render the same view to the same bytes.
	Key uint64
	// ReadsBody says that some template names a field only a page's
	// Markdown body decides (Body, Hash), so it may show another page's
	// body: what a list shows of a page then covers its whole file.
	ReadsBody bool
}

// LoadTheme reads the layouts, i18n strings and static files of a theme.
// builtin is the default theme's folder, used when the site has none. When
// prev, the previous build's theme, was read from the same files, it is
// returned with its caches emptied instead of parsing every template again.
func LoadTheme(root, name string, builtin fs.FS, prev *Theme) (*Theme, error) {
	var layers []fs.FS
	var layerNames []string
	// Symlinks leaving the site are refused here as in content/.
	var links []diag.Diagnostic
	if dir, ds, err := sitefs.Open(root, "layouts"); err == nil {
		layers = append(layers, dir)
		layerNames = append(layerNames, "layouts")
		links = append(links, ds...)
	}
	var themeFS fs.FS
	if dir, ds, err := sitefs.Open(root, filepath.Join("themes", name)); err == nil {
		themeFS = dir
		links = append(links, ds...)
		layerNames = append(layerNames, path.Join("themes", name, "layouts"))
	} else if name == "default" && builtin != nil {
		themeFS = builtin
		layerNames = append(layerNames, "(built-in default theme)/layouts")
	} else {
		return nil, fmt.Errorf("theme %q not found: no folder themes/%s", name, name)
	}
	if len(links) > 0 {
		return nil, &diag.Errors{List: links}
	}
	sub, err := fs.Sub(themeFS, "layouts")
	if err != nil {
		return nil, err
	}
	layers = append(layers, sub)

	// Every source is read and hashed first, so that an unchanged theme is
	// known before anything is parsed.
	var key cache.Hash
	type source struct{ name, file, text string }
	read := func(name string) (source, error) {
		for i, l := range layers {
			b, err := fs.ReadFile(l, name)
			if err == nil {
				key.WriteString(name)
				key.Write(b)
				return source{name, path.Join(layerNames[i], name), string(b)}, nil
			}
		}
		return source{}, fmt.Errorf("layout %s not found in %s", name, strings.Join(layerNames, ", "))
	}
	// alias.html stands alone (no baseof.html); a theme without one gets
	// the built-in default's, as Hugo has a built-in alias template.
	aliasSrc, err := read("alias.html")
	if err != nil && builtin != nil {
		var b []byte
		if b, err = fs.ReadFile(builtin, "layouts/alias.html"); err == nil {
			key.Write(b)
			aliasSrc = source{"alias.html", "(built-in default theme)/layouts/alias.html", string(b)}
		}
	}
	if err != nil {
		return nil, err
	}
	partials := map[string]bool{}
	for _, l := range layers {
		names, _ := fs.Glob(l, "partials/*.html")
		for _, n := range names {
			partials[n] = true
		}
	}
	var srcs []source // baseof.html, the partials, then the layouts
	for _, n := range append(append([]string{"baseof.html"}, slices.Sorted(maps.Keys(partials))...), layoutNames...) {
		src, err := read(n)
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, src)
	}
	i18n := map[string][]byte{}
	for _, lang := range []string{"fr", "en"} {
		if b, err := fs.ReadFile(themeFS, "i18n/"+lang+".toml"); err == nil {
			key.Write(b)
			i18n[lang] = b
		}
	}
	if prev != nil && prev.Key == key.Sum64() {
		prev.cards.Clear()
		prev.partials.Clear()
		return prev, nil
	}

	t := &Theme{layouts: map[string]*template.Template{}, i18n: map[string]map[string]string{}, Key: key.Sum64()}
	t.bufs.New = func() any { return new(bytes.Buffer) }
	base := template.New("baseof.html").Funcs(funcs).Funcs(template.FuncMap{"partialCached": t.partialCached})
	layouts := len(srcs) - len(layoutNames)
	for i, src := range srcs[:layouts] {
		tpl := base
		if i > 0 {
			tpl = base.New(src.name)
		}
		if _, err := tpl.Parse(src.text); err != nil {
			return nil, fmt.Errorf("%s: %w", src.file, err)
		}
	}
	for _, src := range srcs[layouts:] {
		clone, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := clone.New(src.name).Parse(src.text); err != nil {
			return nil, fmt.Errorf("%s: %w", src.file, err)
		}
		t.layouts[src.name] = clone
	}
	if t.alias, err = template.New("alias.html").Funcs(funcs).Parse(aliasSrc.text); err != nil {
		return nil, fmt.Errorf("%s: %w", aliasSrc.file, err)
	}
	t.ReadsBody = readsBody(append(slices.Collect(maps.Values(t.layouts)), t.alias)...)
	for _, lang := range []string{"fr", "en"} {
		b, ok := i18n[lang]
		if !ok {
			continue
		}
		m := map[string]string{}
		if err := toml.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("i18n/%s.toml: %w", lang, err)
		}
		t.i18n[lang] = m
	}
	t.monthNames = map[string][]string{}
	for lang := range t.i18n {
		t.monthNames[lang] = strings.Fields(t.T(lang, "months"))
	}
	if st, err := fs.Stat(themeFS, "static"); err == nil && st.IsDir() {
		s, _ := fs.Sub(themeFS, "static")
		t.static = append(t.static, s)
	}
	return t, nil
}

// months returns the month names of a language, split once.
func (t *Theme) months(lang string) []string {
	if m, ok := t.monthNames[lang]; ok {
		return m
	}
	return strings.Fields(t.T(lang, "months"))
}

// Static returns the theme's static files.
func (t *Theme) Static() []fs.FS { return t.static }

// T returns the UI string for key in lang, falling back to English, then to
// the key itself so a missing string shows rather than breaks a page.
func (t *Theme) T(lang, key string) string {
	if s, ok := t.i18n[lang][key]; ok {
		return s
	}
	if s, ok := t.i18n["en"][key]; ok {
		return s
	}
	return key
}

type cardKey struct {
	partial string // which card: partials/card.html or partials/irritant-card.html
	page    *content.Page
	lang    string
	from    string // the list page's folder, when links are relative to it
	num     bool   // whether an irritant card shows its rank
}

// Card renders partials/card.html for a page as seen from the view's page.
// A page's card is the same in every list of one build (with absolute
// links), so it is rendered once and reused.
func (t *Theme) Card(v *View, p *content.Page) (template.HTML, error) {
	return t.card(v, cardKey{partial: "partials/card.html", page: p}, map[string]any{"View": v, "Page": p})
}

// IrritantCard renders partials/irritant-card.html for an irritant of the
// catalogue, with its rank or without. An irritant's entry is the same in
// every list of one build, and the catalogue's pages show each irritant
// several times over (its orders, filters and matrix cells), so the card is
// rendered once for each variant and reused.
func (t *Theme) IrritantCard(v *View, r Ranked, num bool) (template.HTML, error) {
	return t.card(v, cardKey{partial: "partials/irritant-card.html", page: r.Page, num: num}, map[string]any{"v": v, "r": r, "num": num})
}

// card renders k.partial with data once for k, the view's language and, for
// relative links, its folder, and reuses the rendering.
func (t *Theme) card(v *View, k cardKey, data any) (template.HTML, error) {
	k.lang = v.Lang
	if v.Site.URLs.Relative {
		k.from = v.Path[:strings.LastIndexByte(v.Path, '/')+1]
	}
	if h, ok := t.cards.Load(k); ok {
		return h.(template.HTML), nil
	}
	tpl := t.layouts["list.html"]
	buf := t.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer t.bufs.Put(buf)
	if err := tpl.ExecuteTemplate(buf, k.partial, data); err != nil {
		return "", fmt.Errorf("render %s of %s: %w", k.partial, k.page.Path, err)
	}
	h := template.HTML(buf.String())
	t.cards.Store(k, h)
	return h, nil
}

// partialCached renders a partial once for each name, list of variants and
// language, and reuses it, as Hugo's partialCached does: the header and
// footer every page repeats cost a map lookup instead of some thirty
// template actions. Whatever the partial shows must be decided by the
// variants. With relative links, a page's folder is part of the key, since
// the partial's hrefs depend on it.
func (t *Theme) partialCached(name string, ctx any, variants ...any) (template.HTML, error) {
	var key strings.Builder
	key.WriteString(name)
	for _, v := range variants {
		fmt.Fprintf(&key, "\x00%v", v)
	}
	if v, ok := ctx.(*View); ok {
		key.WriteString("\x00" + v.Lang)
		if v.Site.URLs.Relative {
			key.WriteString("\x00" + v.Path[:strings.LastIndexByte(v.Path, '/')+1])
		}
	}
	if h, ok := t.partials.Load(key.String()); ok {
		return h.(template.HTML), nil
	}
	buf := t.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer t.bufs.Put(buf)
	if err := t.layouts["list.html"].ExecuteTemplate(buf, name, ctx); err != nil {
		return "", err
	}
	h := template.HTML(buf.String())
	t.partials.Store(key.String(), h)
	return h, nil
}

// Partial renders partials/<name> with data on its own, for HTML made before
// pages are (a journey figure inside a page's Markdown).
func (t *Theme) Partial(name string, data any) ([]byte, error) {
	var b bytes.Buffer
	if err := t.layouts["list.html"].ExecuteTemplate(&b, "partials/"+name, data); err != nil {
		return nil, fmt.Errorf("render partials/%s: %w", name, err)
	}
	return b.Bytes(), nil
}

// Render executes a layout for a view and returns the page's bytes.
func (t *Theme) Render(layout string, v *View) ([]byte, error) {
	tpl, ok := t.layouts[layout]
	if !ok {
		return nil, fmt.Errorf("no layout %s", layout)
	}
	buf := t.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer t.bufs.Put(buf)
	if err := tpl.ExecuteTemplate(buf, "baseof.html", v); err != nil {
		return nil, fmt.Errorf("render %s with %s: %w", v.Path, layout, err)
	}
	return append([]byte(nil), buf.Bytes()...), nil
}

// Alias is what alias.html is given: an old address of a page, which
// redirects to the page.
type Alias struct {
	Lang      string // the page's language
	Title     string // the page's title
	Canonical string // the page's absolute URL
	Target    string // the page's href from the alias's folder
}

// RenderAlias renders alias.html.
func (t *Theme) RenderAlias(a Alias) ([]byte, error) {
	var b bytes.Buffer
	if err := t.alias.Execute(&b, a); err != nil {
		return nil, fmt.Errorf("render alias.html: %w", err)
	}
	return b.Bytes(), nil
}

var funcs = template.FuncMap{
	"join": strings.Join,
	"add":  func(a, b int) int { return a + b },
	"seq": func(n int) []int {
		s := make([]int, n)
		for i := range s {
			s[i] = i + 1
		}
		return s
	},
	"safeHTML": func(s string) template.HTML { return template.HTML(s) },
	"lower":    strings.ToLower,
	// replace fills a UI string's placeholder: replace (T "n_items") "{n}" "3".
	"replace": strings.ReplaceAll,
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, fmt.Errorf("dict needs pairs of key and value")
		}
		m := make(map[string]any, len(kv)/2)
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict key %v is not a string", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
}
