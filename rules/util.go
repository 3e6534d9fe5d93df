package rules

import (
	"math/bits"
	"strconv"
	"strings"
	"sync"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

// grants calls f for every statement of every document that is known to be a
// grant (Effect Allow). Deny statements and statements whose Effect is unknown
// are skipped. The grants are listed once per run and shared by the rules
// that ask (most rules walk them: reading every statement's Effect again in
// each rule was a large part of the rules' time on big models).
func grants(p *linter.Pass, f func(d *iam.Document, s *iam.Statement)) {
	for _, g := range p.Shared(grantsKey{}, listGrants).([]docGrants) {
		sts := g.d.Statements
		for m := g.mask; m != 0; m &= m - 1 {
			f(g.d, sts[int(g.base)+bits.TrailingZeros32(m)])
		}
	}
}

type grantsKey struct{}

// docGrants are grants of a document: the statements base+i for each bit i
// of mask. A document of more than 32 statements has an entry for each 32
// (that hold a grant). The list was a document and a statement for each
// grant, 16 bytes a statement: on a 200 MB plan (650,000 statements) 10 MB
// held by the rules until the last of them was done, at the run's peak of
// memory; it is now 16 bytes a document (3.8 MB), and the statements are
// read as before (their Effect once, by listGrants).
type docGrants struct {
	d    *iam.Document
	base uint32
	mask uint32
}

// listGrants lists the statements of m known to be a grant, in model order.
func listGrants(m *iam.Model) any {
	var out []docGrants
	if m == nil {
		return out
	}
	n := 0
	for _, d := range m.Documents {
		if d != nil {
			n += (len(d.Statements) + 31) / 32
		}
	}
	out = make([]docGrants, 0, n) // one allocation, not a doubling series
	for _, d := range m.Documents {
		if d == nil {
			continue
		}
		for base := 0; base < len(d.Statements); base += 32 {
			var mask uint32
			for i, s := range d.Statements[base:min(base+32, len(d.Statements))] {
				if s != nil && s.IsAllow() {
					mask |= 1 << i
				}
			}
			if mask != 0 {
				out = append(out, docGrants{d, uint32(base), mask})
			}
		}
	}
	return out
}

// isStar reports whether v is known and matches everything: "*" (or a run of
// "*" only).
func isStar(v iam.Value) bool { return v.Known && wild(v.Text) }

// isEveryAction reports whether the action value matches every action: "*"
// or "*:*".
func isEveryAction(v iam.Value) bool {
	// Both start with "*": most actions (a service's name first) are
	// told at their first byte (the rules ask it of every action).
	if !v.Known || v.Text == "" || v.Text[0] != '*' {
		return false
	}
	if isStar(v) {
		return true
	}
	svc, name, ok := strings.Cut(v.Text, ":")
	return ok && wild(svc) && wild(name)
}

// serviceWildcard returns the service prefix when v is a whole-service
// wildcard ("s3:*", "IAM:*"), lower-cased.
func serviceWildcard(v iam.Value) (string, bool) {
	if !v.Known {
		return "", false
	}
	svc, name, ok := strings.Cut(v.Text, ":")
	// wild: strings.Trim(name, "*") == "", without building Trim's set
	// of bytes (the rules ask it of most action values).
	if !ok || svc == "" || hasWildcard(svc) || !wild(name) {
		return "", false
	}
	return strings.ToLower(svc), true
}

// resourceScope describes where a statement applies, for messages: "on every
// resource", "on every resource except ...", "on arn:...".
func resourceScope(s *iam.Statement) string {
	var small [128]byte
	b := appendResourceScope(small[:0], s)
	if len(b) == 0 {
		return ""
	}
	return string(b)
}

// appendResourceScope appends resourceScope(s) to b.
func appendResourceScope(b []byte, s *iam.Statement) []byte {
	if s.NotResource().Present {
		return appendList(append(b, "on every resource except "...), s.NotResources())
	}
	for _, r := range s.Resources {
		if isStar(r) {
			return append(b, "on every resource"...)
		}
	}
	if len(s.Resources) == 0 {
		if s.Resource.Present {
			return append(b, "on no known resource"...)
		}
		return b
	}
	return appendList(append(b, "on "...), s.Resources)
}

// appendSpacedScope appends prefixSpace(resourceScope(s)) to b.
func appendSpacedScope(b []byte, s *iam.Statement) []byte {
	n := len(b)
	b = appendResourceScope(append(b, ' '), s)
	if len(b) == n+1 {
		return b[:n]
	}
	return b
}

// list renders values for a message: at most three, unknown ones as
// "(known after apply)".
func list(vs []iam.Value) string {
	// Built in one buffer (a Sprintf("%q") per value and a Join were a
	// good part of the rules' allocations on big plans): strconv.AppendQuote
	// is what %q writes for a string.
	if len(vs) == 0 {
		return "(nothing)"
	}
	var small [128]byte
	return string(appendList(small[:0], vs))
}

// appendList appends list(vs) to b.
func appendList(b []byte, vs []iam.Value) []byte {
	if len(vs) == 0 {
		return append(b, "(nothing)"...)
	}
	vs = distinctKnown(vs)
	for i, v := range vs {
		if i > 0 {
			b = append(b, ", "...)
		}
		if i == 3 {
			b = append(b, "and "...)
			b = strconv.AppendInt(b, int64(len(vs)-3), 10)
			b = append(b, " more"...)
			break
		}
		if v.Known {
			b = appendQuoted(b, v.Text)
		} else {
			b = append(b, "(known after apply)"...)
		}
	}
	return b
}

// appendQuoted is strconv.AppendQuote(b, s). A text of printable ASCII
// without quotes or backslashes (most values) is quoted as it is, which is
// what AppendQuote writes for it: AppendQuote decodes and tests every rune,
// a good part of building messages on big plans.
func appendQuoted(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' || c == '"' || c == '\\' {
			return strconv.AppendQuote(b, s)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// hasWildcard reports whether s holds a * or a ?: strings.ContainsAny(s,
// "*?"), which builds its set of bytes again on every call (the rules ask
// it of most values).
func hasWildcard(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '*' || c == '?' {
			return true
		}
	}
	return false
}

// conditionNote says, for a message, that a statement has conditions:
// ", narrowed by a condition on aws:SourceArn".
func conditionNote(s *iam.Statement) string {
	var keys []string
	seen := map[string]bool{}
	for _, c := range s.Conditions() {
		k := "(a key known after apply)"
		if c.Key.Known {
			k = keyName(c.Key.Text)
		}
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return ""
	}
	return ", narrowed by a condition on " + strings.Join(keys, ", ")
}

// keyName is a condition key as a message lists it: as written, or quoted
// when it is empty or has white space around it (a list "on , aws:X" would
// show nothing, or a space, where the key is).
func keyName(k string) string {
	if k == "" || strings.TrimSpace(k) != k {
		return quoteName(k)
	}
	return k
}

// prefixSpace returns s with a leading space, or "" when s is empty.
func prefixSpace(s string) string {
	if s == "" {
		return ""
	}
	return " " + s
}

// arnFields is strings.SplitN(s, ":", n) for n <= 6 without allocating: the
// fields in f[:k].
type arnFields struct {
	f [6]string
	k int
}

func splitColon(s string, n int) (a arnFields) {
	// One scan of the bytes: the fields of an ARN are short, and an
	// IndexByte call per field cost more than the scan (the rules split
	// every Resource value, some more than once).
	start := 0
	for i := 0; i < len(s) && a.k < n-1; i++ {
		if s[i] == ':' {
			a.f[a.k] = s[start:i]
			a.k++
			start = i + 1
		}
	}
	a.f[a.k] = s[start:]
	a.k++
	return a
}

// textMemo memoizes a pure function of a short text (an action pattern):
// looked up without copying the text, stored with a copy (a value's text may
// be a slice of a large source), at most maxMemo texts.
type textMemo[T any] struct {
	mu       sync.RWMutex
	m        map[string]T
	inflight map[string]*memoCall[T] // getShared's texts being computed
	// size, when set, gives the bytes a value holds: past maxMemo texts,
	// values are stored while they add up to at most maxMemoBytes (and up
	// to maxMemoSized texts).
	size  func(T) int
	bytes int
}

// memoCall is one computation of getShared: done is closed when v is set
// (ok false when f panicked).
type memoCall[T any] struct {
	done chan struct{}
	v    T
	ok   bool
}

// getShared is get where concurrent callers of one text compute f once:
// the others wait for its value. The rules run side by side on the same
// statements, and each missed expandPattern's memo of the same patterns at
// once: 10,000 distinct patterns like "*a*b*c*d*" were each expanded twice
// (red team 19, issue 7). f must not call getShared of c with the same text.
func (c *textMemo[T]) getShared(key string, f func(string) T) T {
	if len(key) > maxActionPattern {
		return f(key)
	}
	if v, ok := c.lookup(key); ok {
		return v
	}
	c.mu.Lock()
	if v, ok := c.m[key]; ok {
		c.mu.Unlock()
		return v
	}
	if call := c.inflight[key]; call != nil {
		c.mu.Unlock()
		<-call.done
		if call.ok {
			return call.v
		}
		return f(key) // the first caller panicked: compute (and panic) here too
	}
	if c.inflight == nil {
		c.inflight = map[string]*memoCall[T]{}
	}
	call := &memoCall[T]{done: make(chan struct{})}
	k := strings.Clone(key)
	c.inflight[k] = call
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		delete(c.inflight, k)
		if call.ok {
			c.storeLocked(k, call.v)
		}
		c.mu.Unlock()
		close(call.done)
	}()
	call.v = f(key)
	call.ok = true
	return call.v
}

