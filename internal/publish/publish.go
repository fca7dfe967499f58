// Package publish writes a site's files: it runs the jobs that render them,
// on every core, minifies when asked, fingerprints the theme's assets with
// their integrity hashes, writes the sitemap, feeds, robots.txt and
// Netlify's _redirects, and refuses two files published at one address.
// Where the files go (a temporary folder swapped in when complete, or
// memory) is the output package's concern.
package publish

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"github.com/parcours/parcours/internal/cache"
	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/output"
	"github.com/parcours/parcours/internal/par"
)

// Job is one file to write.
type Job struct {
	Name string // path in the output tree
	// Src is the file the output comes from, named when two outputs
	// collide; "" for what parcours makes on its own.
	Src string
	// Key, when not 0, identifies everything the file is made from: a
	// job whose key the Cache holds is not run, its bytes are reused.
	Key uint64
	Run func() ([]byte, error)
}

// Cache holds the files of the last build by name, with their keys: in
// memory for a dev server session, or in Disk, the persistent build cache
// of a one-off build, which then holds no file in memory.
type Cache struct {
	files map[string]cached
	Disk  *cache.Store
	// Prev, when not nil, holds the output the Disk cache's files were
	// written to: an unchanged file is kept there, not written.
	Prev Keeper
}

// Keeper leaves a file unchanged in the previous output (output.Disk).
type Keeper interface {
	Keep(name string, size int) bool
}

// kindFile is the kind of a published file's record in a Disk cache.
const kindFile = "file"

type cached struct {
	key  uint64
	data []byte
}

// Publisher writes the files of one build.
type Publisher struct {
	out    output.Writer
	minify bool
	cache  *Cache // nil in a one-off build

	mu sync.Mutex
	// claims holds each file's first claim by folded name, and twice all
	// the claims of a name claimed more than once: see Done. One claim
	// per file, not a slice: a rebuild claims names by the ten thousand.
	claims map[string]claim
	twice  map[string][]claim
	// Files counts the files written, HTML the HTML pages among them,
	// Rendered the files that were made rather than taken from the cache
	// and Reused the HTML pages that were taken from it.
	Files, HTML, Rendered, Reused int
}

// New returns a Publisher writing to out; cache, when not nil, is read and
// then replaced by this build's files.
func New(out output.Writer, minify bool, cache *Cache) *Publisher {
	return &Publisher{out: out, minify: minify, cache: cache, claims: map[string]claim{}, twice: map[string][]claim{}}
}

