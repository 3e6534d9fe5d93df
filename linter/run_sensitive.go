package linter

import (
	"bytes"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/iam"
	"github.com/iamlint/iamlint/linter/plan"
)

// hideSensitive keeps the values a plan marks sensitive (after_sensitive,
// sensitive_values: what Terraform prints as "(sensitive value)") out of
// every report: a finding located in one has a message that names no value
// (the rule's title and why the details are hidden), and the plan's text in
// res.Sources (quoted by the text report) has those values masked, one * a character.
// Fingerprints, computed before, still tell findings apart.
func hideSensitive(res *Result, opts Options, runs []*planRun) {
	cwd, _ := os.Getwd()
	titles := ruleTitles(opts.Rules)
	for _, run := range runs {
		var marked map[string]bool // the strings of the plan's sensitive values
		if run != nil {
			maskSourceRanges(res, run.srcHidden)
		}
		if run != nil && run.p != nil {
			secrets := run.varSecrets
			if !run.varSecretsSet {
				secrets = sensitiveVariableStrings(run.p)
			}
			if len(run.srcSecrets) > 0 {
				secrets = append(secrets[:len(secrets):len(secrets)], run.srcSecrets...)
			}
			hideFindingsNaming(res, secrets, titles, sensitiveMessage)
			hideSensitiveVariables(res, secrets)
			marked = run.sensSecrets
			if src := run.sensitiveSource(); src != nil && len(run.p.Sensitive) > 0 {
				marked = sensitiveStrings(src, run.p.Sensitive)
			}
			hideSensitiveCopies(res, run, marked, secrets, titles, cwd)
		}
		if run == nil || run.p == nil || len(run.p.Sensitive) == 0 {
			if run != nil && run.secrets != nil {
				maskPlanSource(res, run, relName(run.name, cwd))
			}
			continue
		}
		name := relName(run.name, cwd)
		ranges := run.p.Sensitive
		// The ranges are disjoint (each a distinct value of the plan), so
		// sorted by start they are sorted by end too: a finding overlaps
		// one when the last range starting before its end ends after its
		// start (a finding on a list overlaps a sensitive element of it).
		in := func(start, end int) bool {
			if end <= start {
				end = start + 1
			}
			i := sort.Search(len(ranges), func(i int) bool { return ranges[i][0] >= end }) - 1
			return i >= 0 && ranges[i][1] > start
		}
		hide := func(fs []Finding) {
			for i := range fs {
				f := &fs[i]
				if f.Range.Filename != name || !in(f.Range.Start.Byte, f.Range.End.Byte) {
					continue
				}
				f.Message = titleOf(titles, f.Rule) + sensitiveMessage
			}
		}
		hide(res.Findings)
		hide(res.Suppressed)
		// A principal's name taken from a sensitive value (a role named by
		// a sensitive variable) is not printed in the principals table,
		// nor in a related location (--new-only names new holders).
		secret := marked
		if len(secret) > 0 {
			// A finding located elsewhere (an attachment's address) whose
			// message names what a sensitive ARN holds (the managed policy
			// of a sensitive policy_arn).
			strs := make([]string, 0, len(secret))
			for v := range secret {
				strs = append(strs, v)
			}
			sort.Strings(strs)
			hideFindingsNaming(res, strs, titles, sensitiveMessage)
			// A finding located elsewhere whose message quotes the value
			// itself (wildcard-principal names the resources it opens).
			hideMarkedValues(res, secret)
		}
		if secret != nil {
			for i := range res.Principals {
				pr := &res.Principals[i]
				if secret[pr.Name] {
					pr.Name = "(sensitive)"
				}
				if pr.External && secret[pr.Address] {
					pr.Address = "(sensitive)"
				}
				for j, v := range pr.Policies {
					if secret[v] {
						// Copied: the list may be shared.
						ps := append([]string(nil), pr.Policies...)
						ps[j] = "(sensitive)"
						pr.Policies = ps
					}
				}
			}
			if len(secret) > 0 {
				redactRelated(res.Findings, secret)
				redactRelated(res.Suppressed, secret)
			}
		}
		maskPlanSource(res, run, name)
	}
}

// maskPlanSource masks, in the text of run's plan in res.Sources (when it
// has it: the plans whose bytes were dropped are masked as they are read
// again, readDroppedSources), its sensitive values (Plan.Sensitive), the
// copies of them findings are in and those near findings (run.copies,
// nearSecrets).
func maskPlanSource(res *Result, run *planRun, name string) {
	src, ok := res.Sources[name]
	if !ok {
		return
	}
	res.Sources[name] = maskSensitive(src, planMasks(res, run, name, src))
}

