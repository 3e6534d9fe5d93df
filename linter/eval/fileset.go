package eval

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// maxFilesetEntries bounds the directory entries one fileset call walks.
const maxFilesetEntries = 100000

// fileSet is Terraform's fileset(path, pattern): the regular files under path
// whose path relative to it (with forward slashes) matches pattern, read from
// disk at plan time, so known before apply. It reads only within the scanned
// tree (as file() does); anything it cannot read makes the value unknown with
// a diagnostic, never an empty set. Links to directories are followed where
// the pattern can match below them; one that leads outside the tree makes
// the value unknown with an error, as file() does.
func (e *env) fileSet(pn, patn *Node, rng hcl.Range) *Node {
	unknown := &Node{Val: cty.UnknownVal(cty.Set(cty.String)), Range: rng}
	if !pn.Val.IsKnown() || !patn.Val.IsKnown() {
		return unknown
	}
	if pn.Val.IsNull() || pn.Val.Type() != cty.String || patn.Val.IsNull() || patn.Val.Type() != cty.String {
		e.warnUnknown("Invalid fileset arguments", "fileset takes a path and a pattern, both strings; the value is unknown.", rng)
		return unknown
	}
	// Terraform globs filepath.Join(path, pattern): the pattern is cleaned
	// ("./a/*.json", "a//b/*"), and leading ".." steps move the walk up
	// (the results then start with "../").
	pat := path.Clean(filepath.ToSlash(patn.Val.AsString()))
	base := pn.Val.AsString()
	up := ""
	for strings.HasPrefix(pat, "../") {
		pat = pat[3:]
		base += "/.."
		up += "../"
	}
	if braceStepsUp(pat) {
		// Terraform's glob expands the braces and walks up for the
		// alternative with ".." (the results then start with "../",
		// outside the path and maybe outside the tree); the walk below
		// lists only what is under the path: the ".." alternative was
		// dropped without a word.
		e.warnUnknown("Unsupported fileset pattern", fmt.Sprintf("The pattern %q steps up (\"..\") inside a {...} alternative; iamlint follows \"..\" only at the start of a pattern, within the scanned tree. The value is unknown.", patn.Val.AsString()), patn.Range)
		return unknown
	}
	re, err := globRegexp(pat)
	if err != nil || pat == ".." || strings.HasPrefix(pat, "/") {
		if err == nil {
			err = fmt.Errorf("pattern %q names no file under the path", patn.Val.AsString())
		}
		e.warnUnknown("Invalid fileset pattern", fmt.Sprintf("%s; the value is unknown.", err), patn.Range)
		return unknown
	}
	dir, d := e.resolvePath(base, rng)
	if d != nil {
		if d.Summary == "File not found" {
			// Terraform returns an empty set for a directory that does not exist.
			return &Node{Val: cty.SetValEmpty(cty.String), Range: rng}
		}
		if d.Summary == summaryOutsideTree && up != "" {
			// The pattern's leading ".." steps leave the tree, not the
			// path: named as written (the joined path may read "." or "..").
			d.Detail = fmt.Sprintf("The pattern %q walks up from %q to a directory outside the scanned directories; iamlint does not read it. The value is unknown.", patn.Val.AsString(), pn.Val.AsString())
			markUnknown(d)
			d.Subject = patn.Range.Ptr()
		}
		e.s.ev.diags = append(e.s.ev.diags, d)
		return unknown
	}
	// A path that is a link to a directory in the tree is walked (resolvePath
	// checked where it leads).
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	key := [2]string{dir, up + pat}
	if v, ok := e.s.ev.filesets[key]; ok {
		return &Node{Val: v, Range: rng}
	}
	// Without "**", a pattern with n slashes matches only files n
	// directories down: deeper directories are not walked.
	maxDepth := -1
	if !strings.Contains(pat, "**") {
		maxDepth = strings.Count(pat, "/")
	}
	var found []string
	entries := 0
	var outside *hcl.Diagnostic
	// walk lists the files under the real directory root as prefix (the
	// path from dir): a link to a directory is walked too where the pattern
	// can match below it (Terraform's glob follows links), unless it leads
	// back into a directory being walked (a loop); a link that leads out of
	// the scanned tree stops the walk (outside).
	var walk func(root, prefix string, chain []string) error
	walk = func(root, prefix string, chain []string) error {
		return filepath.WalkDir(root, func(p string, de fs.DirEntry, err error) error {
			if err != nil {
				if p == root && prefix == "" {
					return err
				}
				return nil // an unreadable subdirectory: Terraform skips it too
			}
			if entries++; entries > maxFilesetEntries {
				return fmt.Errorf("more than %d entries under %s", maxFilesetEntries, dir)
			}
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return nil
			}
			rel = path.Join(prefix, filepath.ToSlash(rel))
			if de.IsDir() {
				if rel != "." && maxDepth >= 0 && strings.Count(rel, "/")+1 > maxDepth {
					return filepath.SkipDir
				}
				return nil
			}
			if de.Type()&fs.ModeSymlink != 0 {
				// A link to a regular file counts (Terraform stats it);
				// file() checks that the target is within the scanned tree.
				st, err := os.Stat(p)
				if err != nil {
					return nil
				}
				if st.IsDir() {
					if !globCanEnter(pat, rel) {
						return nil
					}
					abs, err := filepath.Abs(p)
					if err != nil {
						return nil
					}
					if _, d := e.resolvePath(abs, rng); d != nil {
						d.Detail = strings.Replace(d.Detail, abs, filepath.ToSlash(p), 1) // named as the walk found it
						outside = d
						return fs.SkipAll
					}
					real, err := filepath.EvalSymlinks(abs)
					if err != nil {
						return nil
					}
					parent, err := filepath.Abs(filepath.Dir(p))
					if err != nil {
						return nil
					}
					for _, c := range append(chain[:len(chain):len(chain)], parent) {
						if c == real || strings.HasPrefix(c, real+string(filepath.Separator)) {
							return nil // a loop
						}
					}
					if err := walk(real, rel, append(chain[:len(chain):len(chain)], real)); err != nil {
						return err
					}
					if outside != nil {
						return fs.SkipAll
					}
					return nil
				}
				if !st.Mode().IsRegular() {
					return nil
				}
			} else if !de.Type().IsRegular() {
				return nil
			}
			if re.MatchString(rel) {
				found = append(found, rel)
			}
			return nil
		})
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		absDir = dir
	}
	walkErr := walk(dir, "", []string{absDir})
	if outside != nil {
		e.s.ev.diags = append(e.s.ev.diags, outside)
		return unknown
	}
	if walkErr != nil {
		if d, ok := walkErr.(*fs.PathError); ok && d.Path == dir && strings.Contains(d.Err.Error(), "no such file") {
			return &Node{Val: cty.SetValEmpty(cty.String), Range: rng}
		}
		e.s.ev.diagUnknown(hcl.DiagWarning, "fileset failed", fmt.Sprintf("fileset(%q, %q): %v; the value is unknown.", pn.Val.AsString(), patn.Val.AsString(), walkErr), rng)
		return unknown
	}
	if !e.spend(len(found), rng) {
		return unknown
	}
	v := cty.SetValEmpty(cty.String)
	if len(found) > 0 {
		sort.Strings(found)
		vals := make([]cty.Value, len(found))
		for i, f := range found {
			vals[i] = cty.StringVal(up + f)
		}
		v = cty.SetVal(vals)
	}
	if e.s.ev.filesets == nil {
		e.s.ev.filesets = map[[2]string]cty.Value{}
	}
	e.s.ev.filesets[key] = v
	return &Node{Val: v, Range: rng}
}

