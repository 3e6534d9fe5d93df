package effective

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// Summaries share their AccessLevels map with every other summary of the
// same levels (sharedLevels): each map is the one AccessLevels builds
// afresh, principals of the same levels get the same map, and principals
// of other levels (other services, or the same services at other levels)
// never get it. With the table full, maps are still right, not shared.
func TestSummarizeSharesLevels(t *testing.T) {
	dir := t.TempDir()
	src := `
resource "aws_iam_user" "a" { name = "a" }
resource "aws_iam_user" "b" { name = "b" }
resource "aws_iam_user" "c" { name = "c" }
resource "aws_iam_user" "d" { name = "d" }
resource "aws_iam_user_policy" "a" {
  user   = aws_iam_user.a.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "ec2:DescribeInstances"], Resource = "*" }] })
}
resource "aws_iam_user_policy" "b" {
  user   = aws_iam_user.b.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["ec2:DescribeImages", "s3:GetObjectAcl"], Resource = "*" }] })
}
resource "aws_iam_user_policy" "c" {
  user   = aws_iam_user.c.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:PutObject", "ec2:DescribeInstances"], Resource = "*" }] })
}
resource "aws_iam_user_policy" "d" {
  user   = aws_iam_user.d.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "*" }] })
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	m := loadModel(t, dir)
	for _, full := range []bool{false, true} {
		sharedLevels.mu.Lock()
		sharedLevels.maps = nil
		if full {
			sharedLevels.maps = map[string]map[string][]string{}
			for i := range maxSharedLevels {
				sharedLevels.maps[string(rune(i))+"\xff"] = nil
			}
		}
		sharedLevels.mu.Unlock()
		ps := byAddress(Compute(m))
		ix := NewIndex(m)
		for _, e := range m.Graph.Users {
			if got, want := ps[e.Address].AccessLevels, ix.build(e).AccessLevels(); !reflect.DeepEqual(got, want) {
				t.Errorf("full %v: %s: access levels %v, want %v", full, e.Address, got, want)
			}
		}
		same := func(x, y string) bool {
			return reflect.ValueOf(ps[x].AccessLevels).UnsafePointer() == reflect.ValueOf(ps[y].AccessLevels).UnsafePointer()
		}
		if got := same("aws_iam_user.a", "aws_iam_user.b"); got == full {
			t.Errorf("full %v: a and b (same levels) share a map: %v", full, got)
		}
		for _, o := range []string{"aws_iam_user.c", "aws_iam_user.d"} {
			if same("aws_iam_user.a", o) {
				t.Errorf("full %v: a and %s (other levels) share a map", full, o)
			}
		}
	}
	sharedLevels.mu.Lock()
	sharedLevels.maps = nil
	sharedLevels.mu.Unlock()
}
