// Command iamlint lints Terraform configurations and plans for AWS IAM
// mistakes. It is a thin shell over package linter: it parses flags, runs
// linter.Lint, picks a formatter and sets the exit code (CLI.md).
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/iamlint/iamlint/internal/credmask"
	"github.com/iamlint/iamlint/internal/docgen"
	"github.com/iamlint/iamlint/internal/regfile"
	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/baseline"
	"github.com/iamlint/iamlint/linter/config"
	"github.com/iamlint/iamlint/linter/report"
)

// version is the version of iamlint; release builds set it with
// -ldflags "-X main.version=...".
var version = "0.1.0"

// Exit codes (CLI.md).
const (
	exitOK       = 0
	exitFindings = 1
	exitError    = 2
)

func main() {
	tuneGC(os.Getenv)
	total, cgroup := machineMemory()
	softMemoryLimit(os.Getenv, total, cgroup)
	hugeHeapOn.Store(true)
	baseline.AddressSpaceLeft = linter.AddressSpaceRemaining
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole command, for main and the tests.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	pw := &printableWriter{w: stderr}
	defer pw.flush()
	stderr = pw
	if len(args) > 0 {
		switch args[0] {
		case "rules", "explain", "version":
			if _, err := os.Lstat(args[0]); err == nil {
				// A directory (or file) of that name: the subcommand ran,
				// and the user who meant to lint it got the catalog.
				fmt.Fprintf(stderr, "iamlint: note: %q is the %s subcommand; to lint the path of that name, write ./%s\n", args[0], args[0], args[0])
			}
		}
		switch args[0] {
		case "rules":
			return cmdRules(args[1:], stdout, stderr)
		case "explain":
			return cmdExplain(args[1:], stdout, stderr)
		case "version":
			if len(args) > 1 {
				fmt.Fprintln(stderr, "usage: iamlint version")
				return exitError
			}
			return printVersion(stdout, stderr)
		}
	}
	return cmdLint(args, stdin, stdout, stderr)
}

// printVersion writes the version line; a write that fails (a full disk,
// a closed pipe) is said and is exit status 2, as for the other
// subcommands' output.
func printVersion(stdout, stderr io.Writer) int {
	if _, err := fmt.Fprintf(stdout, "iamlint %s\n", version); err != nil {
		fmt.Fprintf(stderr, "iamlint: %v\n", err)
		return exitError
	}
	return exitOK
}

// decimalFlag is an int flag written in decimal only: flag.IntVar read
// --max-instances 010 as 8 (octal) and 0x10 as 16, and refused 08 with
// "parse error".
type decimalFlag struct{ p *int }

func (d decimalFlag) String() string {
	if d.p == nil {
		return "0"
	}
	return strconv.Itoa(*d.p)
}

func (d decimalFlag) Set(s string) error {
	n, err := strconv.ParseInt(s, 10, strconv.IntSize)
	switch {
	case errors.Is(err, strconv.ErrRange):
		return fmt.Errorf("%s is out of range", s)
	case err != nil:
		return errors.New("want a whole number in decimal digits")
	}
	*d.p = int(n)
	return nil
}

// listFlag collects repeatable, comma-separated values.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error {
	vs := strings.Split(s, ",")
	for i, v := range vs {
		vs[i] = strings.TrimSpace(v)
		if vs[i] == "" {
			// An empty --enable would run every rule, an empty element
			// (a,,b or a trailing comma) is a typo: both are refused.
			if strings.TrimSpace(s) == "" {
				return errors.New("no rule ID (want ID,...; see iamlint rules)")
			}
			return errors.New("empty rule ID in the list (want ID,...; see iamlint rules)")
		}
	}
	*l = append(*l, vs...)
	return nil
}

// repeatFlag collects repeatable values as given (--var NAME=VALUE may hold commas).
type repeatFlag []string

func (r *repeatFlag) String() string     { return strings.Join(*r, " ") }
func (r *repeatFlag) Set(s string) error { *r = append(*r, s); return nil }

// varFlag is --var: it also records how many --var-file came before each
// value, since Terraform applies the two in command-line order.
type varFlag struct {
	vals  []string
	after []int
	files *repeatFlag
}

func (v *varFlag) String() string { return strings.Join(v.vals, " ") }
func (v *varFlag) Set(s string) error {
	v.vals = append(v.vals, s)
	n := 0
	if v.files != nil {
		n = len(*v.files)
	}
	v.after = append(v.after, n)
	return nil
}

type lintFlags struct {
	format, output, minSeverity, failOn, config string
	baseline, writeBaseline, source             string
	enable, disable                             listFlag
	varFiles                                    repeatFlag
	vars                                        varFlag
	newOnly, debug, version, principals         bool
	maxFileSize                                 sizeFlag
	maxInstances, maxModuleDepth                int
	maxPolicyValues                             int
	outFile                                     *os.File // the --output pipe or device, opened before the run
}

