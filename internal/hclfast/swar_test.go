package hclfast

import (
	"strings"
	"testing"
	"unicode"
)

// word returns the eight bytes of b as plainStops reads them (the first in
// the low byte).
func word(b [8]byte) uint64 {
	x := uint64(0)
	for k := 7; k >= 0; k-- {
		x = x<<8 | uint64(b[k])
	}
	return x
}

// TestPlainStops checks plainStops against the byte tables it stands for:
// every byte value at every position of a word, among neighbours of each
// kind (a carry or borrow between bytes would show there). It must stop at
// every byte the table does not take as plain, and may stop at a plain one
// only if it is a control character (a tab: the byte-wise path takes it).
func TestPlainStops(t *testing.T) {
	fills := []byte{'a', 'Z', '0', '_', '-', ' ', '\t', 0, 0x1f, 0x7f, 0x80, 0xff, '`', '{', '$', '%', '"', '\\', '\n', '\r', '#'}
	for _, heredoc := range []bool{false, true} {
		plain := &quotedPlain
		if heredoc {
			plain = &heredocPlain
		}
		for c := range 256 {
			for at := range 8 {
				for _, fill := range fills {
					var b [8]byte
					for k := range b {
						b[k] = fill
					}
					b[at] = byte(c)
					m := plainStops(word(b), heredoc)
					for k := range 8 {
						stop := m>>(8*k+7)&1 == 1
						if !stop && !plain[b[k]] {
							t.Fatalf("heredoc=%v %q: byte %d (%#x) is not plain, not stopped at", heredoc, b[:], k, b[k])
						}
						if stop && plain[b[k]] && b[k] >= 0x20 {
							t.Fatalf("heredoc=%v %q: byte %d (%#x) is plain, stopped at", heredoc, b[:], k, b[k])
						}
					}
					if m&^(0x80*rep8) != 0 {
						t.Fatalf("heredoc=%v %q: bits other than the high ones: %#x", heredoc, b[:], m)
					}
				}
			}
		}
	}
}

// TestPlainEnd checks plainEnd against a byte-wise scan, at every offset
// of strings whose stops fall at every distance, near the end too.
func TestPlainEnd(t *testing.T) {
	for _, heredoc := range []bool{false, true} {
		plain := &quotedPlain
		if heredoc {
			plain = &heredocPlain
		}
		for _, stop := range []byte{'"', '\\', '$', '%', '\n', '\r', '\t', 0x80, 0} {
			for n := range 20 {
				for at := 0; at <= n; at++ {
					src := make([]byte, n)
					for k := range src {
						src[k] = 'a' + byte(k%26)
					}
					if at < n {
						src[at] = stop
					}
					for k := 0; k <= n; k++ {
						want := k
						for want < n && plain[src[want]] {
							want++
						}
						got := plainEnd(src, k, heredoc)
						// a control character may stop it early (a tab)
						if got != want && !(got < want && src[got] < 0x20) {
							t.Fatalf("heredoc=%v plainEnd(%q, %d) = %d, want %d", heredoc, src, k, got, want)
						}
					}
				}
			}
		}
	}
}

// TestTrimLeftSpace checks trimLeftSpace against strings.TrimLeftFunc with
// unicode.IsSpace, ASCII and other white space among the strings.
func TestTrimLeftSpace(t *testing.T) {
	for _, s := range []string{"", " ", "\t\n\v\f\r x", "x ", "  \u0085x", " \u00a0 x", "\u2003x", " é", "\x80x", "  \t${", "\x00 x"} {
		if got, want := trimLeftSpace(s), strings.TrimLeftFunc(s, unicode.IsSpace); got != want {
			t.Errorf("trimLeftSpace(%q) = %q, want %q", s, got, want)
		}
	}
}