const maxMemo = 1 << 16

func (c *textMemo[T]) get(key string, f func(string) T) T {
	if len(key) > maxActionPattern {
		return f(key)
	}
	if v, ok := c.lookup(key); ok {
		return v
	}
	v := f(key)
	c.mu.Lock()
	c.storeLocked(strings.Clone(key), v)
	c.mu.Unlock()
	return v
}

// lookup returns the memoized value of key.
func (c *textMemo[T]) lookup(key string) (T, bool) {
	c.mu.RLock()
	v, ok := c.m[key]
	c.mu.RUnlock()
	return v, ok
}

// storeLocked memoizes v under k (a key of its own, not a slice of a
// source) while the memo holds fewer than maxMemo texts, or, with size,
// while the values add up to at most maxMemoBytes; c.mu held.
func (c *textMemo[T]) storeLocked(k string, v T) {
	if c.m == nil {
		c.m = map[string]T{}
	}
	if c.size == nil {
		if len(c.m) < maxMemo {
			c.m[k] = v
		}
		return
	}
	if _, ok := c.m[k]; ok {
		c.m[k] = v // counted when first stored (get stores what getShared did)
		return
	}
	if n := c.size(v) + len(k); len(c.m) < maxMemo || len(c.m) < maxMemoSized && c.bytes+n <= maxMemoBytes {
		c.m[k] = v
		c.bytes += n
	}
}

