// Package indexfile is the format of the search index files: how
// search.Builder writes them and what search-core.js (and the Go reader in
// searchtest) read.
//
// The index is a set of JavaScript files, each one call of a global callback
// (parcoursSearch.entry, .shard, .tail, .docs, .facet) so that the browser can load
// it with <script> tags: fetch of local files is blocked when a site is opened
// from file://. Layout, relative to the folder the index is written to:
//
//	entry.js     parcoursSearch.entry({chunk, facets, head, keys, lang, n, v})
//	             v: version (hash of the other files); n: documents;
//	             keys: first key of shards 1…; chunk: documents per docs
//	             file; facets: facet names; head: postings in the head of
//	             a split list.
//	t/<i>.js     parcoursSearch.shard(i, {term: postings, …}), terms in
//	             code point order. Shard i holds the terms t with keys[i-1]
//	             <= t < keys[i].
//	p/<i>.js     parcoursSearch.tail(i, {term: postings, …}): the whole
//	             lists of split terms, in code point order.
//	d/<i>.js     parcoursSearch.docs(i, [doc, …]) for documents i*chunk…,
//	             each [url, title, kind, excerpt, anchor1, heading1,
//	             excerpt1, …]
//	f/<i>.js     parcoursSearch.facet(i, [[value, docs], …]), facets[i]'s
//	             values
//
// The client loads every file but entry.js with the version as its query
// (t/3.js?v=…), which is the URL a host and a browser cache: a file of
// another content has another URL, so that they may keep every one but
// entry.js for ever. The version is the whole index's rather than each
// file's so that entry.js, which every query loads, stays one hash long
// however many files the index has. It is in the query rather than in the
// names so that a rebuild that changes a page writes again only the files
// whose bytes changed, not all of them under new names; a file opened
// from disk ignores its query.
//
// Postings are numbers (see AppendNum), two per document: the document
// number (the first absolute, then the gap minus one to the previous), then
// loc*32+q, where q (1…31) is the BM25F term-frequency part of the score and
// loc the place that gives the term most weight: 0 for the page, i for the
// page's section i (its anchor is in the docs file). The client derives IDF
// from a posting list's length (a split list's D, below), so the score of a
// page never depends on a table that grows with the site. Facet docs are
// document numbers encoded the same way, without the second number.
//
// A long list is split, so that a one-word search in the header box, which
// shows the first HeadPostings results, does not load thousands of
// postings to show five: its shard holds, instead of the list, "DT.H": D
// the number of documents, T the tail file holding the whole list (as
// above), then the head H, the list's HeadPostings best postings in the
// order a one-word search ranks them (q, then document number), each as
// the document's number and loc*32+q.
package indexfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"
)

// File is one file of the index, Path relative to the index folder.
type File struct {
	Path string
	Data []byte
}

// Entry is the argument of entry.js. Its fields are in name order, the
// order the file has always had.
type Entry struct {
	Chunk  int      `json:"chunk"`
	Facets []string `json:"facets"`
	Head   int      `json:"head"`
	Keys   []string `json:"keys"`
	Lang   string   `json:"lang"`
	N      int      `json:"n"`
	V      string   `json:"v"`
}

// EntryPath is the file the client loads first.
const EntryPath = "entry.js"

// HeadPostings is the length of a split list's head: the results the
// header box shows.
const HeadPostings = 5

// ShardPath names the i-th shard file.
func ShardPath(i int) string { return fmt.Sprintf("t/%d.js", i) }

// TailPath names the i-th tail file.
func TailPath(i int) string { return fmt.Sprintf("p/%d.js", i) }

// DocsPath names the i-th docs file.
func DocsPath(i int) string { return fmt.Sprintf("d/%d.js", i) }

// FacetPath names the file of the i-th facet.
func FacetPath(i int) string { return fmt.Sprintf("f/%d.js", i) }

// EntryData returns the bytes of entry.js; nil slices are written as
// empty arrays, which the client iterates without a check.
func EntryData(e Entry) []byte {
	if e.Keys == nil {
		e.Keys = []string{}
	}
	if e.Facets == nil {
		e.Facets = []string{}
	}
	// A struct of strings and numbers always encodes.
	arg, _ := json.Marshal(e)
	out := append([]byte("parcoursSearch.entry("), arg...)
	return append(out, ");\n"...)
}

// Call returns the bytes of a numbered file: the call of parcoursSearch.fn
// with the file's number and arg, a JSON value.
func Call(fn string, i int, arg []byte) []byte {
	out := fmt.Appendf(nil, "parcoursSearch.%s(%d,", fn, i)
	out = append(out, arg...)
	return append(out, ");\n"...)
}

// DecodeCall reads into v the argument of parcoursSearch.fn(…) or, for the
// numbered files, parcoursSearch.fn(number, …).
func DecodeCall(data []byte, fn string, v any) error {
	prefix := []byte("parcoursSearch." + fn + "(")
	if !bytes.HasPrefix(data, prefix) || !bytes.HasSuffix(data, []byte(");\n")) {
		return fmt.Errorf("missing or not a parcoursSearch.%s call", fn)
	}
	arg := data[len(prefix) : len(data)-3]
	if fn != "entry" {
		i := bytes.IndexByte(arg, ',')
		if i < 0 {
			return errors.New("no file number")
		}
		arg = arg[i+1:]
	}
	return json.Unmarshal(arg, v)
}

// AppendRows appends rows of strings as a JSON array of arrays: a docs
// file's documents, a facet file's values. Rows are written by the
// thousand, where encoding/json's reflection showed in rebuilds.
func AppendRows(out []byte, rows [][]string) []byte {
	out = append(out, '[')
	for i, row := range rows {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, '[')
		for j, s := range row {
			if j > 0 {
				out = append(out, ',')
			}
			out = AppendString(out, s)
		}
		out = append(out, ']')
	}
	return append(out, ']')
}

// AppendString appends s as a JSON string, the bytes encoding/json gives;
// terms are written by the thousand, where its reflection shows in
// profiles.
func AppendString(out []byte, s string) []byte {
	out = append(out, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			out = append(out, '\\', c)
		case c == '\n':
			out = append(out, '\\', 'n')
		case c == '\r':
			out = append(out, '\\', 'r')
		case c == '\t':
			out = append(out, '\\', 't')
		case c < 0x20:
			out = fmt.Appendf(out, "\\u%04x", c)
		case c == '<' || c == '>' || c == '&':
			// As encoding/json does, so that both give the same bytes.
			out = fmt.Appendf(out, "\\u%04x", c)
		case c < utf8.RuneSelf:
			out = append(out, c)
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				out = append(out, `\ufffd`...)
			case r == '\u2028' || r == '\u2029':
				out = fmt.Appendf(out, "\\u%04x", r)
			default:
				out = append(out, s[i:i+size]...)
			}
			i += size - 1
		}
	}
	return append(out, '"')
}
