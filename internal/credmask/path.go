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
// Missing masks those too, in the part of a path where nothing is.
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

// Missing returns name and msg, a message that quotes it, masked when
// nothing is at name (os.Lstat fails): the name is then only an argument
// of the command line, maybe a credential given by mistake (--var
// secret_key wJal..., a space for the =, makes the key a path; --var-file
// $AWS_ACCESS_KEY_ID; --write-baseline $AWS_SECRET_ACCESS_KEY/out.json),
// and the tool never prints one. It is masked as Path masks it, and so is
// every run of 40 characters of the form of a secret access key (SecretKey)
// that begins after a '/' or at the start of a run of base64 characters
// and ends before a '/' or at the end of such a run, within the part of name after its longest leading
// directory that exists (secretPaths): a key holds '/' (almost one in two
// does), so <key>/out.json or out/<key>/x.json is a run of more than 40
// for Text and a key spread over several components for Path. A directory
// that exists is a name, not an argument given by mistake
// (/tmp/TestSymlinkLoops2863478537/001/loop: 40 characters between two
// '/'), and a path where something is keeps its name, whatever its form
// (editors and forges open it).
func Missing(name, msg string) (string, string) {
	m := Path(name)
	if _, err := os.Lstat(name); err == nil {
		return name, msg
	}
	spans := secretPaths(name, existingDir(name))
	if m == name && len(spans) == 0 {
		return name, msg
	}
	b := []byte(m)
	for _, s := range spans {
		for k := s[0] + 4; k < s[1]; k++ {
			b[k] = '*'
		}
	}
	masked := string(b)
	msg = strings.ReplaceAll(msg, name, masked)
	for _, s := range spans {
		// The message may quote the key apart from name (a directory of
		// it): masked wherever it is.
		msg = strings.ReplaceAll(msg, name[s[0]:s[1]], masked[s[0]:s[1]])
	}
	return masked, Path(msg)
}

// existingDir returns the length of the longest leading part of name,
// ending before a '/', that is something on the file system (a directory:
// name goes on after it), 0 for none.
func existingDir(name string) int {
	for k := strings.LastIndexByte(name, '/'); k > 0; k = strings.LastIndexByte(name[:k], '/') {
		if _, err := os.Lstat(name[:k]); err == nil {
			return k
		}
	}
	return 0
}

// secretPaths returns the places [i, j) of p, i >= from, of the runs of 40
// base64 characters of the form of a secret access key (SecretKey) that
// begin at the start of a run of base64 characters or after a '/', and end
// at the end of such a run (not before '=', as Text) or before a '/': a key
// in a path, whole or as components, with the '/' it holds (a key that
// begins or ends with '/' makes "//" with the path's own: $KEY/out.json).
func secretPaths(p string, from int) [][2]int {
	var out [][2]int
	for rs := from; rs < len(p); {
		if !base64Char(p[rs]) {
			rs++
			continue
		}
		re := rs
		for re < len(p) && base64Char(p[re]) {
			re++
		}
		for i := rs; i+40 <= re; i++ {
			j := i + 40
			if !(i == rs || p[i-1] == '/') || !(j == re && (re == len(p) || p[re] != '=') || j < re && p[j] == '/') {
				continue
			}
			if SecretKey(p[i:j]) {
				if n := len(out); n > 0 && out[n-1][1] > i {
					out[n-1][1] = j // overlapping: one span
				} else {
					out = append(out, [2]int{i, j})
				}
			}
		}
		rs = re
	}
	return out
}
