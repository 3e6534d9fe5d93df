package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/internal/credmask"
	"github.com/iamlint/iamlint/internal/regfile"
	"github.com/iamlint/iamlint/internal/textpos"
	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/baseline"
	"github.com/iamlint/iamlint/linter/config"
	"github.com/iamlint/iamlint/linter/report"
	_ "github.com/iamlint/iamlint/linter/suppress" // inline suppression comments in every run
)

// loadConfig reads --config FILE, or the .iamlint.hcl found from the
// directory of the first scanned path upwards (none: nil). Problems are
// printed on stderr as file:line:col and returned as errors (nil: ok); with
// errors the run stops with exit status 2.
func loadConfig(file string, paths []string, catalog []*linter.Rule, stderr io.Writer) (cfg *config.Config, errs []linter.Error) {
	found := file == "" // discovered, not given by --config
	if found {
		start := "."
		for _, p := range paths {
			if p != "-" {
				start = p
				break
			}
		}
		at, ok := config.Find(start)
		notApplied(stderr, start, at, ok, paths)
		if !ok {
			return nil, nil
		}
		file = at
		if rel, err := filepath.Rel(mustGetwd(), at); err == nil {
			file = filepath.ToSlash(rel)
		}
	}
	var diags hcl.Diagnostics
	if found {
		cfg, diags = config.LoadFound(file) // a regular file, read without waiting on a pipe
	} else {
		cfg, diags = config.Load(file)
	}
	if cfg != nil {
		// Unknown rule IDs too, with the other mistakes: all of them at once.
		diags = append(diags, cfg.Validate(ruleIDs(catalog))...)
	}
	sort.SliceStable(diags, func(i, j int) bool {
		a, b := diags[i].Subject, diags[j].Subject
		return a != nil && (b == nil || a.Start.Byte < b.Start.Byte)
	})
	srcs := map[string][]byte{} // columns in code points (textpos), not HCL's graphemes
	for _, d := range diags {
		if d.Subject != nil {
			src, ok := srcs[d.Subject.Filename]
			if !ok {
				src = configSource(d.Subject.Filename)
				srcs[d.Subject.Filename] = src
			}
			r := *d.Subject // copied: the range may be shared
			textpos.Convert(src, []*hcl.Pos{&r.Start})
			d.Subject = &r
		}
		printDiag(stderr, d)
		if d.Severity != hcl.DiagError {
			continue
		}
		e := linter.Error{File: file, Message: diagText(d)}
		if d.Subject != nil {
			e.File, e.Line, e.Column = d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column
		}
		errs = append(errs, e)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return cfg, nil
}

// configSource reads a configuration file once more, to count the columns
// of its diagnostics in code points: a regular file only, not once more a
// pipe or a device (--config /dev/zero), and no more of it than Load reads
// (config.MaxSize): a 3 GB .iamlint.hcl, refused as too large, was read
// whole here (30 s, 3.1 GB of memory) for the column of its 1:1.
func configSource(name string) []byte {
	f, err := regfile.Open(name)
	if err != nil {
		return nil
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return nil
	}
	src := make([]byte, min(st.Size(), config.MaxSize+1))
	n, _ := io.ReadFull(f, src)
	return src[:n]
}

// notApplied notes on stderr each configuration that a path after the first
// would find (config.Find) and that is not the one the run applies, found
// (ok: there is one) from the first path, start: the run has one
// configuration, and a monorepo's other projects' would otherwise be left
// out silently (their disabled rules, ignores and fail_on).
func notApplied(stderr io.Writer, start, found string, ok bool, paths []string) {
	rel := func(p string) string {
		if r, err := filepath.Rel(mustGetwd(), p); err == nil {
			return r
		}
		return p
	}
	told := map[string]bool{found: true}
	dirs := map[string]bool{}
	for _, p := range paths {
		if p == "-" || p == start {
			continue
		}
		d := p
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			d = filepath.Dir(p)
		}
		if dirs[d] {
			continue
		}
		dirs[d] = true
		other, has := config.Find(d)
		if !has || told[other] {
			continue
		}
		told[other] = true
		if ok {
			fmt.Fprintf(stderr, "iamlint: note: %s (found for %s) is not applied: the configuration is the one found for the first path, %s; lint %s on its own, or name one with --config\n", rel(other), p, rel(found), p)
		} else {
			fmt.Fprintf(stderr, "iamlint: note: %s (found for %s) is not applied: the first path, %s, has no configuration; lint %s on its own, or name one with --config\n", rel(other), p, start, p)
		}
	}
}

// configErrorResult is the report of a run stopped by errors in the
// configuration: nothing linted, every error listed (CLI.md: exit status 2,
// "the report still lists ... every error with file:line").
func configErrorResult(errs []linter.Error) *linter.Result {
	return &linter.Result{
		Findings: []linter.Finding{}, Suppressed: []linter.Finding{}, Errors: errs, Notices: []linter.Notice{},
		Sources: map[string][]byte{}, Summary: linter.Summary{Errors: len(errs)},
	}
}

func diagText(d *hcl.Diagnostic) string {
	msg := d.Summary
	if d.Detail != "" {
		msg += ": " + d.Detail
	}
	return msg
}

