package docgen

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/suppress"
	"github.com/iamlint/iamlint/rules"
)

// Catalog is every rule iamlint knows, sorted by ID: rules.All and the
// invalid-suppression rule of package suppress.
func Catalog() []*linter.Rule {
	out := append([]*linter.Rule{}, rules.All...)
	if ByID(rules.All, suppress.RuleID) == nil {
		out = append(out, suppress.Rule)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// ByID returns the rule of rs with the given ID, or nil.
func ByID(rs []*linter.Rule, id string) *linter.Rule {
	for _, r := range rs {
		if r != nil && r.ID == id {
			return r
		}
	}
	return nil
}

// Example is one example configuration: one file, or a few (a .tf file and
// the JSON it reads with file()).
type Example struct {
	Source string // where it comes from: rules/testdata/<id>/<case>/<file> (one file) or .../<case>/ (several); "" when written here
	Text   string // the configuration (one file), want annotations removed
	Files  []File // every file, Text included as the first; names relative to the case
}

// File is one file of an example.
type File struct {
	Name string
	Text string
}

// notSuppressible is what the docs say instead of "how to suppress" for
// invalid-suppression, whose findings no comment or ignore can hide.
const notSuppressible = "Its findings cannot be suppressed by a comment or an `ignore` block: fix or remove the suppression it reports, " +
	"or turn the rule off with `--disable invalid-suppression` (or `disable = [\"invalid-suppression\"]` in `.iamlint.hcl`)."

// handWritten are examples of rules that have no golden test data.
var handWritten = map[string][2]string{
	suppress.RuleID: {
		`resource "aws_iam_role_policy" "agent" {
  role = aws_iam_role.agent.id
  # iamlint:ignore wildcard-resorce
  policy = data.aws_iam_policy_document.agent.json
}
`,
		`# iamlint:ignore wildcard-resource -- CloudWatch agent needs it; expires 2027-06-30
data "aws_iam_policy_document" "agent" {
  statement {
    actions   = ["ec2:DescribeTags", "logs:PutLogEvents"]
    resources = ["*"]
  }
}
`,
	},
}

var (
	wantRE     = regexp.MustCompile(`\s*(?:#|//)\s*want(\s+\+\d+)?((?:\s+"[^"]*")+)\s*$`)
	wantLineRE = regexp.MustCompile(`^\s*(?:#|//)\s*want(\s+\+\d+)?((?:\s+"[^"]*")+)\s*$`)
)

// maxExampleLines bounds the examples taken from cases of several files.
const maxExampleLines = 60

type caseFiles struct {
	dir   string
	files []File // .tf first, then the rest by name; sidecars (.want) left out
	wants []string
	known bool
	// chosen: the case holds a file named EXAMPLE, which makes it the
	// rule's example before any other (a short case about how a value is
	// evaluated would otherwise be taken before one that shows the rule).
	chosen bool
	lines  int
}

func readCase(fsys fs.FS, dir string) caseFiles {
	c := caseFiles{dir: dir}
	_ = fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		raw, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil
		}
		name := strings.TrimPrefix(p, dir+"/")
		switch {
		case d.Name() == "KNOWN_ISSUE":
			c.known = true
		case d.Name() == "EXAMPLE":
			c.chosen = true
		case strings.HasSuffix(name, ".want"):
			c.wants = append(c.wants, string(raw))
		default:
			c.files = append(c.files, File{Name: name, Text: string(raw)})
			c.lines += strings.Count(string(raw), "\n")
		}
		return nil
	})
	sort.SliceStable(c.files, func(i, j int) bool {
		ti, tj := strings.HasSuffix(c.files[i].Name, ".tf"), strings.HasSuffix(c.files[j].Name, ".tf")
		if ti != tj {
			return ti
		}
		return c.files[i].Name < c.files[j].Name
	})
	return c
}

// flags reports whether the case expects a finding of id, and whether it
// expects any finding.
func (c caseFiles) flags(id string) (this, any bool) {
	for _, f := range c.files {
		if strings.Contains(f.Text, "want \"") {
			any = true
		}
		if wantsRule(f.Text, id) {
			this = true
		}
	}
	for _, w := range c.wants {
		for _, l := range strings.Split(w, "\n") {
			if l = strings.TrimSpace(l); l == "" || strings.HasPrefix(l, "#") {
				continue
			}
			any = true
			if f := strings.Fields(l); len(f) >= 2 && f[1] == id {
				this = true
			}
		}
	}
	return this, any
}

