package extract

import (
	"bytes"
	"crypto/sha256"
	"math/bits"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/internal/credmask"
	"github.com/iamlint/iamlint/internal/par"
	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/iam"
)

// Credential literals. An access key ID is AKIA (long-term) or ASIA
// (temporary) and 16 upper-case alphanumerics. A secret access key is 40
// characters of base64; to keep false positives low it is only taken from an
// attribute (or tfvars/ini/env key) whose name says it is one.
var (
	accessKeyIDRE = regexp.MustCompile(`(?:^|[^A-Za-z0-9])((?:AKIA|ASIA)[A-Z0-9]{16})(?:[^A-Za-z0-9]|$)`)
	// The name may have a prefix (deploy_secret_key, ci_aws_secret_access_key);
	// "secret" alone is only taken with aws in front (AWS_SECRET, aws_secret).
	secretNameRE = regexp.MustCompile(`(?i)(?:^|[_-])(?:aws_?)?secret(?:_?access)?_?key(?:_?id)?$|(?:^|[_-])aws_?secret$|^(?:aws)?secretaccesskey$`)
	// A key named like a secret key, = or :, an optional quote, 40 characters
	// (in an interpolation too: secret_key = "${wJalr...}", which hcl reads
	// as references divided by one another, and the notices about them
	// named each piece).
	secretAssignRE = regexp.MustCompile(`(?i)((?:aws_?)?secret(?:_?access)?_?key|aws_?secret)["']?\s*[=:]\s*(?:optional\(\s*string\s*,\s*)?["']?(?:\$\{\s*)?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)`)
	// secretAssignAt is secretAssignRE anchored: a match starting right there.
	secretAssignAt = regexp.MustCompile(`^(?:` + secretAssignRE.String() + `)`)
	secretValueRE  = regexp.MustCompile(`^[A-Za-z0-9/+]{40}$`)
	// A variable named like a secret key with a 40-character default.
	secretVarRE = regexp.MustCompile(`variable\s+"([A-Za-z0-9_-]+)"\s*\{[^{}]*?\bdefault\s*=\s*"([A-Za-z0-9/+]{40})"`)
	// The same in a plan's JSON: an expression's constant_value in the
	// configuration section ("secret_key": {"constant_value": "..."}), a
	// variable's value ("variables") or default (configuration variables).
	secretJSONRE = regexp.MustCompile(`"([A-Za-z0-9_-]+)"\s*:\s*\{\s*"(?:constant_value|value|default)"\s*:\s*"([A-Za-z0-9/+]{40})"`)
)

// isSecretKeyValue reports whether s looks like a secret access key: 40
// base64 characters with upper and lower case letters and a digit or / or +.
func isSecretKeyValue(s string) bool {
	if !secretValueRE.MatchString(s) {
		return false
	}
	var up, low, other bool
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			up = true
		case r >= 'a' && r <= 'z':
			low = true
		default:
			other = true
		}
	}
	return up && low && other
}

// SecretVar reports whether value, given to the variable name (--var
// NAME=VALUE), is a secret access key: its name says so and it has the
// form of one (as a variable's default is taken).
func SecretVar(name, value string) bool {
	return secretNameRE.MatchString(name) && isSecretKeyValue(value)
}

// foundSecret is a credential literal with a digest of its value, so that a
// value copied from where it is written (a local built into a heredoc or a
// jsonencode) is reported once, where it is written. The digest stays in
// memory and is never printed.
type foundSecret struct {
	*iam.Secret
	digest [sha256.Size]byte
	value  string // the credential, while extract runs (setPieces): never in the model
}

func found(s *iam.Secret, value string) foundSecret {
	d := sha256.Sum256([]byte(value))
	s.Digest = d
	return foundSecret{Secret: s, digest: d, value: value}
}

// prefix4 returns the first four characters of a secret: all that the model keeps.
func prefix4(s string) string {
	if len(s) > 4 {
		return s[:4]
	}
	return s
}

// scanBodies walks the evaluated body of every block of one address space
// once (bodyWalk) for the credential literals of its attributes, whose
// name says they hold a secret key (a variable default flowing into
// provider "aws" secret_key), or access key IDs in any attribute: one
// Secret per literal location (secretKey); and for the forms of its
// unknown strings, into shapes.
func scanBodies(mods []*eval.Module, shapes map[iam.Range]string) []foundSecret {
	out, _ := scanBodiesCounted(mods, shapes)
	return out
}

// scanBodiesCounted is scanBodies, and the number of nodes it walked.
func scanBodiesCounted(mods []*eval.Module, shapes map[iam.Range]string) (out []foundSecret, visits int) {
	var l shapeList
	out, visits = scanBodiesInto(mods, &l)
	addShapes(shapes, &l)
	return out, visits
}

