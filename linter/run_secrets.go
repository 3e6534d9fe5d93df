package linter

import (
	"crypto/sha256"
	"github.com/iamlint/iamlint/internal/par"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"unsafe"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/internal/credmask"
	"github.com/iamlint/iamlint/linter/extract"
	"github.com/iamlint/iamlint/linter/iam"
)

// credentialTextRE finds an access key ID or a 40-character secret access
// key in the text a Secret's range covers (the key, or a quoted string or
// assignment holding it).
var credentialTextRE = regexp.MustCompile(`(?:AKIA|ASIA)[A-Z0-9]{16}|[A-Za-z0-9/+]{40}`)

// secretStrings returns the credentials the model found (Graph.Secrets, of
// which it keeps only the first four characters), read from the sources at
// their ranges: those of them whose first four characters are the Secret's.
func secretStrings(secrets []*iam.Secret, sources map[string][]byte) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range secrets {
		src := sources[s.Range.Filename]
		a, b := s.Range.Start.Byte, s.Range.End.Byte
		if a < 0 || b > len(src) || a >= b {
			continue
		}
		for _, m := range credentialTextRE.FindAll(src[a:b], -1) {
			if v := string(m); strings.HasPrefix(v, s.Prefix) && !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
		}
	}
	return out
}

// maskSecrets replaces, in every message of res (findings, their related
// locations, errors, notices, the raw diagnostics), every address (of the
// findings, notices and principals, and the principals' policies, paths and
// boundaries) and the principals' names, each of the secrets by its first four characters and a * for
// each other one, as the text report quotes lines: a credential used
// elsewhere (a notice quoting a value that does not convert, a finding on an
// action built from it) is not printed whole either.
func maskSecrets(res *Result, secrets []string, built []builtSecret) {
	if res == nil {
		return
	}
	maskBuilt(res, built)
	if len(secrets) > 0 {
		maskFound(res, secrets)
		maskFoundSources(res, secrets)
	}
	maskForms(res)
}

// maskFoundSources masks, in the sources the text report quotes, each
// credential of secrets wherever it is part of a longer run of letters,
// digits, '/' and '+' (arn:aws:s3:::wJalr.../*), all but its first four
// characters: the report masks a quoted line by the form of a credential
// (a run of exactly 40 such characters, AKIA and 16 more), which such a
// run is not, and printed the key found elsewhere readable.
func maskFoundSources(res *Result, secrets []string) {
	if res.Sources == nil {
		return
	}
	byLen := map[int]map[string]bool{} // 40: secret keys, 20: access key IDs
	for _, v := range secrets {
		if len(v) < 20 {
			continue
		}
		if byLen[len(v)] == nil {
			byLen[len(v)] = map[string]bool{}
		}
		byLen[len(v)][v] = true
	}
	if len(byLen) == 0 {
		return
	}
	for name, src := range res.Sources {
		var out []byte
		for i := 0; i < len(src); {
			if !base64Byte[src[i]] {
				i++
				continue
			}
			j := i + 1
			for j < len(src) && base64Byte[src[j]] {
				j++
			}
			for n, set := range byLen {
				for k := i; k+n <= j; k++ {
					if !set[string(src[k:k+n])] {
						continue
					}
					if out == nil {
						out = append([]byte(nil), src...)
					}
					for x := k + 4; x < k+n; x++ {
						out[x] = '*'
					}
				}
			}
			i = j
		}
		if out != nil {
			res.Sources[name] = out
		}
	}
}