func mustGetwd() string {
	wd, _ := os.Getwd()
	return wd
}

func printDiag(w io.Writer, d *hcl.Diagnostic) {
	sev := "error"
	if d.Severity == hcl.DiagWarning {
		sev = "warning"
	}
	at := "iamlint"
	if d.Subject != nil {
		at = pos(d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column)
	}
	fmt.Fprintf(w, "%s: %s: %s\n", at, sev, report.Printable(diagText(d)))
}

// applyConfig passes the configuration's severity overrides, rule options,
// excludes and ignores to the runner.
func applyConfig(cfg *config.Config, opts *linter.Options) {
	if cfg == nil {
		return
	}
	opts.Severities = map[string]linter.Severity{}
	opts.RuleOptions = map[string]map[string][]string{}
	for id, rc := range cfg.Rules {
		if rc.Severity != 0 {
			opts.Severities[id] = rc.Severity
		}
		if len(rc.Options) > 0 {
			opts.RuleOptions[id] = rc.Options
		}
	}
	opts.Exclude, opts.ExcludeAt = cfg.Excluded, cfg.ExcludeRange
	if at := &opts.ExcludeAt; at.Filename != "" {
		// Its column in code points, as the linter's (the notice of an
		// exclude that matches every file is there).
		textpos.Convert(configSource(at.Filename), []*hcl.Pos{&at.Start})
	}
	if len(cfg.Ignores) > 0 {
		ran := map[string]bool{}
		for _, r := range opts.Rules {
			if r != nil {
				ran[r.ID] = true
			}
		}
		opts.Suppressors = append(opts.Suppressors, func(fs []linter.Finding) (kept, suppressed, problems []linter.Finding) {
			return cfg.ApplyIgnoresRan(fs, time.Now(), ran)
		})
	}
}

// writeBaseline records res.Findings in file.
func writeBaseline(file string, res *linter.Result) error {
	var buf bytes.Buffer
	if err := baseline.Write(&buf, res.Findings); err != nil {
		return err
	}
	f, err := regfile.Create(file) // a named pipe no process reads: an error, not a wait
	if err != nil {
		return err
	}
	_, err = f.Write(buf.Bytes())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// loadBaseline reads and checks --baseline FILE. It runs before the scan,
// so that a missing, malformed or too large baseline stops the run at once
// (exit status 2) instead of after a long scan, and a baseline that can be
// read only once (a pipe, <(...)) is read once.
func loadBaseline(file string) (*baseline.Baseline, error) {
	// Opened without waiting: a named pipe no process writes to reads as
	// empty, not a wait for ever.
	f, err := regfile.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		if err := baseline.CheckSize(st.Size()); err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
	}
	b, err := baseline.Read(f)
	if err != nil {
		var re *baseline.ReportError
		if errors.As(err, &re) {
			return nil, fmt.Errorf("%s is %s, not a baseline: write one with --write-baseline FILE", file, re.Kind)
		}
		var oe *baseline.OffsetError
		if errors.As(err, &oe) {
			// At its line and column, what is wrong in the words of the
			// file format (no byte offset, no Go type).
			if line, col, ok := lineColumn(f, oe.Offset); ok {
				return nil, fmt.Errorf("%s:%d:%d: %s", file, line, col, oe.Message())
			}
		}
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return b, nil
}

// pathError is the message of err, an error about the file name a flag
// gave: when nothing is at name, it is only an argument, maybe a credential
// given by mistake (--baseline $AWS_ACCESS_KEY_ID), masked by its form
// (credmask.Missing); a file that exists keeps its name.
func pathError(name string, err error) string {
	_, msg := credmask.Missing(name, err.Error())
	return msg
}

// lineColumn returns the line and column (in characters, from 1) of byte
// off of f when f is a regular file (a pipe cannot be read again).
func lineColumn(f *os.File, off int64) (line, col int, ok bool) {
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() || off > st.Size() {
		return 0, 0, false
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return 0, 0, false
	}
	line, col = 1, 1
	r := bufio.NewReaderSize(io.LimitReader(f, off), 64<<10)
	for {
		c, err := r.ReadByte()
		if err == io.EOF {
			return line, col, true
		}
		if err != nil {
			return 0, 0, false
		}
		switch {
		case c == '\n':
			line, col = line+1, 1
		case c&0xC0 != 0x80: // not a UTF-8 continuation byte
			col++
		}
	}
}

// sameFile reports whether the paths a and b name the same file (--baseline
// and --write-baseline: the baseline is then read after it is written, as
// the findings of this run).
func sameFile(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// applyBaseline moves the findings recorded in b from res.Findings to
// res.Suppressed (Suppression kind "baseline").
func applyBaseline(b *baseline.Baseline, res *linter.Result) {
	fresh, known := b.Filter(res.Findings)
	res.Findings = fresh
	res.Suppressed = append(res.Suppressed, known...)
	linter.SortFindings(res.Suppressed)
	res.Summary.Findings = len(res.Findings)
	res.Summary.Suppressed = len(res.Suppressed)
}
