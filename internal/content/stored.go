package content

import (
	"encoding/binary"
	"io/fs"
	"maps"
	"math"
	"slices"
	"time"

	"github.com/parcours/parcours/internal/cache"
	"github.com/parcours/parcours/internal/rawfile"
)

// Stored keeps parsed pages between runs (the build's persistent cache),
// by file, so that a build after one edit neither parses the frontmatter
// of the other files again nor, when their size and times say they were
// not saved since, reads them. Its methods must be safe for concurrent use.
type Stored interface {
	// Get returns the record of rel and the key it was put under.
	Get(rel string) (key uint64, data []byte, ok bool)
	// Keep carries the record of rel over to the next run as it is.
	Keep(rel string)
	Put(rel string, key uint64, data []byte)
}

// storedKey identifies a parse: the file's bytes and whether it is a
// folder's page, which the other files decide.
func storedKey(hash uint64, section bool) uint64 {
	var h cache.Hash
	h.Numbers(hash)
	if section {
		h.WriteByte(1)
	}
	return h.Sum64()
}

// encodePage stores p, body included, after stat, which says what the
// file's size and times were when it was read (0 when they cannot vouch
// for its bytes: see Loader.loadPage). ok is false when Params holds a
// value of a type the record has no tag for: the page is then parsed each
// time.
func encodePage(p *Page, stat uint64) ([]byte, bool) {
	e := pageEncoder{}
	e.Uint64(stat)
	e.bool(p.Body == nil)
	e.Bytes(p.Body)
	e.Strings([]string{p.Path, p.Rel, p.Section, string(p.Kind), p.Slug, p.URL, p.BundleDir, p.Title, p.Description,
		p.Language, p.Audience, p.TranslationKey, p.Client, p.Subtitle, p.Sector, p.Speaker, p.Role, p.Duration, p.Logo,
		p.Quote, p.Image})
	e.time(p.Date)
	e.time(p.Lastmod)
	e.bool(p.Draft)
	e.bool(p.TitleDerived)
	e.refs(p.Aliases)
	for _, l := range [][]string{p.Tags, p.Deliverables, p.Quotes, p.Scopes, p.Tools, p.Sectors, p.Steps,
		p.Goals, p.Frustrations, p.Needs, p.Channels, p.Stages, p.Verbatim} {
		e.strs(l)
	}
	e.Int(p.Weight)
	e.refs(p.Irritants)
	e.refs([]Ref{p.Persona})
	e.length(len(p.Remedies), p.Remedies == nil)
	for _, o := range p.Remedies {
		e.String(o.Text)
		e.String(o.Status)
		e.Int(o.Impact)
		e.Int(o.Effort)
		e.Int(o.Line)
		e.Int(o.Col)
		e.refs(o.Irritants)
	}
	e.length(len(p.KPIs), p.KPIs == nil)
	for _, k := range p.KPIs {
		e.Strings([]string{k.Name, k.Value, k.Target, k.Unit})
	}
	e.Int(p.Severity)
	e.Int(p.Frequency)
	e.Int(p.BodyLine)
	e.Uint64(p.Hash)
	e.Uint64(p.FrontHash)
	e.length(len(p.FieldLine), p.FieldLine == nil)
	for _, k := range slices.Sorted(maps.Keys(p.FieldLine)) {
		e.String(k)
		e.Int(p.FieldLine[k])
	}
	if !e.value(mapOrNil(p.Params)) {
		return nil, false
	}
	return e.B, true
}

// recordStat is the stat a page record was stored with.
func recordStat(data []byte) uint64 {
	if len(data) < 8 {
		return 0
	}
	return binary.LittleEndian.Uint64(data)
}

// withStat is the page record data with another stat.
func withStat(data []byte, stat uint64) []byte {
	b := binary.LittleEndian.AppendUint64(make([]byte, 0, len(data)), stat)
	return append(b, data[8:]...)
}

// mapOrNil keeps a nil Params nil: a nil map[string]any in an any is not a
// nil any.
func mapOrNil(m map[string]any) any {
	if m == nil {
		return nil
	}
	return m
}

