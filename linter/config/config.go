package config

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/internal/credmask"
	"github.com/iamlint/iamlint/internal/regfile"
	"github.com/iamlint/iamlint/internal/textdist"
	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/iam"
	"github.com/iamlint/iamlint/linter/load"
)

// FileName is the name of the configuration file.
const FileName = ".iamlint.hcl"

// RuleOptions lists, per rule ID, the options (lists of strings) a rule
// block may set besides enabled and severity. Rules that take options add
// them here.
var RuleOptions = map[string][]string{
	"oidc-trust-unscoped": {"trusted_subjects"},
	"wildcard-resource":   {"extra_resourceless_actions"},
}

// Config is a parsed .iamlint.hcl.
type Config struct {
	Path string // the file
	Dir  string // its directory (absolute): exclude globs are relative to it

	FailOn      string // "", low, medium, high, critical or none
	MinSeverity string // "", low, medium, high or critical
	Exclude     []string
	// ExcludeRange is the range of the exclude attribute (zero when it is
	// not set), where a notice says that it leaves no file to lint.
	ExcludeRange hcl.Range
	Enable       []string
	Disable      []string
	Rules        map[string]*RuleConfig
	Ignores      []*Ignore

	excludeRe []*regexp.Regexp
	// excluded memoizes Excluded by file name: it is asked for each
	// finding, error and notice, and each asks every exclude pattern
	// (2,000 patterns on a 1,000-file estate ran past a minute).
	excluded *sync.Map
	// enableRng and disableRng are the ranges of the elements of Enable and
	// Disable (same order), for diagnostics.
	enableRng, disableRng []hcl.Range
}

// RuleConfig is one rule block.
type RuleConfig struct {
	ID       string
	Enabled  *bool           // nil: not set
	Severity linter.Severity // 0: not set
	Options  map[string][]string
	Range    hcl.Range // the block header
}

// Ignore is one ignore block.
type Ignore struct {
	Rule    string // rule ID or "*"
	Address string // glob
	Reason  string
	Expires string // YYYY-MM-DD or ""
	Range   hcl.Range

	expiry    time.Time
	ruleRange hcl.Range // the rule attribute's value

	// hasAddress: the block sets address. Its expression is compiled on
	// first use (addressRe): of 20,000 blocks, most are never tested with
	// one (an address without wildcards, a rule or prefix no finding has),
	// and compiling them all took most of loading the file.
	hasAddress bool
	compile    sync.Once
	address    *regexp.Regexp
}

// addressRe returns the compiled address glob, nil without an address.
func (ig *Ignore) addressRe() *regexp.Regexp {
	if !ig.hasAddress {
		return nil
	}
	ig.compile.Do(func() { ig.address = globAddrRe(ig.Address) })
	return ig.address
}

// Find looks for .iamlint.hcl in dir and its parents.
func Find(dir string) (path string, ok bool) {
	d, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	if st, err := os.Stat(d); err == nil && !st.IsDir() {
		d = filepath.Dir(d)
	}
	for {
		// Whatever is there under the name is the configuration: a named
		// pipe, a directory or a link LoadFound will not read is its
		// error, not a silent step to the parent's.
		p := filepath.Join(d, FileName)
		if _, err := os.Lstat(p); err == nil {
			return p, true
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", false
		}
		d = parent
	}
}

// maxConfigSize bounds what Load reads: far above any configuration, below
// what would exhaust memory (--config /dev/zero, a pipe that never ends).
const maxConfigSize = 16 << 20

// MaxSize is the most Load reads of a configuration file (16 MiB): a
// larger one is the error "Configuration file too large".
const MaxSize = maxConfigSize

// LoadFound is Load for a file Find found: it must be a regular file
// (what Find checked), opened without waiting so that a named pipe swapped
// in after Find never blocks the run, and read no further than MaxSize.
// (An explicit --config may be a pipe: Load.)
func LoadFound(path string) (*Config, hcl.Diagnostics) {
	at := &hcl.Range{Filename: path, Start: hcl.InitialPos, End: hcl.InitialPos}
	if linksOutside(path) {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Configuration file outside its directory",
			Detail: fmt.Sprintf("%s is a link to a file outside %s; it is not read (a discovered configuration is the project's own). Give the file with --config to use it.", path, filepath.Dir(path)), Subject: at}}
	}
	if why := foreignInShared(path); why != "" {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Configuration file not the project's",
			Detail: why + "; it is not read (a discovered configuration is the project's own). Give the file with --config to use it, or remove it.", Subject: at}}
	}
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		// Not opened: a socket's open failed with "no such device or
		// address", a named pipe's read said "not a regular file" only.
		return nil, cannotReadText(path, fmt.Sprintf("%s is a %s, not a regular file; it is not read.", path, load.FileKind(st.Mode())))
	}
	src, err := regfile.Read(path, maxConfigSize)
	switch {
	case errors.Is(err, regfile.ErrTooLarge):
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Configuration file too large",
			Detail: fmt.Sprintf("%s is longer than the limit of %d bytes; it is not read.", path, maxConfigSize), Subject: at}}
	case err != nil:
		return nil, cannotRead(path, err)
	}
	return Parse(path, src)
}