// globCanEnter reports whether the fileset pattern pat (cleaned, relative)
// can match a path below the directory rel: rel's segments match the
// pattern's first ones and the pattern has more, or reaches a "**" first.
// A "{...}" or escape where the pattern has a "/" may match any number of
// segments: true.
func globCanEnter(pat, rel string) bool {
	if strings.ContainsAny(pat, "{\\") && strings.Contains(pat, "/") {
		return true
	}
	comps := strings.Split(pat, "/")
	for i, r := range strings.Split(rel, "/") {
		if i >= len(comps) {
			return false
		}
		if strings.Contains(comps[i], "**") {
			return true
		}
		re, err := globRegexp(comps[i])
		if err != nil || !re.MatchString(r) {
			return false
		}
	}
	return len(strings.Split(rel, "/")) < len(comps)
}

// globRegexp compiles a fileset pattern: `*` any run of characters but `/`,
// `**` any run of path segments, `?` one character but `/`, `[...]` a class
// (`[!...]` negated), `{a,b}` alternatives, `\x` a literal x.
// braceStepsUp reports whether pat (cleaned, its leading "../" steps
// taken) has a ".." element among the alternatives of braces: "{../*,*}",
// "a/{b,..}/c".
func braceStepsUp(pat string) bool {
	if !strings.Contains(pat, "..") || !strings.ContainsRune(pat, '{') {
		return false
	}
	for _, el := range strings.FieldsFunc(pat, func(r rune) bool { return r == '/' || r == '{' || r == ',' || r == '}' }) {
		if el == ".." {
			return true
		}
	}
	return false
}

func globRegexp(pat string) (*regexp.Regexp, error) {
	var b strings.Builder
	b.WriteString("^")
	depth := 0 // open {
	for i := 0; i < len(pat); i++ {
		c := pat[i]
		switch c {
		case '*':
			if i+1 < len(pat) && pat[i+1] == '*' {
				i++
				if i+1 < len(pat) && pat[i+1] == '/' {
					i++
					b.WriteString("(?:.*/)?")
				} else {
					b.WriteString(".*")
				}
			} else {
				b.WriteString("[^/]*")
			}
		case '?':
			b.WriteString("[^/]")
		case '[':
			j := strings.IndexByte(pat[i+1:], ']')
			if j < 0 {
				return nil, fmt.Errorf("pattern %q has an unclosed [", pat)
			}
			class := pat[i+1 : i+1+j]
			i += j + 1
			if class == "" {
				return nil, fmt.Errorf("pattern %q has an empty []", pat)
			}
			b.WriteString("[")
			if class[0] == '!' || class[0] == '^' {
				b.WriteString("^/")
				class = class[1:]
			}
			b.WriteString(strings.ReplaceAll(strings.ReplaceAll(class, `\`, `\\`), "[", `\[`))
			b.WriteString("]")
		case '{':
			depth++
			b.WriteString("(?:")
		case '}':
			if depth == 0 {
				return nil, fmt.Errorf("pattern %q has an unmatched }", pat)
			}
			depth--
			b.WriteString(")")
		case ',':
			if depth > 0 {
				b.WriteString("|")
			} else {
				b.WriteString(",")
			}
		case '\\':
			if i+1 < len(pat) {
				i++
				b.WriteString(regexp.QuoteMeta(pat[i : i+1]))
			}
		default:
			b.WriteString(regexp.QuoteMeta(pat[i : i+1]))
		}
	}
	if depth != 0 {
		return nil, fmt.Errorf("pattern %q has an unclosed {", pat)
	}
	b.WriteString("$")
	return regexp.Compile(b.String())
}