// decodePage rebuilds a stored page and gives the stat it was stored
// with. The body shares the record's bytes, which are never written.
func decodePage(data []byte) (*Page, uint64, bool) {
	d := pageDecoder{cache.NewDecoder(data)}
	stat := d.Uint64()
	bodyNil, body := d.bool(), d.Bytes()
	if body == nil && !bodyNil {
		body = []byte{}
	}
	s := d.Strings()
	if d.Err() != nil || len(s) != 21 {
		return nil, 0, false
	}
	p := &Page{Path: s[0], Rel: s[1], Section: s[2], Kind: Kind(s[3]), Slug: s[4], URL: s[5], BundleDir: s[6], Title: s[7], Description: s[8],
		Language: s[9], Audience: s[10], TranslationKey: s[11], Client: s[12], Subtitle: s[13], Sector: s[14], Speaker: s[15], Role: s[16], Duration: s[17], Logo: s[18],
		Quote: s[19], Image: s[20]}
	p.Date, p.Lastmod = d.time(), d.time()
	p.Draft = d.bool()
	p.TitleDerived = d.bool()
	p.Aliases = d.refs()
	for _, l := range []*[]string{&p.Tags, &p.Deliverables, &p.Quotes, &p.Scopes, &p.Tools, &p.Sectors, &p.Steps,
		&p.Goals, &p.Frustrations, &p.Needs, &p.Channels, &p.Stages, &p.Verbatim} {
		*l = d.strs()
	}
	p.Weight = d.Int()
	p.Irritants = d.refs()
	if per := d.refs(); len(per) == 1 {
		p.Persona = per[0]
	}
	if n := d.Len(); n > 0 {
		p.Remedies = make([]Opportunity, 0, n-1)
		for ; n > 1 && d.Err() == nil; n-- {
			o := Opportunity{Text: d.String(), Status: d.String(), Impact: d.Int(), Effort: d.Int(), Line: d.Int(), Col: d.Int()}
			o.Irritants = d.refs()
			p.Remedies = append(p.Remedies, o)
		}
	}
	if n := d.Len(); n > 0 {
		p.KPIs = make([]KPI, 0, n-1)
		for ; n > 1 && d.Err() == nil; n-- {
			k := d.Strings()
			if len(k) != 4 {
				return nil, 0, false
			}
			p.KPIs = append(p.KPIs, KPI{Name: k[0], Value: k[1], Target: k[2], Unit: k[3]})
		}
	}
	p.Severity, p.Frequency, p.BodyLine = d.Int(), d.Int(), d.Int()
	p.Hash, p.FrontHash = d.Uint64(), d.Uint64()
	if n := d.Len(); n > 0 {
		p.FieldLine = make(map[string]int, n-1)
		for ; n > 1 && d.Err() == nil; n-- {
			k := d.String()
			p.FieldLine[k] = d.Int()
		}
	}
	params, ok := d.value()
	if !ok || d.Done() != nil {
		return nil, 0, false
	}
	if params != nil {
		if p.Params, ok = params.(map[string]any); !ok {
			return nil, 0, false
		}
	}
	p.Body = body
	return p, stat, true
}

// pageEncoder adds what a page holds beyond cache.Encoder's numbers and
// strings. A list's count is stored plus one, 0 standing for nil, so that
// a decoded page equals the parsed one field for field.
type pageEncoder struct{ cache.Encoder }

func (e *pageEncoder) bool(b bool) {
	if b {
		e.Uint(1)
	} else {
		e.Uint(0)
	}
}

func (e *pageEncoder) time(t time.Time) {
	b, err := t.MarshalBinary()
	if err != nil {
		// A time MarshalBinary refuses (an offset that is not a whole
		// minute) makes the record undecodable, so the page is parsed.
		b = nil
	}
	e.String(string(b))
}

// length writes a list's length, one more than it so that 0 can say the
// list is nil, which a decoded page must keep apart from an empty one.
func (e *pageEncoder) length(n int, isNil bool) {
	if isNil {
		e.Uint(0)
		return
	}
	e.Uint(uint64(n) + 1)
}

func (e *pageEncoder) strs(ss []string) {
	e.length(len(ss), ss == nil)
	for _, s := range ss {
		e.String(s)
	}
}

func (e *pageEncoder) refs(rs []Ref) {
	e.length(len(rs), rs == nil)
	for _, r := range rs {
		e.String(r.Text)
		e.Int(r.Line)
		e.Int(r.Col)
	}
}

