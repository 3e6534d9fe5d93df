package suppress

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/iamlint/iamlint/internal/fpath"
	"github.com/iamlint/iamlint/internal/hclfast"
	"github.com/iamlint/iamlint/internal/textdist"
	"github.com/iamlint/iamlint/linter"
)

// RuleID is the ID of the rule whose findings report bad suppressions.
const RuleID = "invalid-suppression"

// Rule describes invalid-suppression findings. Its Check does nothing: the
// findings come from Parse and Apply. Severity is medium: a broken
// suppression either hides a finding nobody reviews any more (expired,
// unused after a refactor) or fails to hide one the team meant to accept, so
// it must survive a typical --min-severity medium and fail a --fail-on
// medium gate, but it is not itself a security hole (high/critical).
var Rule = &linter.Rule{
	ID:       RuleID,
	Title:    "malformed, expired or unused suppression comment",
	Severity: linter.Medium,
	Doc: linter.Doc{
		Why: "An `iamlint:ignore` comment must name known rules and give a reason after `--`; an optional " +
			"`expires YYYY-MM-DD` makes the exception temporary. A comment with a typo, no reason or a bad date " +
			"suppresses nothing, an expired one no longer suppresses, and one that matches no finding is stale " +
			"and would silently hide a future problem at that place.",
		Fix: "Write `# iamlint:ignore RULE[,RULE] -- reason; expires YYYY-MM-DD` on the line above the block or " +
			"at the end of the offending line, with rule IDs from `iamlint rules`; renew or remove expired " +
			"suppressions and delete unused ones.",
	},
	Check: func(*linter.Pass) {},
}

// Source says which syntax a directive was written in.
type Source string

// Directive sources.
const (
	Iamlint Source = "iamlint"
	Tfsec   Source = "tfsec"
	Trivy   Source = "trivy"
	Checkov Source = "checkov"
)

// Directive is one parsed suppression comment.
type Directive struct {
	Source  Source
	Range   hcl.Range // the comment (without its trailing newline)
	Rules   []string  // iamlint rule IDs it suppresses
	PeerID  string    // tfsec/trivy/checkov: the check ID as written
	Reason  string
	Expires string // YYYY-MM-DD, or ""
	// Trailing is true when code precedes the comment on its line: the
	// directive then applies to that line only.
	Trailing bool
	// NextLine is the first code line after the comment (0: none). A
	// non-trailing directive applies to the block starting there, else to
	// that line.
	NextLine int

	expiry time.Time
}

// BlockRange is the line range of one block (resource, data, module, or a
// nested block) in a file, both ends included.
type BlockRange struct {
	File      string
	StartLine int
	EndLine   int
}

// BlockRangeOf returns the line range of r.
func BlockRangeOf(r hcl.Range) BlockRange {
	return BlockRange{File: r.Filename, StartLine: r.Start.Line, EndLine: r.End.Line}
}

