package extract

import (
	"crypto/sha256"
	"encoding/base64"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// The pieces of a built credential. A credential the configuration builds
// ("AKIA${local.a}", join("", ["AKIA", "..."]), format("AKIA%s", "..."))
// is masked in every message (by its digest), but the text report quotes
// the source lines, which hold the pieces as written: the pieces of a key
// are the key. secretPieces finds, in the expression that builds it (and
// in the locals and variable defaults it names), the string literals that
// are parts of it, and Secret.Pieces says where they are, for the report to
// mask them. The value itself is not kept: it is compared here, while it is
// in hand, and only the places are.

// maxPieceDepth is how many references (local.x, var.x) secretPieces
// follows from the expression that builds a credential.
const maxPieceDepth = 4

// pieceFiles parses, once each, the .tf and .tfvars files secretPieces
// reads, and indexes what it looks up in them: the expressions of a file by
// position, the locals and variable values of a directory by name. (One
// walk of a file per credential was quadratic: 3,000 built keys in one file
// took 38 CPU s.)
type pieceFiles struct {
	sources map[string][]byte
	parsed  map[string]*pieceFile
	dirs    map[string][]string              // the .tf files by directory (and the .tfvars files: tfvarsDir)
	defs    map[string]map[string][]pieceDef // by directory, then kind and name (dirDefs)
}

// pieceFile is a parsed file: its expressions but literals, by start (and
// by end, descending, for one start: the inner one last), and the
// for_each of its blocks by where they start.
type pieceFile struct {
	body    *hclsyntax.Body
	exprs   []hclsyntax.Expression
	forEach map[int]hclsyntax.Expression
}

// pieceDef is an expression that gives a local or a variable a value.
type pieceDef struct {
	x    hclsyntax.Expression
	file string
}

// maxContainScan is how many expressions before a credential's place
// enclosingExpr passes over (those of the siblings before it) looking for
// the one that holds it.
const maxContainScan = 1 << 12

func (pf *pieceFiles) file(name string) *pieceFile {
	if f, ok := pf.parsed[name]; ok {
		return f
	}
	var pfl *pieceFile
	if src := pf.sources[name]; src != nil && (strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tfvars")) {
		if f, _ := hclsyntax.ParseConfig(src, name, hcl.InitialPos); f != nil {
			if body, ok := f.Body.(*hclsyntax.Body); ok {
				pfl = &pieceFile{body: body, forEach: map[int]hclsyntax.Expression{}}
				_ = hclsyntax.VisitAll(body, func(n hclsyntax.Node) hcl.Diagnostics {
					switch e := n.(type) {
					case *hclsyntax.Block:
						if a := e.Body.Attributes["for_each"]; a != nil {
							pfl.forEach[e.DefRange().Start.Byte] = a.Expr
							pfl.forEach[e.Range().Start.Byte] = a.Expr
						}
					case *hclsyntax.LiteralValueExpr:
					case hclsyntax.Expression:
						pfl.exprs = append(pfl.exprs, e)
					}
					return nil
				})
				sort.SliceStable(pfl.exprs, func(i, j int) bool {
					a, b := pfl.exprs[i].Range(), pfl.exprs[j].Range()
					if a.Start.Byte != b.Start.Byte {
						return a.Start.Byte < b.Start.Byte
					}
					return a.End.Byte > b.End.Byte
				})
			}
		}
	}
	if pf.parsed == nil {
		pf.parsed = map[string]*pieceFile{}
	}
	pf.parsed[name] = pfl
	return pfl
}

// secretPieces returns the places (byte ranges, in the file of r) of the
// characters of the string literals of the expression at r that are parts
// of key (see maskPiece), and of the literals of the locals and variable
// values it refers to. The first four characters of the key stay: the
// reports show them.
func (pf *pieceFiles) secretPieces(r hcl.Range, key string) []hcl.Range {
	src := pf.sources[r.Filename]
	if src == nil || len(key) < 5 || r.Start.Byte < 0 || r.End.Byte > len(src) || r.Start.Byte > r.End.Byte {
		return nil
	}
	if strings.HasSuffix(r.Filename, ".json") {
		return jsonPieces(src, r, key)
	}
	f := pf.file(r.Filename)
	if f == nil {
		return nil
	}
	x := f.enclosingExpr(r)
	if x == nil {
		return nil
	}
	var out []hcl.Range
	seen := map[string]bool{}
	var walk func(x hclsyntax.Expression, file string, depth int)
	walk = func(x hclsyntax.Expression, file string, depth int) {
		s := pf.sources[file]
		_ = hclsyntax.VisitAll(x, func(n hclsyntax.Node) hcl.Diagnostics {
			switch e := n.(type) {
			case *hclsyntax.LiteralValueExpr:
				out = literalPieces(out, s, e, key)
			case *hclsyntax.ScopeTraversalExpr:
				if depth >= maxPieceDepth || len(e.Traversal) < 2 {
					break
				}
				root, ok1 := e.Traversal[0].(hcl.TraverseRoot)
				attr, ok2 := e.Traversal[1].(hcl.TraverseAttr)
				if !ok1 || !ok2 || (root.Name != "local" && root.Name != "var") {
					break
				}
				k := filepath.Dir(file) + "\x00" + root.Name + "\x00" + attr.Name
				if seen[k] {
					break
				}
				seen[k] = true
				for _, d := range pf.definitions(filepath.Dir(file), root.Name, attr.Name) {
					walk(d.x, d.file, depth+1)
				}
			}
			return nil
		})
	}
	walk(x, r.Filename, 0)
	return out
}

// definitions returns the expressions that give local name (kind "local")
// or variable name (kind "var": its default in the .tf files, its value in
// the .tfvars files) a value: in the .tf files of dir, and the .tfvars files
// anywhere (--var-file). The files of a directory are parsed and indexed
// when first asked for.
func (pf *pieceFiles) definitions(dir, kind, name string) []pieceDef {
	if pf.dirs == nil {
		pf.dirs, pf.defs = map[string][]string{}, map[string]map[string][]pieceDef{}
		for file := range pf.sources {
			switch {
			case strings.HasSuffix(file, ".tf"):
				pf.dirs[filepath.Dir(file)] = append(pf.dirs[filepath.Dir(file)], file)
			case strings.HasSuffix(file, ".tfvars"):
				pf.dirs[tfvarsDir] = append(pf.dirs[tfvarsDir], file)
			}
		}
	}
	out := pf.dirDefs(dir)[kind+"\x00"+name]
	if kind == "var" {
		out = append(out[:len(out):len(out)], pf.dirDefs(tfvarsDir)["var\x00"+name]...)
	}
	return out
}

// tfvarsDir stands for the .tfvars files in pieceFiles.dirs and defs.
const tfvarsDir = "\x00tfvars"

// dirDefs returns the index of the locals and variables of dir (kind,
// "\x00" and name), or of the values of the .tfvars files (tfvarsDir).
func (pf *pieceFiles) dirDefs(dir string) map[string][]pieceDef {
	if d, ok := pf.defs[dir]; ok {
		return d
	}
	d := map[string][]pieceDef{}
	pf.defs[dir] = d
	files := pf.dirs[dir]
	sort.Strings(files)
	for _, file := range files {
		f := pf.file(file)
		if f == nil {
			continue
		}
		if dir == tfvarsDir {
			for n, a := range f.body.Attributes {
				d["var\x00"+n] = append(d["var\x00"+n], pieceDef{a.Expr, file})
			}
			continue
		}
		for _, b := range f.body.Blocks {
			switch {
			case b.Type == "locals":
				for n, a := range b.Body.Attributes {
					d["local\x00"+n] = append(d["local\x00"+n], pieceDef{a.Expr, file})
				}
			case b.Type == "variable" && len(b.Labels) == 1:
				if a := b.Body.Attributes["default"]; a != nil {
					d["var\x00"+b.Labels[0]] = append(d["var\x00"+b.Labels[0]], pieceDef{a.Expr, file})
				}
			}
		}
	}
	return d
}

// enclosingExpr returns the smallest expression of the file that holds r
// and is not a literal (a template's literal part stands for the template),
// or, when r is where a block starts (a credential in an instance key is
// located at its block or module call), the block's for_each.
func (f *pieceFile) enclosingExpr(r hcl.Range) hclsyntax.Expression {
	if x := f.forEach[r.Start.Byte]; x != nil {
		return x
	}
	// The last expression that starts at or before r: those that hold r
	// are before it, the inner ones later (sorted by start, then end
	// descending).
	i := sort.Search(len(f.exprs), func(i int) bool { return f.exprs[i].Range().Start.Byte > r.Start.Byte }) - 1
	for n := 0; i >= 0 && n < maxContainScan; i, n = i-1, n+1 {
		if xr := f.exprs[i].Range(); r.End.Byte <= xr.End.Byte {
			return f.exprs[i]
		}
	}
	return nil
}

// literalPieces appends to out the places of the characters of the string
// literal e (in src) that are parts of key.
func literalPieces(out []hcl.Range, src []byte, e *hclsyntax.LiteralValueExpr, key string) []hcl.Range {
	v := e.Val
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return out
	}
	lit := v.AsString()
	r := e.SrcRange
	a, b := r.Start.Byte, r.End.Byte
	if lit == "" || a < 0 || b > len(src) || a >= b {
		return out
	}
	raw := src[a:b]
	if len(raw) >= 2 && raw[0] == '"' && raw[len(raw)-1] == '"' {
		a, raw = a+1, raw[1:len(raw)-1] // a quoted literal (not a template's part)
	}
	return appendPieces(out, r.Filename, a, raw, lit, key)
}