// maxMemoBytes and maxMemoSized bound a memo with size past maxMemo texts.
const (
	maxMemoBytes = 128 << 20
	maxMemoSized = 1 << 20
)

// actionGrant answers Statement.GrantsAction for one action, with the
// match of each action pattern memoized by its text (the trust rules ask
// it of every statement; a glob match per pattern each time).
type actionGrant struct {
	action string
	memo   textMemo[bool]
}

// Action grants of the actions several rules ask about.
var (
	grantsAssumeRole  = &actionGrant{action: "sts:AssumeRole"}
	grantsWebIdentity = &actionGrant{action: "sts:AssumeRoleWithWebIdentity"}
	grantsPassRole    = &actionGrant{action: "iam:PassRole"}
)

// match is iam.MatchAction(pattern, g.action).
func (g *actionGrant) match(pattern string) bool {
	return g.memo.get(pattern, func(p string) bool { return iam.MatchAction(p, g.action) })
}

// in is s.GrantsAction(g.action).
func (g *actionGrant) in(s *iam.Statement) (iam.Value, bool) {
	return s.GrantsActionMatching(g.match)
}

// distinctKnown returns vs without the known values whose text an earlier
// known value has (a list that names "iam:PassRole" twice is shown once);
// vs itself when it has no such repeat. Unknown values are all kept: two
// of them may differ after apply.
func distinctKnown(vs []iam.Value) []iam.Value {
	seen := func(i int) bool {
		for _, w := range vs[:i] {
			if w.Known && w.Text == vs[i].Text {
				return true
			}
		}
		return false
	}
	if len(vs) > 16 {
		set := make(map[string]bool, len(vs))
		seen = func(i int) bool {
			t := vs[i].Text
			if set[t] {
				return true
			}
			set[t] = true
			return false
		}
	}
	var out []iam.Value
	for i, v := range vs {
		dup := v.Known && seen(i)
		switch {
		case dup && out == nil:
			out = append(make([]iam.Value, 0, len(vs)), vs[:i]...)
		case !dup && out != nil:
			out = append(out, v)
		}
	}
	if out == nil {
		return vs
	}
	return out
}
