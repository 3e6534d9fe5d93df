package main

import (
	"bytes"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain registers the iamlint command for the scripts in testdata/script.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"iamlint":  main,
		"exitcode": exitcodeMain,
	})
}

// exitcodeMain is the script command `exitcode N PROG ARGS...`: it runs PROG
// with ARGS, passing its input and output through, and fails unless PROG
// exits with status N. (testscript's `! exec` only tells zero from non-zero;
// iamlint's 1 and 2 mean different things.)
func exitcodeMain() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: exitcode N PROG [ARGS...]")
		os.Exit(3)
	}
	want, err := strconv.Atoi(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "exitcode: N must be a number")
		os.Exit(3)
	}
	cmd := exec.Command(os.Args[2], os.Args[3:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	got := 0
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			fmt.Fprintf(os.Stderr, "exitcode: %v\n", err)
			os.Exit(3)
		}
		got = ee.ExitCode()
	}
	if got != want {
		fmt.Fprintf(os.Stderr, "exitcode: %s exited with status %d, want %d\n", os.Args[2], got, want)
		os.Exit(1)
	}
	os.Exit(0)
}

// TestScripts runs the end-to-end tests in ../../testdata/script/*.txtar.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "../../testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "1")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"samefp":  cmdSameFingerprints,
			"uniqfp":  cmdUniqueFingerprints,
			"hexfile": cmdHexFile,
			"repeat":  cmdRepeat,
		},
	})
}

// cmdHexFile writes a file from hexadecimal: hexfile NAME HEX (binary
// inputs: UTF-16, zip headers).
func cmdHexFile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: hexfile NAME HEX")
	}
	b, err := hex.DecodeString(args[1])
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), b, 0o644))
}

// cmdRepeat writes a file of a text repeated: repeat NAME COUNT TEXT
// [HEAD TAIL] (big inputs without big scripts), between HEAD and TAIL when
// given.
func cmdRepeat(ts *testscript.TestScript, neg bool, args []string) {
	if neg || (len(args) != 3 && len(args) != 5) {
		ts.Fatalf("usage: repeat NAME COUNT TEXT [HEAD TAIL]")
	}
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	name := ts.MkAbs(args[0])
	ts.Check(os.MkdirAll(filepath.Dir(name), 0o755))
	b := bytes.Repeat([]byte(args[2]), n)
	if len(args) == 5 {
		b = slices.Concat([]byte(args[3]), b, []byte(args[4]))
	}
	ts.Check(os.WriteFile(name, b, 0o644))
}

func TestParseInterspersed(t *testing.T) {
	for _, tc := range []struct {
		args []string
		pos  string
		fmt  string
	}{
		{[]string{"a", "--format", "json", "b"}, "a b", "json"},
		{[]string{"--format=json", "a"}, "a", "json"},
		{[]string{"a", "b"}, "a b", "text"},
		{[]string{"a", "--", "--format", "b"}, "a --format b", "text"},
		{[]string{"-", "--format", "json"}, "-", "json"},
	} {
		fs, lf := newLintFlagSet(&bytes.Buffer{})
		pos, err := parseInterspersed(fs, tc.args)
		if err != nil {
			t.Fatalf("%v: %v", tc.args, err)
		}
		if strings.Join(pos, " ") != tc.pos || lf.format != tc.fmt {
			t.Errorf("%v: paths %q format %q, want %q %q", tc.args, pos, lf.format, tc.pos, tc.fmt)
		}
	}
	fs, _ := newLintFlagSet(&bytes.Buffer{})
	if _, err := parseInterspersed(fs, []string{"a", "--nope"}); err == nil || err == flag.ErrHelp {
		t.Errorf("unknown flag after a path: err = %v", err)
	}
}

var fingerprintRE = regexp.MustCompile(`"fingerprint": "([0-9a-f]+)"`)

// cmdUniqueFingerprints is the script command `uniqfp A`: the report A (a
// file or stdout) holds fingerprints, no two the same (GitLab drops an
// issue whose fingerprint another has).
func cmdUniqueFingerprints(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: uniqfp A")
	}
	seen := map[string]bool{}
	ms := fingerprintRE.FindAllStringSubmatch(ts.ReadFile(args[0]), -1)
	for _, m := range ms {
		if seen[m[1]] {
			ts.Fatalf("%s: fingerprint %s twice", args[0], m[1])
		}
		seen[m[1]] = true
	}
	if len(ms) == 0 {
		ts.Fatalf("%s: no fingerprint", args[0])
	}
}

// cmdSameFingerprints is the script command `samefp A B`: the JSON reports A
// and B (a file or stdout) hold the same non-empty list of fingerprints.
func cmdSameFingerprints(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: samefp A B")
	}
	fps := func(name string) string {
		var out []string
		for _, m := range fingerprintRE.FindAllStringSubmatch(ts.ReadFile(name), -1) {
			out = append(out, m[1])
		}
		return strings.Join(out, " ")
	}
	a, b := fps(args[0]), fps(args[1])
	same := a != "" && a == b
	if same == neg {
		ts.Fatalf("fingerprints of %s: [%s]; of %s: [%s]", args[0], a, args[1], b)
	}
}
