package extract

import (
	"bytes"
	"encoding/binary"
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/iam"
)

// jsonStrMapper maps byte offsets of the decoded content of a JSON string
// literal (a policy held as a string in a plan: "{\"Statement\":...}") to
// its position in the file, through the escapes. JSON strings hold no raw
// newlines: every offset is on the literal's line.
//
// Big plans hold millions of escapes (\" around every key and string), so
// the common case keeps 4 bytes per escape: when every escape is two bytes
// decoding to one (\" \\ \/ \n ...), escape j starts at raw offset at[j]
// and decoded offset at[j]-j. Texts with \u escapes keep each escape whole
// (esc).
type jsonStrMapper struct {
	file  string
	id    uint32  // iam.FileID(file)
	start hcl.Pos // the first content byte (after the opening quote)
	raw   []byte  // the content, escaped
	at    []int32
	esc   []strEscape // instead of at, when some escape is not two bytes to one
}

// strEscape is one escape of the literal: where it starts in the decoded
// and the raw content, and how long it is in each.
type strEscape struct {
	dec, raw, decLen, rawLen int
}

// stringMapper returns the mapper for the offsets of string s held by node
// range rng: through the escapes of its JSON string literal when the source
// text at rng is one that decodes to s (a plan's policy string), else rng
// for every offset.
func stringMapper(srcs map[string][]byte, rng hcl.Range, s string) iam.PosMapper {
	if m := newJSONStrMapper(srcs[rng.Filename], rng, s); m != nil {
		return m
	}
	return iam.FixedMapper(rng)
}

func newJSONStrMapper(src []byte, rng hcl.Range, s string) *jsonStrMapper {
	return newJSONStrMapperIn(src, rng, s, nil)
}

// newJSONStrMapperIn is newJSONStrMapper keeping the escapes in buf (from
// its start) when it has room: a mapper used only while one text is parsed
// lends its buffer to the next (see preparseOne).
func newJSONStrMapperIn(src []byte, rng hcl.Range, s string, buf []int32) *jsonStrMapper {
	a, b := rng.Start.Byte, rng.End.Byte
	if src == nil || a < 0 || b > len(src) || b < a {
		return nil
	}
	return newLitMapperIn(src[a:b], rng, s, buf)
}

// litMapper is stringMapper for a text whose source at rng is lit (the
// bytes of the source file at rng, copied out of it: linter's early drop
// of a streamed plan's bytes).
func litMapper(lit []byte, rng hcl.Range, s string) iam.PosMapper {
	if m := newLitMapperIn(lit, rng, s, nil); m != nil {
		return m
	}
	return iam.FixedMapper(rng)
}

// newLitMapperIn is newJSONStrMapperIn given lit, the bytes of the source
// at rng (the mapper's positions are rng's).
func newLitMapperIn(lit []byte, rng hcl.Range, s string, buf []int32) *jsonStrMapper {
	a, b := rng.Start.Byte, rng.End.Byte
	if lit == nil || len(lit) != b-a || b-a < 2 || lit[0] != '"' || lit[len(lit)-1] != '"' ||
		rng.Start.Line != rng.End.Line || b-a > math.MaxInt32 {
		return nil
	}
	raw := lit[1 : len(lit)-1]
	m := &jsonStrMapper{file: rng.Filename, id: iam.FileID(rng.Filename), raw: raw,
		start: hcl.Pos{Line: rng.Start.Line, Column: rng.Start.Column + 1, Byte: a + 1}}
	if cap(buf) > 0 {
		m.at = buf[:0]
	} else if n := bytes.Count(raw, []byte{'\\'}); n > 0 {
		m.at = make([]int32, 0, n)
	}
	k := 0 // decoded offset, compared with s as the literal is decoded
	var one [1]byte
	for i := 0; i < len(raw); {
		if raw[i] != '\\' {
			// A run without escapes: the same bytes in s. (The plan's
			// scanner has checked the literal is valid JSON.) Policy texts
			// have an escape every few bytes (\" around every key and
			// string): compared 8 bytes at a time while they hold no
			// backslash, then byte by byte, instead of a search and a
			// compare call per run.
			for i+8 <= len(raw) && k+8 <= len(s) {
				w := binary.LittleEndian.Uint64(raw[i:])
				if v := w ^ backslashes; (v-lowBits)&^v&highBits != 0 {
					break // a backslash in these 8 bytes
				}
				if w != le64(s, k) {
					break // compared byte by byte below
				}
				i += 8
				k += 8
			}
			for i < len(raw) && raw[i] != '\\' {
				if k >= len(s) || s[k] != raw[i] {
					if !m.nfcRun(&i, &k, s) {
						return nil
					}
					continue
				}
				i++
				k++
			}
			continue
		}
		if i+1 >= len(raw) {
			return nil
		}
		if c := raw[i+1]; (c == '"' || c == '\\') && m.esc == nil {
			// The escapes of a policy text (\" and \\), two bytes to one,
			// checked and recorded without the general way's compare.
			if k >= len(s) || s[k] != c {
				return nil
			}
			m.at = append(m.at, int32(i))
			k++
			i += 2
			continue
		}
		dec := one[:]
		n := 2
		switch raw[i+1] {
		case '"', '\\', '/':
			one[0] = raw[i+1]
		case 'b':
			one[0] = '\b'
		case 'f':
			one[0] = '\f'
		case 'n':
			one[0] = '\n'
		case 'r':
			one[0] = '\r'
		case 't':
			one[0] = '\t'
		case 'u':
			r, size := eval.JSONUnicode(raw[i:])
			if size == 0 {
				return nil
			}
			dec, n = utf8.AppendRune(nil, r), size
			if m.esc == nil {
				m.esc = m.escapes()
			}
		default:
			return nil
		}
		if k+len(dec) > len(s) || s[k:k+len(dec)] != string(dec) {
			if !m.nfcRun(&i, &k, s) { // "\u0065\u0301" is "é" in s
				return nil
			}
			continue
		}
		if m.esc != nil {
			m.esc = append(m.esc, strEscape{dec: k, raw: i, decLen: len(dec), rawLen: n})
		} else {
			m.at = append(m.at, int32(i))
		}
		k += len(dec)
		i += n
	}
	if k != len(s) {
		return nil
	}
	if m.esc != nil {
		m.at = nil
	}
	return m
}