// planMasks returns the ranges of the text src of run's plan (named name
// in res) to mask: Plan.Sensitive and, when the plan has sensitive strings
// (run.secrets), their copies near the findings.
func planMasks(res *Result, run *planRun, name string, src []byte) [][2]int {
	ranges := run.p.Sensitive
	if x := run.secrets; x != nil {
		more := append([][2]int(nil), run.copies...)
		more = append(more, nearSecrets(res.Findings, name, src, x)...)
		ranges = mergeRanges(ranges, more)
	}
	return ranges
}

// hideSensitiveCopies gives the message of a finding in a sensitive value
// to the findings located in a copy of one (hiddenCopies): a string of the
// plan equal to a sensitive value (marked: the strings of the plan's
// sensitive values; secrets: those of its sensitive variables) but not
// marked. It notes in run the index of the sensitive strings and the
// copies' ranges (for the text report).
func hideSensitiveCopies(res *Result, run *planRun, marked map[string]bool, secrets []string, titles map[string]string, cwd string) {
	name := relName(run.name, cwd)
	src := run.sensitiveSource()
	x := newSecretIndex(marked, secrets)
	if x == nil {
		return
	}
	run.secrets = x
	var text textReader
	size := len(src)
	switch {
	case src != nil:
		text = func(a, b int) []byte { return src[a:b] }
	case run.dropped != nil:
		// The text around each finding, read again.
		size = int(run.dropped.size)
		var windows [][2]int
		for _, fs := range [][]Finding{res.Findings, res.Suppressed} {
			for i := range fs {
				if p := fs[i].Range.Start.Byte; fs[i].Range.Filename == name && p >= 0 && p < size {
					windows = append(windows, [2]int{max(p-x.maxRaw-2, 0), min(p+x.maxRaw+2, size)})
				}
			}
		}
		if len(windows) == 0 {
			return
		}
		t, err := run.dropped.readRanges(windows)
		if err != nil || t == nil {
			return // told by finish (the plan file changed)
		}
		text = t.bytes
	default:
		return
	}
	for _, fs := range [][]Finding{res.Findings, res.Suppressed} {
		hide, ranges := hiddenCopies(fs, name, size, text, x)
		hideCopies(fs, hide, titles)
		run.copies = append(run.copies, ranges...)
	}
}

// redactRelated replaces the quoted secrets ("name") in the related
// messages of fs by "(sensitive)".
func redactRelated(fs []Finding, secret map[string]bool) {
	for i := range fs {
		for j := range fs[i].Related {
			m := fs[i].Related[j].Message
			if !strings.Contains(m, `"`) {
				continue
			}
			for _, v := range quoted(m) {
				if secret[v] {
					m = strings.ReplaceAll(m, `"`+v+`"`, `"(sensitive)"`)
				}
			}
			if m != fs[i].Related[j].Message {
				rel := append([]iam.Related(nil), fs[i].Related...)
				rel[j].Message = m
				fs[i].Related = rel
			}
		}
	}
}

// sensitiveSource returns the plan's text (the ranges of Plan.Sensitive are
// offsets in it), or nil.
func (r *planRun) sensitiveSource() []byte {
	if r.after == nil {
		return nil
	}
	return r.after.Sources[r.name]
}

// sensitiveVariableStrings returns the strings of the values of the
// variables p's configuration declares sensitive (collectStrings).
func sensitiveVariableStrings(p *plan.Plan) []string {
	var secrets []string
	for _, name := range p.SensitiveVariables {
		n := p.Variables[name]
		if n == nil || n.Val == cty.NilVal || !n.Val.IsWhollyKnown() {
			continue
		}
		collectStrings(n.Val, &secrets, 0)
	}
	return secrets
}

// sensitiveMessage is the message of a finding in a sensitive value.
const sensitiveMessage = " (in a value the plan marks sensitive: details hidden; see the configuration)"