// cannotRead is the error of a configuration file that cannot be read; a
// --config that names nothing is only an argument, maybe a credential given
// by mistake: masked by its form (credmask.Missing), at the location too.
func cannotRead(path string, err error) hcl.Diagnostics {
	return cannotReadText(path, err.Error())
}

// cannotReadText is cannotRead with the text of its error.
func cannotReadText(path, text string) hcl.Diagnostics {
	name, detail := credmask.Missing(path, text)
	return hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot read configuration file", Detail: detail,
		Subject: &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos}}}
}

// Load reads and checks a configuration file.
func Load(path string) (*Config, hcl.Diagnostics) {
	at := &hcl.Range{Filename: path, Start: hcl.InitialPos, End: hcl.InitialPos}
	// Opened without waiting: a named pipe no process writes to reads as
	// empty (<(...) is read as it comes), not a wait for ever.
	f, err := regfile.Open(path)
	if err != nil {
		return nil, cannotRead(path, err)
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, maxConfigSize+1))
	switch {
	case err != nil:
		return nil, cannotRead(path, err)
	case len(src) > maxConfigSize:
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Configuration file too large",
			Detail: fmt.Sprintf("%s is longer than the limit of %d bytes; it is not read.", path, maxConfigSize), Subject: at}}
	}
	if len(src) == 0 {
		// A named pipe no process writes to: said, not silent.
		if st, err := f.Stat(); err == nil {
			if d := load.EmptyPipe(path, src, st); d != nil {
				cfg, diags := Parse(path, src)
				return cfg, append(hcl.Diagnostics{d}, diags...)
			}
		}
	}
	return Parse(path, src)
}

var rootSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "fail_on"}, {Name: "min_severity"}, {Name: "exclude"}, {Name: "enable"}, {Name: "disable"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "rule", LabelNames: []string{"id"}}, {Type: "ignore"}},
}

var ignoreSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
	{Name: "rule", Required: true}, {Name: "address", Required: true}, {Name: "reason", Required: true}, {Name: "expires"},
}}

// Parse parses configuration source; filename is used in diagnostics and
// for the directory exclude globs are relative to.
func Parse(filename string, src []byte) (*Config, hcl.Diagnostics) {
	// Parsed as a .tf file is, with its checks: UTF-16 (PowerShell's >
	// redirection) or binary is one error, not one per byte the parser
	// cannot read; text that is not HCL is refused; nesting is bounded;
	// at most 1,000 parse errors are listed. The tree may share src
	// (hclfast): never change it.
	f, diags := load.ParseNative(src, filename)
	if f == nil || diags.HasErrors() {
		return nil, maskDiags(notConfigHint(filename, src, diags))
	}
	abs, err := filepath.Abs(filename)
	if err != nil {
		abs = filename
	}
	c := &Config{Path: filename, Dir: filepath.Dir(abs), Rules: map[string]*RuleConfig{}, excluded: new(sync.Map)}
	content, d := f.Body.Content(rootSchema)
	if d.HasErrors() {
		d = notConfigHint(filename, src, d)
	}
	diags = append(diags, d...)
	for _, a := range sortedAttrs(content.Attributes) {
		switch a.Name {
		case "fail_on":
			c.FailOn, d = severityAttr(a, true)
		case "min_severity":
			c.MinSeverity, d = severityAttr(a, false)
		case "exclude":
			c.Exclude, d = stringList(a)
			c.ExcludeRange = a.Range
			rngs := elementRanges(a, len(c.Exclude))
			for i, g := range c.Exclude {
				if i == maxExcludePatterns {
					d = append(d, errAt(rngs[i], "Too many exclude patterns",
						fmt.Sprintf("exclude lists %d patterns, more than the limit of %d; this one and those after it are not used.", len(c.Exclude), maxExcludePatterns)))
					break
				}
				if len(g) > maxPatternLen {
					d = append(d, patternTooLong("exclude", len(g), rngs[i]))
					continue
				}
				re, err := globPathRe(g)
				if err != nil {
					d = append(d, errAt(rngs[i], "Invalid exclude pattern", err.Error()))
					continue
				}
				c.excludeRe = append(c.excludeRe, re)
			}
		case "enable":
			c.Enable, d = stringList(a)
			c.enableRng = elementRanges(a, len(c.Enable))
		case "disable":
			c.Disable, d = stringList(a)
			c.disableRng = elementRanges(a, len(c.Disable))
		}
		diags = append(diags, d...)
	}
	for _, b := range content.Blocks {
		switch b.Type {
		case "rule":
			rc, d := parseRule(b)
			diags = append(diags, d...)
			if rc == nil {
				continue
			}
			if prev, dup := c.Rules[rc.ID]; dup {
				diags = append(diags, errAt(b.DefRange, "Duplicate rule block",
					fmt.Sprintf("rule %q is already configured at %s.", rc.ID, prev.Range)))
				continue
			}
			c.Rules[rc.ID] = rc
		case "ignore":
			ig, d := parseIgnore(b)
			diags = append(diags, d...)
			if ig != nil {
				c.Ignores = append(c.Ignores, ig)
			}
		}
	}
	return c, maskDiags(sortDiags(diags))
}

