package content

import (
	"bytes"
	"encoding/gob"
	"time"

	"github.com/parcours/parcours/internal/cache"
	"github.com/parcours/parcours/internal/textfile"
)

// Stored keeps parsed pages between runs (the build's persistent cache),
// by file and key, so that a build after one edit decodes the frontmatter
// of the other files from a record instead of parsing YAML again. Its
// methods must be safe for concurrent use.
type Stored interface {
	Get(rel string, key uint64) ([]byte, bool)
	Put(rel string, key uint64, data []byte)
}

func init() {
	// The values frontmatter decodes into Params, beside the basic types
	// gob knows. A page holding any other type is not stored: encoding
	// fails, and it is parsed each time.
	gob.Register(map[string]any{})
	gob.Register([]any{})
	gob.Register(time.Time{})
}

// storedPage is a page as stored: the page without its body, which is
// taken from the file again (the file is read anyway, to hash it).
type storedPage struct {
	Page *Page
	// BodyOff is where the body starts in the file as UTF-8; TitleCut
	// says that the body's first H1 was the title and was emptied.
	BodyOff  int
	TitleCut bool
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

// encodePage stores p, parsed from src; ok is false when p holds a value
// gob cannot encode.
func encodePage(p *Page, src []byte) ([]byte, bool) {
	conv, err := textfile.UTF8(src)
	if err != nil {
		return nil, false
	}
	body := p.Body
	sp := storedPage{Page: p}
	// The body is a suffix of the file unless the title was cut from it,
	// which shortens it by the H1's text.
	sp.BodyOff = len(conv) - len(body)
	if sp.BodyOff < 0 || !bytes.HasSuffix(conv, body) {
		sp.TitleCut = true
		sp.BodyOff = bodyStart(conv, p.BodyLine)
	}
	p.Body = nil
	var b bytes.Buffer
	err = gob.NewEncoder(&b).Encode(&sp)
	p.Body = body
	if err != nil {
		return nil, false
	}
	if q, ok := decodePage(b.Bytes(), src); !ok || !bytes.Equal(q.Body, body) {
		return nil, false
	}
	return b.Bytes(), true
}

// bodyStart is the offset of line n (from 1) in src.
func bodyStart(src []byte, n int) int {
	off := 0
	for line := 1; line < n; line++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return len(src)
		}
		off += i + 1
	}
	return off
}

// decodePage rebuilds a stored page, its body taken from src.
func decodePage(data, src []byte) (*Page, bool) {
	var sp storedPage
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&sp); err != nil || sp.Page == nil {
		return nil, false
	}
	conv, err := textfile.UTF8(src)
	if err != nil || sp.BodyOff < 0 || sp.BodyOff > len(conv) {
		return nil, false
	}
	p := sp.Page
	p.Body = conv[sp.BodyOff:]
	if sp.TitleCut {
		_, start, end := firstH1(p.Body)
		p.Body = append(p.Body[:start:start], p.Body[end:]...)
	}
	return p, true
}
