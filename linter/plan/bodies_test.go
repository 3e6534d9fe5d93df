package plan

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/linter/eval"
)

// mixedPlan returns a plan of n resource changes of every kind the loader
// treats apart (create with unknown attributes, update, no-op, delete,
// replace, deposed, read data source), spread over modules, with a
// prior_state data source and planned_values. bad, when not empty, is
// spliced into the after value of change badAt; tail is appended to the
// change after it (to break the JSON later).
func mixedPlan(n, badAt int, bad string, tailAt int, tail string) []byte {
	var b strings.Builder
	b.WriteString(`{"format_version":"1.2","terraform_version":"1.9.0","resource_changes":[`)
	pol := `"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:%d\",\"Resource\":\"*\"}]}"`
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		mod := fmt.Sprintf("module.m%d", i%7)
		if i%5 == 0 {
			mod = ""
		}
		addr := fmt.Sprintf("aws_iam_policy.p%d", i)
		if mod != "" {
			addr = mod + "." + addr
		}
		extra := ""
		if i == badAt {
			extra = `,"num":` + bad
		}
		p := fmt.Sprintf(pol, i)
		var change string
		switch i % 7 {
		case 0: // create, unknown attributes (one left out of after)
			change = fmt.Sprintf(`{"actions":["create"],"before":null,"after":{"name":"p%d","policy":%s,"tags":{"a":"b"}%s},"after_unknown":{"arn":true,"id":true,"tags":{}}}`, i, p, extra)
		case 1: // update: the policy is unchanged, the name changes
			change = fmt.Sprintf(`{"actions":["update"],"before":{"name":"old%d","policy":%s,"n":1},"after":{"name":"p%d","policy":%s,"n":1%s},"after_unknown":{}}`, i, p, i, p, extra)
		case 2: // no-op: before and after the same bytes
			change = fmt.Sprintf(`{"actions":["no-op"],"before":{"name":"p%d","policy":%s%s},"after":{"name":"p%d","policy":%s%s}}`, i, p, extra, i, p, extra)
		case 3: // delete
			change = fmt.Sprintf(`{"actions":["delete"],"before":{"name":"p%d","policy":%s},"after":null%s}`, i, p, strings.ReplaceAll(extra, `"num"`, `"x"`))
		case 4: // replace, unknown policy
			change = fmt.Sprintf(`{"actions":["delete","create"],"before":{"name":"p%d","policy":%s},"after":{"name":"p%d","list":[1,{"k":%s}]%s},"after_unknown":{"policy":true,"list":[false,{"k":false}]}}`, i, p, i, p, extra)
		case 5: // a read data source
			addr = strings.Replace(addr, "aws_iam_policy.p", "data.aws_iam_policy_document.d", 1)
			change = fmt.Sprintf(`{"actions":["read"],"before":null,"after":{"json":%s%s},"after_unknown":{}}`, p, extra)
		case 6: // wholly unknown after
			change = fmt.Sprintf(`{"actions":["create"],"before":null%s,"after_unknown":true}`, strings.ReplaceAll(extra, `"num"`, `"x"`))
		}
		mode := "managed"
		if i%7 == 5 {
			mode = "data"
		}
		fmt.Fprintf(&b, `{"address":%q,"module_address":%q,"mode":%q,"type":"t","name":"n","change":%s}`, addr, mod, mode, change)
		if i%11 == 3 {
			fmt.Fprintf(&b, `,{"address":%q,"mode":"managed","type":"t","name":"n","deposed":"d%d","change":{"actions":["delete"],"before":{"name":"x"},"after":null}}`, addr, i)
		}
		if i == tailAt {
			b.WriteString(tail)
		}
	}
	b.WriteString(`],"planned_values":{"root_module":{"resources":[{"address":"aws_iam_user.only_planned","mode":"managed","type":"aws_iam_user","name":"only_planned","values":{"name":"u"}}]}},`)
	b.WriteString(`"prior_state":{"values":{"root_module":{"resources":[{"address":"data.aws_caller_identity.c","mode":"data","type":"aws_caller_identity","name":"c","values":{"account_id":"1"}},{"address":"aws_iam_policy.p1","mode":"managed","type":"t","name":"n","values":{"name":"prior"}}]}}}}`)
	return []byte(b.String())
}

