package iam

import (
	"hash/maphash"
	"strings"
	"sync"
	"unsafe"
)

// The texts of a Document that FromJSONString builds are, as parsed,
// substrings of the policy text: each one would keep the whole policy string
// alive for as long as the model lives (on a big plan, tens of MB of policy
// text held for a few bytes each). ownTexts gives the Document texts of its
// own: Effect, Sid and Version are Words (their texts interned, see Word), the
// short texts that policies repeat (actions, principal types, condition
// operators and keys, "*") come from a process-wide table, and the rest are copied into one allocation per
// Document, at their exact size.

// internMax is the length of the longest text the table holds.
const internMax = 64

// internShards and internShardMax bound the table: at most
// internShards*internShardMax texts of at most internMax bytes (a few MB),
// whatever the input. Once a shard is full, texts new to it are copied
// with their Document instead.
const (
	internShards   = 64
	internShardMax = 1 << 10
)

// internSeed hashes texts to shards.
var internSeed = maphash.MakeSeed()

type internShard struct {
	mu sync.Mutex
	m  map[string]string
	_  [40]byte // one shard per cache line, give or take
}

var internTexts [internShards]internShard

// wellKnown returns the table's copy of the texts nearly every policy
// holds, without a lock.
func wellKnown(s string) (string, bool) {
	switch s {
	case "*":
		return "*", true
	case "Allow":
		return "Allow", true
	case "Deny":
		return "Deny", true
	case "2012-10-17":
		return "2012-10-17", true
	case "2008-10-17":
		return "2008-10-17", true
	case "AWS":
		return "AWS", true
	case "Service":
		return "Service", true
	case "Federated":
		return "Federated", true
	case "sts:AssumeRole":
		return "sts:AssumeRole", true
	case "true":
		return "true", true
	case "false":
		return "false", true
	}
	return "", false
}

// internText returns the table's copy of s and true, adding s (copied) when
// it is new and there is room; else s and false.
func internText(s string) (string, bool) {
	if len(s) > internMax || len(s) == 0 {
		return s, false
	}
	sh := &internTexts[maphash.String(internSeed, s)%internShards]
	sh.mu.Lock()
	t, ok := sh.m[s]
	if !ok && len(sh.m) < internShardMax {
		if sh.m == nil {
			sh.m = make(map[string]string)
		}
		t, ok = strings.Clone(s), true
		sh.m[t] = t
	}
	sh.mu.Unlock()
	if !ok {
		return s, false
	}
	return t, true
}

// textOwner replaces the texts of a Document that are substrings of src.
type textOwner struct {
	lo, hi uintptr // src's bytes
	size   int     // bytes to copy (first pass)
	buf    strings.Builder
	copy   bool // second pass

	// prev is the last text copied (its copy, on the second pass), always
	// at the end of buf: a text that prev starts with is a part of it, and
	// a text that starts with prev (an ARN, then the same ARN with "/*")
	// adds only its rest.
	prev string
}

func (o *textOwner) inSrc(s string) bool {
	if len(s) == 0 {
		return false
	}
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	return p >= o.lo && p < o.hi
}

// text handles one text: on the first pass it interns it or counts its
// bytes; on the second it copies what is left in src.
func (o *textOwner) text(s *string, shared bool) {
	if !o.inSrc(*s) {
		return
	}
	if !o.copy {
		t, ok := wellKnown(*s)
		if !ok && shared {
			t, ok = internText(*s)
		}
		if ok {
			*s = t
			return
		}
	}
	// Both passes take the same steps (the texts have the same bytes).
	switch {
	case strings.HasPrefix(o.prev, *s):
		if o.copy {
			*s = o.prev[:len(*s)]
		}
		return
	case o.prev != "" && strings.HasPrefix(*s, o.prev):
		rest := (*s)[len(o.prev):]
		if !o.copy {
			o.prev = *s
			o.size += len(rest)
			return
		}
		at := o.buf.Len() - len(o.prev)
		o.buf.WriteString(rest)
		*s = o.buf.String()[at:]
	default:
		if !o.copy {
			o.prev = *s
			o.size += len(*s)
			return
		}
		at := o.buf.Len()
		o.buf.WriteString(*s)
		*s = o.buf.String()[at:]
	}
	o.prev = *s
}

func (o *textOwner) values(vs []Value, shared bool) {
	for i := range vs {
		o.text(&vs[i].Text, shared)
	}
}

func (o *textOwner) document(d *Document) {
	for _, s := range d.Statements {
		if s.Extra != nil {
			o.text(&s.Extra.sid.Text, false) // a Sid not held as a Word (see SetSid)
		}
		o.values(s.Actions, true)
		o.values(s.NotActions(), true)
		o.values(s.Resources, false)
		o.values(s.NotResources(), false)
		for _, prs := range [2][]Principal{s.Principals(), s.NotPrincipals()} {
			for i := range prs {
				o.text(&prs[i].Type.Text, true)
				o.text(&prs[i].ID.Text, true)
			}
		}
		conds := s.Conditions()
		for i := range conds {
			c := &conds[i]
			o.text(&c.Operator.Text, true)
			o.text(&c.Key.Text, true)
			o.values(c.Values, true)
		}
	}
}

// ownTexts makes the texts of d, built from src, independent of src (see
// above). Texts that are not substrings of src are left as they are.
func ownTexts(d *Document, src string) {
	d.ownsTexts = true
	if len(src) == 0 {
		return
	}
	lo := uintptr(unsafe.Pointer(unsafe.StringData(src)))
	o := textOwner{lo: lo, hi: lo + uintptr(len(src))}
	o.document(d)
	if o.size == 0 {
		return
	}
	o.buf.Grow(o.size)
	o.copy, o.prev = true, ""
	o.document(d)
}