func newLintFlagSet(stderr io.Writer) (*flag.FlagSet, *lintFlags) {
	lf := &lintFlags{}
	lf.vars.files = &lf.varFiles
	fs := flag.NewFlagSet("iamlint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&lf.format, "format", "text", "output `format`: "+strings.Join(formatNames(), ", "))
	fs.StringVar(&lf.output, "output", "", "write the report to `FILE` instead of stdout")
	fs.StringVar(&lf.output, "o", "", "write the report to `FILE` (same as --output)")
	fs.StringVar(&lf.minSeverity, "min-severity", "low", "do not report findings below `SEVERITY` (low, medium, high, critical)")
	fs.StringVar(&lf.failOn, "fail-on", "low", "lowest `SEVERITY` that makes the exit code 1 (low, medium, high, critical, none)")
	fs.Var(&lf.enable, "enable", "run only these rules (`ID,...`; repeatable)")
	fs.Var(&lf.disable, "disable", "do not run these rules (`ID,...`; repeatable)")
	fs.StringVar(&lf.config, "config", "", "configuration `FILE` (.iamlint.hcl)")
	fs.Var(&lf.varFiles, "var-file", "input variables from a .tfvars `FILE` (repeatable)")
	fs.Var(&lf.vars, "var", "input variable `NAME=VALUE` (repeatable)")
	fs.StringVar(&lf.baseline, "baseline", "", "report only findings not recorded in baseline `FILE`")
	fs.StringVar(&lf.writeBaseline, "write-baseline", "", "record the current findings in baseline `FILE`")
	fs.BoolVar(&lf.newOnly, "new-only", false, "plans: report only findings the plan adds over the prior state")
	fs.StringVar(&lf.source, "source", "", "plans: `DIR` of the plan's Terraform source, to lint policies unknown until apply and locate findings in the .tf (default: the plan's directory when it holds .tf files)")
	fs.BoolVar(&lf.principals, "principals", false, "text: add a table of every user, group and role's effective permissions (admin-equivalent, escalation paths, write access); --format json always has them")
	fs.BoolVar(&lf.debug, "debug", false, "print counts, every diagnostic and the stack of any internal error on stderr")
	fs.Var(&lf.maxFileSize, "max-file-size", "do not read files larger than `SIZE` (bytes, or with KiB/MiB/GiB; default 4MiB)")
	lf.maxInstances, lf.maxModuleDepth, lf.maxPolicyValues = 1024, 16, linter.DefaultMaxPolicyValues
	fs.Var(decimalFlag{&lf.maxInstances}, "max-instances", "evaluate at most `N` instances per count / for_each (at most 100000)")
	fs.Var(decimalFlag{&lf.maxModuleDepth}, "max-module-depth", "follow module calls at most `N` levels deep (at most 100)")
	fs.Var(decimalFlag{&lf.maxPolicyValues}, "max-policy-values", "read at most about `N` values (actions, resources, principals, condition values) of the policies of a root module")
	fs.BoolVar(&lf.version, "version", false, "print the version and exit")
	fs.Usage = func() {
		fmt.Fprintf(stderr, `usage: iamlint [flags] [PATH ...]
       iamlint rules [--format text|json]
       iamlint explain RULE-ID
       iamlint version

Lints Terraform directories, files and plans (terraform show -json; "-" for
stdin) for AWS IAM mistakes. With no PATH, the current directory.

Exit status: 0 no finding at or above --fail-on, 1 findings, 2 the linter
could not do its job (bad flags, unreadable path, a file that does not parse).

Flags:
`)
		printFlags(fs, stderr)
	}
	return fs, lf
}

// dashedPath returns the argument that the flag error err refused as an
// unknown flag when a file or directory has its name (-x.tf), or "".
func dashedPath(args []string, err error) string {
	name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: ")
	if !ok {
		return ""
	}
	for _, a := range args {
		if a == "--" {
			break
		}
		if strings.HasPrefix(a, "-") && strings.TrimLeft(a, "-") == strings.TrimLeft(name, "-") {
			if _, err := os.Lstat(a); err == nil {
				return a
			}
		}
	}
	return ""
}

// parseInterspersed parses flags that may come before, between and after the
// positional arguments; "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// maxInstancesLimit is the most --max-instances takes: 100,000 instances
// of a small policy take about 1 GB and 1.5 CPU s (a million: 4.3 GB and
// 21 CPU s), and the cap per root module on instances of blocks with count
// or for_each is as many (package eval, minBlockInstances).
const maxInstancesLimit = 100000

// maxModuleDepthLimit is the most --max-module-depth takes. What a module
// instance holds of its callers grows with its depth (its path, the chain
// of calls its findings cite): a chain of 10,000 distinct modules, each
// calling the next, ran out of memory with --max-module-depth 1000000
// (2.7 GB), and took 964 MB once addresses were bounded; 100 levels, with
// 10,000 module instances at the bottom, take 375 MB.
const maxModuleDepthLimit = 100

// maxPolicyValuesLimit is the most --max-policy-values takes, 5 times the
// default: a value read costs about 700 bytes (ten thousand instances of a
// policy of 1,000 actions, 10 million values, took 7 GB and 35 s), and a
// larger number turned the bound off (9223372036854775807 was taken).
const maxPolicyValuesLimit = 5 * linter.DefaultMaxPolicyValues

func cmdLint(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs, lf := newLintFlagSet(stderr)
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		if name := dashedPath(args, err); name != "" {
			// "flag provided but not defined: -x.tf" and the usage, no more.
			fmt.Fprintf(stderr, "iamlint: %s is a path: give -- before paths that start with \"-\" (iamlint -- %s), or ./%s\n", name, name, name)
		}
		return exitError
	}
	if lf.version {
		return printVersion(stdout, stderr)
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "iamlint: "+format+"\n", a...)
		fs.Usage()
		return exitError
	}
	formatter, ok := formats[lf.format]
	if !ok {
		return usageErr("unknown --format %q (want %s)", lf.format, strings.Join(formatNames(), ", "))
	}
	emptyOut, what := "", "a file name"
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "output", "o", "write-baseline", "config", "baseline", "source":
		default:
			return
		}
		if f.Value.String() == "" && emptyOut == "" {
			emptyOut = map[bool]string{true: "-", false: "--"}[f.Name == "o"] + f.Name
			if f.Name == "source" {
				what = "a directory name"
			}
		}
	})
	if emptyOut != "" {
		// (-o "" wrote the report to stdout; --config "", --baseline "" and
		// --source "", an unset variable in a CI script, ran as if the flag
		// were not given: the configuration found instead, or none, and
		// every finding reported.)
		return usageErr("%s needs %s", emptyOut, what)
	}
	if lf.writeBaseline == "-" {
		// It wrote a file named "-" in the current directory ("recorded 4
		// findings in -"), where -o - is standard output.
		return usageErr(`--write-baseline needs a file name: "-" is not standard output here (the report is); ./- names a file "-"`)
	}
	if slices.Contains(lf.varFiles, "") {
		// (It was read as a file named "", reported at "iamlint:1:1".)
		return usageErr("--var-file needs a file name")
	}
	if lf.output != "-" && lf.writeBaseline != "-" && sameFile(lf.output, lf.writeBaseline) {
		// The report would replace the baseline just written (and stderr
		// say the findings were recorded there).
		name, _ := credmask.Missing(lf.output, "")
		fmt.Fprintf(stderr, "iamlint: --output and --write-baseline both name %s: the report would replace the baseline; name two files\n", name)
		return exitError
	}
	for _, out := range []struct{ flag, name string }{{"output", lf.output}, {"write-baseline", lf.writeBaseline}} {
		if newTerraformName(out.name) {
			// A new main.tf or b.tf.json was written, and the next run read
			// the report as Terraform ("version" is not a block type; the
			// run after that refused to replace it).
			// Nothing is at the name: masked if it has a credential's form.
			name, _ := credmask.Missing(out.name, "")
			fmt.Fprintf(stderr, "iamlint: --%s: %s is the name of a Terraform file: a later run would read the report as one; name another file\n", out.flag, name)
			return exitError
		}
		if out.name != "" && out.name != "-" && filepath.Base(out.name) == config.FileName {
			if _, err := os.Lstat(out.name); errors.Is(err, os.ErrNotExist) {
				// A new .iamlint.hcl: the next run from there found the
				// report as its configuration, and stopped on it.
				name, _ := credmask.Missing(out.name, "")
				fmt.Fprintf(stderr, "iamlint: --%s: %s is the name of iamlint's configuration file: a later run would read the report as its configuration; name another file\n", out.flag, name)
				return exitError
			}
		}
		if why := clobbers(out.name, lf, paths); why != "" {
			fmt.Fprintf(stderr, "iamlint: --%s: %s is %s: the report would replace it; name another file\n", out.flag, out.name, why)
			return exitError
		}
	}
	// A file that exists before the run may be one it reads through file()
	// (checked after the run: readByRun); a new one cannot be.
	existed := map[string]bool{}
	for _, name := range []string{lf.output, lf.writeBaseline} {
		if _, err := os.Stat(name); name != "" && name != "-" && err == nil {
			existed[name] = true
		}
	}
	if lf.output != "" && lf.output != "-" {
		// Fail now, not after a long scan, when the report cannot be written
		// (the file is not truncated here; writeReport does that). A pipe
		// or a device (>(...), a named pipe, /dev/null) is opened once,
		// here, and kept for the report: opened and closed, a named pipe's
		// reader saw the end and the open of the report waited for ever
		// for another; one that no process reads is an error, not a wait.
		st, err := os.Stat(lf.output)
		pipe := err == nil && !st.Mode().IsRegular() && !st.IsDir()
		flag := os.O_CREATE
		if pipe {
			flag = 0
		}
		f, err := regfile.OpenWrite(lf.output, flag)
		if err != nil {
			fmt.Fprintf(stderr, "iamlint: --output: %s\n", pathError(lf.output, err))
			return exitError
		}
		if pipe {
			lf.outFile = f
			defer f.Close() //nolint:errcheck // closed by writeReport; this is for an early return
		} else {
			_ = f.Close()
		}
	}
	catalog := docgen.Catalog()
	cfg, cfgErrs := loadConfig(lf.config, paths, catalog, stderr)
	if len(cfgErrs) > 0 {
		// Nothing is linted; the report (in the requested format, where the
		// caller expects it) lists the errors, already printed on stderr.
		writeReport(lf, configErrorResult(cfgErrs), formatter, catalog, []*linter.Rule{}, stdout, stderr)
		return exitError
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if !set["min-severity"] && cfg != nil && cfg.MinSeverity != "" {
		lf.minSeverity = cfg.MinSeverity
	}
	if !set["fail-on"] && cfg != nil && cfg.FailOn != "" {
		lf.failOn = cfg.FailOn
	}
	minSev, err := linter.ParseSeverity(lf.minSeverity)
	if err != nil {
		return usageErr("--min-severity: %v", err)
	}
	var failOn linter.Severity // 0: never fail on findings
	if !strings.EqualFold(strings.TrimSpace(lf.failOn), "none") {
		if failOn, err = linter.ParseSeverity(lf.failOn); err != nil {
			// (Not ParseSeverity's "(want low, medium, high or critical)"
			// followed by "(or none)".)
			return usageErr("--fail-on: unknown severity %q (want low, medium, high, critical or none)", lf.failOn)
		}
	}
	var configured []*linter.Rule
	for _, r := range catalog {
		if cfg.Enabled(r.ID, true) {
			configured = append(configured, r)
		}
	}
	selected, err := selectRules(catalog, configured, lf.enable, lf.disable)
	if err != nil {
		return usageErr("%v", err)
	}
	if len(selected) == 0 {
		// The configuration's enable/disable/enabled = false, with or
		// without the flags, left every rule off: the run linted nothing
		// and exited 0 in silence (disable = ["wildcard-action"] beside
		// enable = ["wildcard-action"], --disable of every ID).
		switch {
		case len(lf.enable)+len(lf.disable) > 0 && cfg != nil:
			return usageErr("no rule would run: --enable/--disable and the configuration %s leave every rule off", cfg.Path)
		case len(lf.enable)+len(lf.disable) > 0:
			return usageErr("no rule would run: --disable turns every rule off")
		}
		e := linter.Error{File: cfg.Path, Line: 1, Column: 1, Message: "No rule to run: enable, disable and enabled = false leave every rule off; leave at least one on"}
		fmt.Fprintf(stderr, "%s:1:1: error: %s\n", report.PrintableFile(cfg.Path), e.Message)
		writeReport(lf, configErrorResult([]linter.Error{e}), formatter, catalog, []*linter.Rule{}, stdout, stderr)
		return exitError
	}
	if lf.principals && lf.format != "text" && lf.format != "json" {
		fmt.Fprintf(stderr, "iamlint: note: --principals applies to the text format (--format json always has them), not to %s\n", lf.format)
	}
	// (hclPaths stats each .json path: only with --new-only.)
	if lf.newOnly {
		switch hcl, n := hclPaths(paths); {
		case n == len(paths):
			fmt.Fprintln(stderr, "iamlint: note: --new-only applies to plans only; no plan was given")
		case n > 0:
			// Plans and configurations together: the plans' findings are
			// filtered, the configurations' all reported; say so once.
			what := "not a plan"
			if n > 1 {
				what = "not plans"
			}
			fmt.Fprintf(stderr, "iamlint: note: --new-only applies to plans only; the findings of %s (%s) are all reported\n", hcl, what)
		}
	}
	if lf.source != "" && !hasPlanArg(paths) {
		fmt.Fprintln(stderr, "iamlint: note: --source applies to plans only (the source of a terraform show -json plan); no plan was given, the paths are linted as they are")
	}
	if len(lf.varFiles)+len(lf.vars.vals) > 0 && len(paths) > 0 && !slices.ContainsFunc(paths, func(p string) bool { return !linter.IsPlanPath(p) }) {
		// A plan's source is evaluated with the plan's own values: the
		// flags were not used (a --var-file that does not exist either).
		fmt.Fprintln(stderr, "iamlint: note: --var and --var-file apply to Terraform configurations, not to plans: a plan holds the values of its variables (give them to terraform plan); they are not used")
	}

	opts := linter.Options{
		Paths:       paths,
		VarFiles:    lf.varFiles,
		Vars:        lf.vars.vals,
		VarsAfter:   lf.vars.after,
		Rules:       selected,
		MinSeverity: minSev,
		NewOnly:     lf.newOnly,
		Source:      lf.source,
		KnownRules:  ruleIDs(catalog),
		// The principals summary: the json report's "principals" section
		// and the text report's --principals table.
		Principals: lf.format == "json" || (lf.principals && lf.format == "text"),
		// Only the text report quotes source lines.
		NoPlanSources: lf.format != "text",

		MaxFileSize:     int64(lf.maxFileSize),
		MaxInstances:    lf.maxInstances,
		MaxModuleDepth:  lf.maxModuleDepth,
		MaxPolicyValues: lf.maxPolicyValues,
	}
	// (An unset --max-file-size is 0: the default, 4 MiB; a 0 given is not.)
	for _, l := range []struct {
		flag string
		bad  bool
		got  int64
	}{
		{"max-file-size", lf.maxFileSize < 0 || (set["max-file-size"] && lf.maxFileSize == 0), int64(lf.maxFileSize)},
		{"max-instances", lf.maxInstances < 1, int64(lf.maxInstances)},
		{"max-module-depth", lf.maxModuleDepth < 1, int64(lf.maxModuleDepth)},
		{"max-policy-values", lf.maxPolicyValues < 1, int64(lf.maxPolicyValues)},
	} {
		if l.bad {
			return usageErr("--%s must be positive (got %d)", l.flag, l.got)
		}
	}
	if lf.maxInstances > maxInstancesLimit {
		// Evaluated, a count that big ran the run out of memory: the
		// instances were allocated at once (--max-instances 1000000000 and
		// count = 1e9: a 96 GB block, "fatal error: out of memory").
		return usageErr("--max-instances must be at most %d (got %d)", maxInstancesLimit, lf.maxInstances)
	}
	if lf.maxModuleDepth > maxModuleDepthLimit {
		return usageErr("--max-module-depth must be at most %d (got %d)", maxModuleDepthLimit, lf.maxModuleDepth)
	}
	if lf.maxPolicyValues > maxPolicyValuesLimit {
		return usageErr("--max-policy-values must be at most %d (got %d)", maxPolicyValuesLimit, lf.maxPolicyValues)
	}
	if lf.debug {
		// Internal errors (a panic in a rule, the evaluator or the extractor)
		// carry their stack (packages linter and load read this).
		os.Setenv("IAMLINT_DEBUG", "1")
	}
	applyConfig(cfg, &opts)
	// A bad --baseline fails now, not after the scan. The same file as
	// --write-baseline is read after it is written (below).
	var base *baseline.Baseline
	readBaseLater := sameFile(lf.baseline, lf.writeBaseline)
	if lf.baseline != "" && !readBaseLater {
		if base, err = loadBaseline(lf.baseline); err != nil {
			fmt.Fprintf(stderr, "iamlint: --baseline: %s\n", pathError(lf.baseline, err))
			return exitError
		}
	}
	piped := pipedStdin(opts.Paths, stdin)
	if hasStdinArg(paths) {
		sn := &planSniffer{r: stdin}
		if piped {
			sn.onEOF = pipedPlanRead
		}
		opts.Stdin = sn
	}

	prog := startProgress(stderr, time.Second)
	pb := planBytes(opts.Paths, stdin)
	if hugeHeapOn.Load() { // set by main: the tests leave the heap alone
		hugeHeap(opts.Paths, pb, os.Getenv)
		if pb == 0 && !piped && !hasPlanArg(opts.Paths) {
			estateGC()
		}
	}
	opts.Progress = planGC(pb, piped, linter.Streams(opts, pb), prog.update)
	res, err := linter.Lint(context.Background(), opts)
	prog.stop()
	if err != nil {
		fmt.Fprintf(stderr, "iamlint: %v\n", err)
		return exitError
	}
	if len(paths) == 0 && stdinUnread(stdin) {
		// terraform show -json tfplan | iamlint (no "-") linted the
		// current directory, not the plan: in one without .tf files,
		// "Nothing to lint" and exit 0, a plan gate that passed. (Asked
		// after the run: the writer has had time to write.)
		fmt.Fprintln(stderr, `iamlint: note: standard input is not read: no path is "-", and with no path the current directory is linted; to lint a plan from standard input, run iamlint - (terraform show -json tfplan | iamlint -)`)
	}
	for _, out := range []struct{ flag, name string }{{"output", lf.output}, {"write-baseline", lf.writeBaseline}} {
		if existed[out.name] && readByRun(out.name, res) {
			fmt.Fprintf(stderr, "iamlint: --%s: %s is a file this run read: the report would replace it; name another file\n", out.flag, out.name)
			return exitError
		}
	}
	if lf.writeBaseline != "" {
		if err := writeBaseline(lf.writeBaseline, res); err != nil {
			fmt.Fprintf(stderr, "iamlint: --write-baseline: %s\n", pathError(lf.writeBaseline, err))
			return exitError
		}
		fmt.Fprintf(stderr, "iamlint: recorded %d findings in %s\n", len(res.Findings), lf.writeBaseline)
		if lf.baseline == "" {
			// The findings just recorded are accepted: they do not fail this run.
			failOn = 0
		}
	}
	if readBaseLater {
		if base, err = loadBaseline(lf.baseline); err != nil {
			fmt.Fprintf(stderr, "iamlint: --baseline: %s\n", pathError(lf.baseline, err))
			return exitError
		}
	}
	if base != nil {
		applyBaseline(base, res)
	}

	if !writeReport(lf, res, formatter, withSeverities(catalog, opts.Severities), selected, stdout, stderr) {
		return exitError
	}
	if lf.format == "sarif" {
		if note := report.SARIFLeftOut(res); note != "" {
			fmt.Fprintln(stderr, "iamlint: note: the SARIF report: "+note)
		}
	}

	// Errors and notices also go to stderr, whatever the format.
	for _, e := range res.Errors {
		fmt.Fprintf(stderr, "%s: error: %s\n", pos(e.File, e.Line, e.Column), report.Printable(e.Message))
	}
	// Notices (a registry module not followed, a value that stays unknown)
	// can run to hundreds in a big estate: the first few, then a count, unless
	// --debug asks for all of them.
	const maxNotices = 10
	for i, n := range res.Notices {
		if i == maxNotices && !lf.debug {
			fmt.Fprintf(stderr, "iamlint: %d more notices not shown (--debug shows all; --format json lists them)\n", len(res.Notices)-maxNotices)
			break
		}
		fmt.Fprintf(stderr, "%s: notice: %s\n", pos(n.File, n.Line, n.Column), report.Printable(n.Message))
	}
	if lf.debug {
		fmt.Fprintf(stderr, "iamlint: debug: %d rules, %d files, %d resources, %d policies, %d findings, %d diagnostics\n",
			len(selected), res.Summary.Files, res.Summary.Resources, res.Summary.Policies, res.Summary.Findings, len(res.Diags))
		for _, d := range res.Diags {
			fmt.Fprintf(stderr, "iamlint: debug: diagnostic: %s\n", d.Error())
		}
	}
	return exitCode(res, failOn)
}