// maskForms masks, in every message and address of res (as maskSecrets),
// what has the form of an access key ID (credmask.KeyIDs: AKIA or ASIA and
// 16 letters or digits, in upper case or lower-cased) though no credential
// was found there: a value given with --var (tonumber's "cannot convert
// \"AKIA...\"", action "s3:AKIA..."), a key lower-cased (lower("AKIA...")),
// which the masks of the credentials found do not match. (Not a run of 40
// base64 characters, which may be the end of an ARN; a secret access key
// given with --var is masked as found: varSecrets.)
func maskForms(res *Result) {
	// Most texts asked are asked again (the address of a resource with
	// many findings, a policy listed by every principal that holds it: 88%
	// of 225,000 on a dense 1,000-file estate, 2% of the run's
	// instructions): a text found clean is remembered by where its bytes
	// are (a string's bytes never change, and a text found clean stays in
	// res, so its memory is not reused while the masking runs), in a
	// table of words that the CPUs masking the findings share.
	clean := new(cleanTexts)
	maskEverywhere(res, func(s *string) bool {
		key, slot := clean.slot(*s)
		if slot != nil && slot.Load() == key {
			return false
		}
		if m := credmask.KeyIDs(*s); m != *s {
			*s = m
			return true
		}
		if slot != nil {
			slot.Store(key)
		}
		return false
	})
}

// cleanTexts remembers texts by the place and length of their bytes, one
// word each (so that a word read while another CPU writes it is whole): a
// pointer under 1<<48 (user space on amd64 and arm64) and a length under
// 1<<16, in a table of 4,096 slots, one text a slot (the last one stored).
type cleanTexts [1 << 12]atomic.Uint64

// slot returns the word of s and its slot; nil when s cannot be written
// in a word (or is empty).
func (c *cleanTexts) slot(s string) (uint64, *atomic.Uint64) {
	p := uint64(uintptr(unsafe.Pointer(unsafe.StringData(s))))
	if len(s) == 0 || len(s) >= 1<<16 || p == 0 || p >= 1<<48 {
		return 0, nil
	}
	key := p | uint64(len(s))<<48
	return key, &c[key*0x9e3779b97f4a7c15>>(64-12)]
}

// maskFound masks the credentials found, read from the sources (secrets,
// see maskSecrets).
func maskFound(res *Result, secrets []string) {
	masks := make([]string, 0, 2*len(secrets))
	for _, v := range secrets {
		masks = append(masks, v, v[:4]+strings.Repeat("*", len(v)-4))
	}
	// Then its pieces: a secret key written without quotes is read as
	// references divided by one another (wJalrXUtnFEMI/K7MDENG/...), and
	// the notices name each piece ("Invalid reference"). strings.Replacer
	// tries the secrets whole first (the longer of two strings at one
	// place wins, and the secrets come first).
	for _, v := range secrets {
		masks = appendPieceMasks(masks, v)
	}
	r := strings.NewReplacer(masks...)
	// A text that holds none of the strings masked is left as it is: with
	// a few of them, strings.Contains (vectorised) tells it for most texts
	// in less than the replacer's look-up at each byte (5,900 messages and
	// addresses of corpus/real: 15M instructions, at the end of the run).
	var olds []string
	if len(masks)/2 <= maxMaskScans {
		for i := 0; i < len(masks); i += 2 {
			olds = append(olds, masks[i])
		}
	}
	holds := func(s string) bool {
		if olds == nil {
			return true
		}
		for _, o := range olds {
			if strings.Contains(s, o) {
				return true
			}
		}
		return false
	}
	mask := func(s *string) bool {
		if !holds(*s) {
			return false
		}
		if m := r.Replace(*s); m != *s {
			*s = m
			return true
		}
		return false
	}
	maskEverywhere(res, mask)
}

// maskEverywhere applies mask to every message, every address and every
// principal's name of res. The addresses too: a credential may be a
// for_each key (aws_iam_policy.p["AKIA..."]), which the JSON, SARIF,
// GitHub, GitLab, checkstyle and JUnit reports and the baseline print. The
// fingerprints are computed already.
func maskEverywhere(res *Result, mask func(*string) bool) {
	rewriteMessages(res, mask)
	rewriteAddresses(res, mask)
	for i := range res.Principals {
		mask(&res.Principals[i].Name)
	}
}

