package cache

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/parcours/parcours/internal/version"
)

// Dir is the cache's folder under the site root. Deleting it costs one
// cold build, nothing else.
const Dir = ".parcours-cache"

// format changes whenever the files' layout does; a cache of another
// format is ignored.
const format = "parcours-cache 1\n"

// ignore keeps the folder out of the site's repository, whatever the
// site's own .gitignore says.
const ignore = "# The build cache of parcours: safe to delete, never to commit.\n*\n"

// Store is the cache of one build: what the last build left (Get), and
// what this build keeps of it (Keep) or adds (Put), saved by Save.
//
// Records live in data files, appended to by each build that makes
// something new; the index names each record's file, place, key and
// checksum. A build that changed one page writes that page's records, not
// the whole cache; a cache whose live records fill less than half of its
// data files is compacted into one.
type Store struct {
	dir, stamp string
	// Why the last build's records are not there ("" when they are): for
	// the build's summary.
	Missing string
	data    map[uint32][]byte // the data files read at Open
	old     map[string]record // the last build's records, by kind and name

	mu   sync.Mutex
	next map[string]record // this build's records
	file uint32            // the data file this build appends to
	out  *os.File
	w    *bufio.Writer
	off  uint64
	err  error
}

type record struct {
	key, sum uint64
	file     uint32
	off, n   uint64
}

// Open reads the cache in dir. A cache written by another parcours, or
// damaged, is read as empty: whatever the cache cannot vouch for is made
// again.
func Open(dir string) *Store { return open(dir, Stamp()) }

func open(dir, stamp string) *Store {
	s := &Store{dir: dir, stamp: stamp, data: map[uint32][]byte{}, old: map[string]record{}, next: map[string]record{}}
	if err := s.read(); err != nil {
		s.Missing = err.Error()
		s.old, s.data = map[string]record{}, map[uint32][]byte{}
	}
	for _, r := range s.old {
		s.file = max(s.file, r.file+1)
	}
	return s
}

// Stamp identifies the running parcours: its version and a hash of its
// executable, so that any other build of the code, released or not, starts
// from an empty cache.
func Stamp() string {
	v := version.Get()
	stamp := fmt.Sprintf("%s %s %s %s", v.Version, v.Commit, v.Go, v.Platform)
	exe, err := os.Executable()
	if err == nil {
		var b []byte
		if b, err = os.ReadFile(exe); err == nil {
			return stamp + " " + strconv.FormatUint(Sum(b), 16)
		}
	}
	// Without its executable, a binary cannot tell itself from another:
	// a stamp no cache holds.
	return stamp + " unknown " + strconv.FormatUint(Sum([]byte(err.Error())), 16)
}

// Filled reports whether dir holds the index an earlier build left, which
// a build is then likely to reuse; whether it can is known only once Open
// has read it.
func Filled(dir string) bool {
	fi, err := os.Stat(filepath.Join(dir, "index"))
	return err == nil && fi.Mode().IsRegular()
}

func (s *Store) read() error {
	b, err := os.ReadFile(filepath.Join(s.dir, "index"))
	if errors.Is(err, fs.ErrNotExist) {
		return errors.New("no cache yet")
	}
	if err != nil {
		return err
	}
	if len(b) < 8 || Sum(b[:len(b)-8]) != binary.LittleEndian.Uint64(b[len(b)-8:]) {
		return errors.New("cache index damaged")
	}
	d := NewDecoder(b[:len(b)-8])
	if d.String() != format || d.String() != s.stamp {
		return errors.New("cache written by another parcours")
	}
	n := d.Uint()
	// Sized once: a warm build reads tens of thousands of records, and
	// growing the maps record by record was a tenth of reading them.
	s.old = make(map[string]record, min(n, uint64(len(b))))
	s.next = make(map[string]record, len(s.old)+len(s.old)/8)
	for ; n > 0 && d.Err() == nil; n-- {
		name := d.String()
		r := record{key: d.Uint64(), sum: d.Uint64(), file: uint32(d.Uint()), off: d.Uint(), n: d.Uint()}
		data, ok := s.data[r.file]
		if !ok {
			if data, err = readData(s.dataName(r.file)); err != nil {
				return err
			}
			s.data[r.file] = data
		}
		if r.off+r.n > uint64(len(data)) {
			return errors.New("cache data truncated")
		}
		s.old[name] = r
	}
	return d.Err()
}