// terraformExts are the endings of the files a run reads as Terraform.
var terraformExts = []string{".tf", ".tf.json", ".tofu", ".tofu.json", ".tfvars", ".tfvars.json"}

// newTerraformName reports whether name is a file that does not exist yet
// (clobbers judges those that do) with the name of a Terraform file.
func newTerraformName(name string) bool {
	if name == "" || name == "-" {
		return false
	}
	if _, err := os.Lstat(name); !errors.Is(err, os.ErrNotExist) {
		return false
	}
	lower := strings.ToLower(filepath.Base(name))
	for _, ext := range terraformExts {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	return false
}

// clobbers says why name (--output or --write-baseline) must not be
// written, "" when it may: an existing Terraform file (.tf, .tf.json,
// .tfvars, .tfvars.json: `iamlint -o main.tf`, a slip for `iamlint main.tf`,
// would lint the directory and then replace main.tf with the report) or a
// file the run reads (a path, --config, --var-file, or --baseline unless
// name is --write-baseline's: rewriting a baseline in place is how it is
// updated).
func clobbers(name string, lf *lintFlags, paths []string) string {
	if name == "" || name == "-" {
		return ""
	}
	st, err := os.Stat(name)
	if err != nil || !st.Mode().IsRegular() {
		return ""
	}
	// st.Name() is name's own base name: a link (report.txt -> main.tf) is
	// judged by what it points to.
	base := st.Name()
	if real, err := filepath.EvalSymlinks(name); err == nil {
		base = filepath.Base(real)
	}
	for _, ext := range terraformExts {
		if strings.HasSuffix(base, ext) {
			return "a Terraform file"
		}
	}
	if base == config.FileName {
		// The configuration the run found (not --config, so not among
		// the inputs below) was read, then replaced by the report.
		return "an iamlint configuration file"
	}
	inputs := append([]string{lf.config}, paths...)
	inputs = append(inputs, lf.varFiles...)
	if name != lf.writeBaseline {
		inputs = append(inputs, lf.baseline)
	}
	for _, in := range inputs {
		if in != "" && in != "-" && sameFile(in, name) {
			return "an input of this run"
		}
	}
	return terraformArtifact(name, base)
}

// terraformArtifact says what the existing file name (base: its base name,
// or its link target's) is when it is something Terraform wrote that a
// report must not replace even though the run does not read it, else "":
// the JSON of a plan or state (terraform show -json writes format_version
// first), a state file (.tfstate, or the JSON of one: version, serial and
// lineage), a zip archive (terraform plan -out's saved plan). `iamlint -o
// plan.json`, a slip for `iamlint plan.json`, replaced the plan with the
// report of the current directory; `--write-baseline tfplan`, the saved
// plan. A report or baseline of iamlint is none of these.
func terraformArtifact(name, base string) string {
	lower := strings.ToLower(base)
	if strings.HasSuffix(lower, ".tfstate") || strings.HasSuffix(lower, ".tfstate.backup") {
		return "a Terraform state file"
	}
	f, err := os.Open(name)
	if err != nil {
		return ""
	}
	defer func() { _ = f.Close() }()
	var buf [4096]byte
	n, _ := io.ReadFull(f, buf[:])
	head := buf[:n]
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		return "a zip archive (a saved plan file, from terraform plan -out?)"
	}
	obj := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	rest, ok := bytes.CutPrefix(obj, []byte("{"))
	if !ok {
		return ""
	}
	if bytes.HasPrefix(bytes.TrimLeft(rest, " \t\r\n"), []byte(`"format_version"`)) {
		return "the JSON of a Terraform plan or state (terraform show -json)"
	}
	if bytes.Contains(rest, []byte(`"lineage"`)) && bytes.Contains(rest, []byte(`"serial"`)) && bytes.Contains(rest, []byte(`"terraform_version"`)) {
		return "a Terraform state file"
	}
	return ""
}

