package report

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Printable returns s as a line-oriented report prints it: its control
// characters (a newline, an escape sequence; tabs are kept) and invalid
// UTF-8 as U+FFFD, as source snippets show them. Names and messages come
// from the input (a file named "x\x1b[2K.tf", a value quoted in an error):
// they must not move the cursor, clear or recolour the terminal or a CI
// log, nor start a line that looks like another finding.
func Printable(s string) string {
	if plainASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unprintable(r) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	return b.String()
}

// unprintable reports whether r is shown as U+FFFD in text output: a
// control character other than tab, an invalid byte, or a bidirectional
// control (U+202E and its kin), which would make a terminal show the line
// in another order than it is read ("Trojan Source").
func unprintable(r rune) bool {
	return r != '\t' && (unicode.IsControl(r) || r == utf8.RuneError || unicode.Is(unicode.Bidi_Control, r))
}

// PrintableFile is Printable for a file name that starts a line of a
// line-oriented report or of stderr (file:line:col: ...): a name that
// would start the line with "::" after white space ("::stop-commands::x.tf",
// a file of the scanned repository) is written "./::stop-commands::x.tf",
// the same file. GitHub Actions reads such a line of a step's output, stdout
// or stderr, as a workflow command: ::stop-commands:: turned the annotations
// after it off.
func PrintableFile(name string) string {
	name = Printable(name)
	if WorkflowCommand(name) {
		return "./" + name
	}
	return name
}

// WorkflowCommand reports whether a line starting with s would be read as
// a GitHub Actions workflow command: "::" after white space, which the
// runner trims (Unicode's, as .NET's TrimStart).
func WorkflowCommand[T string | []byte](s T) bool {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(string(s[i:min(i+utf8.UTFMax, len(s))]))
		if !unicode.IsSpace(r) {
			break
		}
		i += n
	}
	return len(s)-i >= 2 && s[i] == ':' && s[i+1] == ':'
}
