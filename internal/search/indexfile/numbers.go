package indexfile

// Numbers in index files are written as base-32 digits in a 64-letter
// alphabet that needs no escaping in a JavaScript string: the last digit of a
// number comes from the first 32 letters, the digits before it from the other
// 32. Most numbers in postings are below 32 and take a single letter.
const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef" + "ghijklmnopqrstuvwxyz0123456789-_"

// AppendNum appends v, a number of at least 0.
func AppendNum(b []byte, v int) []byte {
	var tmp [8]byte
	i := len(tmp) - 1
	tmp[i] = digits[v&31]
	for v >>= 5; v > 0; v >>= 5 {
		i--
		tmp[i] = digits[32+v&31]
	}
	return append(b, tmp[i:]...)
}

// ReadNums decodes a string of numbers written by AppendNum; false when s
// holds a letter outside the alphabet or ends inside a number.
func ReadNums(s string) ([]int, bool) {
	var out []int
	v, open := 0, false
	for i := 0; i < len(s); i++ {
		d := indexDigit(s[i])
		if d < 0 {
			return nil, false
		}
		v = v<<5 | d&31
		open = d >= 32
		if !open {
			out = append(out, v)
			v = 0
		}
	}
	return out, !open
}

func indexDigit(c byte) int {
	switch {
	case 'A' <= c && c <= 'Z':
		return int(c - 'A')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 26
	case 'g' <= c && c <= 'z':
		return int(c-'g') + 32
	case '0' <= c && c <= '9':
		return int(c-'0') + 52
	case c == '-':
		return 62
	case c == '_':
		return 63
	}
	return -1
}