// better reports whether case a makes a better example than b: a case
// with an EXAMPLE file first, then up to maxExampleLines before longer, one file before several, then fewer lines,
// then by name.
func better(a, b *caseFiles) bool {
	if b == nil {
		return true
	}
	if a.chosen != b.chosen {
		return a.chosen
	}
	if (a.lines <= maxExampleLines) != (b.lines <= maxExampleLines) {
		return a.lines <= maxExampleLines
	}
	if (len(a.files) == 1) != (len(b.files) == 1) {
		return len(a.files) == 1
	}
	if a.lines != b.lines {
		return a.lines < b.lines
	}
	return a.dir < b.dir
}

// Examples returns a flagged (bad) and a clean (good) example of rule id from
// its golden test data: the shortest case that expects a finding of the rule,
// and the shortest one that expects none (cases named *-clean first); cases
// of up to 60 lines and of one file are preferred, cases with a KNOWN_ISSUE
// are never taken. Either is nil when there is none.
func Examples(id string) (bad, good *Example) {
	if hw, ok := handWritten[id]; ok {
		return &Example{Text: hw[0], Files: []File{{Name: "main.tf", Text: hw[0]}}},
			&Example{Text: hw[1], Files: []File{{Name: "main.tf", Text: hw[1]}}}
	}
	fsys := rules.Examples
	dir := path.Join("testdata", id)
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, nil
	}
	var badCase, goodCase *caseFiles
	goodClean := false
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		c := readCase(fsys, path.Join(dir, e.Name()))
		if c.known || len(c.files) == 0 || !strings.HasSuffix(c.files[0].Name, ".tf") {
			continue
		}
		this, any := c.flags(id)
		switch {
		case this:
			if better(&c, badCase) {
				badCase = &c
			}
		case !any:
			clean := strings.HasSuffix(e.Name(), "-clean")
			if goodCase == nil || (clean && !goodClean) || (clean == goodClean && better(&c, goodCase)) {
				goodCase, goodClean = &c, clean
			}
		}
	}
	return exampleOf(badCase, id), exampleOf(goodCase, id)
}

func exampleOf(c *caseFiles, id string) *Example {
	if c == nil {
		return nil
	}
	e := &Example{Source: "rules/" + c.dir + "/"}
	if len(c.files) == 1 {
		e.Source += c.files[0].Name
	}
	for _, f := range c.files {
		t := f.Text
		if strings.HasSuffix(f.Name, ".tf") || strings.HasSuffix(f.Name, ".tfvars") {
			t = stripWants(t, id)
		}
		e.Files = append(e.Files, File{Name: f.Name, Text: t})
	}
	e.Text = e.Files[0].Text
	return e
}

func wantsRule(text, id string) bool {
	for _, line := range strings.Split(text, "\n") {
		if m := wantRE.FindStringSubmatch(line); m != nil && strings.Contains(m[2], `"`+id+`"`) {
			return true
		}
	}
	return false
}

// stripWants removes want annotations: a line that is only one is dropped, one
// at the end of a line that names id becomes "# <- id".
func stripWants(text, id string) string {
	lines := strings.Split(text, "\n")
	out := lines[:0]
	for _, line := range lines {
		if wantLineRE.MatchString(line) {
			continue
		}
		if m := wantRE.FindStringSubmatchIndex(line); m != nil {
			named := line[m[4]:m[5]]
			mark := ""
			if m[2] < 0 && strings.Contains(named, `"`+id+`"`) {
				mark = " # <- " + id
			}
			line = strings.TrimRight(line[:m[0]], " \t") + mark
		}
		out = append(out, line)
	}
	return strings.TrimRight(strings.Join(out, "\n"), "\n") + "\n"
}