func (s *Store) dataName(file uint32) string {
	return filepath.Join(s.dir, "data-"+strconv.FormatUint(uint64(file), 10))
}

// Get returns the last build's record of name, of the given kind ("page",
// "file"…), with its key. A record whose checksum fails is not returned.
// Get is safe for concurrent use.
func (s *Store) Get(kind, name string) (key uint64, data []byte, ok bool) {
	r, ok := s.old[kind+"\x00"+name]
	if !ok {
		return 0, nil, false
	}
	// Capped at its end: the data files are mapped read-only (readData),
	// and an append must copy rather than write past the record.
	data = s.data[r.file][r.off : r.off+r.n : r.off+r.n]
	if Sum(data) != r.sum {
		return 0, nil, false
	}
	return r.key, data, true
}

// Size returns the key and length of the last build's record of name,
// without reading or checking its bytes: for a caller that finds them
// elsewhere, such as the previous output.
func (s *Store) Size(kind, name string) (key uint64, n int, ok bool) {
	r, ok := s.old[kind+"\x00"+name]
	return r.key, int(r.n), ok
}

// Keep carries the last build's record of name over to the next one.
func (s *Store) Keep(kind, name string) {
	n := kind + "\x00" + name
	if r, ok := s.old[n]; ok {
		s.mu.Lock()
		s.next[n] = r
		s.mu.Unlock()
	}
}

// Put records data under name and key for the next build. It is safe for
// concurrent use.
func (s *Store) Put(kind, name string, key uint64, data []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.put(kind+"\x00"+name, key, data)
}

