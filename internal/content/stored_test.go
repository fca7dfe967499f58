package content

import (
	"reflect"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/parcours/parcours/internal/cache"
	"github.com/parcours/parcours/internal/diag"
)

type memStored struct {
	m    sync.Map
	hits atomic.Int32
}

func (s *memStored) Get(rel string) (uint64, []byte, bool) {
	v, ok := s.m.Load(rel)
	if !ok {
		return 0, nil, false
	}
	return v.([2]any)[0].(uint64), v.([2]any)[1].([]byte), true
}

func (s *memStored) Keep(string) { s.hits.Add(1) }

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
		data, ok := encodePage(want, 42)
		if !ok {
			t.Errorf("%s: not stored", tc.rel)
			continue
		}
		got, stat, ok := decodePage(data)
		if !ok || stat != 42 {
			t.Fatalf("%s: not decoded (ok %v, stat %d)", tc.rel, ok, stat)
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
	case reflect.Uint8:
		v.SetUint(uint64(len(name)))
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
		"Resources": "set by LoadFS from the other files",
	}
	var p Page
	v := reflect.ValueOf(&p).Elem()
	for i := range v.NumField() {
		if f := v.Type().Field(i); notStored[f.Name] == "" {
			fill(t, v.Field(i), f.Name)
		}
	}
	data, ok := encodePage(&p, 7)
	if !ok {
		t.Fatal("page not stored")
	}
	got, _, ok := decodePage(data)
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

// readCounter is a folder that counts the files read from it.
type readCounter struct {
	fstest.MapFS
	mu    sync.Mutex
	reads map[string]int
}

func (c *readCounter) ReadFile(name string) ([]byte, error) {
	c.mu.Lock()
	c.reads[name]++
	c.mu.Unlock()
	return c.MapFS.ReadFile(name)
}

// A file whose size and times are those an earlier load stored its page
// with is not read again, and gives the same page; one saved since (even
// at the same size), or written so shortly before a load that its time
// cannot tell a later save, is read.
func TestLoaderSkipsUnsavedFiles(t *testing.T) {
	long := time.Now().Add(-time.Hour)
	fsys := &readCounter{MapFS: fstest.MapFS{
		"_index.md":     {Data: []byte("---\ntitle: Accueil\n---\n"), ModTime: long},
		"cases/acme.md": {Data: []byte("---\ntitle: Acme\n---\nTexte.\n"), ModTime: long},
		"guides/h1.md":  {Data: []byte("# Titre\n\nTexte.\n"), ModTime: long},
	}}
	store := &memStored{}
	for _, step := range []struct {
		name  string
		edit  func()
		reads []string
	}{
		{"first load", func() {}, []string{"_index.md", "cases/acme.md", "guides/h1.md"}},
		{"nothing saved", func() {}, nil},
		{"saved at the same size", func() {
			fsys.MapFS["cases/acme.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Acmé\n---\nTexte\n"), ModTime: long.Add(time.Minute)}
		}, []string{"cases/acme.md"}},
		{"after the save", func() {}, nil},
		{"touched", func() { fsys.MapFS["guides/h1.md"].ModTime = long.Add(2 * time.Minute) }, []string{"guides/h1.md"}},
		{"after the touch", func() {}, nil},
		{"saved just now", func() {
			fsys.MapFS["cases/acme.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Acme 3\n---\nTexte.\n"), ModTime: time.Now()}
		}, []string{"cases/acme.md"}},
		{"its time cannot vouch", func() {}, []string{"cases/acme.md"}},
	} {
		step.edit()
		fsys.reads = map[string]int{}
		var list diag.List
		site, err := (&Loader{Stored: store}).LoadFS(fsys, &list)
		if err != nil || list.Err() != nil {
			t.Fatal(step.name, err, list.Err())
		}
		var read []string
		for name, n := range fsys.reads {
			if n != 1 {
				t.Errorf("%s: %s read %d times", step.name, name, n)
			}
			read = append(read, name)
		}
		slices.Sort(read)
		if !slices.Equal(read, step.reads) {
			t.Errorf("%s: read %v, want %v", step.name, read, step.reads)
		}
		// Every page equals one parsed from the file as it now is.
		for _, p := range site.Pages {
			want, _ := parse(p.Path, p.Rel, fsys.MapFS[p.Rel].Data, p.Kind == KindSection)
			want.Hash = p.Hash
			if !reflect.DeepEqual(p, want) || p.Hash != cache.Sum(fsys.MapFS[p.Rel].Data) {
				t.Errorf("%s: %s differs from its file", step.name, p.Rel)
			}
		}
	}
}
