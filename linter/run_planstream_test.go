package linter_test

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/bench/estate"
	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/report"
	"github.com/iamlint/iamlint/rules"
)

// TestPlanStreamed lints every plan of the test data and the corpus, and
// generated ones, streamed (the values of their resources built and
// extracted a chunk at a time, down to one block a chunk, so that every
// link between blocks crosses chunks) and loaded whole: the reports are
// the same.
// jsonAndText lints opts and returns the JSON report followed by the text
// report.
func jsonAndText(t *testing.T, opts linter.Options) string {
	t.Helper()
	res, err := linter.Lint(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	meta := report.Meta{ToolName: "iamlint", Rules: rules.All}
	if err := report.JSON(&b, res, meta); err != nil {
		t.Fatal(err)
	}
	if err := report.Text(&b, res, meta); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestPlanStreamed(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "plans", "*", "*.json"))
	corpus, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "plans", "*", "*.json"))
	paths = append(paths, corpus...)
	dir := t.TempDir()
	for _, size := range []int64{1 << 20, 5 << 20} {
		var buf bytes.Buffer
		if _, err := estate.WritePlan(&buf, size); err != nil {
			t.Fatal(err)
		}
		gen := filepath.Join(dir, fmt.Sprintf("plan%d.json", size))
		if err := os.WriteFile(gen, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, gen)
	}
	// A plan filtered to planned_values (jq '{format_version,
	// planned_values}'): the stream builds its resources from there.
	var full bytes.Buffer
	if _, err := estate.WriteFullPlan(&full, 1<<20); err != nil {
		t.Fatal(err)
	}
	at := bytes.Index(full.Bytes(), []byte(`"planned_values":`))
	if at < 0 {
		t.Fatal("no planned_values in a full plan")
	}
	planned := filepath.Join(dir, "planned.json")
	if err := os.WriteFile(planned, append([]byte(`{"format_version":"1.2",`), full.Bytes()[at:]...), 0o644); err != nil {
		t.Fatal(err)
	}
	paths = append(paths, planned)
	// The roles read back the policies that resources after them manage
	// (dropReadBack).
	readBack := filepath.Join(dir, "readback.json")
	if err := os.WriteFile(readBack, []byte(readBackPlan), 0o644); err != nil {
		t.Fatal(err)
	}
	paths = append(paths, readBack)
	// Credentials in the values of resources the stream builds (which
	// it does not scan: planSecrets scans the plan's text).
	secrets := filepath.Join(dir, "secrets.json")
	if err := os.WriteFile(secrets, []byte(secretsPlan), 0o644); err != nil {
		t.Fatal(err)
	}
	paths = append(paths, secrets)
	if len(paths) < 20 {
		t.Fatalf("%d plans", len(paths))
	}
	out := func(p string, minSize, chunk int) string {
		defer linter.SetPlanStream(minSize, chunk)()
		return jsonAndText(t, linter.Options{Paths: []string{p}, Rules: rules.All, Principals: true})
	}
	lines := 0
	for _, p := range paths {
		if filepath.Base(p) == "SOURCE.json" || (raceEnabled && filepath.Dir(p) != dir) {
			continue
		}
		want := out(p, math.MaxInt, 0) // never streamed
		lines += bytes.Count([]byte(want), []byte("\n"))
		chunks := []int{1, 7, 8192}
		if p == planned && !strings.Contains(want, `"wildcard-principal"`) {
			t.Errorf("%s: no finding of its planned values:\n%.2000s", p, want)
		}
		if p == secrets && !strings.Contains(want, "access-key") {
			t.Errorf("%s: no credential reported:\n%s", p, want)
		}
		if filepath.Dir(p) == dir && p != readBack && p != secrets && p != planned {
			chunks = []int{1000, 8192}
		}
		for _, chunk := range chunks {
			if got := out(p, 0, chunk); got != want {
				t.Errorf("%s: streamed %d blocks at a time, the report differs:\n%s\nwant\n%s", p, chunk, got, want)
			}
		}
	}
	if lines < 1000 {
		t.Errorf("only %d lines of reports in all", lines)
	}
}

// readBackPlan is a plan whose role shows, in inline_policy and
// managed_policy_arns, policies that resources after it manage.
const readBackPlan = `{"format_version":"1.2","resource_changes":[
{"address":"aws_iam_role.r","mode":"managed","type":"aws_iam_role","name":"r","change":{"actions":["update"],
 "after":{"name":"r","assume_role_policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\"}]}",
  "inline_policy":[{"name":"p1","policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"},
   {"name":"p2","policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\"}]}"}],
  "managed_policy_arns":["arn:aws:iam::aws:policy/AdministratorAccess","arn:aws:iam::aws:policy/IAMFullAccess","arn:aws:iam::aws:policy/PowerUserAccess"]},
 "after_unknown":{"arn":true}}},
{"address":"aws_iam_role_policy.p1","mode":"managed","type":"aws_iam_role_policy","name":"p1","change":{"actions":["create"],
 "after":{"role":"r","name":"p1","policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"},"after_unknown":{"id":true}}},
{"address":"aws_iam_role_policy_attachment.a","mode":"managed","type":"aws_iam_role_policy_attachment","name":"a","change":{"actions":["create"],
 "after":{"role":"r","policy_arn":"arn:aws:iam::aws:policy/AdministratorAccess"},"after_unknown":{"id":true}}},
{"address":"aws_iam_policy_attachment.b","mode":"managed","type":"aws_iam_policy_attachment","name":"b","change":{"actions":["create"],
 "after":{"name":"b","roles":["r"],"policy_arn":"arn:aws:iam::aws:policy/IAMFullAccess"},"after_unknown":{"id":true}}}
]}`

// secretsPlan holds credentials in the values of resources whose bodies a
// streamed plan builds (a policy, an S3 bucket's attribute, a nested
// block), twice the same one, in the configuration, in a variable, and the
// computed id of an access key.
const secretsPlan = `{"format_version":"1.2","variables":{"k":{"value":"AKIAZ7Q3J5K2M4N6P8R2"}},"resource_changes":[
{"address":"aws_iam_user_policy.p","mode":"managed","type":"aws_iam_user_policy","name":"p","change":{"actions":["create"],
 "after":{"user":"u","name":"p","policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:userid\":\"AKIAZ7Q3J5K2M4N6P8R1\"}}}]}"},"after_unknown":{"id":true}}},
{"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b","change":{"actions":["create"],
 "after":{"bucket":"b","website":[{"index_document":"AKIAZ7Q3J5K2M4N6P8R1"}],"secret_key":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzz9k3LMQ2x"},"after_unknown":{"id":true}}},
{"address":"aws_iam_access_key.k","mode":"managed","type":"aws_iam_access_key","name":"k","change":{"actions":["no-op"],
 "before":{"id":"AKIAZ7Q3J5K2M4N6P8R3","user":"u"},"after":{"id":"AKIAZ7Q3J5K2M4N6P8R3","user":"u"},"after_unknown":{}}},
{"address":"aws_instance.i","mode":"managed","type":"aws_instance","name":"i","change":{"actions":["create"],
 "after":{"ami":"a","user_data":"export AWS_ACCESS_KEY_ID=AKIAZ7Q3J5K2M4N6P8R4"},"after_unknown":{"id":true}}}
],"configuration":{"root_module":{"resources":[{"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b",
 "expressions":{"secret_key":{"constant_value":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzz9k3LMQ2x"}}}],
 "variables":{"k":{}}}}}`