// hideFindingsNaming gives the message of hideSensitive (the rule's title
// only) to the findings whose message names what the rules derive from a
// secret (a value of a sensitive variable or one the plan marks
// sensitive): the account of an ARN, the name its resource ends with (the
// managed policy of arn:aws:iam::aws:policy/AdministratorAccess, as a whole
// word). A
// policy linted from the .tf source with such a value has its finding in
// the .tf, and the trust rules told the account beside the "(sensitive)"
// that hideSensitiveVariables puts where the whole value was.
func hideFindingsNaming(res *Result, secrets []string, titles map[string]string, why string) {
	if len(secrets) == 0 {
		return
	}
	var needles, names []string
	for _, v := range secrets {
		f := strings.SplitN(v, ":", 6)
		if len(f) != 6 || f[0] != "arn" {
			continue
		}
		// The account of an ARN (arn:aws:iam::123456789012:root): the
		// trust rules name it.
		if len(f[4]) == 12 && strings.Trim(f[4], "0123456789") == "" {
			needles = append(needles, f[4])
		}
		// The name of a managed policy (admin-policy-attached names it).
		if i := strings.LastIndexByte(f[5], '/'); i >= 0 && len(f[5])-i > 3 {
			names = append(names, f[5][i+1:])
		}
	}
	if len(needles) == 0 && len(names) == 0 {
		return
	}
	naming := func(m string) bool {
		for _, v := range needles {
			if strings.Contains(m, v) {
				return true
			}
		}
		for _, v := range names {
			if containsWord(m, v) {
				return true
			}
		}
		return false
	}
	hide := func(fs []Finding) {
		for i := range fs {
			if f := &fs[i]; naming(f.Message) {
				f.Message = titleOf(titles, f.Rule) + why
			}
		}
	}
	hide(res.Findings)
	hide(res.Suppressed)
}

// hideSensitiveVariables replaces, in every message (rewriteMessages) and
// the principals' names, the secrets (the
// values of the variables a plan's configuration declares sensitive,
// sensitiveVariableStrings: a policy linted from the .tf source with them:
// the finding is in the .tf, the value is not).
func hideSensitiveVariables(res *Result, secrets []string) {
	if len(secrets) == 0 {
		return
	}
	secrets = withQuotedForms(secrets)
	// Longest first, so that a secret holding another is hidden whole.
	sort.Slice(secrets, func(i, j int) bool { return len(secrets[i]) > len(secrets[j]) })
	rewriteMessages(res, func(m *string) bool {
		changed := false
		for _, v := range secrets {
			if strings.Contains(*m, v) {
				*m, changed = strings.ReplaceAll(*m, v, "(sensitive)"), true
			}
		}
		return changed
	})
	for i := range res.Principals {
		pr := &res.Principals[i]
		for _, v := range secrets {
			if strings.Contains(pr.Name, v) {
				pr.Name = "(sensitive)"
			}
			if pr.External && strings.Contains(pr.Address, v) {
				pr.Address = "(sensitive)"
			}
		}
	}
	hideSensitiveKeys(res, secrets, nil)
}

// hideSensitiveKeys replaces by "(sensitive)" the instance keys
// (aws_iam_policy.p["k"], module.m["k"]) of every address of res (the
// findings', the suppressed findings', the notices', the principals' and
// their policies and boundaries) that hold one of secrets (of 3 or more
// characters, as collectStrings) or are one of keys: a for_each over a
// sensitive value makes its strings instance keys, which the JSON, SARIF,
// GitHub, GitLab, checkstyle and JUnit reports and a baseline print
// (Terraform refuses such a for_each, as it would print them). The
// fingerprints are computed already.
func hideSensitiveKeys(res *Result, secrets, keys []string) {
	var quoted []string // the secrets as they are written in a key
	for _, v := range secrets {
		if len(v) >= 3 {
			q := eval.KeySuffix(v)
			quoted = append(quoted, q[2:len(q)-2])
		}
	}
	whole := map[string]bool{}
	for _, k := range keys {
		q := eval.KeySuffix(k)
		whole[q[2:len(q)-2]] = true
	}
	if len(quoted) == 0 && len(whole) == 0 {
		return
	}
	secret := func(k string) bool {
		if whole[k] {
			return true
		}
		for _, v := range quoted {
			if strings.Contains(k, v) {
				return true
			}
		}
		return false
	}
	rewriteAddresses(res, func(addr *string) bool {
		if m, ok := maskAddressKeys(*addr, secret); ok {
			*addr = m
			return true
		}
		return false
	})
}

