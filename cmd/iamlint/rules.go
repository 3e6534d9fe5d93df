package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/iamlint/iamlint/internal/credmask"
	"github.com/iamlint/iamlint/internal/docgen"
	"github.com/iamlint/iamlint/linter/config"
)

type ruleJSON struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Severity string   `json:"severity"`
	Why      string   `json:"why"`
	Fix      string   `json:"fix"`
	Links    []string `json:"links"`
}

// cmdRules prints the rule catalog: a table, or JSON with --format json.
func cmdRules(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("iamlint rules", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output `format`: text or json")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: iamlint rules [--format text|json]")
		printFlags(fs, stderr)
	}
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitError
	}
	if len(rest) > 0 {
		fs.Usage()
		return exitError
	}
	switch *format {
	case "json":
		out := []ruleJSON{}
		for _, r := range docgen.Catalog() {
			links := append([]string{}, r.Doc.Links...)
			out = append(out, ruleJSON{ID: r.ID, Title: r.Title, Severity: r.Severity.String(), Why: r.Doc.Why, Fix: r.Doc.Fix, Links: links})
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(out); err != nil {
			fmt.Fprintf(stderr, "iamlint: %v\n", err)
			return exitError
		}
	case "text":
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tSEVERITY\tTITLE")
		for _, r := range docgen.Catalog() {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Severity, r.Title)
		}
		if err := tw.Flush(); err != nil {
			fmt.Fprintf(stderr, "iamlint: %v\n", err)
			return exitError
		}
	default:
		fmt.Fprintf(stderr, "iamlint rules: unknown --format %q (want text or json)\n", *format)
		return exitError
	}
	return exitOK
}

// cmdExplain prints what a rule checks, why it matters, how to fix it, and a
// flagged and a clean example from the rule's golden test data.
func cmdExplain(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 || strings.HasPrefix(args[0], "-") {
		fmt.Fprintln(stderr, "usage: iamlint explain RULE-ID")
		return exitError
	}
	r := docgen.ByID(docgen.Catalog(), args[0])
	if r == nil {
		hint := ""
		if s := config.Suggest(args[0], ruleIDs(docgen.Catalog())); s != "" {
			hint = fmt.Sprintf("; did you mean %q?", s)
		}
		fmt.Fprintf(stderr, "iamlint explain: unknown rule %s%s (see iamlint rules)\n", quoteID(args[0]), hint)
		return exitError
	}
	if err := docgen.Explain(stdout, r); err != nil {
		fmt.Fprintf(stderr, "iamlint: %v\n", err)
		return exitError
	}
	return exitOK
}

// maxQuotedID is the most bytes of an unknown rule ID an error quotes.
const maxQuotedID = 100

// quoteID quotes an unknown rule ID for an error message (%q: control
// characters and invalid UTF-8 escaped; clipID).
func quoteID(id string) string {
	head, rest := clipID(id)
	if rest == 0 {
		return fmt.Sprintf("%q", head)
	}
	return fmt.Sprintf("%q... (%d bytes more)", head, rest)
}

// clipID returns an unknown rule ID as an error quotes it, with a
// credential in it masked (credmask.Text), and cut to its first
// maxQuotedID bytes on a character boundary, with the count of the bytes
// cut (0: none): an ID of 100 KB was echoed whole.
func clipID(id string) (head string, rest int) {
	id = credmask.Text(id)
	if len(id) <= maxQuotedID {
		return id, 0
	}
	cut := maxQuotedID
	for cut > 0 && !utf8.RuneStart(id[cut]) {
		cut--
	}
	return id[:cut], len(id) - cut
}