// sortedAttrs returns the attributes in source order (HCL hands them over in
// a map: diagnostics would come out in a different order from run to run).
func sortedAttrs(m hcl.Attributes) []*hcl.Attribute {
	out := make([]*hcl.Attribute, 0, len(m))
	for _, a := range m {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Range.Start.Byte < out[j].Range.Start.Byte })
	return out
}

// sortDiags orders diagnostics by file and position (stable output).
func sortDiags(diags hcl.Diagnostics) hcl.Diagnostics {
	pos := func(d *hcl.Diagnostic) (string, int) {
		if d.Subject == nil {
			return "", -1
		}
		return d.Subject.Filename, d.Subject.Start.Byte
	}
	sort.SliceStable(diags, func(i, j int) bool {
		fi, bi := pos(diags[i])
		fj, bj := pos(diags[j])
		if fi != fj {
			return fi < fj
		}
		return bi < bj
	})
	return diags
}

// elementRanges returns the ranges of the n elements of a list attribute
// (the attribute's value range for each when they cannot be told apart).
func elementRanges(a *hcl.Attribute, n int) []hcl.Range {
	out := make([]hcl.Range, n)
	exprs, d := hcl.ExprList(a.Expr)
	for i := range out {
		out[i] = a.Expr.Range()
		if !d.HasErrors() && len(exprs) == n {
			out[i] = exprs[i].Range()
		}
	}
	return out
}

func parseRule(b *hcl.Block) (*RuleConfig, hcl.Diagnostics) {
	id := b.Labels[0]
	schema := &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "enabled"}, {Name: "severity"}}}
	for _, o := range RuleOptions[id] {
		schema.Attributes = append(schema.Attributes, hcl.AttributeSchema{Name: o})
	}
	content, diags := b.Body.Content(schema)
	rc := &RuleConfig{ID: id, Options: map[string][]string{}, Range: b.LabelRanges[0]}
	for _, a := range sortedAttrs(content.Attributes) {
		switch name := a.Name; name {
		case "enabled":
			v, d := eval.ConstValue(a.Expr)
			diags = append(diags, d...)
			if d.HasErrors() {
				continue
			}
			if v.IsNull() || !v.IsKnown() || v.Type() != cty.Bool {
				diags = append(diags, errAt(a.Expr.Range(), "Invalid value", "enabled must be true or false."))
				continue
			}
			e := v.True()
			rc.Enabled = &e
		case "severity":
			s, d := severityAttr(a, false)
			diags = append(diags, d...)
			if s != "" {
				rc.Severity, _ = linter.ParseSeverity(s)
			}
		default:
			l, d := stringList(a)
			diags = append(diags, d...)
			rc.Options[name] = l
		}
	}
	return rc, diags
}