// maskAddressKeys returns addr with each quoted instance key (["..."],
// escapes included) for which secret, given the key as written between its
// quotes, is true replaced by ["(sensitive)"], and whether it replaced one.
func maskAddressKeys(addr string, secret func(string) bool) (string, bool) {
	if !strings.Contains(addr, `["`) {
		return addr, false
	}
	var b strings.Builder
	last, changed := 0, false
	for i := 0; i+1 < len(addr); i++ {
		if addr[i] != '[' || addr[i+1] != '"' {
			continue
		}
		start := i + 2
		j := start
		for j < len(addr) && addr[j] != '"' {
			if addr[j] == '\\' {
				j++
			}
			j++
		}
		if j >= len(addr) {
			break
		}
		if secret(addr[start:j]) {
			b.WriteString(addr[last:start])
			b.WriteString("(sensitive)")
			last, changed = j, true
		}
		i = j
	}
	if !changed {
		return addr, false
	}
	b.WriteString(addr[last:])
	return b.String(), true
}

// collectStrings adds the strings (and numbers) of v of 3 or more
// characters to out: shorter ones would hide ordinary words.
func collectStrings(v cty.Value, out *[]string, depth int) {
	if v.IsNull() || depth > 32 {
		return
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		if s := v.AsString(); len(s) >= 3 {
			*out = append(*out, s)
		}
	case ty == cty.Number:
		if s := v.AsBigFloat().Text('f', -1); len(s) >= 3 {
			*out = append(*out, s)
		}
	case ty.IsCollectionType() || ty.IsTupleType() || ty.IsObjectType():
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			collectStrings(e, out, depth+1)
		}
	}
}

// containsWord reports whether m holds w with no character of an IAM name
// (letters, digits, _+=,.@-) right before or after it.
func containsWord(m, w string) bool {
	nameChar := func(c byte) bool {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("_+=,.@-", c) >= 0
	}
	for off := 0; ; {
		i := strings.Index(m[off:], w)
		if i < 0 {
			return false
		}
		i += off
		end := i + len(w)
		if (i == 0 || !nameChar(m[i-1])) && (end == len(m) || !nameChar(m[end])) {
			return true
		}
		off = i + 1
	}
}

// hideSensitiveHCL hides, as hideSensitive does for a plan's sensitive
// variables, the values of the variables of the .tf source declared
// sensitive or ephemeral (eval.Module.Sensitive: a default, a --var, a
// .tfvars or a module input): no message names them, nor what the rules
// derive from them (hideFindingsNaming), as Terraform prints none. The text
// where they are written (eval.Module.SensitiveRanges) is masked in
// res.Sources, which the text report quotes (maskHiddenSources).
func hideSensitiveHCL(res *Result, opts Options, ev *eval.Result) {
	if ev == nil {
		return
	}
	maskHiddenSources(res, ev)
	var secrets, keys []string
	for _, m := range ev.Modules {
		if m == nil {
			continue
		}
		for _, v := range m.Sensitive {
			collectStrings(v, &secrets, 0)
		}
		keys = append(keys, m.SensitiveKeys...)
	}
	if len(keys) > 0 {
		hideSensitiveKeys(res, nil, keys)
	}
	if len(secrets) == 0 {
		return
	}
	hideFindingsNaming(res, secrets, ruleTitles(opts.Rules), sensitiveVarMessage)
	hideSensitiveVariables(res, secrets)
}

// maskHiddenSources masks in res.Sources the text of the values of the
// variables declared sensitive or ephemeral (eval.Module.SensitiveRanges:
// a default, a .tfvars value; maskSourceRanges).
func maskHiddenSources(res *Result, ev *eval.Result) {
	var rs []hcl.Range
	for _, m := range ev.Modules {
		if m != nil {
			rs = append(rs, m.SensitiveRanges...)
		}
	}
	maskSourceRanges(res, rs)
}

// maskSourceRanges masks in res.Sources the text of ranges, one * a
// character as maskSensitive does (the columns and the lines stay). It runs
// once the findings are fingerprinted and the suppression comments read:
// both read the text unmasked. A source is copied, not written: its bytes
// are shared with the evaluation. A range in no source (a --var's value)
// or out of its source is skipped.
func maskSourceRanges(res *Result, ranges []hcl.Range) {
	if len(ranges) == 0 {
		return
	}
	cwd, _ := os.Getwd()
	rels := map[string]string{}     // relName by file name
	byFile := map[string][][2]int{} // by relative name: one file may be named two ways
	for _, r := range ranges {
		if r.Start.Byte < 0 || r.End.Byte <= r.Start.Byte {
			continue
		}
		rel, ok := rels[r.Filename]
		if !ok {
			rel = relName(r.Filename, cwd)
			rels[r.Filename] = rel
		}
		if _, ok := res.Sources[rel]; ok {
			byFile[rel] = append(byFile[rel], [2]int{r.Start.Byte, r.End.Byte})
		}
	}
	for rel, rs := range byFile {
		// By start (maskSensitive skips what an earlier range covered, a
		// module's instances note the same ranges, and a range past the
		// end of src).
		sort.Slice(rs, func(i, j int) bool {
			if rs[i][0] != rs[j][0] {
				return rs[i][0] < rs[j][0]
			}
			return rs[i][1] > rs[j][1]
		})
		rs = slices.Compact(rs)
		src := res.Sources[rel]
		res.Sources[rel] = maskSensitive(src, indentKept(src, rs))
	}
}