// scanBodiesInto is scanBodiesCounted with the shapes appended to shapes
// in the order found (see addShapes).
func scanBodiesInto(mods []*eval.Module, shapes *shapeList) (out []foundSecret, visits int) {
	seen := map[string]bool{}
	add := func(s foundSecret) {
		k := secretKey(s.Secret)
		if seen[k] {
			return
		}
		seen[k] = true
		out = append(out, s)
	}
	w := bodyWalk{add: add, shapes: shapes}
	for _, mod := range mods {
		if mod == nil {
			continue
		}
		for _, bl := range mod.Blocks {
			if bl == nil || bl.Body == nil {
				continue
			}
			w.bl, w.visits = bl, 0
			w.walk(bl.Body, "", 0, true)
			if a := bl.Address; strings.Contains(a, "AKIA") || strings.Contains(a, "ASIA") {
				instanceKeySecrets(bl, add)
			}
			visits += w.visits
		}
	}
	return out, visits
}

// bodyWalk is the walk of the body of block bl by scanBodies.
type bodyWalk struct {
	bl     *eval.Block
	add    func(foundSecret)
	shapes *shapeList
	// long holds the lists of at least minWalkMemo elements walked (with
	// the member name, depth and secrets they were walked with): one
	// walked again finds the same shapes and the same secrets (told apart
	// by their location, not by the block), and is not. A local of 30,000
	// ARNs in the body of each of 1,000 instances was walked 1,000 times.
	long map[walkKey]bool
	// shared holds the jsonencode arguments and conditional branches
	// walked (by their first node's slot, with the depth): several nodes
	// share them, copies of one node and values built on others. They
	// were walked once per path to them: 60 locals, each jsonencode([the
	// one before, twice]) or c ? the one before : the one before (c
	// unknown), are 2^60 paths (the second ran past a minute; the first
	// 37 CPU s, stopped by the depth of 64), red team 17.
	shared map[sharedKey]bool
	// visits counts the nodes walked in bl; past maxPlainVisits the objects
	// walked are remembered too (in long, by their members' slot, as the
	// lists are), so that an object that several nodes share is walked
	// once: 20 locals, each { l = the one before, r = the one before },
	// the last repeated by a dynamic block of 1,000 instances, were 2^18
	// strings walked 1,000 times (21 CPU s for a 30-line file; red team
	// 17). Below it (every body of the estates) no map is looked up.
	visits int
}

// maxPlainVisits is the number of nodes bodyWalk walks in a block before it
// remembers the objects it walked.
var maxPlainVisits = 1 << 16

// sharedKey is a jsonencode argument (arg) or conditional branches (the
// slot of the first, alts) walked by bodyWalk, and the depth they were
// walked at.
type sharedKey struct {
	arg   *eval.Node
	alts  **eval.Node
	depth int
}

// seenBefore reports whether k is in *m (a list, object, jsonencode
// argument or conditional branches bodyWalk walked already), and notes
// that it is.
func seenBefore[K comparable](m *map[K]bool, k K) bool {
	if (*m)[k] {
		return true
	}
	if *m == nil {
		*m = map[K]bool{}
	}
	(*m)[k] = true
	return false
}

// walkKey is a list node walked by bodyWalk, and how.
type walkKey struct {
	elems   **eval.Node // the list's first element's slot (a list shared by several nodes is one), or the object's first member's
	n       int         // its length
	name    string
	depth   int
	secrets bool
	object  bool // elems is an object's members
}

// minWalkMemo is the number of elements from which bodyWalk remembers a
// list it walked.
var minWalkMemo = 256

// walk reads the evaluated node n of the block (member name, at depth in
// the body): the form of every unknown string under it, jsonencode
// arguments and conditional branches included, to depth 64 (shapeOf); and,
// when secrets is set, the credentials of the strings of its members and
// elements (secretLeaf), to depth 32.
func (w *bodyWalk) walk(n *eval.Node, name string, depth int, secrets bool) {
	if n == nil || depth > 64 {
		return
	}
	if n.PartialOf() != nil || n.RefTo() != nil {
		shapeOf(n, w.shapes)
	}
	w.visits++
	if len(n.Elems) >= minWalkMemo && seenBefore(&w.long, walkKey{&n.Elems[0], len(n.Elems), name, depth, secrets, false}) {
		return
	}
	// An object walked before is not walked again, but what the node
	// holds besides its members (a jsonencode argument, conditional
	// branches: a copy of a node may add them) is, below.
	seen := false
	if w.visits > maxPlainVisits {
		if kids := n.Kids(); len(kids) > 0 {
			seen = seenBefore(&w.long, walkKey{&kids[0], len(kids), name, depth, secrets, true})
		}
	}
	inner := secrets && depth < 32
	if len(n.Keys) > 0 && !seen {
		for i, k := range n.Keys[:min(len(n.Keys), n.NumKids())] {
			if c := n.Kid(i); c != nil {
				w.walk(c, k, depth+1, inner)
			}
		}
	}
	for _, e := range n.Elems {
		if e != nil {
			w.walk(e, name, depth+1, inner)
		}
	}
	if secrets && len(n.Keys) == 0 && len(n.Elems) == 0 {
		secretLeaf(w.bl, n, name, w.add)
	}
	if n.JSONArg() != nil && !n.LazyJSON() && !seenBefore(&w.shared, sharedKey{arg: n.JSONArg(), depth: depth}) {
		// The argument of a jsonencode text left unwritten (LazyJSON)
		// is not walked: eval leaves a text unwritten only when every
		// value of its argument is known (lazyTextOK), so the walk
		// would find no shape there, and it looks for no secret under
		// a JSONArg. On a dense estate that was half of the nodes
		// walked.
		w.walk(n.JSONArg(), "", depth+1, false)
	}
	if alts := n.Alts(); len(alts) > 0 && !seenBefore(&w.shared, sharedKey{alts: &alts[0], depth: depth}) {
		for _, a := range alts {
			if a != nil {
				w.walk(a, "", depth+1, false)
			}
		}
	}
}