// dumpPlan writes everything Load made that a caller can see, including
// which Nodes are shared (sharedBody, unchanged objects).
func dumpPlan(p *Plan) string {
	var b strings.Builder
	ids := map[*eval.Node]int{}
	var node func(n *eval.Node, ind string)
	node = func(n *eval.Node, ind string) {
		if n == nil {
			b.WriteString(ind + "nil\n")
			return
		}
		if id, ok := ids[n]; ok {
			fmt.Fprintf(&b, "%sshared #%d\n", ind, id)
			return
		}
		ids[n] = len(ids)
		fmt.Fprintf(&b, "%s#%d %#v %v %v keys=%v ref=%v\n", ind, ids[n], n.Val, n.Range, n.NameRange(), n.Keys, n.RefTo())
		for _, k := range n.Keys {
			b.WriteString(ind + " ." + k + "\n")
			node(n.Attr(k), ind+"  ")
		}
		for _, e := range n.Elems {
			node(e, ind+"  ")
		}
	}
	for _, r := range []*eval.Result{p.After, p.Before} {
		if r == nil {
			b.WriteString("no result\n")
			continue
		}
		for _, m := range r.Modules {
			fmt.Fprintf(&b, "module %q\n", m.Path)
			for _, bl := range m.Blocks {
				fmt.Fprintf(&b, " %s %s %s %v change=%s\n", bl.Mode, bl.Type, bl.Address, bl.Range, p.Change(bl).Address)
				node(bl.Body, "  ")
			}
		}
		fmt.Fprintf(&b, "diags %v\n", r.Diags)
	}
	for _, c := range p.Changes {
		fmt.Fprintf(&b, "change %s %q %s %v %s after=%v before=%v\n", c.Address, c.Deposed(), c.Mode, c.Actions, c.Source, c.After != nil, c.Before != nil)
	}
	return b.String()
}