// Blocks returns the ranges of every block (nested ones included) of a
// native-syntax file, and of every attribute that spans several lines (a
// comment above `policy = jsonencode({` covers the whole expression), and
// of the objects, object items, lists, for expressions and function calls
// inside them that do (a comment above a statement's `{` covers the
// statement). Files
// that are not HCL native syntax (.tf.json, plans) and parse errors give what
// could be parsed.
func Blocks(file string, src []byte) []BlockRange {
	if !isNative(file) {
		return nil
	}
	f := hclfast.ParseConfig(src, file) // the same tree, faster (sharing src: never change it); nil: use hclsyntax
	if f == nil {
		f, _ = hclsyntax.ParseConfig(src, file, hcl.InitialPos)
	}
	if f == nil {
		return nil
	}
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return nil
	}
	var out []BlockRange
	var walk func(b *hclsyntax.Body)
	walk = func(b *hclsyntax.Body) {
		for _, a := range b.Attributes {
			if a.SrcRange.End.Line > a.SrcRange.Start.Line {
				out = append(out, BlockRangeOf(a.SrcRange))
				multi := func(r hcl.Range) {
					if r.End.Line > r.Start.Line && (r.Start.Line != a.SrcRange.Start.Line || r.End.Line != a.SrcRange.End.Line) {
						out = append(out, BlockRangeOf(r))
					}
				}
				// The objects and lists inside that span several lines,
				// and the object items (Condition = {...}): a comment
				// above a statement written one element a line covers it.
				_ = hclsyntax.VisitAll(a.Expr, func(n hclsyntax.Node) hcl.Diagnostics {
					switch e := n.(type) {
					case *hclsyntax.ObjectConsExpr:
						multi(e.SrcRange)
						for _, it := range e.Items {
							multi(hcl.RangeBetween(it.KeyExpr.Range(), it.ValueExpr.Range()))
						}
					case *hclsyntax.TupleConsExpr:
						multi(e.SrcRange)
					case *hclsyntax.ForExpr:
						multi(e.SrcRange)
					case *hclsyntax.FunctionCallExpr:
						multi(hcl.RangeBetween(e.NameRange, e.CloseParenRange))
					}
					return nil
				})
			}
		}
		for _, blk := range b.Blocks {
			r := hcl.RangeBetween(blk.TypeRange, blk.Body.SrcRange)
			out = append(out, BlockRangeOf(r))
			walk(blk.Body)
		}
	}
	walk(body)
	sort.Slice(out, func(i, j int) bool {
		if out[i].StartLine != out[j].StartLine {
			return out[i].StartLine < out[j].StartLine
		}
		return out[i].EndLine > out[j].EndLine
	})
	return out
}

// stripExpiry returns reason without the expiry reExpires takes at its end.
func stripExpiry(reason string) string {
	if m := reExpires.FindStringSubmatchIndex(reason); m != nil {
		return reason[:m[3]]
	}
	return reason
}

func isNative(file string) bool {
	return !fpath.HasSuffixFold(file, ".json")
}

var (
	reIamlint = regexp.MustCompile(`(?i)^iamlint\s*[:\-]`)
	reIgnore  = regexp.MustCompile(`^iamlint:ignore(\s+|$)`)
	reRuleID  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	// reExpires splits "reason; expires DATE" (also "," or nothing before
	// expires, then the date must start with a digit: "reason expires
	// 2027-01-31", not "the token expires soon").
	reExpires = regexp.MustCompile(`(?i)^(.*?)(?:(?:^|[;,])\s*expires?\s*(?:on\s+)?[:=]?\s*(\S*)|\s+expires?\s*(?:on\s+)?[:=]?\s*(\d\S*))\s*$`)
	// reExpiresInside finds a date-like expiry ("expires 2027-06-30",
	// "expires on 30.06.2027") that reExpires did not take as the end of
	// the comment: one followed by more text, or a second one.
	reExpiresInside = regexp.MustCompile(`(?i)(?:^|[;,\s])(expires?\s*(?:on\s+)?[:=]?\s*\d+[-/.]\d\S*)`)
	rePeer          = regexp.MustCompile(`(?i)^(tfsec|trivy):ignore:([A-Za-z0-9_\-\.]+)(\[[^\]]*\])?(:exp:(\S*))?`)
	reCheckov       = regexp.MustCompile(`(?i)^checkov:skip=([A-Za-z0-9_]+)(?::(.*))?$`)
	dateLayout      = "2006-01-02"
	peerPrefixR     = regexp.MustCompile(`(?i)(tfsec|trivy):ignore:`)
)

// Parse finds the suppression comments of one file. It checks their syntax
// (rule list, reason, date) but not whether the rule IDs exist: use
// ParseKnown for that. Findings are invalid-suppression problems.
func Parse(file string, src []byte) ([]Directive, []linter.Finding) {
	return parse(file, src, nil)
}

