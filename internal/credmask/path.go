package credmask

import (
	"os"
	"strings"
)

// Path is Text for a path: Text finds a credential between characters
// that cannot continue it, and '/' continues a secret access key (it holds
// some), so a key that is a component of the path (out/<key>/x.txt: a run
// of more than 40 for Text) is masked here too: each component is masked
// as Text masks it alone. A key with '/' followed by more components
// (<key>/b.json) is not: any 40 characters between two '/' are no key (a
// path of words and numbers has them: /tmp/TestSymlinkLoops2863478537/001/loop).
func Path(p string) string {
	m := Text(p)
	if !KeyRun(p) {
		return m
	}
	var b []byte
	maskSpan := func(i, j int) {
		if t := Text(p[i:j]); t != p[i:j] {
			if b == nil {
				b = []byte(m)
			}
			for k := range t {
				if t[k] == '*' {
					b[i+k] = '*'
				}
			}
		}
	}
	start := 0
	for i := 0; i <= len(p); i++ {
		if i < len(p) && p[i] != '/' {
			continue
		}
		maskSpan(start, i)
		start = i + 1
	}
	if b == nil {
		return m
	}
	return string(b)
}

// Missing returns name and msg, a message that quotes it, masked as Path
// masks them when nothing is at name (os.Lstat fails): the name is then
// only an argument of the command line, maybe a credential given by mistake
// (--var secret_key wJal..., a space for the =, makes the key a path;
// --var-file $AWS_ACCESS_KEY_ID), and the tool never prints one. A path
// where something is keeps its name, whatever its form (editors and forges
// open it).
func Missing(name, msg string) (string, string) {
	m := Path(name)
	if m == name {
		return name, msg
	}
	if _, err := os.Lstat(name); err == nil {
		return name, msg
	}
	return m, Path(strings.ReplaceAll(msg, name, m))
}
