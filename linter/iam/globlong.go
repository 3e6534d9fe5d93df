package iam

import (
	"math"
	"math/bits"
	"math/cmplx"
	"unicode"
	"unicode/utf8"
)

// The pattern's runes in globLong: a star and a '?' are negative, every
// other character is its rune (an invalid byte is utf8.RuneError, as the
// walk in glob decodes it, so it matches any other invalid byte).
const (
	globStar rune = -1
	globAny  rune = -2
)

// globLong is glob for long patterns and texts, in time bounded for every
// pattern: the direct walk takes len(p)·len(s) steps at worst (a NotResource
// of "*" then 250,000 "a?" then b, against a Resource of 1,000,000 a's: a
// hang). The pattern is split at its stars into segments; the first must
// match at the start of s, the last at its end, and each other one is put
// at its leftmost place in what is left (a later place only leaves less room
// for the segments after it), with '?' matching any one character. A
// segment without '?' is found with KMP (linear); a short one by trying
// each place; a long one with '?' by correlating it with the text through
// FFTs, a block of text at a time (segmentIndex): O((len(s)+len(p))·log)
// in all. The characters of the text, stars and question marks included,
// are only characters (a pattern compared with another pattern is a text).
func globLong(p, s string, fold bool) bool {
	pr := make([]rune, 0, utf8.RuneCountInString(p))
	for i := 0; i < len(p); {
		switch p[i] {
		case '*':
			pr = append(pr, globStar)
			i++
			continue
		case '?':
			pr = append(pr, globAny)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(p[i:])
		if fold {
			r = unicode.ToLower(r)
		}
		pr = append(pr, r)
		i += n
	}
	sr := make([]rune, 0, utf8.RuneCountInString(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if fold {
			r = unicode.ToLower(r)
		}
		sr = append(sr, r)
		i += n
	}
	return globRunes(pr, sr)
}

// globRunes matches the pattern p (globStar, globAny) against the text s.
func globRunes(p, s []rune) bool {
	var segs [][]rune
	start := 0
	for i, r := range p {
		if r == globStar {
			segs = append(segs, p[start:i])
			start = i + 1
		}
	}
	segs = append(segs, p[start:])
	if len(segs) == 1 {
		return len(p) == len(s) && segmentAt(p, s)
	}
	first, last := segs[0], segs[len(segs)-1]
	if len(first)+len(last) > len(s) || !segmentAt(first, s) || !segmentAt(last, s[len(s)-len(last):]) {
		return false
	}
	s = s[len(first) : len(s)-len(last)]
	for _, seg := range segs[1 : len(segs)-1] {
		i := segmentIndex(seg, s)
		if i < 0 {
			return false
		}
		s = s[i+len(seg):]
	}
	return true
}

// segmentAt reports whether the segment (no star) matches the start of s.
func segmentAt(seg, s []rune) bool {
	if len(seg) > len(s) {
		return false
	}
	for i, r := range seg {
		if r != globAny && r != s[i] {
			return false
		}
	}
	return true
}

// segmentTries is the longest segment with '?' that segmentIndex tries at
// each place of the text (at most that many comparisons a place).
const segmentTries = 32

// segmentIndex is the leftmost place of s where the segment (no star)
// matches, or -1.
func segmentIndex(seg, s []rune) int {
	if len(seg) == 0 {
		return 0
	}
	if len(seg) > len(s) {
		return -1
	}
	anys := 0
	for _, r := range seg {
		if r == globAny {
			anys++
		}
	}
	switch {
	case anys == 0:
		return kmpIndex(seg, s)
	case anys == len(seg):
		return 0
	case len(seg) <= segmentTries:
		for i := 0; i+len(seg) <= len(s); i++ {
			if segmentAt(seg, s[i:]) {
				return i
			}
		}
		return -1
	}
	return fftIndex(seg, s)
}

// kmpIndex is the leftmost place of the literal seg in s, or -1
// (Knuth-Morris-Pratt: linear).
func kmpIndex(seg, s []rune) int {
	fail := make([]int, len(seg))
	for i, k := 1, 0; i < len(seg); i++ {
		for k > 0 && seg[i] != seg[k] {
			k = fail[k-1]
		}
		if seg[i] == seg[k] {
			k++
		}
		fail[i] = k
	}
	for i, k := 0, 0; i < len(s); i++ {
		for k > 0 && s[i] != seg[k] {
			k = fail[k-1]
		}
		if s[i] == seg[k] {
			k++
		}
		if k == len(seg) {
			return i - len(seg) + 1
		}
	}
	return -1
}

// fftDigit is the width in bits of the digits the characters' codes are
// cut into for fftIndex (3 digits hold any code).
const fftDigit = 10

// fftIndex is segmentIndex for a long segment with '?' (matching with
// don't-cares): the characters of the segment are numbered from 1, those
// of the text that are not in the segment are 0, and the codes are cut into
// digits of fftDigit bits; a digit d is the root of unity e^(2πid/2^10).
// At place i, the sum over the segment's characters other than '?' and
// over the digits of the real part of the product of the segment's digit,
// conjugated, and the text's is the number of those characters times the
// digits exactly when the segment matches there, and at least
// 1-cos(2π/2^10) less otherwise. For the places of a block of len(seg) or
// more, it is computed with FFTs (one forward a digit, one inverse), in
// O(len(seg)·log) a block. A place whose sum is close enough is checked
// character by character (the rounding of floats cannot give a wrong
// answer).
func fftIndex(seg, s []rune) int {
	m := len(seg)
	codes := map[rune]int{}
	for _, r := range seg {
		if r != globAny {
			if _, ok := codes[r]; !ok {
				codes[r] = len(codes) + 1
			}
		}
	}
	const radix = 1 << fftDigit
	var unit [radix]complex128
	for d := range unit {
		unit[d] = cmplx.Rect(1, 2*math.Pi*float64(d)/radix)
	}
	digits := (bits.Len(uint(len(codes))) + fftDigit - 1) / fftDigit
	n := 1
	for n < max(m, 1024)+m-1 {
		n <<= 1
	}
	block := n - m + 1 // the places each FFT tells
	roots := fftRoots(n)
	// The segment reversed, conjugated, digit by digit (0 at '?').
	pd := make([][]complex128, digits)
	for d := range pd {
		pd[d] = make([]complex128, n)
	}
	want := 0.0
	for j, r := range seg {
		if r == globAny {
			continue
		}
		want += float64(digits)
		c := codes[r]
		for d := range pd {
			pd[d][m-1-j] = cmplx.Conj(unit[c>>(d*fftDigit)&(radix-1)])
		}
	}
	for d := range pd {
		fft(pd[d], roots, false)
	}
	gap := (1 - math.Cos(2*math.Pi/radix)) / 2
	td := make([]complex128, n)
	acc := make([]complex128, n)
	for b := 0; b+m <= len(s); b += block {
		win := s[b:min(len(s), b+block+m-1)]
		clear(acc)
		for d := range pd {
			clear(td)
			for k, r := range win {
				td[k] = unit[codes[r]>>(d*fftDigit)&(radix-1)]
			}
			fft(td, roots, false)
			for k, v := range td {
				acc[k] += pd[d][k] * v
			}
		}
		fft(acc, roots, true)
		for i := 0; i < block && b+i+m <= len(s); i++ {
			if v := real(acc[m-1+i]) / float64(n); v > want-gap && segmentAt(seg, s[b+i:]) {
				return b + i
			}
		}
	}
	return -1
}

// fft transforms a in place (its length a power of 2, roots from
// fftRoots of that length); inverse without the division by the length.
func fft(a, roots []complex128, inverse bool) {
	n := len(a)
	for i, j := 1, 0; i < n; i++ {
		bit := n >> 1
		for ; j&bit != 0; bit >>= 1 {
			j ^= bit
		}
		j ^= bit
		if i < j {
			a[i], a[j] = a[j], a[i]
		}
	}
	for size := 2; size <= n; size <<= 1 {
		half, step := size/2, n/size
		for start := 0; start < n; start += size {
			lo, hi := a[start:start+half], a[start+half:start+size]
			for k := range lo {
				wk := roots[k*step]
				if inverse {
					wk = cmplx.Conj(wk)
				}
				u, v := lo[k], hi[k]*wk
				lo[k], hi[k] = u+v, u-v
			}
		}
	}
}

// fftRoots is e^(-2πik/n) for k below n/2.
func fftRoots(n int) []complex128 {
	roots := make([]complex128, n/2)
	for k := range roots {
		roots[k] = cmplx.Rect(1, -2*math.Pi*float64(k)/float64(n))
	}
	return roots
}