// ParseKnown is Parse that also reports rule IDs not in known (with a
// suggestion for near misses); unknown IDs are dropped from the directive.
func ParseKnown(file string, src []byte, known []string) ([]Directive, []linter.Finding) {
	k := map[string]bool{}
	for _, id := range known {
		k[id] = true
	}
	return parse(file, src, k)
}

type comment struct {
	text     string
	rng      hcl.Range
	trailing bool
	next     int
}

func comments(file string, src []byte) []comment {
	if !isNative(file) {
		return nil
	}
	toks, _ := hclsyntax.LexConfig(src, file, hcl.InitialPos)
	code := map[int]bool{}
	var lines []int
	for _, t := range toks {
		switch t.Type {
		case hclsyntax.TokenComment, hclsyntax.TokenNewline, hclsyntax.TokenEOF:
			continue
		}
		if !code[t.Range.Start.Line] {
			code[t.Range.Start.Line] = true
			lines = append(lines, t.Range.Start.Line)
		}
	}
	sort.Ints(lines)
	var out []comment
	for _, t := range toks {
		if t.Type != hclsyntax.TokenComment {
			continue
		}
		raw := string(t.Bytes)
		rng := t.Range
		trimmed := strings.TrimRight(raw, "\r\n")
		if n := len(raw) - len(trimmed); n > 0 {
			rng.End = hcl.Pos{Line: rng.Start.Line, Column: rng.Start.Column + len([]rune(trimmed)), Byte: rng.Start.Byte + len(trimmed)}
		}
		var text string
		switch {
		case strings.HasPrefix(trimmed, "#"):
			text = trimmed[1:]
		case strings.HasPrefix(trimmed, "//"):
			text = trimmed[2:]
		case strings.HasPrefix(trimmed, "/*"):
			if strings.Contains(trimmed, "\n") {
				continue // multi-line block comments hold no directives
			}
			text = strings.TrimSuffix(trimmed[2:], "*/")
		default:
			continue
		}
		line := rng.Start.Line
		c := comment{text: strings.TrimSpace(text), rng: rng, trailing: precededByCode(src, rng.Start.Byte)}
		if i := sort.SearchInts(lines, line+1); !c.trailing && code[line] {
			c.next = line // code after a /* */ comment on its line: that line
		} else if i < len(lines) {
			c.next = lines[i]
		}
		out = append(out, c)
	}
	return out
}

// precededByCode reports whether code comes before offset off on its
// line. The UTF-8 byte order mark that may start the file (Windows editors
// write one; the lexer skips it) is no code: a comment on the first line
// of such a file was taken for a trailing one, so the block below it was
// not covered and the comment was reported unused.
func precededByCode(src []byte, off int) bool {
	for i := off - 1; i >= 0 && i < len(src); i-- {
		switch src[i] {
		case '\n':
			return false
		case ' ', '\t', '\r':
			continue
		default:
			return i != len(utf8BOM)-1 || !bytes.HasPrefix(src, utf8BOM)
		}
	}
	return false
}

var utf8BOM = []byte("\xef\xbb\xbf")

func parse(file string, src []byte, known map[string]bool) ([]Directive, []linter.Finding) {
	var dirs []Directive
	var probs []linter.Finding
	for _, c := range comments(file, src) {
		d, p := parseComment(c.text, known)
		for _, msg := range p {
			probs = append(probs, problem(c.rng, msg, "malformed", c.text))
		}
		for _, dd := range d {
			dd.Range, dd.Trailing, dd.NextLine = c.rng, c.trailing, c.next
			dirs = append(dirs, dd)
		}
	}
	return dirs, probs
}