// nfcRun records, at the first difference of the literal's unescaped bytes
// at *i and s at *k, a run of the literal that s holds composed (cty keeps
// strings in NFC: "e\u0301" is "é" in s) as an escape, and moves *i and *k
// past it. It reports false when the difference is no such run.
func (m *jsonStrMapper) nfcRun(i, k *int, s string) bool {
	ri, dk := *i, *k
	for ri > 0 && m.raw[ri]&0xC0 == 0x80 { // back to the character's start
		ri--
		dk--
	}
	end := len(m.raw)
	if e := bytes.IndexByte(m.raw[ri:], '\\'); e >= 0 {
		end = ri + e
	}
	n, out, ok := eval.NFCChange(m.raw[ri:end])
	if !ok || (end < len(m.raw) && ri+n == end) {
		// The run may go on through \u escapes ("e\u0301"): decoded.
		n, out, ok = nfcEscRun(m.raw[ri:])
	}
	if !ok || dk < 0 || !strings.HasPrefix(s[dk:], string(out)) {
		return false
	}
	if m.esc == nil {
		m.esc = m.escapes()
	}
	m.esc = append(m.esc, strEscape{dec: dk, raw: ri, decLen: len(out), rawLen: n})
	*i, *k = ri+n, dk+len(out)
	return true
}

// nfcEscRun is eval.NFCChange for the escaped JSON string content raw: n
// is the run's length in raw, which may hold \u escapes, and out the run
// composed.
func nfcEscRun(raw []byte) (n int, out []byte, ok bool) {
	n, out, _, ok = eval.NFCEscapedRun(raw, func(b []byte) (rune, int) {
		if len(b) < 2 || b[1] != 'u' {
			return 0, 0 // no other escape composes
		}
		return eval.JSONUnicode(b)
	})
	return n, out, ok
}

// Words of 8 bytes for the backslash test of newJSONStrMapperIn: a word w
// holds a '\\' exactly when v = w^backslashes has a zero byte, that is
// when (v-lowBits) &^ v & highBits is not 0.
const (
	backslashes = 0x5c5c5c5c5c5c5c5c
	lowBits     = 0x0101010101010101
	highBits    = 0x8080808080808080
)

// le64 is the little-endian word of s[i:i+8].
func le64(s string, i int) uint64 {
	s = s[i : i+8] // one bounds check; the compiler makes the rest one load
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// escapes returns the two-byte escapes recorded so far (at) as strEscapes.
func (m *jsonStrMapper) escapes() []strEscape {
	out := make([]strEscape, 0, len(m.at)+1)
	for j, r := range m.at {
		out = append(out, strEscape{dec: int(r) - j, raw: int(r), decLen: 1, rawLen: 2})
	}
	return out
}

// rawOffset returns the offset in the escaped content of decoded offset k
// (an offset inside an escape's decoded bytes maps to the escape).
func (m *jsonStrMapper) rawOffset(k int) int {
	if m.esc == nil {
		// the first escape that starts after k: at[j]-j > k
		// (sort.Search written out: no call per step; the fast policy
		// parser maps two offsets per value)
		j, hi := 0, len(m.at)
		for j < hi {
			h := int(uint(j+hi) >> 1)
			if int(m.at[h])-h > k {
				hi = h
			} else {
				j = h + 1
			}
		}
		if j == 0 {
			return min(k, len(m.raw))
		}
		e := int(m.at[j-1])
		d := e - (j - 1)
		if k == d {
			return e
		}
		return min(e+2+k-(d+1), len(m.raw))
	}
	j := sort.Search(len(m.esc), func(j int) bool { return m.esc[j].dec > k })
	if j == 0 {
		return min(k, len(m.raw))
	}
	e := m.esc[j-1]
	if k < e.dec+e.decLen {
		return e.raw
	}
	return min(e.raw+e.rawLen+k-(e.dec+e.decLen), len(m.raw))
}

func (m *jsonStrMapper) pos(k int) hcl.Pos {
	if k < 0 {
		k = 0
	}
	r := m.rawOffset(k)
	// Columns count bytes, as the plan scanner's do (plan.scanner.pos):
	// the runner reports code points, computed from Byte (codePointColumns).
	return hcl.Pos{Line: m.start.Line, Column: m.start.Column + r, Byte: m.start.Byte + r}
}

func (m *jsonStrMapper) Range(start, end int) hcl.Range {
	if end < start {
		end = start
	}
	return hcl.Range{Filename: m.file, Start: m.pos(start), End: m.pos(end)}
}

// Compact is iam.MakeRange(m.Range(start, end)) without looking the file
// name up for each range (the fast policy parser makes several per value).
func (m *jsonStrMapper) Compact(start, end int) iam.Range {
	return iam.MakeRangeIn(m.id, m.Range(start, end))
}