func parseIgnore(b *hcl.Block) (*Ignore, hcl.Diagnostics) {
	content, diags := b.Body.Content(ignoreSchema)
	if diags.HasErrors() {
		return nil, diags
	}
	ig := &Ignore{Range: b.DefRange}
	for _, a := range sortedAttrs(content.Attributes) {
		s, d := stringAttr(a)
		diags = append(diags, d...)
		if d.HasErrors() {
			continue
		}
		switch a.Name {
		case "rule":
			ig.Rule, ig.ruleRange = s, a.Expr.Range()
		case "address":
			if len(s) > maxPatternLen {
				diags = append(diags, patternTooLong("address", len(s), a.Expr.Range()))
				continue
			}
			ig.Address, ig.hasAddress = s, true
		case "reason":
			if strings.TrimSpace(s) == "" {
				diags = append(diags, errAt(a.Expr.Range(), "Empty reason", "An ignore needs a reason."))
			}
			ig.Reason = s
		case "expires":
			t, err := time.Parse("2006-01-02", s)
			if err != nil {
				diags = append(diags, errAt(a.Expr.Range(), "Invalid expiry date", fmt.Sprintf("%q is not a date YYYY-MM-DD.", s)))
				continue
			}
			ig.Expires, ig.expiry = s, t
		}
	}
	if diags.HasErrors() {
		return nil, diags
	}
	return ig, diags
}

// Validate reports rule IDs (in rule blocks, enable, disable and ignores)
// that are not in known.
func (c *Config) Validate(known []string) hcl.Diagnostics {
	k := map[string]bool{}
	for _, id := range known {
		k[id] = true
	}
	var diags hcl.Diagnostics
	check := func(id string, rng hcl.Range) {
		if !k[id] {
			msg := fmt.Sprintf("%q is not a rule ID; see iamlint rules.", id)
			if s := Suggest(id, known); s != "" {
				msg = fmt.Sprintf("%q is not a rule ID; did you mean %q?", id, s)
			}
			diags = append(diags, errAt(rng, "Unknown rule", msg))
		}
	}
	ids := make([]string, 0, len(c.Rules))
	for id := range c.Rules {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		check(id, c.Rules[id].Range)
	}
	fileRange := hcl.Range{Filename: c.Path, Start: hcl.InitialPos, End: hcl.InitialPos}
	at := func(rs []hcl.Range, i int) hcl.Range {
		if i < len(rs) {
			return rs[i]
		}
		return fileRange
	}
	for i, id := range c.Enable {
		check(id, at(c.enableRng, i))
	}
	for i, id := range c.Disable {
		check(id, at(c.disableRng, i))
	}
	for _, ig := range c.Ignores {
		if ig.Rule != "*" {
			r := ig.ruleRange
			if r.Filename == "" {
				r = ig.Range
			}
			if ig.Rule == InvalidSuppression {
				diags = append(diags, errAt(r, "Rule cannot be ignored", InvalidSuppression+
					" reports broken suppressions and cannot be ignored: fix them, or turn the rule off with disable = [\""+InvalidSuppression+"\"]."))
				continue
			}
			check(ig.Rule, r)
		}
	}
	return maskDiags(sortDiags(diags))
}

// Suggest returns the known ID closest to id when it is a near miss (a typo),
// else "".
func Suggest(id string, known []string) string {
	best, bestD := "", len(id)/3+2
	for _, k := range known {
		if d := textdist.Distance(id, k); d < bestD || (d == bestD && best != "" && k < best) {
			best, bestD = k, d
		}
	}
	return best
}

// Enabled says whether rule id runs, given whether it runs by default. A
// non-empty enable list means "only these rules", as the --enable flag does;
// a rule block's enabled = true adds one; disable and enabled = false win.
func (c *Config) Enabled(id string, def bool) bool {
	if c == nil {
		return def
	}
	on := def
	if len(c.Enable) > 0 {
		on = false
		for _, e := range c.Enable {
			if e == id {
				on = true
			}
		}
	}
	if rc := c.Rules[id]; rc != nil && rc.Enabled != nil {
		on = *rc.Enabled
	}
	for _, e := range c.Disable {
		if e == id {
			on = false
		}
	}
	return on
}

// Severity returns the configured severity of rule id, or def.
func (c *Config) Severity(id string, def linter.Severity) linter.Severity {
	if c != nil {
		if rc := c.Rules[id]; rc != nil && rc.Severity != 0 {
			return rc.Severity
		}
	}
	return def
}

// Option returns a per-rule option (nil when not set).
func (c *Config) Option(id, name string) []string {
	if c == nil {
		return nil
	}
	if rc := c.Rules[id]; rc != nil {
		return rc.Options[name]
	}
	return nil
}

// Excluded reports whether a file (absolute, or relative to the current
// directory) matches an exclude glob. Globs are relative to the config
// file's directory, use /, and support *, ?, ** and directory prefixes; a
// glob without / matches a name in any directory.
func (c *Config) Excluded(file string) bool {
	if c == nil || len(c.excludeRe) == 0 {
		return false
	}
	if c.excluded != nil {
		if v, ok := c.excluded.Load(file); ok {
			return v.(bool)
		}
	}
	ex := c.excludedNow(file)
	if c.excluded != nil {
		c.excluded.Store(file, ex)
	}
	return ex
}