// appendPieces appends to out the places of the characters of the literal
// lit, written raw at offset a of file, that are parts of key (maskPiece):
// where raw writes one with an escape (\u0041, \", $${), the escape.
func appendPieces(out []hcl.Range, file string, a int, raw []byte, lit, key string) []hcl.Range {
	marks := maskPiece(lit, key)
	if marks == nil {
		return out
	}
	spans, ok := rawSpans(raw, lit, false)
	if !ok {
		spans, ok = rawSpans(raw, lit, true)
	}
	if !ok {
		return out
	}
	for i := 0; i < len(marks); {
		if !marks[i] {
			i++
			continue
		}
		j := i
		for j < len(marks) && marks[j] {
			j++
		}
		out = append(out, hcl.Range{Filename: file, Start: hcl.Pos{Byte: a + spans[i][0]}, End: hcl.Pos{Byte: a + spans[j-1][1]}})
		i = j
	}
	return out
}

// rawSpans returns, for each byte of lit, the bytes of raw (the source of a
// quoted literal, or of a heredoc's) that write it: itself, or the escape
// that does (not in a heredoc, whose indentation <<- strips). ok is false
// when raw does not write lit so.
func rawSpans(raw []byte, lit string, heredoc bool) (spans [][2]int, ok bool) {
	spans = make([][2]int, 0, len(lit))
	i := 0
	for i < len(raw) {
		n, width := 1, 1 // source bytes, value bytes
		switch {
		case heredoc:
			if j := len(spans); (raw[i] == ' ' || raw[i] == '\t') && (j == len(lit) || lit[j] != raw[i]) {
				i++ // indentation <<- stripped
				continue
			}
		case raw[i] == '\\' && i+1 < len(raw):
			switch raw[i+1] {
			case 'u', 'U':
				digits := 4
				if raw[i+1] == 'U' {
					digits = 8
				}
				if i+2+digits > len(raw) {
					return nil, false
				}
				r, err := strconv.ParseUint(string(raw[i+2:i+2+digits]), 16, 32)
				if err != nil {
					return nil, false
				}
				n, width = 2+digits, utf8.RuneLen(rune(r))
			default:
				n = 2
			}
		case (raw[i] == '$' || raw[i] == '%') && i+2 < len(raw) && raw[i+1] == raw[i] && raw[i+2] == '{':
			n, width = 3, 2
		}
		if width < 1 || len(spans)+width > len(lit) || n == 1 && raw[i] != lit[len(spans)] {
			return nil, false
		}
		for k := 0; k < width; k++ {
			spans = append(spans, [2]int{i, i + n})
		}
		i += n
	}
	return spans, len(spans) == len(lit)
}