// instanceKeySecrets adds the access key IDs of the address of bl: an
// instance key (for_each) of the block or of a module call it is in. A key
// the configuration writes literally is found in the file (and reported
// there, findSecrets); one built (toset([join("", ["AKIA", ...])]), a map
// key from format) was found nowhere and printed whole in every address,
// notice and baseline that names the instance. It is located at the
// module call whose key holds it, else at the block.
func instanceKeySecrets(bl *eval.Block, add func(foundSecret)) {
	a := bl.Address
	for _, m := range accessKeyIDRE.FindAllStringSubmatchIndex(a, -1) {
		rng := bl.Range
		if mod := bl.Module; mod != nil && m[2] < len(mod.Path) && len(mod.CallChain) > 0 {
			// The module call of the path's segment that holds the
			// key: CallChain is innermost first, the path outermost.
			seg := strings.Count(a[:m[2]], "module.") - 1
			if i := len(mod.CallChain) - 1 - seg; i >= 0 && i < len(mod.CallChain) {
				rng = mod.CallChain[i].Range
			}
		}
		v := a[m[2]:m[3]]
		add(found(&iam.Secret{Kind: "access-key-id", Prefix: prefix4(v), Address: bl.Address, Range: rng, Attribute: "a for_each key"}, v))
	}
}

// secretKey is what tells Secrets apart: their kind, line and value (its
// digest). Two credentials on one line are two: only the first was
// reported and masked, and a message quoting the second (an action
// each.key of a for_each over both) printed it whole.
func secretKey(s *iam.Secret) string {
	return s.Kind + "\x00" + s.Range.Filename + "\x00" + itoa(s.Range.Start.Line) + "\x00" + string(s.Digest[:])
}

// findSecrets finds credential literals: those the address spaces' blocks
// hold (scanBodies, in space order: they know the block address), then
// those in every source file read (.tf, .tfvars, file()d and templated
// files; a key in terraform.tfvars is reported at its line even when nothing
// uses it). One Secret per literal location, sorted by position. A value an
// evaluated attribute holds that a source file holds literally at another
// place (a local interpolated into a heredoc or jsonencode'd) is reported
// only where it is written.
func findSecrets(spaces [][]foundSecret, sources map[string][]byte) []*iam.Secret {
	var out []*iam.Secret
	seen := map[string]bool{}
	add := func(s *iam.Secret) {
		k := secretKey(s)
		if seen[k] {
			return
		}
		seen[k] = true
		out = append(out, s)
	}
	files := make([]string, 0, len(sources))
	for f := range sources {
		files = append(files, f)
	}
	sort.Strings(files)
	// Files are scanned on every CPU (the regexps are most of the cost),
	// and what they hold is added in file order, as if scanned one by one.
	inFiles := make([][]foundSecret, len(files))
	par.For(len(files), 1, func(i int) {
		scanSecrets(files[i], sources[files[i]], func(s foundSecret) { inFiles[i] = append(inFiles[i], s) })
	})
	literal := map[[sha256.Size]byte]bool{}
	at := map[string]bool{}
	for _, ss := range inFiles {
		for _, s := range ss {
			literal[s.digest] = true
			at[secretKey(s.Secret)] = true
		}
	}
	for _, ss := range spaces {
		setPieces(ss, literal, sources)
		for _, s := range ss {
			if literal[s.digest] && !at[secretKey(s.Secret)] {
				continue // a copy: reported where the file holds it
			}
			add(s.Secret)
		}
	}
	for _, ss := range inFiles {
		for _, s := range ss {
			add(s.Secret)
		}
	}
	out = append(out, pathSecrets(files)...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Range, out[j].Range
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		return a.Start.Byte < b.Start.Byte
	})
	return out
}