// readByRun reports whether name is a file that res locates findings,
// errors or notices in: a policy read with file() (`iamlint -o policy.json`)
// is not named by any path or flag. Only files with name's base name (or,
// for a link, its target's) are compared.
func readByRun(name string, res *linter.Result) bool {
	bases := []string{filepath.Base(name)}
	if real, err := filepath.EvalSymlinks(name); err == nil {
		bases = append(bases, filepath.Base(real))
	}
	seen := map[string]bool{}
	check := func(f string) bool {
		if f == "" || seen[f] {
			return false
		}
		seen[f] = true
		b := filepath.Base(filepath.FromSlash(f))
		return (b == bases[0] || b == bases[len(bases)-1]) && sameFile(filepath.FromSlash(f), name)
	}
	for _, fs := range [][]linter.Finding{res.Findings, res.Suppressed} {
		for _, f := range fs {
			if check(f.Range.Filename) {
				return true
			}
			for _, r := range f.Related {
				if check(r.Range.Filename) {
					return true
				}
			}
		}
	}
	for _, e := range res.Errors {
		if check(e.File) {
			return true
		}
	}
	for _, n := range res.Notices {
		if check(n.File) {
			return true
		}
	}
	return false
}

// withSeverities returns catalog with the severities the configuration
// gives its rules (rule "ID" { severity = ... }), as the findings have
// them, for the report's description of the rules: SARIF's
// defaultConfiguration.level and security-severity, from which GitHub code
// scanning takes an alert's severity (not from the result). It was the
// rule's own: a rule raised to critical showed as Medium in code scanning.
// catalog is not changed.
func withSeverities(catalog []*linter.Rule, sev map[string]linter.Severity) []*linter.Rule {
	if len(sev) == 0 {
		return catalog
	}
	out := make([]*linter.Rule, len(catalog))
	for i, r := range catalog {
		out[i] = r
		if r == nil {
			continue
		}
		if s, ok := sev[r.ID]; ok && s != 0 && s != r.Severity {
			c := *r
			c.Severity = s
			out[i] = &c
		}
	}
	return out
}

