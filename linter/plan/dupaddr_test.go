package plan

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// addrNotices returns the duplicate-address notices of diags as
// "line:column detail".
func addrNotices(diags hcl.Diagnostics) []string {
	var out []string
	for _, d := range diags {
		if d.Summary == "Duplicate resource address" {
			out = append(out, fmt.Sprintf("%d:%d %s", d.Subject.Start.Line, d.Subject.Start.Column, d.Detail))
		}
	}
	return out
}

func rcEntry(addr, action, deposed string) string {
	typ, name, _ := strings.Cut(addr, ".")
	dep := ""
	if deposed != "" {
		dep = fmt.Sprintf(`"deposed": %q, `, deposed)
	}
	return fmt.Sprintf(`{"address": %q, %s"mode": "managed", "type": %q, "name": %q, "change": {"actions": ["create"], "before": null, "after": {"name": %q, "policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"%s\",\"Resource\":\"*\"}]}"}, "after_unknown": {}}}`,
		addr, dep, typ, name, name, action)
}

func pvEntry(addr, action string) string {
	typ, name, _ := strings.Cut(addr, ".")
	return fmt.Sprintf(`{"address": %q, "mode": "managed", "type": %q, "name": %q, "values": {"name": %q, "policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"%s\",\"Resource\":\"*\"}]}"}}`,
		addr, typ, name, name, action)
}

// dupAddrPlan lists aws_iam_policy.p three times in resource_changes
// (and once deposed: another instance object, not a duplicate), q twice
// in planned_values only, p twice in planned_values, and p twice in
// prior_state; r once everywhere. One line per entry.
var dupAddrPlan = strings.Join([]string{
	`{"format_version": "1.2",`,
	`"resource_changes": [`,
	rcEntry("aws_iam_policy.p", "*", "") + ",",
	rcEntry("aws_iam_policy.r", "s3:GetObject", "") + ",",
	rcEntry("aws_iam_policy.p", "s3:*", "") + ",",
	rcEntry("aws_iam_policy.p", "iam:*", "dep1") + ",",
	rcEntry("aws_iam_policy.p", "ec2:*", ""),
	`],`,
	`"planned_values": {"root_module": {"resources": [`,
	pvEntry("aws_iam_policy.p", "*") + ",",
	pvEntry("aws_iam_policy.q", "sqs:*") + ",",
	pvEntry("aws_iam_policy.p", "*") + ",",
	pvEntry("aws_iam_policy.q", "kms:*"),
	`]}},`,
	`"prior_state": {"format_version": "1.0", "values": {"root_module": {"resources": [`,
	pvEntry("aws_iam_policy.p", "sns:*") + ",",
	pvEntry("aws_iam_policy.r", "sns:*") + ",",
	pvEntry("aws_iam_policy.p", "*"),
	`]}}}`,
	`}`,
}, "\n")

