package effective

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// sharedEstate writes a configuration where n users share one group with 20
// policies, n roles each hold an inline PassRole and an attached launch
// policy (a split escalation path) under a customer managed boundary, and
// every user also has a direct policy: the shape that made a per-principal
// re-analysis of shared policies quadratic.
func sharedEstate(tb testing.TB, n int) string {
	return sharedEstateBoundary(tb, n, `["ec2:*", "iam:PassRole", "s3:*"]`)
}

func sharedEstateBoundary(tb testing.TB, n int, boundaryActions string) string {
	tb.Helper()
	var b strings.Builder
	b.WriteString(`resource "aws_iam_group" "all" { name = "all" }
resource "aws_iam_policy" "boundary" {
  name   = "boundary"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = BOUNDARY, Resource = "*" }] })
}
resource "aws_iam_group" "holder" { name = "holder" }
resource "aws_iam_group_policy_attachment" "boundary" {
  group      = aws_iam_group.holder.name
  policy_arn = "arn:aws:iam::123456789012:policy/boundary"
}
resource "aws_iam_policy" "launch" {
  name   = "launch"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "ec2:RunInstances", Resource = "*" }] })
}
`)
	for i := 0; i < 20; i++ {
		fmt.Fprintf(&b, `resource "aws_iam_group_policy" "g%d" {
  group  = aws_iam_group.all.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:Get*", "ec2:Describe*", "lambda:List*", "iam:Get*"], Resource = "*" }, { Effect = "Deny", Action = "iam:Delete*", Resource = "*" }] })
}
`, i)
	}
	b.WriteString(`resource "aws_iam_group_membership" "all" {
  name  = "all"
  group = aws_iam_group.all.name
  users = [` + "\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "    aws_iam_user.u%d.name,\n", i)
	}
	b.WriteString("  ]\n}\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `resource "aws_iam_user" "u%[1]d" { name = "u%[1]d" }
resource "aws_iam_user_policy" "u%[1]d" {
  user   = aws_iam_user.u%[1]d.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }] })
}
resource "aws_iam_role" "r%[1]d" {
  name                 = "r%[1]d"
  permissions_boundary = "arn:aws:iam::123456789012:policy/boundary"
  assume_role_policy   = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_role_policy" "r%[1]d" {
  role   = aws_iam_role.r%[1]d.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["iam:PassRole", "s3:GetObject"], Resource = "*" }] })
}
resource "aws_iam_role_policy_attachment" "r%[1]d" {
  role       = aws_iam_role.r%[1]d.name
  policy_arn = aws_iam_policy.launch.arn
}
`, i)
	}
	dir := tb.TempDir()
	src := strings.Replace(b.String(), "BOUNDARY", boundaryActions, 1)
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// BenchmarkCompute computes the principals summary of sharedEstate at two
// sizes: the time per principal should stay flat (near-linear), not grow with
// the number of principals that share the group's policies.
func BenchmarkCompute(b *testing.B) {
	for _, n := range []int{100, 400} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			m := loadModel(b, sharedEstate(b, n))
			var ps []PrincipalSummary
			for b.Loop() {
				ps = Compute(m)
			}
			if len(ps) != 2*n+2 {
				b.Fatalf("%d principals, want %d", len(ps), 2*n+2)
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(len(ps)), "µs/principal")
		})
	}
}

// TestSharedEstate checks the answers on sharedEstate: a user holds the
// group's policies and its own; a role's split path survives its boundary.
func TestSharedEstate(t *testing.T) {
	m := loadModel(t, sharedEstate(t, 3))
	got := byAddress(Compute(m))
	u := got["aws_iam_user.u1"]
	if len(u.Policies) != 21 || !u.Complete || u.AdminEquivalent {
		t.Errorf("u1: %+v", u)
	}
	r := got["aws_iam_role.r2"]
	if len(r.EscalationPaths) != 1 || !strings.Contains(r.EscalationPaths[0], "across policies") || r.Boundary == "" || !r.Complete {
		t.Errorf("r2: %+v", r)
	}
	if lv := r.AccessLevels["s3"]; len(lv) != 1 || lv[0] != "Read" {
		t.Errorf("r2 s3 levels %v", lv)
	}
	// The same roles under a boundary without iam:PassRole hold no path,
	// and keep only what the boundary allows.
	got = byAddress(Compute(loadModel(t, sharedEstateBoundary(t, 3, `["ec2:*", "s3:*"]`))))
	r = got["aws_iam_role.r2"]
	if len(r.EscalationPaths) != 0 || r.AccessLevels["iam"] != nil || len(r.AccessLevels["ec2"]) != 1 {
		t.Errorf("bounded r2: %+v", r)
	}
}

// TestComputeParallelSameAsSerial checks that Compute, which summarizes the
// principals on every CPU with one Index per worker, gives the same summaries
// as one Index walking every principal in order (run with -race, it also
// checks that the workers share nothing unsafely: the group's policies and the
// boundary are shared by every principal).
func TestComputeParallelSameAsSerial(t *testing.T) {
	m := loadModel(t, sharedEstate(t, 150))
	prev := runtime.GOMAXPROCS(4)
	defer runtime.GOMAXPROCS(prev)
	got := Compute(m)
	runtime.GOMAXPROCS(1)
	want := Compute(m)
	if len(got) != 302 || !reflect.DeepEqual(got, want) {
		t.Fatalf("parallel Compute differs from the serial one (%d vs %d principals)", len(got), len(want))
	}
}
