// Package collation orders titles as a reader of the site's language
// expects: alice, Bob, Élodie, Zoé, where byte order gives Bob, Zoé, alice,
// Élodie and puts every accented initial after z.
package collation

import (
	"bytes"
	"strings"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Order compares strings by the collation of one language. It keeps the
// sort key of each string it has seen, so that one Order per build sorts
// every list of it without computing a title's key twice. It is safe for
// concurrent use. A nil Order compares bytes.
type Order struct {
	mu   sync.Mutex
	c    *collate.Collator
	buf  collate.Buffer
	keys map[string][]byte
}

// For returns the order of a BCP 47 language tag (fr, en-GB…); a tag it
// cannot read gets the root collation, which already sorts accents and
// case as most Latin-script languages do.
func For(lang string) *Order {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.Und
	}
	return &Order{c: collate.New(tag), keys: map[string][]byte{}}
}

// Key is the sort key of s: comparing keys byte by byte orders strings as
// Compare does.
func (o *Order) Key(s string) []byte {
	o.mu.Lock()
	defer o.mu.Unlock()
	k, ok := o.keys[s]
	if !ok {
		// The buffer is never reset, so each key stays valid.
		k = o.c.KeyFromString(&o.buf, s)
		o.keys[s] = k
	}
	return k
}

// Compare orders a and b by the language's collation; strings it holds
// equal (which it does only for canonically equivalent forms) fall back on
// bytes, so that a sort never depends on its input's order.
func (o *Order) Compare(a, b string) int {
	if o == nil || a == b {
		return strings.Compare(a, b)
	}
	if c := bytes.Compare(o.Key(a), o.Key(b)); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}