// The tags of Params' values: what YAML, TOML and JSON frontmatter decode
// into.
const (
	tagNil = iota
	tagString
	tagInt
	tagInt64
	tagFloat
	tagBool
	tagTime
	tagList
	tagMap
	tagUint64
	tagStrings
)

// value adds a Params value, false for a type without a tag.
func (e *pageEncoder) value(v any) bool {
	switch v := v.(type) {
	case nil:
		e.Uint(tagNil)
	case string:
		e.Uint(tagString)
		e.String(v)
	case int:
		e.Uint(tagInt)
		e.Int(v)
	case int64:
		e.Uint(tagInt64)
		e.Uint64(uint64(v))
	case uint64:
		e.Uint(tagUint64)
		e.Uint64(v)
	case float64:
		e.Uint(tagFloat)
		e.Uint64(math.Float64bits(v))
	case bool:
		e.Uint(tagBool)
		e.bool(v)
	case time.Time:
		e.Uint(tagTime)
		e.time(v)
	case []string:
		if v == nil {
			return false
		}
		e.Uint(tagStrings)
		e.Strings(v)
	case []any:
		if v == nil {
			return false
		}
		e.Uint(tagList)
		e.Uint(uint64(len(v)))
		for _, x := range v {
			if !e.value(x) {
				return false
			}
		}
	case map[string]any:
		if v == nil {
			return false
		}
		e.Uint(tagMap)
		keys := slices.Sorted(maps.Keys(v))
		e.Uint(uint64(len(keys)))
		for _, k := range keys {
			e.String(k)
			if !e.value(v[k]) {
				return false
			}
		}
	default:
		return false
	}
	return true
}

type pageDecoder struct{ *cache.Decoder }

func (d pageDecoder) bool() bool { return d.Uint() == 1 }

func (d pageDecoder) time() time.Time {
	var t time.Time
	if b := d.String(); b != "" {
		if err := t.UnmarshalBinary([]byte(b)); err != nil {
			d.Len() // a damaged record: fail the reads that follow
		}
	}
	return t
}

func (d pageDecoder) strs() []string {
	n := d.Len()
	if n == 0 {
		return nil
	}
	ss := make([]string, 0, n-1)
	for ; n > 1 && d.Err() == nil; n-- {
		ss = append(ss, d.String())
	}
	return ss
}

func (d pageDecoder) refs() []Ref {
	n := d.Len()
	if n == 0 {
		return nil
	}
	rs := make([]Ref, 0, n-1)
	for ; n > 1 && d.Err() == nil; n-- {
		rs = append(rs, Ref{Text: d.String(), Line: d.Int(), Col: d.Int()})
	}
	return rs
}

func (d pageDecoder) value() (any, bool) {
	switch d.Uint() {
	case tagNil:
		return nil, d.Err() == nil
	case tagString:
		return d.String(), true
	case tagInt:
		return d.Int(), true
	case tagInt64:
		return int64(d.Uint64()), true
	case tagUint64:
		return d.Uint64(), true
	case tagFloat:
		return math.Float64frombits(d.Uint64()), true
	case tagBool:
		return d.bool(), true
	case tagTime:
		return d.time(), true
	case tagStrings:
		ss := d.Strings()
		if ss == nil {
			ss = []string{}
		}
		return ss, d.Err() == nil
	case tagList:
		n := d.Len()
		l := make([]any, 0, n)
		for ; n > 0 && d.Err() == nil; n-- {
			x, ok := d.value()
			if !ok {
				return nil, false
			}
			l = append(l, x)
		}
		return l, d.Err() == nil
	case tagMap:
		n := d.Len()
		m := make(map[string]any, n)
		for ; n > 0 && d.Err() == nil; n-- {
			k := d.String()
			x, ok := d.value()
			if !ok {
				return nil, false
			}
			m[k] = x
		}
		return m, d.Err() == nil
	}
	return nil, false
}

// statKey identifies a file's state as the file system tells it: size,
// modification time and, where the platform gives them, inode and change
// time. It is never 0, which a record stores when the stat cannot vouch.
func statKey(info fs.FileInfo) uint64 {
	var h cache.Hash
	ino, ctime := rawfile.Identity(info)
	h.Numbers(uint64(info.Size()), uint64(info.ModTime().UnixNano()), ino, ctime)
	return max(h.Sum64(), 1)
}
