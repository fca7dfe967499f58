// Package textfile reads the text files authors write (content pages and
// parcours.toml) the same whatever editor saved them: Windows tools add a
// UTF-8 byte-order mark, end lines with CRLF, and Notepad's "Unicode"
// encodings are UTF-16 with a byte-order mark.
package textfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"unicode/utf16"
)

var (
	bomUTF8    = []byte{0xef, 0xbb, 0xbf}
	bomUTF16LE = []byte{0xff, 0xfe}
	bomUTF16BE = []byte{0xfe, 0xff}
	bomUTF32LE = []byte{0xff, 0xfe, 0, 0}
	bomUTF32BE = []byte{0, 0, 0xfe, 0xff}
)

// UTF8 returns src as UTF-8 text with LF line endings and no byte-order
// mark: UTF-16 with a byte-order mark (little or big endian) is decoded, a
// UTF-8 mark dropped, CRLF turned into LF. Text that is neither is refused
// with the fix in the error: UTF-32, and UTF-16 without a mark, which can
// only be guessed at (its NUL bytes tell it, as no text file holds NUL).
// Whether UTF-8 text is valid is the caller's to check, where it can tell
// the line.
func UTF8(src []byte) ([]byte, error) {
	var err error
	switch {
	case bytes.HasPrefix(src, bomUTF32LE), bytes.HasPrefix(src, bomUTF32BE):
		return nil, errors.New("file is UTF-32: save it as UTF-8")
	case bytes.HasPrefix(src, bomUTF16LE):
		src, err = fromUTF16(src[len(bomUTF16LE):], binary.LittleEndian)
	case bytes.HasPrefix(src, bomUTF16BE):
		src, err = fromUTF16(src[len(bomUTF16BE):], binary.BigEndian)
	default:
		src = bytes.TrimPrefix(src, bomUTF8)
	}
	if err != nil {
		return nil, err
	}
	if bytes.IndexByte(src, 0) >= 0 {
		return nil, errors.New("file holds NUL bytes, as UTF-16 without a byte-order mark does: save it as UTF-8")
	}
	if bytes.IndexByte(src, '\r') >= 0 {
		// CRLF from Windows editors, and CR alone from old Mac ones.
		src = bytes.ReplaceAll(bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
	}
	return src, nil
}

func fromUTF16(b []byte, order binary.ByteOrder) ([]byte, error) {
	if len(b)%2 != 0 {
		return nil, errors.New("file is UTF-16 with an odd number of bytes: it is cut short; save it again as UTF-8")
	}
	units := make([]uint16, len(b)/2)
	for i := range units {
		units[i] = order.Uint16(b[2*i:])
	}
	// utf16.Decode turns a broken character into U+FFFD; a broken UTF-8
	// file is refused, so a broken UTF-16 one is too.
	for i := 0; i < len(units); i++ {
		high := units[i] >= 0xd800 && units[i] < 0xdc00
		switch {
		case high && i+1 < len(units) && units[i+1] >= 0xdc00 && units[i+1] < 0xe000:
			i++
		case utf16.IsSurrogate(rune(units[i])):
			return nil, errors.New("file is UTF-16 with a broken character (an unpaired surrogate): save it again as UTF-8")
		}
	}
	return []byte(string(utf16.Decode(units))), nil
}