// indentKept returns ranges (by start, within src or past its end) without
// the indentation of the lines they continue on: a value written over
// several lines (an object default) is masked with its layout kept, its
// lines' spaces and tabs before their first character are not.
func indentKept(src []byte, ranges [][2]int) [][2]int {
	var out [][2]int
	for _, r := range ranges {
		a, b := r[0], min(r[1], len(src))
		for a < b {
			nl := bytes.IndexByte(src[a:b], '\n')
			if nl < 0 {
				out = append(out, [2]int{a, b})
				break
			}
			out = append(out, [2]int{a, a + nl})
			a += nl + 1
			for a < b && (src[a] == ' ' || src[a] == '\t') {
				a++
			}
		}
	}
	return out
}

// ruleTitles maps the rules' IDs to their titles.
func ruleTitles(rules []*Rule) map[string]string {
	titles := make(map[string]string, len(rules))
	for _, r := range rules {
		titles[r.ID] = r.Title
	}
	return titles
}

// titleOf is the title of rule in titles (ruleTitles), or the rule's ID
// when it has none: what a message hiding a sensitive value says instead.
func titleOf(titles map[string]string, rule string) string {
	if t := titles[rule]; t != "" {
		return t
	}
	return rule
}

// sensitiveVarMessage is the message of a finding naming a value of a
// variable of the .tf source declared sensitive.
const sensitiveVarMessage = " (from a variable declared sensitive: details hidden; see the configuration)"

// hideMarkedValues replaces, in every message (rewriteMessages), the values
// a plan marks sensitive (secret; those of 3 or more characters, as
// collectStrings: shorter ones would hide ordinary words) by "(sensitive)",
// as hideSensitiveVariables does for the values of sensitive variables. A
// plan may mark thousands of values: each message is read once, the values
// indexed by their first three bytes (the longest first where several
// start at one place).
func hideMarkedValues(res *Result, secret map[string]bool) {
	idx := map[string][]string{}
	for v := range secret {
		for _, f := range quotedForms(v) {
			if len(f) >= 3 {
				idx[f[:3]] = append(idx[f[:3]], f)
			}
		}
	}
	if len(idx) == 0 {
		return
	}
	for _, vs := range idx {
		sort.Slice(vs, func(i, j int) bool {
			if len(vs[i]) != len(vs[j]) {
				return len(vs[i]) > len(vs[j])
			}
			return vs[i] < vs[j]
		})
	}
	rewriteMessages(res, func(m *string) bool {
		s := *m
		var b strings.Builder
		last := 0
		for i := 0; i+3 <= len(s); {
			n := 0
			for _, v := range idx[s[i:i+3]] {
				if strings.HasPrefix(s[i:], v) {
					n = len(v)
					break
				}
			}
			if n == 0 {
				i++
				continue
			}
			b.WriteString(s[last:i])
			b.WriteString("(sensitive)")
			i += n
			last = i
		}
		if last == 0 {
			return false
		}
		b.WriteString(s[last:])
		*m = b.String()
		return true
	})
}

// quotedForms are the texts a message may hold for the value v: v, and v
// as %q quotes it (strconv.Quote: a backslash, a double quote, a tab and the
// characters it cannot print escaped) and as the rules quote the names AWS
// spells in ASCII (strconv.QuoteToASCII: whatever is not ASCII escaped),
// without the quotes, when they differ from v. A secret looked for as it is
// only was printed by unknown-action's action "s3:tops3cret\\value".
func quotedForms(v string) []string {
	forms := []string{v}
	for _, q := range [2]string{strconv.Quote(v), strconv.QuoteToASCII(v)} {
		if q = q[1 : len(q)-1]; q != v && q != forms[len(forms)-1] {
			forms = append(forms, q)
		}
	}
	return forms
}

// withQuotedForms is a new list of the secrets and their quotedForms.
func withQuotedForms(secrets []string) []string {
	out := make([]string, 0, len(secrets))
	for _, v := range secrets {
		out = append(out, quotedForms(v)...)
	}
	return out
}