// maxMaskScans is the most strings maskSecrets looks for one by one before
// it hands a text to the replacer.
const maxMaskScans = 16

// rewriteAddresses applies rewrite to every address of res: of the
// findings, suppressed findings and notices, and of the principals, their
// boundaries, policies and escalation paths (a list changed is copied
// first: it may be shared with other summaries).
func rewriteAddresses(res *Result, rewrite func(*string) bool) {
	for _, fs := range [][]Finding{res.Findings, res.Suppressed} {
		eachFinding(fs, func(f *Finding) { rewrite(&f.Resource) })
	}
	for i := range res.Notices {
		rewrite(&res.Notices[i].Resource)
	}
	// One string for the copies rewritten (a rewrite keeps no pointer):
	// the address of a copy in the loop escaped to rewrite, a string
	// allocated for each policy of each principal (84,000 on a dense
	// 1,000-file estate, 5% of the run's allocations).
	v := new(string)
	for i := range res.Principals {
		p := &res.Principals[i]
		rewrite(&p.Address)
		rewrite(&p.Boundary)
		for _, l := range [...]*[]string{&p.Policies, &p.EscalationPaths} {
			for j := range *l {
				if *v = (*l)[j]; rewrite(v) {
					*l = append([]string(nil), *l...)
					(*l)[j] = *v
				}
			}
		}
	}
}

// minSecretPiece is the length from which a piece of a secret (between
// its '/' and '+') is masked on its own: a shorter one could be a word of a
// message.
const minSecretPiece = 5

// appendPieceMasks appends to masks, for each piece of secret v between its
// '/' and '+' characters of minSecretPiece or more characters (none when v
// has no such character), the piece and what it is masked to: its first
// four characters when it starts v (as v is masked), else stars only.
func appendPieceMasks(masks []string, v string) []string {
	if !strings.ContainsAny(v, "/+") {
		return masks
	}
	start := 0
	for i := 0; i <= len(v); i++ {
		if i < len(v) && v[i] != '/' && v[i] != '+' {
			continue
		}
		if piece := v[start:i]; len(piece) >= minSecretPiece {
			keep := 0
			if start == 0 {
				keep = 4
			}
			masks = append(masks, piece, piece[:keep]+strings.Repeat("*", len(piece)-keep))
		}
		start = i + 1
	}
	return masks
}

// findingRun is how many findings eachFinding hands a CPU at a time.
const findingRun = 4096

// eachFinding calls fn with each finding of fs, on every CPU: a run of
// findingRun at a time. fn changes only the finding it is given (a slice it
// shares with others is copied before it is changed); every rewrite given
// to rewriteMessages and rewriteAddresses reads nothing but its own
// argument and data no one writes meanwhile. The 307,000 findings of a
// dense 10,000-file estate (bench/gen -files 10000) were masked on one CPU
// at the end of the run, 0.2 s while the other idled.
func eachFinding(fs []Finding, fn func(f *Finding)) {
	par.For((len(fs)+findingRun-1)/findingRun, 1, func(c int) {
		for i := c * findingRun; i < min((c+1)*findingRun, len(fs)); i++ {
			fn(&fs[i])
		}
	})
}