// loadWith loads src with GOMAXPROCS set to procs; with procs < 0, on
// -procs CPUs with the values built while the pass reads on (bodyPipe).
func loadWith(t *testing.T, procs int, src []byte, opts Options) (string, string) {
	t.Helper()
	if procs < 0 {
		procs = -procs
		defer func(old int) { minPipelineSize = old }(minPipelineSize)
		minPipelineSize = 0
	} else {
		defer func(old int) { minPipelineSize = old }(minPipelineSize)
		minPipelineSize = math.MaxInt
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	p, diags := Load("plan.json", src, opts)
	if p == nil {
		return "", diags.Error()
	}
	return dumpPlan(p), diags.Error()
}

// TestBodiesParallelSameAsSequential: the values built on several CPUs are
// the ones built on one (which is building them in plan order), for every
// kind of change and every Options.
func TestBodiesParallelSameAsSequential(t *testing.T) {
	src := mixedPlan(3*minParallelJobs, -1, "", -1, "")
	for _, opts := range []Options{{}, {SkipBefore: true}, {BeforeResourcesOnly: true}} {
		seq, seqDiags := loadWith(t, 1, src, opts)
		par, parDiags := loadWith(t, 4, src, opts)
		if seq == "" {
			t.Fatalf("%+v: not loaded: %s", opts, seqDiags)
		}
		if seq != par || seqDiags != parDiags {
			t.Fatalf("%+v: parallel load differs from sequential\nsequential:\n%.3000s\nparallel:\n%.3000s", opts, seq, par)
		}
		for _, procs := range []int{-1, -4} {
			if piped, pipedDiags := loadWith(t, procs, src, opts); seq != piped || seqDiags != pipedDiags {
				t.Fatalf("%+v: load with the pipe on %d CPUs differs from sequential\nsequential:\n%.3000s\npiped:\n%.3000s", opts, -procs, seq, piped)
			}
		}
		if !opts.SkipBefore {
			p, _ := Load("plan.json", src, opts)
			for _, c := range p.Changes {
				if len(c.Actions) == 1 && c.Actions[0] == "no-op" && c.Source == FromResourceChanges && c.Before != nil && c.After != nil && c.Before.Body != c.After.Body {
					t.Errorf("%+v: %s: the unchanged object's before body is not its after body", opts, c.Address)
				}
			}
		}
		for _, want := range []string{"shared #", "module \"module.m1\"", "data.aws_iam_policy_document.d5", "aws_iam_user.only_planned", "cty.DynamicVal"} {
			if opts.SkipBefore && want == "shared #" {
				continue
			}
			if !strings.Contains(seq, want) {
				t.Errorf("%+v: the test plan does not exercise %q", opts, want)
			}
		}
	}
}

// TestBodiesErrorOrder: a value only building can reject (a number too big
// for cty) is reported before a syntax error later in the plan, and after an
// earlier one, as when values were built during the pass.
func TestBodiesErrorOrder(t *testing.T) {
	const bad = "1e99999999999"
	n := 2 * minParallelJobs
	cases := []struct {
		name         string
		src          []byte
		wantInDetail string
	}{
		{"bad number", mixedPlan(n, 301, bad, -1, ""), "number out of range"},
		{"bad number, later syntax error", mixedPlan(n, 301, bad, 400, `,{"address" "x"}`), "number out of range"},
		{"syntax error, later bad number", mixedPlan(n, 400, bad, 300, `,{"address" "x"}`), "expected ':'"},
		{"bad number, trailing garbage", append(mixedPlan(n, 301, bad, -1, ""), " x"...), "number out of range"},
	}
	for _, c := range cases {
		seq, seqDiags := loadWith(t, 1, c.src, Options{})
		par, parDiags := loadWith(t, 4, c.src, Options{})
		if seq != "" || par != "" {
			t.Fatalf("%s: loaded", c.name)
		}
		if seqDiags != parDiags {
			t.Errorf("%s: parallel error %q, sequential %q", c.name, parDiags, seqDiags)
		}
		if piped, pipedDiags := loadWith(t, -4, c.src, Options{}); piped != "" || pipedDiags != seqDiags {
			t.Errorf("%s: error with the pipe %q, sequential %q", c.name, pipedDiags, seqDiags)
		}
		if !strings.Contains(parDiags, c.wantInDetail) {
			t.Errorf("%s: error %q, want %q", c.name, parDiags, c.wantInDetail)
		}
		if c.wantInDetail == "number out of range" {
			want := fmt.Sprintf("byte offset %d ", strings.Index(string(c.src), bad))
			if !strings.Contains(parDiags, want) {
				t.Errorf("%s: error %q, want it at %q", c.name, parDiags, want)
			}
		}
	}
}

// TestRelevantSkipsValues: with Options.Relevant, the blocks the caller
// does not read are in After without their values, the others as without
// it; a block whose after is null (a delete) is still not in After.
func TestRelevantSkipsValues(t *testing.T) {
	src := []byte(`{"format_version":"1.2","resource_changes":[
{"address":"aws_instance.i","mode":"managed","type":"aws_instance","name":"i","change":{"actions":["create"],"before":null,"after":{"ami":"x","n":1e99999999999},"after_unknown":{"id":true}}},
{"address":"aws_instance.gone","mode":"managed","type":"aws_instance","name":"gone","change":{"actions":["delete"],"before":{"ami":"y"},"after":null}},
{"address":"aws_s3_bucket.u","mode":"managed","type":"aws_s3_bucket","name":"u","change":{"actions":["create"],"before":null,"after_unknown":true}},
{"address":"aws_iam_role.r","mode":"managed","type":"aws_iam_role","name":"r","change":{"actions":["create"],"before":null,"after":{"name":"r","assume_role_policy":"{}"},"after_unknown":{"arn":true}}}],
"planned_values":{"root_module":{"resources":[{"address":"aws_sqs_queue.q","mode":"managed","type":"aws_sqs_queue","name":"q","values":{"name":"q"}}]}},
"prior_state":{"values":{"root_module":{"resources":[{"address":"data.aws_region.r","mode":"data","type":"aws_region","name":"r","values":{"name":"eu-west-1"}}]}}}}`)
	relevant := func(mode, typ string) bool { return strings.HasPrefix(typ, "aws_iam_") }
	for _, procs := range []int{1, -2} {
		defer func(old int) { minPipelineSize = old }(minPipelineSize)
		if procs < 0 {
			minPipelineSize = 0
		}
		p, diags := Load("plan.json", src, Options{SkipBefore: true, Relevant: relevant})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		got := map[string]string{}
		for _, c := range p.Changes {
			switch {
			case c.After == nil:
				got[c.Address] = "absent"
			case c.After.Body == nil:
				got[c.Address] = "no values"
			default:
				got[c.Address] = "values"
			}
		}
		want := map[string]string{"aws_instance.i": "no values", "aws_instance.gone": "absent", "aws_s3_bucket.u": "no values",
			"aws_iam_role.r": "values", "aws_sqs_queue.q": "no values", "data.aws_region.r": "no values"}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("procs %d: blocks %v, want %v", procs, got, want)
		}
		// Without Relevant, the number cty cannot hold is an error.
		if _, diags := Load("plan.json", src, Options{SkipBefore: true}); !diags.HasErrors() {
			t.Errorf("no error without Relevant")
		}
	}
}