// Explain writes the text of `iamlint explain`.
func Explain(w io.Writer, r *linter.Rule) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n", r.ID, r.Title)
	fmt.Fprintf(&b, "Severity: %s\n", r.Severity)
	if r.Doc.Why != "" {
		fmt.Fprintf(&b, "\nWhy it matters:\n%s\n", indent(wrap(r.Doc.Why, 78)))
	}
	if r.Doc.Fix != "" {
		fmt.Fprintf(&b, "\nHow to fix:\n%s\n", indent(wrap(r.Doc.Fix, 78)))
	}
	bad, good := Examples(r.ID)
	if bad != nil {
		fmt.Fprintf(&b, "\nFlagged%s:\n%s", from(bad), exampleText(bad))
	}
	if good != nil {
		fmt.Fprintf(&b, "\nNot flagged%s:\n%s", from(good), exampleText(good))
	}
	if r.ID == suppress.RuleID {
		b.WriteString("\n" + notSuppressible + "\n")
	} else {
		fmt.Fprintf(&b, "\nTo accept a finding, on the line above its block or at the end of its line:\n    # iamlint:ignore %s -- reason; expires YYYY-MM-DD\n", r.ID)
	}
	if len(r.Doc.Links) > 0 {
		b.WriteString("\nLinks:\n")
		for _, l := range r.Doc.Links {
			fmt.Fprintf(&b, "  %s\n", l)
		}
	}
	fmt.Fprintf(&b, "  %s\n", DocURL(r.ID))
	_, err := io.WriteString(w, b.String())
	return err
}

// DocURL is the web address of docs/rules/<id>.md.
func DocURL(id string) string {
	return "https://github.com/iamlint/iamlint/blob/main/docs/rules/" + id + ".md"
}

func from(e *Example) string {
	if e.Source == "" {
		return ""
	}
	return " (" + e.Source + ")"
}

func indent(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "  " + l
		}
	}
	return strings.Join(lines, "\n")
}

func indent4(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "    " + l
		}
	}
	return strings.Join(lines, "\n")
}