// rewriteMessages applies rewrite to every message of res: the findings'
// and the suppressed findings' messages and their related locations', the
// errors', the notices' and the raw diagnostics' summaries and details.
// rewrite changes the string it is given and reports whether it did. The
// related locations and the diagnostics may be shared with other findings
// or the run: the ones rewritten are copied, never written in place.
func rewriteMessages(res *Result, rewrite func(*string) bool) {
	findings := func(fs []Finding) {
		eachFinding(fs, func(f *Finding) {
			rewrite(&f.Message)
			if len(f.Related) > 0 {
				m := new(string) // one for the related locations (see rewriteAddresses)
				for j := range f.Related {
					if *m = f.Related[j].Message; rewrite(m) {
						rel := append([]iam.Related(nil), f.Related...)
						rel[j].Message = *m
						f.Related = rel
					}
				}
			}
			// A suppression's reason is a comment's text, printed by the
			// JSON, SARIF (justification) and JUnit reports: an access key
			// written there was printed whole. Shared by the findings the
			// comment covers: copied when rewritten.
			if sp := f.Suppression; sp != nil {
				if r := sp.Reason; rewrite(&r) {
					c := *sp
					c.Reason = r
					f.Suppression = &c
				}
			}
		})
	}
	findings(res.Findings)
	findings(res.Suppressed)
	for i := range res.Errors {
		rewrite(&res.Errors[i].Message)
	}
	for i := range res.Notices {
		rewrite(&res.Notices[i].Message)
	}
	var diags hcl.Diagnostics
	for i, d := range res.Diags {
		sum, det := d.Summary, d.Detail
		inSum := rewrite(&sum)
		if inDet := rewrite(&det); !inSum && !inDet {
			continue
		}
		if diags == nil {
			diags = append(hcl.Diagnostics(nil), res.Diags...)
		}
		c := *d
		c.Summary, c.Detail = sum, det
		diags[i] = &c
	}
	if diags != nil {
		res.Diags = diags
	}
}

// builtSecret is a credential found in an evaluated value that the source
// text at its range does not hold: built ("AKIA${...}", join, format,
// base64decode, a file()d or templated text) or escaped ("\u0041KIA...").
// Only its prefix, length and digest are known (iam.Secret); secretStrings
// cannot read it from the sources.
type builtSecret struct {
	prefix string
	n      int
	digest [sha256.Size]byte
	at     []hcl.Range // where the configuration holds it (its Secrets' ranges)
	pieces []hcl.Range // where it writes the parts of it (iam.Secret.Pieces)
}

// builtSecrets returns the Secrets with a digest (found in an evaluated
// value) whose value is none of texts (secretStrings), once each.
func builtSecrets(secrets []*iam.Secret, texts []string) []builtSecret {
	have := map[[sha256.Size]byte]bool{}
	for _, t := range texts {
		have[sha256.Sum256([]byte(t))] = true
	}
	var out []builtSecret
	index := map[[sha256.Size]byte]int{}
	for _, s := range secrets {
		if s.Digest == ([sha256.Size]byte{}) || have[s.Digest] || len(s.Prefix) != 4 {
			continue
		}
		if i, ok := index[s.Digest]; ok {
			out[i].at = append(out[i].at, s.Range)
			out[i].pieces = append(out[i].pieces, s.Pieces...)
			continue
		}
		index[s.Digest] = len(out)
		n := 40
		if s.Kind == "access-key-id" {
			n = 20
		}
		out = append(out, builtSecret{prefix: s.Prefix, n: n, digest: s.Digest, at: []hcl.Range{s.Range}, pieces: s.Pieces})
	}
	return out
}

// maskBuilt masks, in every message and address of res (as maskSecrets),
// each credential of built: where a text holds one's prefix, the n
// characters there whose digest is the credential's are replaced by the
// prefix and stars. A message quoting a value built from a credential (an
// unknown-action finding on an action "AKIA...") printed it whole.
func maskBuilt(res *Result, built []builtSecret) {
	if len(built) == 0 {
		return
	}
	mask := func(s *string) bool {
		var b []byte
		for _, c := range built {
			for from := 0; ; {
				i := strings.Index((*s)[from:], c.prefix)
				if i < 0 {
					break
				}
				i += from
				from = i + 1
				if i+c.n > len(*s) || sha256.Sum256([]byte((*s)[i:i+c.n])) != c.digest {
					continue
				}
				if b == nil {
					b = []byte(*s)
				}
				for k := i + 4; k < i+c.n; k++ {
					b[k] = '*'
				}
			}
		}
		if b == nil {
			return false
		}
		*s = string(b)
		return true
	}
	maskEverywhere(res, mask)
	maskBuiltSources(res, built)
}