// parseComment parses the text of one comment (without # or //). It returns
// the directives it holds and messages for what is malformed.
func parseComment(text string, known map[string]bool) ([]Directive, []string) {
	text = strings.TrimSpace(text)
	switch {
	case reIamlint.MatchString(text):
		d, msg := parseIamlint(text, known)
		if msg != "" {
			if d == nil {
				return nil, []string{msg}
			}
			return []Directive{*d}, []string{msg}
		}
		return []Directive{*d}, nil
	case strings.HasPrefix(strings.ToLower(text), "checkov:skip="):
		m := reCheckov.FindStringSubmatch(text)
		if m == nil {
			return nil, nil
		}
		rules := PeerRules(m[1])
		if len(rules) == 0 {
			return nil, nil
		}
		reason := strings.TrimSpace(m[2])
		if reason == "" {
			reason = "checkov:skip=" + m[1]
		}
		return []Directive{{Source: Checkov, Rules: rules, PeerID: m[1], Reason: reason}}, nil
	case peerPrefixR.MatchString(text):
		var out []Directive
		var msgs []string
		more := 0 // problems past the first maxNameProblems
		for _, f := range strings.Fields(text) {
			f = strings.TrimLeft(f, "#/")
			m := rePeer.FindStringSubmatch(f)
			if m == nil {
				continue
			}
			rules := PeerRules(m[2])
			if len(rules) == 0 {
				continue
			}
			d := Directive{Source: Source(strings.ToLower(m[1])), Rules: rules, PeerID: m[2],
				Reason: strings.ToLower(m[1]) + ":ignore:" + m[2]}
			if m[4] != "" {
				t, err := time.Parse(dateLayout, m[5])
				if err != nil {
					if len(msgs) >= maxNameProblems {
						more++
						continue
					}
					msgs = append(msgs, fmt.Sprintf("bad expiry date %q in %s (want :exp:YYYY-MM-DD)", m[5], f))
					continue
				}
				d.Expires, d.expiry = m[5], t
			}
			out = append(out, d)
		}
		if more > 0 {
			msgs = append(msgs, fmt.Sprintf("and %d more malformed directives in this comment", more))
		}
		return out, msgs
	}
	return nil, nil
}