// excludedNow is Excluded, without its memo.
func (c *Config) excludedNow(file string) bool {
	abs, err := filepath.Abs(file)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(c.Dir, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return false
	}
	rel = filepath.ToSlash(rel)
	for _, re := range c.excludeRe {
		if re.MatchString(rel) {
			return true
		}
	}
	return false
}

// maxPatternLen bounds an exclude or ignore address pattern: compiled, a
// pattern is a program of about as many instructions as it has bytes, run
// against each file or finding address: one exclude pattern of "a*" 2
// million times (a 4 MB .iamlint.hcl) ran past a minute on a one-file
// directory (1.5 GB), an ignore address as much. Paths and addresses are
// far shorter.
const maxPatternLen = 1024

// maxExcludePatterns bounds the patterns of exclude: each is compiled and
// tested against every file of the run (a .iamlint.hcl of 50,000 patterns,
// 0.9 MB, took 11 s and 430 MB on a directory of 200 files; 260,000, about
// the token bound of a 4 MiB file, 4.5 s and 1.4 GB on 2 files). Real
// configurations list a few; a long list of files is better a directory.
const maxExcludePatterns = 1000

// patternTooLong is the error for a pattern of n bytes, past maxPatternLen,
// of the attribute attr, at rng.
func patternTooLong(attr string, n int, rng hcl.Range) *hcl.Diagnostic {
	return errAt(rng, "Pattern too long", fmt.Sprintf("This %s pattern is %d bytes, more than the limit of %d; it is not used.", attr, n, maxPatternLen))
}