// TestUnreadLeavesAttrsOut: with Options.Unread, the top-level attributes
// it names are left out of the bodies (known ones, unknown ones Terraform
// left out of after, null ones), whole, piped and lazy, planned_values and
// prior_state included; nested members of that name and the other
// attributes are as without it. Without SkipBefore it is ignored.
func TestUnreadLeavesAttrsOut(t *testing.T) {
	src := []byte(`{"format_version":"1.2","resource_changes":[
{"address":"aws_iam_role.r","mode":"managed","type":"aws_iam_role","name":"r","change":{"actions":["create"],"before":null,
 "after":{"name":"r","tags":{"a":"b"},"inline_policy":[{"name":"p","tags":{"x":"y"},"policy":"{}"}],"assume_role_policy":"{\"a\":1}"},
 "after_unknown":{"arn":true,"tags_all":true,"inline_policy":[{"tags":{"x":true}}]}}},
{"address":"aws_iam_policy.p","mode":"managed","type":"aws_iam_policy","name":"p","change":{"actions":["update"],"before":{"name":"p"},
 "after":{"name":"p","tags":null,"policy":"{}"},"after_unknown":{"tags_all":{"k":true}}}}],
"planned_values":{"root_module":{"resources":[{"address":"aws_iam_user.u","mode":"managed","type":"aws_iam_user","name":"u","values":{"name":"u","tags":{"t":"1"}}}]}},
"prior_state":{"values":{"root_module":{"resources":[{"address":"data.aws_iam_role.d","mode":"data","type":"aws_iam_role","name":"d","values":{"name":"d","tags_all":{"t":"1"}}}]}}}}`)
	unread := func(a string) bool { return a == "tags" || a == "tags_all" }
	bodies := func(opts Options) map[string]*eval.Node {
		p, diags := Load("plan.json", src, opts)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		out := map[string]*eval.Node{}
		add := func(b *eval.Block) {
			if b != nil && b.Body != nil {
				out[b.Address] = b.Body
			}
		}
		if p.Lazy() {
			if diags := p.Stream(1, nil, func(bs []*eval.Block) {
				for _, b := range bs {
					add(b)
				}
			}); diags.HasErrors() {
				t.Fatal(diags)
			}
			p.EndStream()
		}
		for _, c := range p.Changes {
			add(c.After)
		}
		return out
	}
	without := bodies(Options{SkipBefore: true})
	if len(without) != 4 {
		t.Fatalf("%d bodies, want 4", len(without))
	}
	defer func(pipe, split int) { minPipelineSize, minSplitPass = pipe, split }(minPipelineSize, minSplitPass)
	for _, pipe := range []bool{false, true} {
		if pipe {
			// Built while the pass reads on; a lazy load's pass split in two.
			minPipelineSize, minSplitPass = 0, 0
		}
		for _, lazy := range []bool{false, true} {
			got := bodies(Options{SkipBefore: true, Unread: unread, Lazy: lazy})
			if len(got) != len(without) {
				t.Errorf("pipe %v lazy %v: %d bodies, want %d", pipe, lazy, len(got), len(without))
			}
			for name, w := range without {
				g := got[name]
				if g == nil {
					continue
				}
				var wantKeys []string
				for _, k := range w.Keys {
					if !unread(k) {
						wantKeys = append(wantKeys, k)
					}
				}
				if fmt.Sprint(g.Keys) != fmt.Sprint(wantKeys) {
					t.Errorf("pipe %v lazy %v: %s keys %v, want %v", pipe, lazy, name, g.Keys, wantKeys)
				}
				wantAttrs := 0
				for k, v := range w.Val.AsValueMap() {
					if unread(k) {
						if g.Val.Type().HasAttribute(k) {
							t.Errorf("pipe %v lazy %v: %s keeps %s", pipe, lazy, name, k)
						}
						continue
					}
					wantAttrs++
					if !g.Val.Type().HasAttribute(k) || !g.Val.GetAttr(k).RawEquals(v) {
						t.Errorf("pipe %v lazy %v: %s.%s differs", pipe, lazy, name, k)
					}
				}
				if n := len(g.Val.Type().AttributeTypes()); n != wantAttrs {
					t.Errorf("pipe %v lazy %v: %s has %d attributes, want %d", pipe, lazy, name, n, wantAttrs)
				}
			}
			// A nested tags is kept.
			if r := got["aws_iam_role.r"]; r == nil || !r.Val.GetAttr("inline_policy").Index(cty.NumberIntVal(0)).Type().HasAttribute("tags") {
				t.Errorf("pipe %v lazy %v: inline_policy lost its tags", pipe, lazy)
			}
		}
	}
	// With the before values (--new-only), nothing is left out.
	p, diags := Load("plan.json", src, Options{BeforeResourcesOnly: true, Unread: unread})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, c := range p.Changes {
		if c.Address == "aws_iam_role.r" && (c.After == nil || !slices.Contains(c.After.Body.Keys, "tags")) {
			t.Errorf("with Before, %s has no tags", c.Address)
		}
	}
}