// writeReport writes res with formatter to --output or stdout: catalog
// describes every rule, ran are those that ran. Problems are printed on
// stderr and make it return false.
func writeReport(lf *lintFlags, res *linter.Result, formatter report.Formatter, catalog, ran []*linter.Rule, stdout, stderr io.Writer) bool {
	out := stdout
	var file *os.File
	if lf.outFile != nil {
		file, lf.outFile = lf.outFile, nil
		out = file
	} else if lf.output != "" && lf.output != "-" {
		var err error
		if file, err = regfile.Create(lf.output); err != nil {
			fmt.Fprintf(stderr, "iamlint: --output: %s\n", pathError(lf.output, err))
			return false
		}
		out = file
	}
	meta := report.Meta{ToolName: "iamlint", ToolVersion: version, Rules: catalog, RulesRun: ran,
		Color: lf.format == "text" && file == nil && useColor(stdout)}
	werr := formatter(out, res, meta)
	if file != nil {
		if cerr := file.Close(); werr == nil {
			werr = cerr
		}
	}
	if werr != nil {
		fmt.Fprintf(stderr, "iamlint: writing the report: %v\n", werr)
		return false
	}
	return true
}

// exitCode is 2 when there were errors, else 1 when an unsuppressed finding
// is at or above failOn (0: none), else 0.
func exitCode(res *linter.Result, failOn linter.Severity) int {
	if len(res.Errors) > 0 {
		return exitError
	}
	if failOn > 0 {
		for _, f := range res.Findings {
			if f.Severity >= failOn {
				return exitFindings
			}
		}
	}
	return exitOK
}