func (s *Store) put(name string, key uint64, data []byte) {
	if s.err != nil {
		return
	}
	if s.out == nil {
		if s.err = os.MkdirAll(s.dir, 0o755); s.err != nil {
			return
		}
		// A new file, never one that exists: another build running on
		// the same cache may have it mapped (readData), and truncating
		// it would pull its bytes away.
		for {
			s.out, s.err = os.OpenFile(s.dataName(s.file), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
			if !errors.Is(s.err, fs.ErrExist) {
				break
			}
			s.file++
		}
		if s.err != nil {
			return
		}
		s.w = bufio.NewWriterSize(s.out, 1<<20)
	}
	if _, s.err = s.w.Write(data); s.err != nil {
		return
	}
	s.next[name] = record{key: key, sum: Sum(data), file: s.file, off: s.off, n: uint64(len(data))}
	s.off += uint64(len(data))
}

// Save writes the index of this build's records, compacting the data
// files when most of what they hold is dead, and removes the data files
// no record uses.
func (s *Store) Save() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var live, total uint64
	seen := map[uint32]bool{}
	for _, r := range s.next {
		if r.file != s.file {
			live += r.n
			seen[r.file] = true
		}
	}
	for f := range seen {
		total += uint64(len(s.data[f]))
	}
	if total > 2*live {
		// Copied into this build's data file, the kept records free the
		// older files, mostly dead.
		for name, r := range s.next {
			if r.file != s.file {
				s.put(name, r.key, s.data[r.file][r.off:r.off+r.n])
			}
		}
	}
	if s.out != nil {
		if s.err == nil {
			s.err = s.w.Flush()
		}
		if err := s.out.Close(); s.err == nil {
			s.err = err
		}
	}
	if s.err != nil {
		return fmt.Errorf("build cache: %w", s.err)
	}
	if err := os.MkdirAll(s.dir, 0o755); err != nil {
		return fmt.Errorf("build cache: %w", err)
	}
	if err := os.WriteFile(filepath.Join(s.dir, ".gitignore"), []byte(ignore), 0o644); err != nil {
		return fmt.Errorf("build cache: %w", err)
	}
	var e Encoder
	e.String(format)
	e.String(s.stamp)
	e.Uint(uint64(len(s.next)))
	used := map[uint32]bool{}
	for name, r := range s.next {
		e.String(name)
		e.Uint64(r.key)
		e.Uint64(r.sum)
		e.Uint(uint64(r.file))
		e.Uint(r.off)
		e.Uint(r.n)
		used[r.file] = true
	}
	e.Uint64(Sum(e.B))
	// Written whole, then renamed: a build killed here leaves the last
	// index, whose data files are still all there.
	tmp := filepath.Join(s.dir, "index.tmp")
	if err := os.WriteFile(tmp, e.B, 0o644); err != nil {
		return fmt.Errorf("build cache: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(s.dir, "index")); err != nil {
		return fmt.Errorf("build cache: %w", err)
	}
	entries, _ := os.ReadDir(s.dir)
	for _, de := range entries {
		n, ok := strings.CutPrefix(de.Name(), "data-")
		if f, err := strconv.ParseUint(n, 10, 32); ok && err == nil && !used[uint32(f)] {
			_ = os.Remove(filepath.Join(s.dir, de.Name()))
		}
	}
	return nil
}

// Encoder writes records: numbers as varints, strings with their length.
type Encoder struct{ B []byte }

// Uint adds a number.
func (e *Encoder) Uint(n uint64) { e.B = binary.AppendUvarint(e.B, n) }

// Int adds a signed number, zigzag-encoded so that small negative
// numbers stay short.
func (e *Encoder) Int(n int) { e.Uint(uint64(n<<1) ^ uint64(n>>63)) }

// Uint64 adds a number of eight bytes: a key or a checksum.
func (e *Encoder) Uint64(n uint64) { e.B = binary.LittleEndian.AppendUint64(e.B, n) }

// String adds a string.
func (e *Encoder) String(s string) {
	e.Uint(uint64(len(s)))
	e.B = append(e.B, s...)
}

// Bytes adds a slice of bytes, as String does.
func (e *Encoder) Bytes(b []byte) {
	e.Uint(uint64(len(b)))
	e.B = append(e.B, b...)
}

// Strings adds a list of strings.
func (e *Encoder) Strings(ss []string) {
	e.Uint(uint64(len(ss)))
	for _, s := range ss {
		e.String(s)
	}
}

// Decoder reads what an Encoder wrote. The first error sticks: every
// later read returns zero, and Err reports it.
type Decoder struct {
	b   []byte
	err error
}

// NewDecoder reads b.
func NewDecoder(b []byte) *Decoder { return &Decoder{b: b} }

var errShort = errors.New("cache record truncated")

// Err is the first error met, or nil when every read was whole.
func (d *Decoder) Err() error { return d.err }

// Uint reads a number.
func (d *Decoder) Uint() uint64 {
	n, k := binary.Uvarint(d.b)
	if k <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[k:]
	return n
}

// Int reads a signed number.
func (d *Decoder) Int() int {
	u := d.Uint()
	return int(u>>1) ^ -int(u&1)
}

// Uint64 reads a number of eight bytes.
func (d *Decoder) Uint64() uint64 {
	if len(d.b) < 8 {
		d.fail()
		return 0
	}
	n := binary.LittleEndian.Uint64(d.b)
	d.b = d.b[8:]
	return n
}

// String reads a string. It shares the record's bytes rather than copy
// them: a warm build reads hundreds of megabytes of strings, and the data
// files are never written once read (Open), so the strings cannot change.
func (d *Decoder) String() string {
	n := d.Uint()
	if n > uint64(len(d.b)) {
		d.fail()
		return ""
	}
	if n == 0 {
		return ""
	}
	s := unsafe.String(&d.b[0], n)
	d.b = d.b[n:]
	return s
}

// Bytes reads what Encoder.Bytes wrote, nil when empty. Like String, it
// shares the record's bytes, which the caller must not change; its
// capacity ends with it, so that an append copies.
func (d *Decoder) Bytes() []byte {
	n := d.Len()
	if n == 0 {
		return nil
	}
	b := d.b[:n:n]
	d.b = d.b[n:]
	return b
}

// Strings reads a list of strings; an empty list is nil.
func (d *Decoder) Strings() []string {
	var ss []string
	for n := d.Len(); n > 0 && d.err == nil; n-- {
		ss = append(ss, d.String())
	}
	return ss
}

// Len reads a count of items that take at least one byte each, refusing
// one larger than what is left, so a damaged record cannot ask for a
// huge allocation.
func (d *Decoder) Len() int {
	n := d.Uint()
	if n > uint64(len(d.b)) {
		d.fail()
		return 0
	}
	return int(n)
}

// Empty reports whether every byte was read.
func (d *Decoder) Empty() bool { return len(d.b) == 0 }

// Done reports an error when bytes are left over or a read failed.
func (d *Decoder) Done() error {
	if d.err == nil && len(d.b) > 0 {
		d.err = errors.New("cache record too long")
	}
	return d.err
}

func (d *Decoder) fail() {
	if d.err == nil {
		d.err = errShort
	}
	d.b = nil
}