// TestDeriveUnknown: with Options.DeriveUnknown the unknown attributes
// Terraform leaves out of after have no member Node (whole, piped and
// lazy, pass split or not), and Get, GetVal and Member give what the body
// gave with its shared Node: cty.DynamicVal at the body's range. Known
// members and nested unknowns are as without it; without SkipBefore it
// does nothing.
func TestDeriveUnknown(t *testing.T) {
	src := []byte(`{"format_version":"1.2","resource_changes":[
{"address":"aws_iam_role.r","mode":"managed","type":"aws_iam_role","name":"r","change":{"actions":["create"],"before":null,
 "after":{"name":"r","inline_policy":[{"name":"p","policy":"{}"}],"assume_role_policy":"{\"a\":1}"},
 "after_unknown":{"arn":true,"id":true,"managed_policy_arns":true,"inline_policy":[{"role":true}]}}},
{"address":"aws_iam_policy.p","mode":"managed","type":"aws_iam_policy","name":"p","change":{"actions":["update"],"before":{"name":"p"},
 "after":{"name":"p"},"after_unknown":{"policy":true,"arn":true}}},
{"address":"aws_iam_user.u","mode":"managed","type":"aws_iam_user","name":"u","change":{"actions":["create"],"before":null,
 "after":null,"after_unknown":true}}]}`)
	bodies := func(opts Options) map[string]*eval.Node {
		p, diags := Load("plan.json", src, opts)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		out := map[string]*eval.Node{}
		add := func(b *eval.Block) {
			if b != nil && b.Body != nil {
				out[b.Address] = b.Body
			}
		}
		if p.Lazy() {
			if diags := p.Stream(1, nil, func(bs []*eval.Block) {
				for _, b := range bs {
					add(b)
				}
			}); diags.HasErrors() {
				t.Fatal(diags)
			}
			p.EndStream()
		}
		for _, c := range p.Changes {
			add(c.After)
		}
		return out
	}
	missing := map[string][]string{"aws_iam_role.r": {"arn", "id", "managed_policy_arns"}, "aws_iam_policy.p": {"arn", "policy"}}
	want := bodies(Options{SkipBefore: true})
	if len(want) != 3 {
		t.Fatalf("%d bodies, want 3", len(want))
	}
	for name, ks := range missing {
		for _, k := range ks {
			if want[name].Attr(k) == nil {
				t.Fatalf("without DeriveUnknown, %s.%s has no member Node", name, k)
			}
		}
	}
	if got := bodies(Options{DeriveUnknown: true}); got["aws_iam_role.r"].Attr("arn") == nil {
		t.Error("DeriveUnknown without SkipBefore left out a member Node")
	}
	defer func(pipe, split int) { minPipelineSize, minSplitPass = pipe, split }(minPipelineSize, minSplitPass)
	for _, pipe := range []bool{false, true} {
		if pipe {
			minPipelineSize, minSplitPass = 0, 0
		}
		for _, lazy := range []bool{false, true} {
			got := bodies(Options{SkipBefore: true, DeriveUnknown: true, Lazy: lazy})
			if len(got) != len(want) {
				t.Fatalf("pipe %v lazy %v: %d bodies, want %d", pipe, lazy, len(got), len(want))
			}
			for name, w := range want {
				g := got[name]
				if !g.Val.RawEquals(w.Val) || g.Range != w.Range {
					t.Errorf("pipe %v lazy %v: %s: value or range differs", pipe, lazy, name)
				}
				var wantKeys []string
				for _, k := range w.Keys {
					if !slices.Contains(missing[name], k) {
						wantKeys = append(wantKeys, k)
					}
				}
				if fmt.Sprint(g.Keys) != fmt.Sprint(wantKeys) {
					t.Errorf("pipe %v lazy %v: %s keys %v, want %v", pipe, lazy, name, g.Keys, wantKeys)
				}
				for _, k := range append(slices.Clone(w.Keys), "name", "absent") {
					wn, gn := Member(w, k), Member(g, k)
					if (wn == nil) != (gn == nil) || (wn != nil && (!wn.Val.RawEquals(gn.Val) || wn.Range != gn.Range)) {
						t.Errorf("pipe %v lazy %v: %s: Member(%q) = %v, want %v", pipe, lazy, name, k, gn, wn)
					}
					wg, gg := w.Get(k), g.Get(k)
					if (wg == nil) != (gg == nil) || (wg != nil && (!wg.Val.RawEquals(gg.Val) || wg.Range != gg.Range)) {
						t.Errorf("pipe %v lazy %v: %s: Get(%q) differs", pipe, lazy, name, k)
					}
					if !w.GetVal(k).RawEquals(g.GetVal(k)) {
						t.Errorf("pipe %v lazy %v: %s: GetVal(%q) differs", pipe, lazy, name, k)
					}
				}
			}
			// A nested unknown is as before (only top-level members are derived).
			ip := got["aws_iam_role.r"].Get("inline_policy")
			if ip == nil || len(ip.Elems) != 1 || ip.Elems[0].GetVal("role").IsKnown() {
				t.Errorf("pipe %v lazy %v: inline_policy[0].role is not unknown", pipe, lazy)
			}
		}
	}
	// A body unknown as a whole: Member derives nothing, as Attr.
	if u := want["aws_iam_user.u"]; u.Val.IsKnown() || Member(u, "arn") != nil {
		t.Errorf("aws_iam_user.u: %#v, Member %v", u.Val, Member(u, "arn"))
	}
}