func pos(file string, line, col int) string {
	if file == "" {
		file = "iamlint"
	}
	file = report.PrintableFile(file)
	switch {
	case line > 0 && col > 0:
		return fmt.Sprintf("%s:%d:%d", file, line, col)
	case line > 0:
		return fmt.Sprintf("%s:%d", file, line)
	}
	return file
}

// selectRules applies --enable (only these) and --disable (not these) to
// base (the rules the configuration leaves on); --enable may also turn on a
// rule the configuration turned off. IDs not in all are an error.
func selectRules(all, base []*linter.Rule, enable, disable []string) ([]*linter.Rule, error) {
	known := map[string]bool{}
	for _, r := range all {
		known[r.ID] = true
	}
	var unknown []string
	check := func(ids []string) map[string]bool {
		m := map[string]bool{}
		for _, id := range ids {
			if !known[id] {
				u, rest := clipID(id)
				if rest > 0 {
					u += fmt.Sprintf("... (%d bytes more)", rest)
				}
				if s := config.Suggest(id, ruleIDs(all)); s != "" {
					u += fmt.Sprintf(" (did you mean %q?)", s)
				}
				unknown = append(unknown, u)
			}
			m[id] = true
		}
		return m
	}
	en, dis := check(enable), check(disable)
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, fmt.Errorf("unknown rule %s (see iamlint rules)", strings.Join(unknown, ", "))
	}
	if len(en) > 0 {
		// Every rule --enable names also --disabled: no rule would run, and
		// the run exited 0 without a word. (Where some are left, --disable
		// wins, as disable does over enable in the configuration.)
		var both []string
		for id := range en {
			if dis[id] {
				both = append(both, id)
			}
		}
		if len(both) == len(en) {
			sort.Strings(both)
			return nil, fmt.Errorf("--enable and --disable both name %s: no rule would run", strings.Join(both, ", "))
		}
	}
	from := base
	if len(en) > 0 {
		from = all
	}
	var out []*linter.Rule
	for _, r := range from {
		if (len(en) > 0 && !en[r.ID]) || dis[r.ID] {
			continue
		}
		out = append(out, r)
	}
	return out, nil
}