func parseIamlint(text string, known map[string]bool) (*Directive, string) {
	if !reIgnore.MatchString(text) {
		word := text
		if i := strings.IndexAny(word, " \t"); i >= 0 {
			word = word[:i]
		}
		hint := ""
		compact := strings.ToLower(strings.Join(strings.Fields(text), ""))
		if textdist.Distance(strings.ToLower(word), "iamlint:ignore") <= 3 || strings.HasPrefix(compact, "iamlint:ignore") {
			hint = ` (did you mean "iamlint:ignore"?)`
		}
		return nil, fmt.Sprintf("unknown directive %q%s: write iamlint:ignore RULE[,RULE] -- reason", word, hint)
	}
	rest := strings.TrimSpace(text[len("iamlint:ignore"):])
	ruleText, reason, hasSep := strings.Cut(rest, "--")
	ruleText = strings.TrimSpace(ruleText)
	if ruleText == "" {
		return nil, "iamlint:ignore names no rule: write iamlint:ignore RULE[,RULE] -- reason"
	}
	var rules []string
	var msgs []string
	more := 0 // problems with rule names past the first maxNameProblems
	for _, r := range strings.FieldsFunc(ruleText, func(c rune) bool { return c == ',' || c == ' ' || c == '\t' }) {
		valid := reRuleID.MatchString(r) && r != RuleID && (known == nil || known[r])
		if !valid && len(msgs) >= maxNameProblems {
			more++
			continue
		}
		switch {
		case !reRuleID.MatchString(r):
			// Quoted in ASCII, with the rule it is closest to: a
			// look-alike letter (a Cyrillic с) printed as written made
			// "wildсard-action" look like the rule it is not.
			m := strconv.QuoteToASCII(r) + " is not a rule ID"
			if strconv.QuoteToASCII(r) != strconv.Quote(r) {
				m += ": it holds characters that are not ASCII, escaped here"
			}
			if s := suggest(r, known); s != "" {
				m += fmt.Sprintf(" (did you mean %q?)", s)
			}
			msgs = append(msgs, m)
		case r == RuleID:
			msgs = append(msgs, RuleID+" cannot be suppressed by a comment: fix or remove the suppression it reports, or turn it off with --disable "+RuleID)
		case known != nil && !known[r]:
			m := fmt.Sprintf("unknown rule %q", r)
			if s := suggest(r, known); s != "" {
				m += fmt.Sprintf(" (did you mean %q?)", s)
			}
			msgs = append(msgs, m)
		default:
			if !contains(rules, r) {
				rules = append(rules, r)
			}
		}
	}
	if more > 0 {
		msgs = append(msgs, fmt.Sprintf("and %d more unknown or invalid rule names", more))
	}
	if len(rules) == 0 && len(msgs) == 0 {
		// Only separators ("iamlint:ignore , -- r"): no rule named.
		return nil, "iamlint:ignore names no rule: write iamlint:ignore RULE[,RULE] -- reason"
	}
	d := &Directive{Source: Iamlint, Rules: rules}
	reason = strings.TrimSpace(reason)
	if m := reExpiresInside.FindStringSubmatch(stripExpiry(reason)); m != nil {
		// "reason; expires 2027-06-30; more" was a suppression that never
		// expired, without a word: the date was read as part of the reason.
		msgs = append(msgs, fmt.Sprintf("the expiry must end the comment: %q is followed by more text (write iamlint:ignore RULE -- reason; expires YYYY-MM-DD)", strings.TrimRight(m[1], ";,.")))
		d = nil
	}
	if m := reExpires.FindStringSubmatch(reason); m != nil {
		reason = strings.TrimSpace(m[1])
		date := m[2] + m[3] // one of them is empty
		t, err := time.Parse(dateLayout, date)
		if err != nil {
			msgs = append(msgs, fmt.Sprintf("bad expiry date %q (want expires YYYY-MM-DD)", date))
			d = nil
		} else if d != nil {
			d.Expires, d.expiry = date, t
		}
	}
	if !hasSep || reason == "" {
		msgs = append(msgs, "a reason is required: iamlint:ignore RULE -- reason")
		d = nil
	}
	if d != nil && len(d.Rules) == 0 {
		d = nil
	}
	if d != nil {
		d.Reason = reason
	}
	return d, strings.Join(msgs, "; ")
}

// maxNameProblems is the most problems with rule names one directive's
// message lists, and the most problems one tfsec/trivy comment gives; the
// others are counted (a comment naming 100,000 unknown rules gave a message
// of 3.7 MB; 100,000 bad expiry dates, 100,000 findings).
const maxNameProblems = 10

// suggest returns the known ID closest to id when it is a near miss.
func suggest(id string, known map[string]bool) string {
	best, bestD := "", 4
	for k := range known {
		if d := textdist.Distance(id, k); d < bestD || (d == bestD && k < best) {
			best, bestD = k, d
		}
	}
	if bestD > len(id)/3+1 {
		return ""
	}
	return best
}

// problem is an invalid-suppression finding. Its fingerprint holds the kind,
// the file's base name, the comment (text) and, for malformed comments, the
// message, but no line or directory: it survives lines moving (the runner
// adds the file's directory, as for other findings, and tells identical
// comments apart).
func problem(rng hcl.Range, msg, kind, text string) linter.Finding {
	key := RuleID + "\x00" + kind + "\x00" + filepath.Base(rng.Filename) + "\x00" + strings.TrimSpace(text)
	if kind == "malformed" {
		key += "\x00" + msg
	}
	h := sha256.Sum256([]byte(key))
	return linter.Finding{
		Rule:        RuleID,
		Severity:    Rule.Severity,
		Message:     msg,
		Range:       rng,
		Fingerprint: hex.EncodeToString(h[:16]),
	}
}

