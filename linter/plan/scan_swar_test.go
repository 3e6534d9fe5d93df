package plan

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"testing"
	"unicode/utf8"
)

// TestScanPlainSWAR compares scanPlain (eight bytes at a time) with a byte
// loop on random text where quotes, backslashes, control and non-ASCII
// bytes are rare.
func TestScanPlainSWAR(t *testing.T) {
	naive := func(src []byte, i int) (int, bool) {
		high := false
		for ; i < len(src); i++ {
			c := src[i]
			if c == '"' || c == '\\' || c < 0x20 {
				return i, high
			}
			if c >= 0x80 {
				high = true
			}
		}
		return i, high
	}
	r := rand.New(rand.NewSource(1))
	special := []byte{'"', '\\', 0, 0x1f, 0x20, 0x21, 0x7f, 0x80, 0xff, 0xc3, '!', '#', '[', ']'}
	for n := 0; n < 20000; n++ {
		src := make([]byte, r.Intn(40))
		for k := range src {
			if r.Intn(12) == 0 {
				src[k] = special[r.Intn(len(special))]
			} else {
				src[k] = byte('a' + r.Intn(26))
			}
		}
		s := &scanner{src: src}
		for i := 0; i <= len(src); i++ {
			gi, gh := s.scanPlain(i)
			wi, wh := naive(src, i)
			if gi != wi || gh != wh {
				t.Fatalf("scanPlain(%q, %d) = %d, %v; want %d, %v", src, i, gi, gh, wi, wh)
			}
		}
	}
}

// TestStrSameAsEncodingJSON decodes random JSON strings full of escapes
// with scanner.str and skips them with skipString, against encoding/json.
func TestStrSameAsEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	parts := []string{`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`, `\u00e9`, `\ud83d\ude00`, `\ud800`, `é`, `{`, `x`, `abcdefgh`, ` `}
	for n := 0; n < 5000; n++ {
		var b []byte
		b = append(b, '"')
		for k := r.Intn(30); k > 0; k-- {
			b = append(b, parts[r.Intn(len(parts))]...)
		}
		b = append(b, '"')
		var want string
		if err := json.Unmarshal(b, &want); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		s := &scanner{src: append(b, ',')}
		got, end := s.str(0)
		if got != want || end != len(b) {
			t.Fatalf("str(%s) = %q, %d; want %q, %d", b, got, end, want, len(b))
		}
		if e := s.skipString(0); e != len(b) {
			t.Fatalf("skipString(%s) = %d, want %d", b, e, len(b))
		}
	}
}

// TestStringsInLine compares skipString and strASCII (eight bytes at a time
// in line) with the loops they replaced (refSkipString, refStrASCII: a call
// to scanPlain per run), on random strings full of escapes, quotes, control
// and non-ASCII bytes and invalid escapes, followed by padding or not (the
// last eight bytes of a plan are read byte by byte): the same ends, values,
// ASCII flags and errors.
func TestStringsInLine(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	parts := []string{`\"`, `\\`, `\/`, `\n`, `\u00e9`, `\ud83d\ude00`, `\ud800`, `\x`, `\u12`, "é", "\xff", "\x01", `"`, `{`, `x`, `abcdefgh`, `Statement`, ` `}
	catch := func(f func()) (err any) {
		defer func() { err = recover() }()
		f()
		return nil
	}
	for n := 0; n < 30000; n++ {
		b := []byte{'"'}
		for k := r.Intn(40); k > 0; k-- {
			b = append(b, parts[r.Intn(len(parts))]...)
		}
		if r.Intn(4) > 0 {
			b = append(b, '"')
		}
		if r.Intn(2) == 0 {
			b = append(b, `,"padding":"more text after it"}`...)
		}
		s := &scanner{src: b}
		var got, want struct {
			end   int
			str   string
			ascii bool
		}
		gotErr := catch(func() { got.end = s.skipString(0) })
		wantErr := catch(func() { want.end = refSkipString(s, 0) })
		if got != want || gotErr != wantErr {
			t.Fatalf("skipString(%q) = %d, %v; want %d, %v", b, got.end, gotErr, want.end, wantErr)
		}
		gotErr = catch(func() { got.str, got.end, got.ascii = s.strASCII(0) })
		wantErr = catch(func() { want.str, want.end, want.ascii = refStrASCII(s, 0) })
		if got != want || gotErr != wantErr {
			t.Fatalf("strASCII(%q) = %+v, %v; want %+v, %v", b, got, gotErr, want, wantErr)
		}
	}
}

func refSkipString(s *scanner, i int) int {
	src := s.src
	i++
	for {
		i, _ = s.scanPlain(i)
		if i >= len(src) {
			s.fail(len(src), "unexpected end of input in string")
		}
		switch c := src[i]; {
		case c == '"':
			return i + 1
		case c == '\\':
			if i+1 < len(src) && simpleEscape[src[i+1]] != 0 {
				i += 2
				continue
			}
			i = s.escape(i, nil)
		default:
			s.fail(i, "control character 0x%02x in string", c)
		}
	}
}

func refStrASCII(s *scanner, i int) (string, int, bool) {
	src := s.src
	start := i + 1
	j, high := s.scanPlain(start)
	if j < len(src) && src[j] == '"' {
		b := src[start:j]
		if high && !utf8.Valid(b) {
			return string(bytes.ToValidUTF8(b, []byte("\uFFFD"))), j + 1, false
		}
		return string(b), j + 1, !high
	}
	var buf []byte
	i = start
	ascii := true
	for {
		j, h := s.scanPlain(i)
		ascii = ascii && !h
		buf = append(buf, src[i:j]...)
		i = j
		if i >= len(src) {
			s.fail(len(src), "unexpected end of input in string")
		}
		switch c := src[i]; {
		case c == '"':
			if !ascii && !utf8.Valid(buf) {
				return string(bytes.ToValidUTF8(buf, []byte("\uFFFD"))), i + 1, false
			}
			return string(buf), i + 1, ascii
		case c == '\\':
			if i+1 < len(src) {
				if d := simpleEscape[src[i+1]]; d != 0 {
					buf = append(buf, d)
					i += 2
					continue
				}
			}
			if i+1 < len(src) && src[i+1] == 'u' {
				ascii = false
			}
			i = s.escape(i, &buf)
		default:
			s.fail(i, "control character 0x%02x in string", c)
		}
	}
}

// BenchmarkPolicyLiteral skips and decodes the JSON string literal of a
// policy document as plans hold them (an escape every few bytes).
func BenchmarkPolicyLiteral(b *testing.B) {
	doc := `{"Version":"2012-10-17","Statement":[`
	for k := 0; k < 8; k++ {
		if k > 0 {
			doc += ","
		}
		doc += `{"Sid":"S0","Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:ListBucket"],"Resource":["arn:aws:s3:::bucket-0-1","arn:aws:s3:::bucket-0-1/*"]}`
	}
	doc += `]}`
	lit, err := json.Marshal(doc)
	if err != nil {
		b.Fatal(err)
	}
	src := append(lit, `,"name":"x"}`...)
	s := &scanner{src: src}
	b.SetBytes(int64(len(lit)))
	b.Run("skip", func(b *testing.B) {
		for b.Loop() {
			s.skipString(0)
		}
	})
	b.Run("decode", func(b *testing.B) {
		for b.Loop() {
			s.strASCII(0)
		}
	})
}