// maxMaskedRange is the longest range of the source text maskBuiltSources
// masks: a credential's range is the string or the expression that holds
// it, not a whole block.
const maxMaskedRange = 4096

// escapedLiteral reports whether text is (part of) one string literal that
// writes a credential with escapes: only letters, digits, '/', '+', '\\'
// and quotes. The range of a credential built by an expression (a
// jsonencode, a join, an interpolation) is the expression's, which does not
// hold the credential as one piece: it is left as it is.
func escapedLiteral(text []byte) bool {
	esc := false
	for _, ch := range text {
		switch {
		case ch >= 'A' && ch <= 'Z' || ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '/' || ch == '+' || ch == '"':
		case ch == '\\':
			esc = true
		default:
			return false
		}
	}
	return esc
}

// maskBuiltSources masks, in the copies of the sources the text report
// quotes (res.Sources), the text at each escaped credential's ranges: its
// letters, digits, '/' and '+' after the first four become '*' (same
// length, ASCII for ASCII: the columns stay). The text holds the pieces
// or the escapes the credential is built from ("AKIA${"ZZZZ..."}",
// "\u0041KIA...", a .tf.json "wJal...\/K7MD...\/..."), which the
// per-line redaction of the report (a run of 40 base64 characters, or
// AKIA and 16 more) does not see: the hardcoded-credentials finding quoted
// its own line with the credential readable. And the pieces it is built
// from (iam.Secret.Pieces: the literals of join("", ["AKIA", "ZZZZ..."]),
// format("AKIA%s", "ZZZZ..."), the local or variable default of
// "AKIA${local.a}"), which the messages never held but the quoted lines
// did: the pieces of a key are the key.
func maskBuiltSources(res *Result, built []builtSecret) {
	if res.Sources == nil {
		return
	}
	cwd, _ := os.Getwd()
	copied := map[string]bool{}
	// mask masks the letters, digits, '/', '+' and '=' of the bytes [a,
	// b) of the file of r but the first keep of them.
	mask := func(r hcl.Range, a, b, keep int, whole bool) {
		name := relName(r.Filename, cwd)
		src, ok := res.Sources[name]
		if !ok || a < 0 || b > len(src) || a >= b || b-a > maxMaskedRange || !whole && !escapedLiteral(src[a:b]) {
			return
		}
		if !copied[name] {
			src = append([]byte(nil), src...)
			res.Sources[name] = src
			copied[name] = true
		}
		if keep > 0 && !whole {
			// The first keep characters the escapes write stay as
			// written (\u0041KIA****..., as the report masks a line):
			// counted in the text decoded, not in the bytes.
			dec, spans := credmask.Unescape(src[a:b])
			for k, c := range dec {
				if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '/' || c == '+' {
					if keep--; keep == 0 {
						a += spans[k][1]
						break
					}
				}
			}
		}
		kept := 0
		for i := a; i < b; i++ {
			if ch := src[i]; ch >= 'A' && ch <= 'Z' || ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '/' || ch == '+' || whole && ch == '=' {
				if kept < keep {
					kept++
					continue
				}
				src[i] = '*'
			}
		}
	}
	for _, c := range built {
		for _, r := range c.at {
			mask(r, r.Start.Byte, r.End.Byte, 4, false)
		}
		// The pieces it is built from, in the expression that builds it
		// (join("", ["AKIA", "ZZZZ..."]), "AKIA${local.a}" and the
		// local): its first four characters are not among them.
		for _, r := range c.pieces {
			mask(r, r.Start.Byte, r.End.Byte, 0, true)
		}
	}
}