// minPieceRun is the length of a run of characters a literal shares with a
// key from which the run is masked though the literal is more than it.
const minPieceRun = 4

// maskPiece returns, for each byte of the literal lit, whether it is a
// part of key (nil when none is): the literal is a substring of the key
// (a piece of a join: "ZZZZ", even "Z"), or its runs of minPieceRun or more
// characters that the key holds, in any case (upper("akia...")) or
// reversed (strrev); those that are the key's first four characters
// excepted. A literal whose base64 decodes to a text that holds the key,
// or that the key holds, is masked whole (base64decode("QUtJQ...")).
func maskPiece(lit, key string) []bool {
	if len(lit) > 1<<12 {
		return nil
	}
	var marks []bool
	mark := func(i, j int) {
		if marks == nil {
			marks = make([]bool, len(lit))
		}
		for k := i; k < j; k++ {
			marks[k] = true
		}
	}
	if i := strings.Index(key, lit); i >= 0 {
		// Where the key holds it past its first four characters.
		for ; i >= 0; i = nextIndex(key, lit, i) {
			if i+len(lit) > 4 {
				mark(max(4-i, 0), len(lit))
			}
		}
		return marks
	}
	lowLit, lowKey := strings.ToLower(lit), strings.ToLower(key)
	for _, c := range []struct {
		k      string
		prefix bool // c.k[:4] is the key's first four characters
	}{{lowKey, true}, {reverse(lowKey), false}} {
		for i := 0; i+minPieceRun <= len(lowLit); i++ {
			for j := 0; j+minPieceRun <= len(c.k); j++ {
				n := 0
				for i+n < len(lowLit) && j+n < len(c.k) && lowLit[i+n] == c.k[j+n] {
					n++
				}
				if n < minPieceRun {
					continue
				}
				from := 0
				if c.prefix && j < 4 {
					from = 4 - j
				}
				if from < n {
					mark(i+from, i+n)
				}
			}
		}
	}
	if marks == nil && len(lit) >= 8 {
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding} {
			if d, err := enc.DecodeString(lit); err == nil && len(d) >= minPieceRun && (strings.Contains(string(d), key) || strings.Contains(key, string(d))) {
				mark(0, len(lit))
				break
			}
		}
	}
	return marks
}

