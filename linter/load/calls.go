package load

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	"github.com/iamlint/iamlint/internal/par"
	"github.com/iamlint/iamlint/linter/eval"
)

// callGraph returns, for the roots and the directories their module calls
// may reach, the directories each one's module calls may reach, cleaned
// and named as eval.Module.Dir is (loadModule, treeName): every local module source
// written in a directory's files joined to it, and, for a root, every
// directory of its .terraform/modules/modules.json. It reads the text of
// the files, not their syntax: any string written as the value of a source
// attribute (HCL) or "source" key (JSON) counts, so it names a superset of
// the calls of the files it reads (a file it cannot read, an escape in a
// source: the caller checks what the evaluation found). all is true when
// it cannot tell (a modules.json it cannot read).
func (l *loader) callGraph(roots []string) (edges map[string][]string, all bool) {
	edges = map[string][]string{}
	isRoot := map[string]bool{}
	for _, r := range roots {
		isRoot[r] = true
	}
	todo := roots
	for len(todo) > 0 && len(edges) < maxCallGraphDirs {
		each := make([][]string, len(todo))
		alls := make([]bool, len(todo))
		par.For(len(todo), 4, func(i int) {
			each[i], alls[i] = l.calls(todo[i], isRoot[todo[i]])
		})
		var next []string
		for i, d := range todo {
			all = all || alls[i]
			edges[d] = each[i]
		}
		inNext := map[string]bool{}
		for _, ts := range each {
			for _, t := range ts {
				if _, seen := edges[t]; !seen && !inNext[t] {
					inNext[t] = true
					next = append(next, t)
				}
			}
		}
		todo = next
	}
	if len(todo) > 0 {
		all = true // too many directories: not told
	}
	return edges, all
}

// maxCallGraphDirs bounds the directories callGraph reads.
const maxCallGraphDirs = 1 << 20

// calls returns the directories that the module calls of dir's files may
// reach (see callGraph); root: also those of its modules.json.
func (l *loader) calls(dir string, root bool) (out []string, all bool) {
	names, regular, _, err := l.tfFileEntries(dir)
	if err != nil {
		return nil, false
	}
	seen := map[string]bool{} // (slices.Contains: quadratic in 80,000 module calls)
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	for k, name := range names {
		if !regular[k] {
			continue // not read here (the loader reports it)
		}
		src, ok, err := readRegular(name, l.opts.MaxFileSize)
		if !ok || err != nil {
			continue
		}
		// Read as the parse of its directory reads it (readRegularFile,
		// the listing showing a regular file): kept for it.
		l.keepPre(name, src)
		for _, s := range sourceLiterals(src, strings.HasSuffix(name, ".json")) {
			if eval.IsLocalSource(s) {
				add(l.treeName(filepath.Join(dir, filepath.FromSlash(s))))
			}
		}
	}
	if !root {
		return out, false
	}
	idx := filepath.Join(dir, ".terraform", "modules", "modules.json")
	st, err := os.Lstat(idx)
	switch {
	case err != nil:
	case !st.Mode().IsRegular(), st.Size() > l.opts.MaxFileSize, l.outsideDirLink(dir, idx) != nil:
		// The loader says why it does not read it (modulesIndex); one
		// under a link to a directory outside (.terraform -> ../x) was
		// read here, and the directories it names parsed.
		all = true
	default:
		// Opened without blocking, no more than the limit read (readRegular):
		// the path may have changed since the Lstat.
		src, ok, err := readRegular(idx, l.opts.MaxFileSize)
		var doc struct {
			Modules []struct{ Dir string }
		}
		if !ok || err != nil || json.Unmarshal(src, &doc) != nil {
			return out, true
		}
		for _, m := range doc.Modules {
			add(l.treeName(manifestDir(dir, m.Dir)))
		}
	}
	return out, all
}

// manifestDir is the directory that a Dir of root's modules.json names:
// relative to root, as terraform init writes it, or absolute as written
// (terraform init with an absolute TF_DATA_DIR writes absolute ones). An
// absolute Dir was joined to root (root/abs/path): the module was "not
// found" and not linted.
func manifestDir(root, dir string) string {
	dir = filepath.FromSlash(dir)
	if filepath.IsAbs(dir) {
		return filepath.Clean(dir)
	}
	return filepath.Join(root, dir)
}

// indexSource is bytes.Index(src[i:], "source") + i (-1 when none): it
// looks for the word's u, the rarest of its letters in Terraform (bytes.Index
// looks for its s, in every "aws", and compares at each: 0.4% of the
// instructions of a dense estate, every file of which is searched).
func indexSource(src []byte, i int) int {
	const word, u = "source", 2 // word[u] == 'u'
	for p := i + u; p < len(src); p++ {
		j := bytes.IndexByte(src[p:], 'u')
		if j < 0 {
			return -1
		}
		if p += j; p+len(word)-u <= len(src) && string(src[p-u:p-u+len(word)]) == word {
			return p - u
		}
	}
	return -1
}

// sourceLiterals returns the strings written as the value of an attribute
// named source (src is HCL) or of a key "source" (JSON), as written
// between the quotes.
func sourceLiterals(src []byte, isJSON bool) []string {
	var out []string
	word := []byte("source")
	for i := 0; ; {
		at := indexSource(src, i)
		if at < 0 {
			return out
		}
		i = at + len(word)
		if at > 0 && (isWordByte(src[at-1]) || (isJSON && src[at-1] != '"')) {
			continue
		}
		k := i
		if isJSON {
			if k >= len(src) || src[k] != '"' {
				continue
			}
			k++
		}
		k = skipBlanks(src, k)
		sep := byte('=')
		if isJSON {
			sep = ':'
		}
		if k >= len(src) || src[k] != sep || (!isJSON && k+1 < len(src) && src[k+1] == '=') {
			continue
		}
		k = skipBlanks(src, k+1)
		if k >= len(src) || src[k] != '"' {
			continue
		}
		end := bytes.IndexByte(src[k+1:], '"')
		if end < 0 {
			return out
		}
		out = append(out, string(src[k+1:k+1+end]))
		i = k + 1 + end
	}
}

func isWordByte(c byte) bool {
	return c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func skipBlanks(src []byte, k int) int {
	for k < len(src) && (src[k] == ' ' || src[k] == '\t') {
		k++
	}
	return k
}
