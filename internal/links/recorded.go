package links

import (
	"github.com/parcours/parcours/internal/cache"
	"github.com/parcours/parcours/internal/markdown"
)

// Encode adds what a page's references recorded to a record of the
// persistent build cache, for Replay in a later build.
func (rec Recorded) Encode(e *cache.Encoder) {
	e.Strings(rec.targets)
	e.Uint(uint64(len(rec.anchors)))
	for _, a := range rec.anchors {
		e.String(a.target)
		e.String(a.anchor)
		e.Int(a.pos.Line)
		e.Int(a.pos.Col)
		e.String(a.written)
		e.Uint64(a.hash)
	}
	e.Strings(rec.hidden)
}

// DecodeRecorded reads what Encode wrote.
func DecodeRecorded(d *cache.Decoder) Recorded {
	rec := Recorded{targets: d.Strings()}
	for n := d.Len(); n > 0 && d.Err() == nil; n-- {
		rec.anchors = append(rec.anchors, recordedAnchor{
			target: d.String(), anchor: d.String(),
			pos:     markdown.Pos{Line: d.Int(), Col: d.Int()},
			written: d.String(), hash: d.Uint64(),
		})
	}
	rec.hidden = d.Strings()
	return rec
}