// Run runs jobs on every core and writes their files, reusing the cached
// bytes of a job whose key is unchanged. It returns the first error.
func (p *Publisher) Run(jobs []Job) error {
	errs := make([]error, len(jobs))
	var kept []cached
	var disk *cache.Store
	switch {
	case p.cache != nil && p.cache.Disk != nil:
		disk = p.cache.Disk
	case p.cache != nil:
		kept = make([]cached, len(jobs))
	}
	par.Each(len(jobs), func(i int) {
		j := jobs[i]
		if disk != nil && p.kept(j) {
			disk.Keep(kindFile, j.Name)
			p.claim(j.Name, j.Src, true)
			return
		}
		if data, ok := p.cached(j); ok {
			if kept != nil {
				kept[i] = cached{key: j.Key, data: data}
			}
			if disk != nil {
				disk.Keep(kindFile, j.Name)
			}
			errs[i] = p.out.WriteFile(j.Name, data)
			if errs[i] == nil {
				p.claim(j.Name, j.Src, true)
			}
			return
		}
		data, err := j.Run()
		if kept == nil {
			// Drop what the job holds (a view, a page's HTML) once run.
			jobs[i].Run = nil
		}
		p.mu.Lock()
		p.Rendered++
		p.mu.Unlock()
		if err == nil {
			data, err = p.finish(j.Name, data)
		}
		if err == nil {
			if kept != nil {
				kept[i] = cached{key: j.Key, data: data}
			}
			if disk != nil && j.Key != 0 {
				disk.Put(kindFile, j.Name, j.Key, data)
			}
			err = p.store(j.Name, j.Src, data)
		}
		errs[i] = err
	})
	if kept != nil {
		files := make(map[string]cached, len(jobs))
		for i, j := range jobs {
			if j.Key != 0 {
				files[j.Name] = kept[i]
			}
		}
		p.cache.files = files
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// cached returns the bytes the cache holds for a job whose key is
// unchanged.
func (p *Publisher) cached(j Job) ([]byte, bool) {
	if p.cache == nil || j.Key == 0 {
		return nil, false
	}
	if e, ok := p.cache.files[j.Name]; ok && e.key == j.Key {
		return e.data, true
	}
	if p.cache.Disk != nil {
		if key, data, ok := p.cache.Disk.Get(kindFile, j.Name); ok && key == j.Key {
			return data, true
		}
	}
	return nil, false
}

// kept leaves a job's file in the previous output when the Disk cache
// holds it under the job's key.
func (p *Publisher) kept(j Job) bool {
	if p.cache.Prev == nil || j.Key == 0 {
		return false
	}
	key, n, ok := p.cache.Disk.Size(kindFile, j.Name)
	return ok && key == j.Key && p.cache.Prev.Keep(j.Name, n)
}

// Put writes one file, minified when asked; src as in Job. A file the
// previous output holds with these very bytes is kept there instead: the
// search index's files, made again at every build, mostly do not change.
func (p *Publisher) Put(name, src string, data []byte) error {
	data, err := p.finish(name, data)
	if err != nil {
		return err
	}
	if p.unchanged(name, data) {
		p.claim(name, src, false)
		return nil
	}
	return p.store(name, src, data)
}

// kindSum is the kind of the Disk cache's record of a file Put wrote: no
// bytes, the sum of the file's as its key.
const kindSum = "sum"

// unchanged keeps a file Put is given in the previous output when the
// Disk cache says the file there has the same sum, and records the sum
// for the next build.
func (p *Publisher) unchanged(name string, data []byte) bool {
	if p.cache == nil || p.cache.Disk == nil {
		return false
	}
	disk, sum := p.cache.Disk, cache.Sum(data)
	if key, _, ok := disk.Size(kindSum, name); ok && key == sum && p.cache.Prev != nil && p.cache.Prev.Keep(name, len(data)) {
		disk.Keep(kindSum, name)
		return true
	}
	disk.Put(kindSum, name, sum, nil)
	return false
}

// finish minifies a file when the build was asked to.
func (p *Publisher) finish(name string, data []byte) ([]byte, error) {
	if !p.minify {
		return data, nil
	}
	return minify(name, data)
}

// store writes one file as it is.
func (p *Publisher) store(name, src string, data []byte) error {
	if err := p.out.WriteFile(name, data); err != nil {
		return err
	}
	p.claim(name, src, false)
	return nil
}

// claim counts a file written, reused when it came from the cache.
func (p *Publisher) claim(name, src string, reused bool) {
	fold := strings.ToLower(name)
	html := strings.HasSuffix(name, ".html")
	p.mu.Lock()
	if first, ok := p.claims[fold]; ok {
		if len(p.twice[fold]) == 0 {
			p.twice[fold] = []claim{first}
		}
		p.twice[fold] = append(p.twice[fold], claim{name, src})
	} else {
		p.claims[fold] = claim{name, src}
	}
	p.Files++
	if html {
		p.HTML++
		if reused {
			p.Reused++
		}
	}
	p.mu.Unlock()
}

// claim is one output file's name as written and its source.
type claim struct{ name, src string }

// Done reports the files written twice, or under two names that differ
// only by case (one file on macOS and Windows): each is an error naming
// both sources, since one would silently replace the other.
func (p *Publisher) Done() error {
	var list diag.List
	for _, cs := range p.twice {
		// The user's files first: the error is reported at one of them.
		slices.SortFunc(cs, func(a, b claim) int {
			return cmp.Or(boolCmp(a.src == "", b.src == ""), cmp.Compare(a.src, b.src), cmp.Compare(a.name, b.name))
		})
		first := cs[0]
		for _, c := range cs[1:] {
			origin := "generated by parcours"
			if c.src != "" {
				origin = "from " + c.src
			}
			if c.name == first.name {
				list.Addf(first.src, 0, 0, "%s would be written twice, from here and %s: rename or move one of them", first.name, origin)
			} else {
				list.Addf(first.src, 0, 0, "%s and %s (%s) differ only by case and are one file on macOS and Windows: rename one of them", first.name, c.name, origin)
			}
		}
	}
	return list.Err()
}

// boolCmp orders false before true.
func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