func ruleIDs(rs []*linter.Rule) []string {
	out := make([]string, 0, len(rs))
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}

func hasStdinArg(paths []string) bool {
	for _, p := range paths {
		if p == "-" {
			return true
		}
	}
	return false
}

// hasPlanArg reports whether a path is read as a plan (linter.IsPlanPath).
func hasPlanArg(paths []string) bool {
	return slices.ContainsFunc(paths, linter.IsPlanPath)
}

// hclPaths lists, for a message, the paths that are not plans ("a, b, c and
// 2 more"), and how many there are; "", 0 when every path is a plan.
func hclPaths(paths []string) (string, int) {
	var hcl []string
	for _, p := range paths {
		if !linter.IsPlanPath(p) {
			hcl = append(hcl, p)
		}
	}
	switch n := len(hcl); {
	case n == 0:
		return "", 0
	case n == 1:
		return hcl[0], n
	case n <= 3:
		return strings.Join(hcl[:n-1], ", ") + " and " + hcl[n-1], n
	default:
		return fmt.Sprintf("%s, %s, %s and %d more", hcl[0], hcl[1], hcl[2], n-3), n
	}
}

// useColor reports whether w is a terminal that takes colour: NO_COLOR is
// unset or empty (no-color.org: "present and not an empty string" turns it
// off) and TERM is not "dumb" (Emacs' shell and compilation buffers, which
// print escape codes as text).
func useColor(w io.Writer) bool {
	if os.Getenv("NO_COLOR") != "" || dumbTerminal() {
		return false
	}
	return isTerminal(w)
}

// printFlags lists the flags GNU style (--name ARG), defaults included.
func printFlags(fs *flag.FlagSet, w io.Writer) {
	fs.VisitAll(func(f *flag.Flag) {
		arg, usage := flag.UnquoteUsage(f)
		dash := "--"
		if len(f.Name) == 1 {
			dash = "-"
		}
		line := "  " + dash + f.Name
		if arg != "" {
			line += " " + arg
		}
		if f.DefValue != "" && f.DefValue != "false" {
			usage += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		fmt.Fprintf(w, "%s\n      %s\n", line, usage)
	})
}