// TestDuplicateAddresses: an instance listed more than once in
// resource_changes, planned_values or prior_state is one notice at its
// second entry (its address), saying how many times and where the first
// is; every entry of resource_changes is a change, and every entry of
// planned_values for an instance resource_changes does not list (the
// second q was dropped in silence); a deposed object is not a duplicate.
// Loaded whole, lazily and with the pass split, the same.
func TestDuplicateAddresses(t *testing.T) {
	defer func(n int) { minSplitPass = n }(minSplitPass)
	for _, opts := range []Options{{}, {SkipBefore: true, Lazy: true}, {SkipBefore: true}} {
		for _, split := range []int{32 << 20, 1} {
			minSplitPass = split
			p, diags := Load("dup.json", []byte(dupAddrPlan), opts)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			got := addrNotices(p.After.Diags)
			want := []string{
				"5:2 aws_iam_policy.p appears 3 times in resource_changes (first at 3:2). Terraform lists each resource instance once: the plan was edited by hand or joined from several plans; check that it is the output of terraform show -json. Each entry is linted, and counted, as a resource of its own: its findings are at its own text.",
				"12:2 aws_iam_policy.p appears 2 times in planned_values (first at 10:2). Terraform lists each resource instance once: the plan was edited by hand or joined from several plans; check that it is the output of terraform show -json. The values of resource_changes are linted for it; planned_values' entries are not read.",
				"13:2 aws_iam_policy.q appears 2 times in planned_values (first at 11:2). Terraform lists each resource instance once: the plan was edited by hand or joined from several plans; check that it is the output of terraform show -json. Each entry is linted, and counted, as a resource of its own: its findings are at its own text.",
				"18:2 aws_iam_policy.p appears 2 times in prior_state (first at 16:2). Terraform lists each resource instance once: the plan was edited by hand or joined from several plans; check that it is the output of terraform show -json. The first entry is read (the values before the change); the others are not.",
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("%+v split %d: notices\n%s\nwant\n%s", opts, split, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			var addrs []string
			for _, c := range p.Changes {
				addrs = append(addrs, fmt.Sprintf("%s@%d%s", c.Address, c.Range.Start.Line, c.Source[:1]))
			}
			if got, want := strings.Join(addrs, " "), "aws_iam_policy.p@3r aws_iam_policy.r@4r aws_iam_policy.p@5r aws_iam_policy.p@6r aws_iam_policy.p@7r aws_iam_policy.q@11p aws_iam_policy.q@13p"; got != want {
				t.Errorf("%+v: changes %s, want %s", opts, got, want)
			}
			n := 0
			for _, m := range p.After.Modules {
				n += len(m.Blocks)
			}
			if n != 6 { // the deposed object is not in After
				t.Errorf("%+v: %d blocks", opts, n)
			}
		}
	}
}

// TestDuplicateAddressesMany: one address 100,000 times is one notice
// (with the count); 30 addresses twice each are maxDupNotices notices, the
// last saying how many more; the loader keeps one record per address.
func TestDuplicateAddressesMany(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"format_version": "1.2", "resource_changes": [`)
	for i := range 100000 {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString(rcEntry("aws_iam_policy.p", "s3:GetObject", ""))
	}
	b.WriteString("]}")
	p, diags := Load("many.json", []byte(b.String()), Options{SkipBefore: true, Lazy: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	got := addrNotices(p.After.Diags)
	if len(got) != 1 || !strings.HasPrefix(got[0], "2:2 aws_iam_policy.p appears 100000 times in resource_changes (first at 1:49).") || len(p.Changes) != 100000 {
		t.Errorf("%d changes, notices %q", len(p.Changes), got)
	}

	b.Reset()
	b.WriteString(`{"format_version": "1.2", "resource_changes": [`)
	for k := range 2 {
		for i := range 30 {
			if k+i > 0 {
				b.WriteString(",\n")
			}
			b.WriteString(rcEntry(fmt.Sprintf("aws_iam_policy.p%d", i), "s3:GetObject", ""))
		}
	}
	b.WriteString("]}")
	p, diags = Load("many.json", []byte(b.String()), Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	got = addrNotices(p.After.Diags)
	if len(got) != maxDupNotices || !strings.HasPrefix(got[0], "31:2 aws_iam_policy.p0 appears 2 times") ||
		!strings.HasSuffix(got[maxDupNotices-1], " 20 more addresses are listed more than once (a notice for the first 10 only).") {
		t.Errorf("notices %q", got)
	}
}

// TestNoDuplicateAddresses: an instance and its deposed object, or the
// instances of a resource that Terraform 0.12 wrote in prior_state under
// the resource's address with their key as "index", are not duplicates;
// the same "index" twice is.
func TestNoDuplicateAddresses(t *testing.T) {
	idx := func(i int) string {
		return strings.Replace(pvEntry("aws_iam_policy.c", "*"), `"mode"`, fmt.Sprintf(`"index": %d, "mode"`, i), 1)
	}
	for _, c := range []struct {
		prior string
		want  int
	}{
		{pvEntry("aws_iam_policy.p", "*"), 0},
		{idx(0) + "," + idx(1) + "," + idx(2), 0},
		{idx(0) + ",\n" + idx(1) + ",\n" + idx(0) + ",\n" + idx(1) + ",\n" + idx(0), 2},
	} {
		p, diags := Load("dup.json", []byte(`{"format_version": "0.1", "resource_changes": [`+rcEntry("aws_iam_policy.p", "*", "")+`,`+rcEntry("aws_iam_policy.p", "*", "d1")+`],
"planned_values": {"root_module": {"resources": [`+pvEntry("aws_iam_policy.p", "*")+`]}}, "prior_state": {"values": {"root_module": {"resources": [`+c.prior+`]}}}}`), Options{})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		got := addrNotices(p.After.Diags)
		if len(got) != c.want {
			t.Errorf("%s: notices %q", c.prior, got)
		}
		if c.want == 2 && (!strings.HasPrefix(got[0], "4:2 aws_iam_policy.c[0] appears 3 times in prior_state (first at 2:") || !strings.HasPrefix(got[1], "5:2 aws_iam_policy.c[1] appears 2 times in prior_state (first at 3:2)")) {
			t.Errorf("notices %q", got)
		}
	}
}

// TestIndexedInstances: Terraform 0.12 wrote each instance of a resource
// with count or for_each in planned_values and prior_state under the
// resource's address, its key as "index". Each is an instance of its own,
// named with its key, and read: only the first was before, so a policy in
// the second went unlinted (a resource only planned_values lists, a data
// source read during planning).
func TestIndexedInstances(t *testing.T) {
	withIndex := func(e, index string) string {
		return strings.Replace(e, `"mode"`, `"index": `+index+`, "mode"`, 1)
	}
	data := func(action string) string {
		return fmt.Sprintf(`{"address": "data.aws_iam_policy_document.d", "mode": "data", "type": "aws_iam_policy_document", "name": "d", "values": {"json": "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"%s\",\"Resource\":\"*\"}]}"}}`, action)
	}
	src := `{"format_version": "0.1", "terraform_version": "0.12.31",
"planned_values": {"root_module": {"resources": [` +
		withIndex(pvEntry("aws_iam_policy.p", "s3:GetObject"), "0") + ",\n" +
		withIndex(pvEntry("aws_iam_policy.p", "*"), "1") + ",\n" +
		withIndex(pvEntry("aws_iam_policy.k", "sqs:*"), `"a"`) + ",\n" +
		withIndex(pvEntry("aws_iam_policy.k[\"b\"]", "kms:*"), `"b"`) + `]}},
"prior_state": {"values": {"root_module": {"resources": [` +
		withIndex(data("s3:GetObject"), "0") + ",\n" +
		withIndex(data("*"), "1") + `]}}}}`
	// Loaded whole, lazily and with the pass split, the same instances.
	defer func(n int) { minSplitPass = n }(minSplitPass)
	for _, opts := range []Options{{}, {SkipBefore: true, Lazy: true}, {SkipBefore: true}} {
		for _, split := range []int{32 << 20, 1} {
			minSplitPass = split
			p, diags := Load("idx.json", []byte(src), opts)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			if got := addrNotices(p.After.Diags); len(got) != 0 {
				t.Errorf("%+v split %d: notices %q", opts, split, got)
			}
			var addrs []string
			for _, c := range p.Changes {
				addrs = append(addrs, c.Address)
			}
			if got, want := strings.Join(addrs, " "), `aws_iam_policy.p[0] aws_iam_policy.p[1] aws_iam_policy.k["a"] aws_iam_policy.k["b"] data.aws_iam_policy_document.d[0] data.aws_iam_policy_document.d[1]`; got != want {
				t.Errorf("%+v split %d: changes %s, want %s", opts, split, got, want)
			}
		}
	}
	minSplitPass = 32 << 20
	p, diags := Load("idx.json", []byte(src), Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for addr, want := range map[string]string{
		"aws_iam_policy.p[0]":               `s3:GetObject`,
		"aws_iam_policy.p[1]":               `\"*\"`,
		`aws_iam_policy.k["a"]`:             `sqs:*`,
		`aws_iam_policy.k["b"]`:             `kms:*`, // a key in the address already is kept
		"data.aws_iam_policy_document.d[0]": `s3:GetObject`,
		"data.aws_iam_policy_document.d[1]": `\"*\"`,
	} {
		b := findBlock(p.After, addr)
		if b == nil {
			t.Errorf("%s: no block", addr)
			continue
		}
		attr := "policy"
		if b.Mode == "data" {
			attr = "json"
		}
		pol := b.Body.Attr(attr)
		if pol == nil || !pol.Val.IsKnown() || !strings.Contains(pol.Val.AsString(), `"Action":"`+strings.Trim(want, `\"`)+`"`) {
			t.Errorf("%s: %s = %v, want its own policy (%s)", addr, attr, pol, want)
		}
	}
	if n := countBlocks(p.After); n != 6 {
		t.Errorf("%d blocks, want 6", n)
	}
}
