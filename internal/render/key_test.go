package render

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/parcours/parcours/internal/cache"
	"github.com/parcours/parcours/internal/content"
)

// TestViewKeyCoversEveryField changes each value a View can hold, one at a
// time, and checks that the key changes: a field added to View (or to a
// type it holds) and not hashed in Key fails here, instead of letting the
// dev server serve a stale page. Fields covered another way are listed
// with the reason.
func TestViewKeyCoversEveryField(t *testing.T) {
	covered := map[string]string{
		"Site":    "the site key: config, options, theme and assets",
		"Content": "the conversion's key, which build adds to the key of the page's own outputs",
		"TOC":     "the conversion's key, which build adds to the key of the page's own outputs",
	}
	card := func(p *content.Page) uint64 {
		return cache.Sum([]byte(p.Title))
	}
	key := func(target int) (uint64, []string) {
		var v View
		f := filler{target: target}
		f.fill(reflect.ValueOf(&v).Elem(), "")
		return v.Key("page.html", 1, card), f.paths
	}
	base, paths := key(-1)
	if len(paths) < 30 {
		t.Fatalf("only %d values filled: the filler misses fields", len(paths))
	}
	for i, p := range paths {
		top := p
		for j, r := range p {
			if r == '.' || r == '[' {
				top = p[:j]
				break
			}
		}
		if _, ok := covered[top]; ok {
			continue
		}
		if k, _ := key(i); k == base {
			t.Errorf("View.Key ignores %s: hash it in Key, or say in this test what covers it", p)
		}
	}
}

// filler sets every value of a struct to a distinct one, the value number
// target to yet another, and records each value's path.
type filler struct {
	n, target int
	paths     []string
}

func (f *filler) next(path string) int {
	f.paths = append(f.paths, path)
	f.n++
	if f.n-1 == f.target {
		return -f.n
	}
	return f.n
}

var pageType = reflect.TypeOf(&content.Page{})

func (f *filler) fill(v reflect.Value, path string) {
	if v.Type() == pageType {
		v.Set(reflect.ValueOf(&content.Page{Title: fmt.Sprint("page ", f.next(path))}))
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if !v.Type().Field(i).IsExported() {
				continue
			}
			name := v.Type().Field(i).Name
			if path != "" {
				name = path + "." + name
			}
			f.fill(v.Field(i), name)
		}
	case reflect.Pointer:
		if v.Type().Elem().Kind() != reflect.Struct || v.Type() == reflect.TypeOf(&Site{}) {
			f.next(path) // covered by the site key; counted, not filled
			return
		}
		v.Set(reflect.New(v.Type().Elem()))
		f.fill(v.Elem(), path)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		f.fill(v.Index(0), path+"[0]")
	case reflect.String:
		v.SetString(fmt.Sprint("s", f.next(path)))
	case reflect.Int:
		v.SetInt(int64(f.next(path)))
	case reflect.Bool:
		v.SetBool(f.next(path) < 0)
	default:
		f.next(path)
	}
}