// globPathRe compiles a path glob: it matches the path itself or any path
// under it. * and ? match within a directory, ** any number of them,
// [abc] / [a-z] / [!abc] one character of a class (never /), {a,b} either
// alternative (nested braces too), and \ takes the next character as it is:
// one of * ? [ ] { } , \ (globSpecial). An unclosed [ or {, a } or , that
// closes nothing, a trailing \ or a \ before any other character (a Windows
// path, modules\legacy\**, read as escapes matched nothing) is an error.
func globPathRe(g string) (*regexp.Regexp, error) {
	g = strings.TrimPrefix(filepath.ToSlash(strings.TrimSpace(g)), "./")
	if g == "" {
		return nil, fmt.Errorf("empty pattern")
	}
	if !utf8.ValidString(g) {
		return nil, fmt.Errorf("the pattern is not valid UTF-8")
	}
	prefix := "^"
	if !strings.Contains(strings.TrimSuffix(g, "/"), "/") {
		prefix = "^(?:.*/)?"
	}
	g = strings.TrimSuffix(g, "/")
	var b strings.Builder
	depth := 0 // open braces
	for i := 0; i < len(g); i++ {
		switch ch := g[i]; {
		case strings.HasPrefix(g[i:], "**/"):
			b.WriteString("(?:.*/)?")
			i += 2
		case strings.HasPrefix(g[i:], "**"):
			b.WriteString(".*")
			i++
		case ch == '*':
			b.WriteString("[^/]*")
		case ch == '?':
			b.WriteString("[^/]")
		case ch == '[':
			class, n, err := globClass(g[i:])
			if err != nil {
				return nil, err
			}
			b.WriteString(class)
			i += n - 1
		case ch == '{':
			depth++
			b.WriteString("(?:")
		case ch == ',' && depth > 0:
			b.WriteString("|")
		case ch == '}':
			if depth == 0 {
				return nil, fmt.Errorf("%q at byte %d closes no {", "}", i+1)
			}
			depth--
			b.WriteString(")")
		case ch == '\\':
			if i+1 == len(g) {
				return nil, fmt.Errorf("the pattern ends in a \\ that escapes nothing")
			}
			_, n := utf8.DecodeRuneInString(g[i+1:])
			if !strings.ContainsRune(globSpecial, rune(g[i+1])) {
				// modules\legacy\** (a Windows path) was read as
				// modules, an escaped l, ... and matched nothing, in
				// silence.
				return nil, fmt.Errorf("\\%s escapes nothing special (a \\ escapes only %s); paths in exclude use / between directories (%s)", g[i+1:i+1+n], globSpecialList, strings.ReplaceAll(g, `\`, "/"))
			}
			b.WriteString(regexp.QuoteMeta(g[i+1 : i+1+n]))
			i += n
		default:
			// a whole character: a byte of a multi-byte one, taken as
			// a rune, would be another character (é as Ã©)
			_, n := utf8.DecodeRuneInString(g[i:])
			b.WriteString(regexp.QuoteMeta(g[i : i+n]))
			i += n - 1
		}
	}
	if depth > 0 {
		return nil, fmt.Errorf("a { is not closed (alternatives are written {a,b})")
	}
	return regexp.Compile(prefix + b.String() + "(?:/.*)?$")
}

// globSpecial are the characters a \ escapes in a path glob (outside a
// class); globSpecialList names them for a message.
const (
	globSpecial     = `*?[]{},\`
	globSpecialList = `* ? [ ] { } , or \`
)

// globClass translates the character class at the start of g ("[abc]",
// "[a-z]", "[!abc]" or "[^abc]"; a ] right after [ or [! is a member, \
// escapes the next character) to a regular expression class, and returns
// its length in g. A class never matches /: a negated one leaves it out,
// and a / in a class (or a range over it) is an error.
func globClass(g string) (string, int, error) {
	rs := []rune(g)
	i := 1
	neg := i < len(rs) && (rs[i] == '!' || rs[i] == '^')
	if neg {
		i++
	}
	var members []rune // lo, hi pairs
	first := i
	for ; i < len(rs); i++ {
		lo := rs[i]
		if lo == ']' && i > first {
			var b strings.Builder
			b.WriteByte('[')
			if neg {
				b.WriteString("^/")
			}
			for k := 0; k < len(members); k += 2 {
				if members[k] <= '/' && '/' <= members[k+1] {
					return "", 0, fmt.Errorf("the class %s matches /, which a class never does (use a separate path element)", string(rs[:i+1]))
				}
				b.WriteString(classMember(members[k]))
				if members[k+1] != members[k] {
					b.WriteByte('-')
					b.WriteString(classMember(members[k+1]))
				}
			}
			b.WriteByte(']')
			return b.String(), len(string(rs[:i+1])), nil
		}
		if lo == '[' && i+1 < len(rs) && (rs[i+1] == ':' || rs[i+1] == '=' || rs[i+1] == '.') {
			// [[:alpha:]] (as .gitignore takes it) was read as the
			// characters [:alph and a literal ], matching other names
			return "", 0, fmt.Errorf("character classes such as [[:alpha:]] are not supported: list the characters ([a-zA-Z])")
		}
		if lo == '\\' && i+1 < len(rs) {
			i++
			lo = rs[i]
		}
		hi := lo
		if i+2 < len(rs) && rs[i+1] == '-' && rs[i+2] != ']' {
			hi = rs[i+2]
			i += 2
			if hi == '\\' && i+1 < len(rs) {
				i++
				hi = rs[i]
			}
			if hi < lo {
				return "", 0, fmt.Errorf("the range %c-%c in a class goes backwards", lo, hi)
			}
		}
		members = append(members, lo, hi)
	}
	return "", 0, fmt.Errorf("a [ is not closed (a class of characters is written [abc])")
}

// classMember writes r for inside a regular expression class: the
// characters a class reads (\\ ] [ ^ -) escaped.
func classMember(r rune) string {
	if strings.ContainsRune(`\][^-`, r) {
		return `\` + string(r)
	}
	return string(r)
}

// globAddrRe compiles an address glob: * matches any run of characters
// (dots and brackets included), ? one character, the rest is literal.
func globAddrRe(g string) *regexp.Regexp {
	var b strings.Builder
	for _, ch := range g {
		switch ch {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(ch)))
		}
	}
	return regexp.MustCompile("^" + b.String() + "$")
}

// Matches reports whether the ignore applies to a finding.
func (ig *Ignore) Matches(f linter.Finding) bool {
	return (ig.Rule == "*" || ig.Rule == f.Rule) && ig.hasAddress && ig.addressRe().MatchString(f.Resource)
}

// ApplyIgnores splits findings by the ignore blocks: suppressed findings get
// Suppression{Kind: "config"}. Expired ignores suppress nothing; expired and
// unused ignores are returned as problems: findings of rule
// invalid-suppression (severity medium) located at the ignore block.
func (c *Config) ApplyIgnores(findings []linter.Finding, now time.Time) (kept, suppressed, problems []linter.Finding) {
	return c.ApplyIgnoresRan(findings, now, nil)
}

// ApplyIgnoresRan is ApplyIgnores that knows which rules ran (nil: all): an
// ignore of a rule that did not run (--enable, --disable) is not unused.
func (c *Config) ApplyIgnoresRan(findings []linter.Finding, now time.Time, ran map[string]bool) (kept, suppressed, problems []linter.Finding) {
	kept, suppressed = []linter.Finding{}, []linter.Finding{}
	if c == nil {
		return append(kept, findings...), suppressed, nil
	}
	today := now.UTC().Format("2006-01-02")
	used := make([]bool, len(c.Ignores))
	m := newIgnoreMatcher(c.Ignores, today, used)
	for _, f := range findings {
		hit := m.first(f)
		if len(f.Instances) > 0 {
			// Other instances of the block share this finding (the runner
			// kept the one at the smallest address): an ignore of some
			// instances suppresses it only when it covers them all, else
			// it stays reported and says which are left. An ignore of
			// aws_iam_policy.p["a"] hid p["b"]'s finding, and one of
			// p["b"] was reported unused.
			var left []string
			if hit < 0 {
				left = append(left, f.Resource)
			}
			for _, a := range f.Instances {
				g := f
				g.Resource = a
				if m.first(g) < 0 {
					left = append(left, a)
				}
			}
			if hit < 0 || len(left) > 0 {
				if len(left) < len(f.Instances)+1 {
					f = withInstancesLeft(f, left)
				}
				kept = append(kept, f)
				continue
			}
		}
		if hit < 0 {
			kept = append(kept, f)
			continue
		}
		ig := c.Ignores[hit]
		f.Suppression = &linter.Suppression{Kind: "config", Reason: credmask.Text(ig.Reason), Expires: ig.Expires}
		suppressed = append(suppressed, f)
	}
	if m.over {
		// Which globs would have matched the findings left is not known:
		// none is said to be unused, and the run says why they did not
		// suppress them.
		ig := c.Ignores[0]
		problems = append(problems, problem(ig, "too-many-tests", fmt.Sprintf("the %d ignore blocks were tested against the findings' addresses more than %d times: from then on only ignores with an exact address (no * or ?) were applied, and the findings another ignore would suppress are reported; use fewer ignore blocks with wildcards, or exact addresses", len(c.Ignores), maxIgnoreTests)))
	}
	for i, ig := range c.Ignores {
		switch {
		case ig.Expires != "" && ig.Expires < today:
			problems = append(problems, problem(ig, "expired", fmt.Sprintf("ignore of %s for %s expired on %s: the findings are reported again", ig.Rule, ig.Address, ig.Expires)))
		case !used[i] && !m.over && (ran == nil || ig.Rule == "*" || ran[ig.Rule]):
			problems = append(problems, problem(ig, "unused", fmt.Sprintf("unused ignore: no %s finding for an address matching %q; remove it", ig.Rule, ig.Address)))
		}
	}
	return kept, suppressed, problems
}

// withInstancesLeft returns f, reported though an ignore block covers some
// of the instances of its block, with a related location that names those
// left (left: their addresses, f.Resource's among them when no ignore
// covers it).
func withInstancesLeft(f linter.Finding, left []string) linter.Finding {
	left = slices.Clone(left)
	sort.Strings(left)
	what := "instance"
	if len(left) > 1 {
		what = "instances"
	}
	note := iam.Related{Range: f.Range, Message: fmt.Sprintf("the same finding in %d %s of this block that no ignore block covers (first: %s)", len(left), what, left[0])}
	f.Related = append(slices.Clip(f.Related), note)
	return f
}

// InvalidSuppression is the rule ID of problems (the rule is defined in
// package suppress).
const InvalidSuppression = "invalid-suppression"

func problem(ig *Ignore, kind, msg string) linter.Finding {
	// No line or directory: the runner adds the directory (see package suppress).
	h := sha256.Sum256([]byte(InvalidSuppression + "\x00config-" + kind + "\x00" + filepath.Base(ig.Range.Filename) + "\x00" + ig.Rule + "\x00" + ig.Address + "\x00" + ig.Reason))
	return linter.Finding{Rule: InvalidSuppression, Severity: linter.Medium, Message: credmask.Text(msg), Range: ig.Range, Fingerprint: hex.EncodeToString(h[:16])}
}

// maskDiags masks the credentials in the summaries and details of diags
// (credmask.Text), in place: the errors quote the values of the file (an
// unknown rule ID, a severity, an expiry date, an argument's name), and a
// credential written there was printed whole by every report. The file is
// not Terraform: hardcoded-credentials does not read it.
// notConfigHint adds to the first error of diags, the errors of reading
// src as iamlint's configuration, what the file seems to be instead when
// it is not one: a plan or other JSON, a binary plan, Terraform
// configuration (given to --config for a path: the bare parse error at
// 1:1 did not say so).
func notConfigHint(filename string, src []byte, diags hcl.Diagnostics) hcl.Diagnostics {
	const takes = "--config takes an .iamlint.hcl file (HCL: fail_on, enable, rule and ignore blocks)"
	hint := ""
	text := bytes.TrimLeft(bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")), " \t\r\n")
	base := filepath.Base(filename)
	switch {
	case bytes.HasPrefix(src, []byte("PK")):
		hint = fmt.Sprintf("%s looks like a binary Terraform plan (terraform plan -out): %s; a plan is linted when given as a path, as JSON (terraform show -json %s > plan.json && iamlint plan.json).", filename, takes, base)
	case len(text) > 0 && (text[0] == '{' || text[0] == '['):
		hint = fmt.Sprintf("%s is JSON, not iamlint's configuration: %s; a plan is linted when given as a path (iamlint %s).", filename, takes, base)
	case strings.HasSuffix(base, ".tf") || strings.HasSuffix(base, ".tofu") || strings.HasSuffix(base, ".tfvars"):
		hint = fmt.Sprintf("%s is Terraform, not iamlint's configuration: %s; Terraform files are linted when given as paths (iamlint %s).", filename, takes, filepath.Dir(filename))
	default:
		return diags
	}
	for i, d := range diags {
		if d.Severity == hcl.DiagError {
			c := *d
			c.Detail = strings.TrimSpace(c.Detail + " " + hint)
			out := slices.Clone(diags)
			out[i] = &c
			return out
		}
	}
	return diags
}

func maskDiags(diags hcl.Diagnostics) hcl.Diagnostics {
	for _, d := range diags {
		d.Summary, d.Detail = credmask.Text(d.Summary), credmask.Text(d.Detail)
	}
	return diags
}

func errAt(r hcl.Range, summary, detail string) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: r.Ptr()}
}

func stringAttr(a *hcl.Attribute) (string, hcl.Diagnostics) {
	v, diags := eval.ConstValue(a.Expr)
	if diags.HasErrors() {
		return "", diags
	}
	if v.IsNull() || !v.IsKnown() || v.Type() != cty.String {
		return "", append(diags, errAt(a.Expr.Range(), "Invalid value", a.Name+" must be a string."))
	}
	return v.AsString(), diags
}

func stringList(a *hcl.Attribute) ([]string, hcl.Diagnostics) {
	v, diags := eval.ConstValue(a.Expr)
	if diags.HasErrors() {
		return nil, diags
	}
	lv, err := eval.ConvertValue(v, cty.List(cty.String))
	if err != nil || lv.IsNull() || !lv.IsWhollyKnown() {
		return nil, append(diags, errAt(a.Expr.Range(), "Invalid value", a.Name+" must be a list of strings."))
	}
	var out []string
	for _, e := range lv.AsValueSlice() {
		if e.IsNull() {
			return nil, append(diags, errAt(a.Expr.Range(), "Invalid value", a.Name+" must not hold null."))
		}
		out = append(out, e.AsString())
	}
	return out, diags
}

func severityAttr(a *hcl.Attribute, allowNone bool) (string, hcl.Diagnostics) {
	s, diags := stringAttr(a)
	if diags.HasErrors() {
		return "", diags
	}
	s = strings.ToLower(strings.TrimSpace(s))
	if allowNone && s == "none" {
		return s, diags
	}
	if _, err := linter.ParseSeverity(s); err != nil {
		want := "low, medium, high or critical"
		if allowNone {
			want = "low, medium, high, critical or none"
		}
		return "", append(diags, errAt(a.Expr.Range(), "Invalid severity", fmt.Sprintf("%s = %q: want %s.", a.Name, s, want)))
	}
	return s, diags
}

// linksOutside tells whether path is a symbolic link whose target (every
// link followed) is not in path's directory or below it: a repository's
// .iamlint.hcl linked to ~/.aws/credentials would be read, and its names
// printed in the errors. A link that cannot be resolved is left to the
// read, whose error names it.
func linksOutside(path string) bool {
	st, err := os.Lstat(path)
	if err != nil || st.Mode()&os.ModeSymlink == 0 {
		return false
	}
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return false
	}
	dir, err := filepath.EvalSymlinks(filepath.Dir(path))
	if err != nil {
		return true
	}
	_, in := load.Within(dir, target)
	return !in
}