// pathSecrets returns the access key IDs in the names of files (sorted)
// and of their directories (AKIAIOSF....tf, a directory named by a key),
// one per name that holds it: located at line 1 of the file (the first of
// a directory's), with "the name of this file" or "the name of a directory
// of this file's path" as the attribute (the rule says to rename it). A name is in the repository as much as a file's text is, and
// every report prints it. The paths themselves are not masked anywhere:
// a location must stay a path the SARIF, GitHub, GitLab and checkstyle
// readers, editors and terminals can open (a masked path is no link and
// moves the fingerprints and baselines); the messages mask the key (it is
// found: by its digest, and by its form), and the finding says to rename
// the file and rotate the key.
func pathSecrets(files []string) []*iam.Secret {
	var out []*iam.Secret
	seen := map[string]bool{}
	for _, f := range files {
		if !strings.Contains(f, "AKIA") && !strings.Contains(f, "ASIA") {
			continue
		}
		for _, m := range accessKeyIDRE.FindAllStringSubmatchIndex(f, -1) {
			end := strings.IndexAny(f[m[3]:], `/\`)
			what := "the name of this file"
			if end >= 0 {
				end += m[3]
				what = "the name of a directory of this file's path"
			} else {
				end = len(f)
			}
			if seen[f[:end]] {
				continue // a directory's other files
			}
			seen[f[:end]] = true
			v := f[m[2]:m[3]]
			at := hcl.Range{Filename: f, Start: hcl.InitialPos, End: hcl.InitialPos}
			out = append(out, found(&iam.Secret{Kind: "access-key-id", Prefix: prefix4(v), Range: at, Attribute: what, InPath: true}, v).Secret)
		}
	}
	return out
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	if neg {
		b = append([]byte{'-'}, b...)
	}
	return string(b)
}

// KeepText reports whether s holds what secretLeaf looks for in a
// string: "AKIA" or "ASIA" (an access key ID), or "secret" in any case
// (containsFold). The evaluator writes the text of every jsonencode whose
// strings hold one (eval.Options.KeepText); one left unwritten holds none.
// It is asked of every string of every such policy, and of every string
// secretLeaf reads (TestKeepText, TestKeepTextLong): eight bytes at a
// time, it looks for the two letters in the middle of the words, "IA"
// and "cr" in any case (as indexFold does), and tries the words where
// they are.
func KeepText(s string) bool {
	const ones, lows, highs, fold = 0x0101010101010101, 0x7f7f7f7f7f7f7f7f, 0x8080808080808080, 0x2020202020202020
	i := 0 // where the pairs are looked for next (the word starts 2 before)
	for ; i+9 <= len(s); i += 8 {
		x, y := le64(s, i), le64(s, i+1) // y: the bytes after x's
		ia := (x ^ ones*'I') | (y ^ ones*'A')
		cr := ((x | fold) ^ ones*'c') | ((y | fold) ^ ones*'r')
		// The high bit of each byte that is zero in ia or in cr.
		for m := (^((ia&lows + lows) | ia) | ^((cr&lows + lows) | cr)) & highs; m != 0; m &= m - 1 {
			if keepAt(s, i+bits.TrailingZeros64(m)/8-2) {
				return true
			}
		}
	}
	for ; i+1 < len(s); i++ {
		if x, y := s[i], s[i+1]; (x == 'I' && y == 'A' || x|0x20 == 'c' && y|0x20 == 'r') && keepAt(s, i-2) {
			return true
		}
	}
	return false
}

// keepAt reports whether s holds "AKIA", "ASIA" or "secret" in any case
// at p (which may be out of s).
func keepAt(s string, p int) bool {
	if p < 0 || p+4 > len(s) {
		return false
	}
	if s[p] == 'A' && (s[p+1] == 'K' || s[p+1] == 'S') && s[p+2] == 'I' && s[p+3] == 'A' {
		return true
	}
	return p+6 <= len(s) && s[p]|0x20 == 's' && s[p+1]|0x20 == 'e' && s[p+2]|0x20 == 'c' &&
		s[p+3]|0x20 == 'r' && s[p+4]|0x20 == 'e' && s[p+5]|0x20 == 't'
}

// secretLeaf looks at the string of attribute name (a member or an element
// of one) for credentials.
func secretLeaf(bl *eval.Block, n *eval.Node, name string, add func(foundSecret)) {
	v := n.Val
	if n.LazyJSON() {
		// A jsonencode text left unwritten holds none of the words
		// looked for below (KeepText): written only when the name is
		// one of a secret.
		if !containsFold(name, "secret") {
			return
		}
		v = n.Value()
	}
	s, ok := rawString(v) // a known string, read without the checks below
	if !ok {
		if !isKnown(v) || v.IsNull() || v.Type() != cty.String {
			return
		}
		s = v.AsString()
	}
	if len(s) > 1<<16 {
		return
	}
	esc := hasUnicodeEscape(s)
	if !KeepText(s) && !containsFold(name, "secret") && !esc {
		// Nothing below finds anything (no AKIA, ASIA or secret in s nor
		// secret in the name): one pass over s, not three.
		return
	}
	// at is the source range of s[start:end]: exact when the string's bytes
	// come from source text (a heredoc with several lines), else the value's.
	at := func(start, end int) hcl.Range {
		if n.Text != nil {
			if r, ok := n.Text.Range(start, end); ok {
				return r
			}
		}
		r := n.Range
		if r.Start.Line == r.End.Line && r.End.Byte-r.Start.Byte == len(s)+2 && r.End.Column-r.Start.Column == len(s)+2 {
			// A quoted ASCII literal without escapes (a .tf.json or
			// .tfvars.json string): s[start:end] is one column past the quote.
			r.Start.Byte, r.Start.Column = r.Start.Byte+1+start, r.Start.Column+1+start
			r.End.Byte, r.End.Column = r.Start.Byte+(end-start), r.Start.Column+(end-start)
		}
		return r
	}
	// The prefilter costs far less than the regexp, and almost no value holds a key.
	if strings.Contains(s, "AKIA") || strings.Contains(s, "ASIA") {
		for _, m := range accessKeyIDRE.FindAllStringSubmatchIndex(s, -1) {
			add(found(&iam.Secret{Kind: "access-key-id", Prefix: prefix4(s[m[2]:m[3]]), Address: bl.Address, Range: at(m[2], m[3]), Attribute: name}, s[m[2]:m[3]]))
		}
	}
	if esc {
		escapedKeyIDs(s, func(start, end int, key string) {
			add(found(&iam.Secret{Kind: "access-key-id", Prefix: prefix4(key), Address: bl.Address, Range: at(start, end), Attribute: name}, key))
		})
	}
	if !containsFold(s, "secret") && !containsFold(name, "secret") {
		return
	}
	if t := strings.TrimSpace(s); secretNameRE.MatchString(name) && isSecretKeyValue(t) {
		i := strings.Index(s, t) // the key's first character, as the file scan and access key IDs point
		add(found(&iam.Secret{Kind: "secret-access-key", Prefix: prefix4(t), Address: bl.Address, Range: at(i, i+len(t)), Attribute: name}, t))
		return
	}
	// A credentials file or a shell script in a string:
	// aws_secret_access_key = ..., export AWS_SECRET_ACCESS_KEY=...
	for _, m := range secretAssignRE.FindAllStringSubmatchIndex(s, -1) {
		if v := s[m[4]:m[5]]; isSecretKeyValue(v) {
			add(found(&iam.Secret{Kind: "secret-access-key", Prefix: prefix4(v), Address: bl.Address, Range: at(m[4], m[5]), Attribute: name}, v))
		}
	}
}

// hasUnicodeEscape reports whether s holds a \u or \U escape, with which a
// JSON text (a policy in a heredoc, in a quoted string, in a file) may
// write an access key ID: escapedKeyIDs.
func hasUnicodeEscape(s string) bool {
	// The backslashes, found by a vectorised search (a byte-by-byte loop
	// over every file's text was 1% of the CPU of a dense 10,000-file
	// estate), are rare: one search, not one for each of \u and \U.
	for i := 0; ; i++ {
		j := strings.IndexByte(s[i:], '\\')
		if j < 0 {
			return false
		}
		if i += j; i+1 < len(s) && s[i+1]|0x20 == 'u' {
			return true
		}
	}
}

// hasUnicodeEscapeBytes is hasUnicodeEscape for a file's bytes.
func hasUnicodeEscapeBytes(b []byte) bool {
	for i := 0; ; i++ {
		j := bytes.IndexByte(b[i:], '\\')
		if j < 0 {
			return false
		}
		if i += j; i+1 < len(b) && b[i+1]|0x20 == 'u' {
			return true
		}
	}
}

// hasKeyPrefix reports whether src holds "AKIA" or "ASIA": one search for
// their I (rare in Terraform), found with bytes.IndexByte, where two
// bytes.Contains looked for an A, which every "Allow", "Action" and "AWS"
// of a policy holds, and compared at each.
func hasKeyPrefix(src []byte) bool {
	for i := 2; i < len(src); i++ {
		j := bytes.IndexByte(src[i:], 'I')
		if j < 0 {
			return false
		}
		if i += j; i+1 < len(src) && src[i+1] == 'A' && src[i-2] == 'A' && (src[i-1] == 'K' || src[i-1] == 'S') {
			return true
		}
	}
	return false
}

// keyRunChar reports whether c may be part of the text that writes an
// access key ID with escapes: a letter, a digit, a backslash, '/' or '+'.
func keyRunChar(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '\\' || c == '/' || c == '+'
}

// escapedKeyIDs calls fn, in order, for each access key ID that text
// writes with \u or \U escapes (JSON in a heredoc or a file:
// "s3:\u0041KIA...", JSON in a quoted HCL string: "AKIA\\u0049..."),
// with the offsets of the text that writes it (from its first escape's
// first backslash) and the key. Before, such a key was masked in every
// output (by its form, decoded) but not reported: accessKeyIDRE looks for
// it as written. The escapes are decoded (credmask.Unescape: behind any
// number of backslashes, as the text report masks them) in each run of
// letters, digits, backslashes, '/' and '+' that holds one; a key written
// without escapes between characters that cannot continue it is
// accessKeyIDRE's, not given again.
func escapedKeyIDs(text string, fn func(start, end int, key string)) {
	alnum := func(i int) bool {
		if i < 0 || i >= len(text) {
			return false
		}
		c := text[i]
		return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
	}
	lastEnd := 0 // of the last key given: windows may overlap
	var dec []byte
	var spans [][2]int
	for from := 0; from < len(text); {
		k := strings.IndexByte(text[from:], '\\')
		if k < 0 {
			return
		}
		i := from + k
		if i+1 >= len(text) || text[i+1] != 'u' && text[i+1] != 'U' {
			from = i + 1
			continue
		}
		// The run around the escape, at most escWindow bytes on each
		// side: a run of megabytes (a plan's) is decoded a window at a
		// time, not whole (its decoding takes 17 bytes a byte).
		a, b := i, i
		for a > 0 && a > i-escWindow && keyRunChar(text[a-1]) {
			a--
		}
		for b < len(text) && b < i+escWindow && keyRunChar(text[b]) {
			b++
		}
		from = b
		if b-a < 20 {
			continue
		}
		cutA, cutB := a > 0 && keyRunChar(text[a-1]), b < len(text) && keyRunChar(text[b])
		dec, spans = credmask.AppendUnescape(dec[:0], spans[:0], text[a:b])
		if len(dec) < 20 || !bytes.Contains(dec, []byte("AKIA")) && !bytes.Contains(dec, []byte("ASIA")) {
			continue
		}
		for _, m := range accessKeyIDRE.FindAllSubmatchIndex(dec, -1) {
			if cutA && m[2] == 0 || cutB && m[3] == len(dec) {
				continue // at a window's edge, which is no delimiter: the next or the last window's
			}
			start, end := a+spans[m[2]][0], a+spans[m[3]-1][1]
			if start < lastEnd || end-start == m[3]-m[2] && !alnum(start-1) && !alnum(end) {
				continue // given already; or written as it is: accessKeyIDRE's
			}
			lastEnd = end
			fn(start, end, string(dec[m[2]:m[3]]))
		}
	}
}

// escWindow is how far escapedKeyIDs decodes a run on each side of an
// escape: far more than a key written with escapes takes (20 escapes of
// a few backslashes each).
const escWindow = 512

// maxWholeScan is the size up to which a source is searched for
// credentials whole; a larger one (a plan: .tf files are at most
// --max-file-size) is searched in windows (scanLarge).
const maxWholeScan = 8 << 20

// scanSecrets finds credential literals in the text of one source file.
func scanSecrets(file string, src []byte, add func(foundSecret)) {
	if len(src) == 0 {
		return
	}
	if len(src) > maxWholeScan {
		scanLarge(file, src, add)
		return
	}
	cur := &posCursor{src: src, pos: hcl.InitialPos}
	scanText(src, func(s *iam.Secret, start, end int, value string) {
		s.Range = cur.rng(file, start, end)
		add(found(s, value))
	})
}

// scanLarge is scanSecrets for a source of more than maxWholeScan bytes
// (plans of hundreds of megabytes, once not searched at all: a credential
// in a plan over 8 MB was never reported): windows of scanWindow bytes,
// each read with scanOverlap bytes of the text around it so that a match
// across its edges is whole in it, and a match taken by the window its
// credential starts in. The credentials are given in the order of their
// offsets.
func scanLarge(file string, src []byte, add func(foundSecret)) {
	const scanWindow, scanOverlap = 4 << 20, 4 << 10
	type hit struct {
		fs         foundSecret
		start, end int
	}
	var hits []hit
	for lo := 0; lo < len(src); lo += scanWindow {
		from, to := max(lo-scanOverlap, 0), min(lo+scanWindow+scanOverlap, len(src))
		scanText(src[from:to], func(s *iam.Secret, start, end int, value string) {
			if start += from; start >= lo && start < lo+scanWindow {
				// Not the window's text, kept to the end of the run:
				s.Prefix, s.Attribute = strings.Clone(s.Prefix), strings.Clone(s.Attribute)
				hits = append(hits, hit{fs: found(s, value), start: start, end: end + from})
			}
		})
	}
	slices.SortStableFunc(hits, func(a, b hit) int { return a.start - b.start })
	cur := &posCursor{src: src, pos: hcl.InitialPos}
	for _, h := range hits {
		h.fs.Range = cur.rng(file, h.start, h.end)
		add(h.fs)
	}
}

// scanText finds the credential literals of src, given to emit with the
// offsets of their text in src (their Range is emit's to set).
func scanText(src []byte, emit func(s *iam.Secret, start, end int, value string)) {
	// Cheap prefilters: the regexps cost far more than these scans, and
	// almost no file holds a key.
	hasKeyID := hasKeyPrefix(src)
	hasSecret := indexFold(src, "secret", 0) >= 0
	hasEsc := hasUnicodeEscapeBytes(src)
	if !hasKeyID && !hasSecret && !hasEsc {
		return
	}
	text := string(src)
	if hasKeyID { // (the regexp over a whole file costs more than all the rest)
		for _, m := range accessKeyIDRE.FindAllStringSubmatchIndex(text, -1) {
			start, end := m[2], m[3]
			emit(&iam.Secret{Kind: "access-key-id", Prefix: prefix4(text[start:end])}, start, end, text[start:end])
		}
	}
	if hasEsc {
		escapedKeyIDs(text, func(start, end int, key string) {
			emit(&iam.Secret{Kind: "access-key-id", Prefix: prefix4(key)}, start, end, key)
		})
	}
	if !hasSecret || !hasSecretKeyName(src) {
		// Both regexps below need a name with secret(_?access)?_?key in it;
		// "secret" alone is common (secretsmanager:GetSecretValue).
		return
	}
	for _, m := range secretAssignMatches(src, text) {
		start, end := m[4], m[5]
		if !isSecretKeyValue(text[start:end]) {
			continue
		}
		emit(&iam.Secret{Kind: "secret-access-key", Prefix: prefix4(text[start:end]),
			Attribute: strings.ToLower(text[m[2]:m[3]])}, start, end, text[start:end])
	}
	if strings.Contains(text, `"constant_value"`) || strings.Contains(text, `"value"`) || strings.Contains(text, `"default"`) {
		for _, m := range secretJSONRE.FindAllStringSubmatchIndex(text, -1) {
			start, end := m[4], m[5]
			name := text[m[2]:m[3]]
			if !secretNameRE.MatchString(name) || !isSecretKeyValue(text[start:end]) {
				continue
			}
			attr := strings.ToLower(name)
			if !strings.Contains(text[m[0]:m[4]], "constant_value") {
				attr = "variable " + name
			}
			emit(&iam.Secret{Kind: "secret-access-key", Prefix: prefix4(text[start:end]),
				Attribute: attr}, start, end, text[start:end])
		}
	}
	if !strings.Contains(text, "variable") {
		return
	}
	for _, m := range secretVarRE.FindAllStringSubmatchIndex(text, -1) {
		start, end := m[4], m[5]
		if !secretNameRE.MatchString(text[m[2]:m[3]]) || !isSecretKeyValue(text[start:end]) {
			continue
		}
		emit(&iam.Secret{Kind: "secret-access-key", Prefix: prefix4(text[start:end]),
			Attribute: "variable " + text[m[2]:m[3]]}, start, end, text[start:end])
	}
}

// posCursor computes the positions of byte offsets of src, counting on from
// the last one asked when it is not after the next (the matches of a regexp
// come in order): a file with many credentials (a plan with hundreds of
// access keys, on one line) is read about once, not once per match.
type posCursor struct {
	src []byte
	pos hcl.Pos // of byte offset pos.Byte
}

func (c *posCursor) at(off int) hcl.Pos {
	if off < c.pos.Byte {
		c.pos = hcl.InitialPos
	}
	if off > len(c.src) {
		off = len(c.src)
	}
	line, col, i := c.pos.Line, c.pos.Column, c.pos.Byte
	for i < off {
		if c.src[i] == '\n' {
			line++
			col = 1
			i++
			continue
		}
		_, n := utf8.DecodeRune(c.src[i:])
		i += n
		col++
	}
	c.pos = hcl.Pos{Line: line, Column: col, Byte: off}
	return c.pos
}

func (c *posCursor) rng(file string, start, end int) hcl.Range {
	s := c.at(start)
	return hcl.Range{Filename: file, Start: s, End: c.at(end)}
}

// hasSecretKeyName reports whether src holds, in any case, "secret" followed
// by "key", "_key", "access" or "_access", or preceded by "aws" or "aws_":
// what secretAssignRE matches and what secretNameRE asks of a variable name
// hold one of these. It is true also when src holds a non-ASCII letter that
// (?i) folds to one of those.
func hasSecretKeyName(src []byte) bool {
	if bytes.Contains(src, []byte("\u017f")) || bytes.Contains(src, []byte("\u212a")) {
		return true // ſ and K (Kelvin) match s and k under (?i): let the regexps decide
	}
	for i := indexFold(src, "secret", 0); i >= 0; i = indexFold(src, "secret", i+1) {
		j := i + 6
		if j < len(src) && src[j] == '_' {
			j++
		}
		if hasFoldAt(src, j, "key") || hasFoldAt(src, j, "access") {
			return true
		}
		if (i >= 3 && hasFoldAt(src, i-3, "aws")) || (i >= 4 && src[i-1] == '_' && hasFoldAt(src, i-4, "aws")) {
			return true // aws_secret = ..., AWS_SECRET=...
		}
	}
	return false
}

// secretAssignMatches is secretAssignRE.FindAllStringSubmatchIndex(text, -1)
// (text is src), with the regexp tried only where a match can start: every
// match holds "secret" (ASCII, in any case), at most 4 bytes ("aws_") after
// its start. The regexp run over a whole file costs about 30 times as much
// (8 ms of CPU per run of ../shared/corpus/real). Leftmost first, as the
// regexp: at each start from the end of the last match, the anchored regexp
// chooses the match the unanchored one would. A file with ſ or K (which (?i)
// folds to s and k) is left to the whole regexp.
func secretAssignMatches(src []byte, text string) [][]int {
	if bytes.Contains(src, []byte("\u017f")) || bytes.Contains(src, []byte("\u212a")) {
		return secretAssignRE.FindAllStringSubmatchIndex(text, -1)
	}
	var out [][]int
	pos := 0 // where the next match may start
	for i := indexFold(src, "secret", 0); i >= 0; i = indexFold(src, "secret", i+1) {
		for p := max(pos, i-4); p <= i; p++ {
			m := secretAssignAt.FindStringSubmatchIndex(text[p:])
			if m == nil {
				continue
			}
			for k := range m {
				if m[k] >= 0 {
					m[k] += p
				}
			}
			out = append(out, m)
			pos = m[1]
			i = max(i, pos-1)
			break
		}
	}
	return out
}

// hasFoldAt reports whether src holds the lower-case ASCII word w at i, in
// any case.
func hasFoldAt(src []byte, i int, w string) bool {
	if i+len(w) > len(src) {
		return false
	}
	for k := 0; k < len(w); k++ {
		if src[i+k]|0x20 != w[k] {
			return false
		}
	}
	return true
}

// indexFold returns the first index at or after from where src holds the
// lower-case ASCII word w in any case (hasFoldAt), -1 when none. It looks
// for the letter in the middle of w in each of its cases with
// bytes.IndexByte (vectorised), and tries w only where one is: on a dense
// estate's .tf files, a third of the work of reading src eight bytes at a
// time for the two letters in the middle of w side by side (as it did),
// and on plan text, where each letter of "secret" is 3 to 6% of the bytes,
// a fraction of the work of trying w at every byte (a 200 MB plan is
// searched for credentials whole).
func indexFold(src []byte, w string, from int) int {
	from = max(from, 0)
	if from > len(src) || len(w) == 0 {
		if len(w) == 0 && from <= len(src) {
			return from
		}
		return -1
	}
	a := len(w) / 2 // w[a] is looked for
	c := w[a]
	if c|0x20 != c {
		return -1 // no byte b has b|0x20 == c
	}
	// The next place at or after i of the byte b (c, or c&^0x20: the only
	// other byte whose |0x20 is c, its upper case when c is a letter), -1
	// when none.
	next := func(b byte, i int) int {
		if i >= len(src) {
			return -1
		}
		if j := bytes.IndexByte(src[i:], b); j >= 0 {
			return i + j
		}
		return -1
	}
	lo, up := next(c, from+a), next(c&^0x20, from+a)
	for lo >= 0 || up >= 0 {
		p := lo
		if p < 0 || up >= 0 && up < p {
			p = up
		}
		if hasFoldAt(src, p-a, w) {
			return p - a
		}
		if p == lo {
			lo = next(c, p+1)
		} else {
			up = next(c&^0x20, p+1)
		}
	}
	return -1
}

// containsFold reports whether s contains the lower-case ASCII word w in any
// case.
func containsFold[S string | []byte](s S, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		c := s[i] | 0x20
		if c != w[0] {
			continue
		}
		j := 1
		for ; j < len(w) && s[i+j]|0x20 == w[j]; j++ {
		}
		if j == len(w) {
			return true
		}
	}
	return false
}

// ScanSecrets returns the credential literals in the text of one file, as
// the scan of every source file finds them (positions relative to src).
func ScanSecrets(file string, src []byte) []*iam.Secret {
	var out []*iam.Secret
	scanSecrets(file, src, func(s foundSecret) { out = append(out, s.Secret) })
	return out
}
