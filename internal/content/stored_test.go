package content

import (
	"reflect"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/parcours/parcours/internal/diag"
)

type memStored struct {
	m    sync.Map
	hits atomic.Int32
}

func (s *memStored) Get(rel string, key uint64) ([]byte, bool) {
	v, ok := s.m.Load(rel)
	if !ok || v.([2]any)[0].(uint64) != key {
		return nil, false
	}
	s.hits.Add(1)
	return v.([2]any)[1].([]byte), true
}

func (s *memStored) Put(rel string, key uint64, data []byte) { s.m.Store(rel, [2]any{key, data}) }

// A page decoded from the store equals the page parsed from its file:
// every field, the body (H1 title cut included) and Params' value types.
func TestStoredPageEqualsParsed(t *testing.T) {
	for _, tc := range []struct{ rel, src string }{
		{"cases/acme.md", "---\ntitle: Acme\nclient: Acme\ndate: 2024-01-02\ntools: [Salesforce]\nirritants: [attente]\n---\n\n## La mission\n\nTexte.\n"},
		{"guides/h1.md", "---\ndate: 2024-03-04T10:00:00+02:00\nextra:\n  a: [1, 2.5, oui]\n  b: {c: 2024-01-01}\n---\n# Titre du H1\n\nTexte.\n"},
		{"guides/sans.md", "# Titre seul\nTexte sans frontmatter.\n"},
		{"guides/toml.md", "+++\ntitle = \"Toml\"\nweight = 3\n[extra]\nn = 1.5\n+++\nCorps.\n"},
		{"guides/json.md", "{\n\"title\": \"Json\",\n\"tags\": [\"a\", \"b\"]\n}\nCorps.\n"},
		{"irritants/i.md", "---\ntitle: I\nseverity: 4\nfrequency: 2\nstages: [Onboarding]\nremedies:\n  - text: Appeler\n    impact: 3\n    effort: 1\n---\nLong.\n"},
		{"guides/bom.md", "\ufeff---\ntitle: Bom\n---\nCorps.\n"},
	} {
		want, ds := parse("content/"+tc.rel, tc.rel, []byte(tc.src), false)
		if want == nil {
			t.Fatalf("%s: %v", tc.rel, ds)
		}
		data, ok := encodePage(want, []byte(tc.src))
		if !ok {
			t.Errorf("%s: not stored", tc.rel)
			continue
		}
		got, ok := decodePage(data, []byte(tc.src))
		if !ok {
			t.Fatalf("%s: not decoded", tc.rel)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: decoded\n%#v\nwant\n%#v", tc.rel, got, want)
		}
	}
}

// A second run's loader takes every unchanged file from the store, and
// its pages equal the first run's; an edited file is parsed again.
func TestLoaderReadsStoredPages(t *testing.T) {
	fsys := fstest.MapFS{
		"_index.md":         {Data: []byte("---\ntitle: Accueil\n---\n")},
		"cases/acme.md":     {Data: []byte("---\ntitle: Acme\ntools: [A, B]\n---\nTexte.\n")},
		"guides/h1.md":      {Data: []byte("# Titre\n\nTexte.\n")},
		"guides/b/index.md": {Data: []byte("---\ntitle: Bundle\n---\n![x](x.png)\n")},
		"guides/b/x.png":    {Data: []byte("png")},
		"guides/_index.md":  {Data: []byte("---\ntitle: Guides\n---\n")},
	}
	store := &memStored{}
	load := func() *Site {
		var list diag.List
		site, err := (&Loader{Stored: store}).LoadFS(fsys, &list)
		if err != nil || list.Err() != nil {
			t.Fatal(err, list.Err())
		}
		return site
	}
	first := load()
	if n := store.hits.Load(); n != 0 {
		t.Fatalf("first load took %d pages from an empty store", n)
	}
	second := load()
	if n := store.hits.Load(); int(n) != len(first.Pages) {
		t.Errorf("second load took %d of %d pages from the store", n, len(first.Pages))
	}
	if !reflect.DeepEqual(first.Pages, second.Pages) {
		t.Errorf("stored pages differ from parsed ones")
	}
	fsys["cases/acme.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Acme 2\n---\nTexte.\n")}
	third := load()
	for _, p := range third.Pages {
		if p.Rel == "cases/acme.md" && p.Title != "Acme 2" {
			t.Errorf("edited page read from the store: title %q", p.Title)
		}
	}
}

// fill gives every field of v a value other than its zero, recursively.
func fill(t *testing.T, v reflect.Value, name string) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("v-" + name)
	case reflect.Int:
		v.SetInt(int64(len(name)))
	case reflect.Uint64:
		v.SetUint(uint64(len(name)) << 40)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fill(t, s.Index(0), name)
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		e := reflect.New(v.Type().Elem()).Elem()
		if e.Kind() == reflect.Interface {
			e.Set(reflect.ValueOf([]any{"x", 1.5, map[string]any{"n": 2}}))
		} else {
			fill(t, e, name)
		}
		m.SetMapIndex(reflect.ValueOf("k-"+name), e)
		v.Set(m)
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(time.Time{}) {
			v.Set(reflect.ValueOf(time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)))
			return
		}
		for i := range v.NumField() {
			fill(t, v.Field(i), name+"."+v.Type().Field(i).Name)
		}
	default:
		t.Fatalf("%s: no value for a %s: teach fill and the page record this type", name, v.Type())
	}
}

// Every field of Page is stored: a field added to Page without its place
// in the record fails here rather than go stale in warm builds.
func TestStoredPageKeepsEveryField(t *testing.T) {
	notStored := map[string]string{
		"Body":      "taken from the file",
		"Resources": "set by LoadFS from the other files",
	}
	var p Page
	v := reflect.ValueOf(&p).Elem()
	for i := range v.NumField() {
		if f := v.Type().Field(i); notStored[f.Name] == "" {
			fill(t, v.Field(i), f.Name)
		}
	}
	src := []byte("---\ntitle: x\n---\nCorps.\n")
	p.Body, p.BodyLine = src[len(src)-len("Corps.\n"):], 4
	data, ok := encodePage(&p, src)
	if !ok {
		t.Fatal("page not stored")
	}
	got, ok := decodePage(data, src)
	if !ok {
		t.Fatal("page not decoded")
	}
	for i := range v.NumField() {
		name := v.Type().Field(i).Name
		if !reflect.DeepEqual(reflect.ValueOf(got).Elem().Field(i).Interface(), v.Field(i).Interface()) {
			t.Errorf("%s: stored %v, want %v", name, reflect.ValueOf(got).Elem().Field(i), v.Field(i))
		}
	}
}
