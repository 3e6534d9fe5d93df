package rules

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// A want is one expected finding: rule id at file:line (file absolute).
type want struct {
	File string
	Line int
	Rule string
}

func (w want) String() string { return fmt.Sprintf("%s:%d: %s", w.File, w.Line, w.Rule) }

// wantComment matches `# want "a" "b"`, `// want +3 "a"` at the end of a line.
var (
	wantComment = regexp.MustCompile(`(?:#|//)\s*want(\s+\+\d+)?((?:\s+"[^"]*")+)\s*$`)
	wantQuoted  = regexp.MustCompile(`"([^"]*)"`)
)

// collectWants reads every annotation under a case directory:
//   - .tf and .tfvars files: `# want "rule-id"` / `// want "rule-id"` at the end
//     of a line means a finding on that line; `# want +N "rule-id"` a finding N
//     lines below (lines inside heredocs cannot hold comments);
//   - any other file F (file()d JSON, templates, .tf.json): a sidecar F.want
//     with lines `LINE rule-id` (blank lines and # comments allowed).
func collectWants(dir string) ([]want, error) {
	var ws []want
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		abs, err := filepath.Abs(path)
		if err != nil {
			return err
		}
		switch {
		case strings.HasSuffix(path, ".want"):
			target := strings.TrimSuffix(abs, ".want")
			if _, err := os.Stat(target); err != nil {
				return fmt.Errorf("%s: sidecar without its file: %v", path, err)
			}
			got, err := sidecarWants(path, target)
			ws = append(ws, got...)
			return err
		case strings.HasSuffix(path, ".tf") || strings.HasSuffix(path, ".tfvars"):
			got, err := commentWants(path, abs)
			ws = append(ws, got...)
			return err
		}
		return nil
	})
	return ws, err
}

func commentWants(path, abs string) ([]want, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var ws []want
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		m := wantComment.FindStringSubmatch(sc.Text())
		if m == nil {
			if strings.Contains(sc.Text(), "want \"") {
				return nil, fmt.Errorf("%s:%d: malformed want annotation", path, line)
			}
			continue
		}
		at := line
		if off := strings.TrimSpace(m[1]); off != "" {
			n, _ := strconv.Atoi(strings.TrimPrefix(off, "+"))
			at += n
		}
		for _, q := range wantQuoted.FindAllStringSubmatch(m[2], -1) {
			ws = append(ws, want{File: abs, Line: at, Rule: q[1]})
		}
	}
	return ws, sc.Err()
}

func sidecarWants(path, target string) ([]want, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var ws []want
	for i, l := range strings.Split(string(src), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		fields := strings.Fields(l)
		n, err := strconv.Atoi(fields[0])
		if len(fields) != 2 || err != nil || n < 1 {
			return nil, fmt.Errorf("%s:%d: want `LINE rule-id`, got %q", path, i+1, l)
		}
		ws = append(ws, want{File: target, Line: n, Rule: fields[1]})
	}
	return ws, nil
}

// caseDirs lists the case directories of one rule's testdata folder.
func caseDirs(ruleDir string) ([]string, error) {
	ents, err := os.ReadDir(ruleDir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range ents {
		if e.IsDir() {
			out = append(out, filepath.Join(ruleDir, e.Name()))
		}
	}
	return out, nil
}