// nextIndex returns the next index after i where s holds sub, -1 when none.
func nextIndex(s, sub string, i int) int {
	if j := strings.Index(s[i+1:], sub); j >= 0 {
		return i + 1 + j
	}
	return -1
}

func reverse(s string) string {
	b := []byte(s)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

// jsonPieces is secretPieces for a .tf.json file: the expression is the
// JSON string that holds r ("${join(\"\", [\"AKIA\", \"...\"])}"), and its
// literals are its parts between escaped quotes.
func jsonPieces(src []byte, r hcl.Range, key string) []hcl.Range {
	a := r.Start.Byte
	for a > 0 && !(src[a-1] == '"' && !escapedAt(src, a-1)) {
		a--
	}
	b := r.End.Byte
	for b < len(src) && !(src[b] == '"' && !escapedAt(src, b)) {
		b++
	}
	if a == 0 || b >= len(src) || b-a > 1<<16 {
		return nil
	}
	var out []hcl.Range
	for i := a; i < b; {
		j := i
		for j < b && !(src[j] == '\\' && j+1 < b && src[j+1] == '"') {
			j++
		}
		if j > i {
			out = appendPieces(out, r.Filename, i, src[i:j], string(src[i:j]), key)
		}
		i = j + 2
	}
	return out
}

// escapedAt reports whether the byte at i of src follows an odd number of
// backslashes.
func escapedAt(src []byte, i int) bool {
	n := 0
	for k := i - 1; k >= 0 && src[k] == '\\'; k-- {
		n++
	}
	return n%2 == 1
}

// setPieces sets the Pieces of the credentials of found that no source
// holds literally (built).
func setPieces(found []foundSecret, literal map[[sha256.Size]byte]bool, sources map[string][]byte) {
	var pf *pieceFiles
	for _, s := range found {
		if literal[s.digest] || s.value == "" || s.Pieces != nil {
			continue
		}
		if pf == nil {
			pf = &pieceFiles{sources: sources}
		}
		s.Pieces = pf.secretPieces(s.Range, s.value)
	}
}