// wrap folds paragraphs at width.
func wrap(s string, width int) string {
	var out []string
	for _, para := range strings.Split(strings.TrimSpace(s), "\n") {
		words := strings.Fields(para)
		line := ""
		for _, w := range words {
			if line != "" && len(line)+1+len(w) > width {
				out = append(out, line)
				line = w
				continue
			}
			if line != "" {
				line += " "
			}
			line += w
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// RuleMarkdown is docs/rules/<id>.md.
func RuleMarkdown(r *linter.Rule) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "<!-- Generated by go generate ./internal/docgen from the rule and its test data. Do not edit. -->\n")
	fmt.Fprintf(&b, "# %s\n\n", r.ID)
	fmt.Fprintf(&b, "%s.\n\n", upperFirst(r.Title))
	fmt.Fprintf(&b, "- Severity: **%s**\n", r.Severity)
	fmt.Fprintf(&b, "- Explain: `iamlint explain %s`\n", r.ID)
	if peers := suppress.PeersOf(r.ID); len(peers) > 0 {
		fmt.Fprintf(&b, "- Peer checks whose ignore comments iamlint honours: %s\n", "`"+strings.Join(peers, "`, `")+"`")
	}
	if r.Doc.Why != "" {
		fmt.Fprintf(&b, "\n## Why it matters\n\n%s\n", strings.TrimSpace(r.Doc.Why))
	}
	if r.Doc.Fix != "" {
		fmt.Fprintf(&b, "\n## How to fix\n\n%s\n", strings.TrimSpace(r.Doc.Fix))
	}
	bad, good := Examples(r.ID)
	if bad != nil || good != nil {
		b.WriteString("\n## Examples\n")
	}
	if bad != nil {
		fmt.Fprintf(&b, "\nFlagged%s:\n%s", mdFrom(bad), exampleMarkdown(bad))
	}
	if good != nil {
		fmt.Fprintf(&b, "\nNot flagged%s:\n%s", mdFrom(good), exampleMarkdown(good))
	}
	if r.ID == suppress.RuleID {
		b.WriteString("\n## Suppressing\n\n" + notSuppressible + "\n")
	} else {
		fmt.Fprintf(&b, "\n## Suppressing\n\nOn the line above the block, or at the end of the offending line (a reason is required, the expiry is optional):\n\n```hcl\n# iamlint:ignore %s -- why this is accepted; expires 2027-06-30\n```\n", r.ID)
	}
	if len(r.Doc.Links) > 0 {
		b.WriteString("\n## Links\n\n")
		for _, l := range r.Doc.Links {
			fmt.Fprintf(&b, "- <%s>\n", l)
		}
	}
	return b.Bytes()
}

// exampleText is an example for the terminal: indented, each file named
// when there are several.
func exampleText(e *Example) string {
	var b strings.Builder
	for _, f := range e.Files {
		if len(e.Files) > 1 {
			fmt.Fprintf(&b, "\n  %s:\n", f.Name)
		}
		fmt.Fprintf(&b, "\n%s\n", indent4(f.Text))
	}
	return b.String()
}

// exampleMarkdown is an example as fenced code blocks, each file named when
// there are several.
func exampleMarkdown(e *Example) string {
	var b strings.Builder
	for _, f := range e.Files {
		if len(e.Files) > 1 {
			fmt.Fprintf(&b, "\n`%s`:\n", f.Name)
		}
		text := f.Text
		if !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
		fmt.Fprintf(&b, "\n```%s\n%s```\n", fence(f.Name), text)
	}
	return b.String()
}

func fence(name string) string {
	switch {
	case strings.HasSuffix(name, ".json"):
		return "json"
	case strings.HasSuffix(name, ".tf"), strings.HasSuffix(name, ".tfvars"):
		return "hcl"
	}
	return "text"
}

func mdFrom(e *Example) string {
	if e.Source == "" {
		return ""
	}
	return " (`" + e.Source + "`)"
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Begin and End mark the generated rule table in README.md.
const (
	Begin = "<!-- rules:begin -->"
	End   = "<!-- rules:end -->"
)

// RulesTable is the README rule table.
func RulesTable(rs []*linter.Rule) string {
	var b strings.Builder
	b.WriteString("| rule | severity | title |\n|---|---|---|\n")
	for _, r := range rs {
		fmt.Fprintf(&b, "| [`%s`](docs/rules/%s.md) | %s | %s |\n", r.ID, r.ID, r.Severity, r.Title)
	}
	return b.String()
}

// UpdateReadme replaces what is between Begin and End with the rule table.
func UpdateReadme(readme []byte, rs []*linter.Rule) ([]byte, error) {
	s := string(readme)
	i := strings.Index(s, Begin)
	j := strings.Index(s, End)
	if i < 0 || j < i {
		return nil, fmt.Errorf("README.md: no %s ... %s markers", Begin, End)
	}
	return []byte(s[:i+len(Begin)] + "\n" + RulesTable(rs) + s[j:]), nil
}

// Generate returns the generated files (paths relative to root, / separated)
// and their content, from the catalog and root's README.md.
func Generate(root string) (map[string][]byte, error) {
	rs := Catalog()
	out := map[string][]byte{}
	for _, r := range rs {
		out["docs/rules/"+r.ID+".md"] = RuleMarkdown(r)
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		return nil, err
	}
	if out["README.md"], err = UpdateReadme(readme, rs); err != nil {
		return nil, err
	}
	return out, nil
}

// Write writes the generated files under root and removes docs/rules/*.md
// files of rules that no longer exist.
func Write(root string) error {
	files, err := Generate(root)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(root, "docs", "rules"), 0o755); err != nil {
		return err
	}
	for _, old := range extraDocs(root, files) {
		if err := os.Remove(filepath.Join(root, filepath.FromSlash(old))); err != nil {
			return err
		}
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(name)), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Check returns the generated files under root that are missing, differ from
// what Generate gives, or are docs of rules that no longer exist.
func Check(root string) ([]string, error) {
	files, err := Generate(root)
	if err != nil {
		return nil, err
	}
	var stale []string
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
		if err != nil || !bytes.Equal(got, want) {
			stale = append(stale, name)
		}
	}
	stale = append(stale, extraDocs(root, files)...)
	sort.Strings(stale)
	return stale, nil
}

func extraDocs(root string, files map[string][]byte) []string {
	ms, _ := filepath.Glob(filepath.Join(root, "docs", "rules", "*.md"))
	var out []string
	for _, m := range ms {
		name := "docs/rules/" + filepath.Base(m)
		if _, ok := files[name]; !ok {
			out = append(out, name)
		}
	}
	return out
}