// Options tunes ApplyWith.
type Options struct {
	// Now is the time expiry dates are checked against (a date is valid through
	// its whole day, UTC).
	Now time.Time
	// Enabled, when non-nil, holds the rules that ran: a directive is reported
	// unused only when one of its rules ran (a suppression for a disabled rule is
	// not stale).
	Enabled map[string]bool
}

// Apply splits findings into kept and suppressed ones by the directives, and
// reports expired and unused iamlint directives as problems (invalid-suppression
// findings). blocks are the block ranges of the files the directives are in
// (see Blocks). Suppressed findings get Suppression{Kind: "inline"}. The order
// of kept and suppressed follows findings.
func Apply(findings []linter.Finding, dirs []Directive, blocks []BlockRange, now time.Time) (kept, suppressed []linter.Finding, problems []linter.Finding) {
	return ApplyWith(findings, dirs, blocks, Options{Now: now})
}

type scope struct {
	file     string
	from, to int
}

// Scope returns the file and line range (both ends included) a directive
// applies to, given the block ranges of its file.
func (d Directive) Scope(blocks []BlockRange) (file string, from, to int) {
	s := newBlockIndex(blocks).scopeOf(d)
	return s.file, s.from, s.to
}

// blockIndex is the block ranges scopeOf reads, by file and by first line:
// each directive walked every block (40,000 directives of a file of 20,000
// blocks: 800 million steps).
type blockIndex struct {
	byFile  map[string][]BlockRange
	endFrom map[fileLine]int // the last end line of the blocks that start at a line
}

type fileLine struct {
	file string
	line int
}

func newBlockIndex(blocks []BlockRange) *blockIndex {
	x := &blockIndex{byFile: map[string][]BlockRange{}, endFrom: make(map[fileLine]int, len(blocks))}
	for _, b := range blocks {
		x.byFile[b.File] = append(x.byFile[b.File], b)
		k := fileLine{b.File, b.StartLine}
		if e, ok := x.endFrom[k]; !ok || b.EndLine > e {
			x.endFrom[k] = b.EndLine
		}
	}
	return x
}

func (x *blockIndex) scopeOf(d Directive) scope {
	file, line := d.Range.Filename, d.Range.Start.Line
	if d.Source == Checkov {
		// checkov: the outermost block that holds the comment.
		var best *BlockRange
		bs := x.byFile[file]
		for i, b := range bs {
			if b.StartLine <= line && line <= b.EndLine && (best == nil || b.EndLine-b.StartLine > best.EndLine-best.StartLine) {
				best = &bs[i]
			}
		}
		if best != nil {
			return scope{file, best.StartLine, best.EndLine}
		}
	}
	if d.Trailing {
		// At the end of a block's header line: the whole block.
		return scope{file, line, max(line, x.end(file, line))}
	}
	if d.NextLine == 0 {
		return scope{file, -1, -1}
	}
	return scope{file, d.NextLine, max(d.NextLine, x.end(file, d.NextLine))}
}

// end returns the last end line of the blocks of file that start at line
// (0 for none).
func (x *blockIndex) end(file string, line int) int {
	return x.endFrom[fileLine{file, line}]
}

// scopeIndex finds the directives whose scopes cover a line of a file
// without walking every directive for each finding (20,000 findings and
// 40,000 directives in one file: more than 100 CPU s).
type scopeIndex struct {
	byFile map[string]*fileScopes
}

// fileScopes are the directives of one file in the order of their scopes'
// first lines (idx), and the last line any of the first k+1 covers
// (maxTo[k]).
type fileScopes struct {
	idx   []int
	maxTo []int
}