// varSecrets returns the values of vars (--var NAME=VALUE) that are secret
// access keys by their name and form (extract.SecretVar), to be masked as
// the credentials found in the sources are (maskSecrets): no file holds
// them, and a message that quotes the value (an action built from it,
// tonumber's error) printed it whole.
//
// A whole value with the form of a secret access key is masked whatever its
// name (credmask.SecretKey; a key given to a list variable, --var
// l=wJal..., which HCL reads as a division of names, printed the pieces in
// "Variables not allowed"), and so is one that is not NAME=VALUE (--var
// "secret_key wJal...": "Invalid --var" quoted it): a value of the command
// line is no ARN of a file. (Part of a longer value, it is not taken.)
func varSecrets(vars []string, found []string) []string {
	add := func(v string) {
		if !slices.Contains(found, v) {
			found = append(found, v)
		}
	}
	for _, kv := range vars {
		name, v, ok := strings.Cut(kv, "=")
		if !ok {
			for _, f := range strings.Fields(kv) {
				if credmask.SecretKey(f) {
					add(f)
				}
			}
			continue
		}
		v = strings.TrimSpace(v)
		if extract.SecretVar(strings.TrimSpace(name), v) || credmask.SecretKey(v) {
			add(v)
		}
	}
	return found
}

// literalSecrets returns found and the strings of the sources that have the
// form of a secret access key (credmask.SecretKey) and are written whole
// between double quotes ("wJal..." as a variable's default, a module
// argument, a templatefile variable, a plan's value), once each: to be
// masked in every message and address as the credentials found are. Such
// a value under a name that does not say it is a secret key is no finding
// (a run of 40 base64 characters may be a name, the end of an ARN), but the
// text report masks it in the lines it quotes (by its form), and a message
// quoting it (an action or an ARN built from var.k) printed it whole. Part
// of a longer string (arn:...:role/AmazonEC2ContainerServiceforEC2Role) it
// is not taken.
func literalSecrets(sources map[string][]byte, found []string) []string {
	var seen map[string]bool
	for _, src := range sources {
		quoted40(src, func(v []byte) {
			if !credmask.SecretKey(v) {
				return
			}
			if seen == nil {
				seen = map[string]bool{}
				for _, f := range found {
					seen[f] = true
				}
			}
			if !seen[string(v)] {
				seen[string(v)] = true
				found = append(found, string(v))
			}
		})
	}
	return found
}

// quoted40 calls fn for each run of exactly 40 letters, digits, '/' and
// '+' between double quotes in src, plain or escaped alike (closingQuote:
// the JSON of a policy in an HCL string, a .tf.json file or a plan writes
// \"wJal...\"). It looks at the last character a run
// could end at and skips ahead past what cannot be part of one (a
// character of no run: 40 ahead), so that most of a text is not read: a
// pass over every quote ran at 400 MB/s on a plan's JSON, a second for
// 200 MB.
func quoted40(src []byte, fn func(v []byte)) {
	const n = 40
	b64 := func(c byte) bool { return base64Byte[c] }
	for i := n; i+1 < len(src); { // i: the last character of src[i-n+1 : i+1]
		k := 0
		for k < n && b64(src[i-k]) {
			k++
		}
		if k < n {
			i += n - k // src[i-k] is in no run: one ends n or more after it
			continue
		}
		if src[i-n] == '"' && closingQuote(src, i-n, i+1) {
			fn(src[i-n+1 : i+1])
		}
		// The next run's opening quote is after src[i-n+1 : i+1], which
		// holds none.
		i += n + 1
	}
}

// base64Byte says which bytes quoted40's runs hold: letters, digits, '/'
// and '+' (one load a byte, where five ranges were compared).
var base64Byte = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '/' || c == '+'
	}
	return t
}()

// closingQuote reports whether src[j:] starts with the quote that closes
// the one at src[open]: a '"' after as many backslashes as come before
// src[open] (none for "...", one for \"...\" in a JSON string, three for
// \\\"...\\\" escaped twice).
func closingQuote(src []byte, open, j int) bool {
	before := 0
	for k := open - 1; k >= 0 && src[k] == '\\'; k-- {
		before++
	}
	after := 0
	for j < len(src) && src[j] == '\\' {
		after++
		j++
	}
	return after == before && j < len(src) && src[j] == '"'
}