func newScopeIndex(scopes []scope) *scopeIndex {
	x := &scopeIndex{byFile: map[string]*fileScopes{}}
	for i, s := range scopes {
		if s.from < 0 {
			continue // covers no line
		}
		fs := x.byFile[s.file]
		if fs == nil {
			fs = &fileScopes{}
			x.byFile[s.file] = fs
		}
		fs.idx = append(fs.idx, i)
	}
	for _, fs := range x.byFile {
		sort.SliceStable(fs.idx, func(a, b int) bool { return scopes[fs.idx[a]].from < scopes[fs.idx[b]].from })
		fs.maxTo = make([]int, len(fs.idx))
		m := -1
		for k, i := range fs.idx {
			m = max(m, scopes[i].to)
			fs.maxTo[k] = m
		}
	}
	return x
}

// covering calls fn with each directive (index) whose scope covers the
// start of r.
func (x *scopeIndex) covering(scopes []scope, r hcl.Range, fn func(i int)) {
	fs := x.byFile[r.Filename]
	if fs == nil {
		return
	}
	line := r.Start.Line
	k := sort.Search(len(fs.idx), func(k int) bool { return scopes[fs.idx[k]].from > line }) - 1
	for ; k >= 0 && fs.maxTo[k] >= line; k-- {
		if i := fs.idx[k]; scopes[i].covers(r) {
			fn(i)
		}
	}
}

func (s scope) covers(r hcl.Range) bool {
	return r.Filename == s.file && s.from <= r.Start.Line && r.Start.Line <= s.to
}

// ApplyWith is Apply with options.
func ApplyWith(findings []linter.Finding, dirs []Directive, blocks []BlockRange, opts Options) (kept, suppressed []linter.Finding, problems []linter.Finding) {
	today := opts.Now.UTC().Format(dateLayout)
	used := make([]bool, len(dirs))
	scopes := make([]scope, len(dirs))
	expired := make([]bool, len(dirs))
	bx := newBlockIndex(blocks)
	for i, d := range dirs {
		scopes[i] = bx.scopeOf(d)
		expired[i] = d.Expires != "" && d.Expires < today
	}
	sx := newScopeIndex(scopes)
	kept, suppressed = []linter.Finding{}, []linter.Finding{}
	for _, f := range findings {
		// Each directive that covers the finding or one of its related
		// locations and names its rule is used; the first of them (in
		// dirs) not expired suppresses it.
		hit := -1
		match := func(i int) {
			if !contains(dirs[i].Rules, f.Rule) {
				return
			}
			used[i] = true
			if !expired[i] && (hit < 0 || i < hit) {
				hit = i
			}
		}
		sx.covering(scopes, f.Range, match)
		for _, r := range f.Related {
			sx.covering(scopes, r.Range, match)
		}
		if hit < 0 {
			kept = append(kept, f)
			continue
		}
		d := dirs[hit]
		f.Suppression = &linter.Suppression{Kind: "inline", Reason: d.Reason, Expires: d.Expires}
		suppressed = append(suppressed, f)
	}
	for i, d := range dirs {
		if d.Source != Iamlint {
			continue
		}
		switch {
		case expired[i]:
			problems = append(problems, problem(d.Range,
				fmt.Sprintf("suppression of %s expired on %s: the finding is reported again; renew the date or fix the finding", strings.Join(d.Rules, ","), d.Expires),
				"expired", strings.Join(d.Rules, ",")+d.Reason))
		case !used[i] && ranAny(d.Rules, opts.Enabled):
			where := fmt.Sprintf("in its scope (lines %d-%d)", scopes[i].from, scopes[i].to)
			if scopes[i].from < 0 {
				where = "after it (no code follows the comment)"
			}
			problems = append(problems, problem(d.Range,
				fmt.Sprintf("unused suppression: no %s finding %s; remove it", strings.Join(d.Rules, ","), where),
				"unused", strings.Join(d.Rules, ",")+d.Reason))
		}
	}
	return kept, suppressed, problems
}

func ranAny(rules []string, enabled map[string]bool) bool {
	if enabled == nil {
		return true
	}
	for _, r := range rules {
		if enabled[r] {
			return true
		}
	}
	return false
}
