package effective

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter/awsdata"
)

// denyPatterns are Deny action values of every form denyOfService tells
// apart: literal and wildcard service parts (*, ?, mixed case; literal
// prefixes and suffixes around the wildcards, meeting or not), patterns
// that match every action of a service or every action, no colon, two
// colons, a Unicode letter that folds to an ASCII one, an empty service or
// name part, unknown values.
var denyPatterns = []string{
	`"s3:*"`, `"s3:Get*"`, `"S3:**"`, `"ec2:Describe*"`, `"*"`, `"**"`, `"*:*"`, `"*Get*"`,
	`"kms:Decrypt"`, `"a:b:c"`, `"\u212Ams:*"`, `"s*:Get*"`, `"s?:*"`, `"?3:List*"`, `"*:Delete*"`,
	`"ec?:Run*"`, `"IAM:*"`, `"iam:Pass*"`, `":*"`, `"lambda:"`, `"**:*"`, `"s*3:*"`, `"nosuch:*"`,
	`"*3:Get*"`, `"e*2:Run*"`, `"ec2*ec2:*"`, `"s*s:*"`, `"k?s:Decrypt"`, `"*am:Pass*"`, `"c*h:*"`,
	`"e?2*:Describe*"`, `"S*3:*"`, `"i*m:*"`, `"iam*:*"`, `"*iam:*"`, `"l?mbda:*"`,
	`var.unknown`,
}

// TestDenyOfServiceByStatement: the Index's answer (one analysis per
// statement, its patterns grouped by service part) is denyOfService's
// (every pattern asked for every service), for Action and NotAction
// statements of one, two and many patterns, alone and together, for
// every service of the catalog and odd service names.
func TestDenyOfServiceByStatement(t *testing.T) {
	var lists []string
	for i, p := range denyPatterns {
		lists = append(lists, p, p+", "+denyPatterns[(i+7)%len(denyPatterns)])
	}
	var all []string
	for _, p := range denyPatterns {
		if p != "var.unknown" {
			all = append(all, p)
		}
	}
	lists = append(lists, strings.Join(all, ", "), `"s3:Get*", "ec2:*", "s?:*"`, `"iam:*", "s3:*", "kms:Get*"`)
	var src strings.Builder
	src.WriteString("variable \"unknown\" {}\n")
	n := 0
	user := func(stmts ...string) {
		fmt.Fprintf(&src, `resource "aws_iam_user" "u%d" { name = "u%d" }
resource "aws_iam_user_policy" "p%d" {
  user   = aws_iam_user.u%d.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }, %s] })
}
`, n, n, n, n, strings.Join(stmts, ", "))
		n++
	}
	deny := func(key, list string) string {
		return fmt.Sprintf(`{ Effect = "Deny", %s = [%s], Resource = "*" }`, key, list)
	}
	for i, l := range lists {
		user(deny("Action", l))
		user(deny("NotAction", l))
		user(deny("NotAction", l), deny("Action", lists[(i+3)%len(lists)]))
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	m := loadModel(t, dir)
	ix := NewIndex(m)
	if len(m.Graph.Users) != n {
		t.Fatalf("%d users, want %d", len(m.Graph.Users), n)
	}
	svcs := []string{"S3", "Kms", "nosuch", "", "k\u212Ams", "s33", "ec2x"}
	for _, svc := range awsdata.Services() {
		svcs = append(svcs, svc.Prefix)
	}
	seen := map[int]int{}
	for _, e := range m.Graph.Users {
		s := ix.For(e)
		if len(s.denyStmts) == 0 {
			t.Fatalf("%s: no Deny read", e.Address)
		}
		for round := range 2 { // the second from the memo
			for _, svc := range svcs {
				want := denyOfService(s.denyStmts, svc)
				if got := ix.denyOfService(s.denyStmts, svc); got != want {
					t.Errorf("%s (%s), service %q, round %d: %d, want %d", e.Address, denyKey(s.denyStmts), svc, round, got, want)
				}
				seen[want]++
			}
		}
	}
	if seen[denyNone] == 0 || seen[denyAll] == 0 || seen[denySome] == 0 {
		t.Errorf("answers %v: want some of each", seen)
	}
}

// TestMarkEveryByStatementText: markEvery, remembering by the numbers of
// the Denies' texts, marks what markEvery1 marks for members of a group
// (the group's statements), users holding copies of one policy, users
// holding two Denies in either order or differing in the second only, and
// more distinct Denies than the Index keeps (it starts again). Two
// principals' numbers are equal exactly when their denyKeys are.
func TestMarkEveryByStatementText(t *testing.T) {
	var src strings.Builder
	src.WriteString(`resource "aws_iam_group" "g" { name = "g" }
resource "aws_iam_group_policy" "g" {
  group  = aws_iam_group.g.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }, { Effect = "Deny", NotAction = ["s3:*", "ec2:Describe*"], Resource = "*" }] })
}
resource "aws_iam_user" "g" {
  count = 50
  name  = "g${count.index}"
}
resource "aws_iam_group_membership" "g" {
  name  = "g"
  group = aws_iam_group.g.name
  users = aws_iam_user.g[*].name
}
resource "aws_iam_user" "c" {
  count = 30
  name  = "c${count.index}"
}
resource "aws_iam_user_policy" "c" {
  count  = 30
  user   = aws_iam_user.c[count.index].name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }, { Effect = "Deny", NotAction = ["s3:*", "ec2:Describe*"], Resource = "*" }] })
}
resource "aws_iam_user" "o" {
  count = 20
  name  = "o${count.index}"
}
resource "aws_iam_user_policy" "o" {
  count  = 20
  user   = aws_iam_user.o[count.index].name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" },
    { Effect = "Deny", Action = [["iam:*"], ["kms:*"], ["iam:*"]][count.index % 3], Resource = "*" },
    { Effect = "Deny", Action = [["kms:*"], ["iam:*"], ["ec2:*"]][count.index % 3], Resource = "*" }] })
}
`)
	// 1,100 users of 700 distinct Denies.
	for _, r := range []string{"d", "e"} {
		fmt.Fprintf(&src, `resource "aws_iam_user" "%s" {
  count = 550
  name  = "%s${count.index}"
}
resource "aws_iam_user_policy" "%s" {
  count  = 550
  user   = aws_iam_user.%s[count.index].name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }, { Effect = "Deny", Action = ["s3:Get${(count.index + %d) %% 700}*", "iam:*"], Resource = "*" }] })
}
`, r, r, r, r, map[string]int{"d": 0, "e": 550}[r])
	}
	src.WriteString(``)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	m := loadModel(t, dir)
	ix := NewIndex(m)
	if len(m.Graph.Users) != 1200 {
		t.Fatalf("%d users, want 1200", len(m.Graph.Users))
	}
	ids := map[string]string{} // denyKey -> numbers
	keys := map[string]string{}
	for round := range 2 {
		for _, e := range m.Graph.Users {
			s := ix.For(e)
			if len(s.denyStmts) == 0 {
				t.Fatalf("%s: no Deny read", e.Address)
			}
			got, want := map[string]uint8{}, map[string]uint8{}
			s.markEvery(func(svc string, l awsdata.AccessLevel) { got[svc] |= 1 << l })
			s.markEvery1(func(svc string, l awsdata.AccessLevel) { want[svc] |= 1 << l })
			if !maps.Equal(got, want) {
				t.Errorf("round %d, %s: every action but the Denies'\n%s\nwant\n%s", round, e.Address, levelText(got), levelText(want))
			}
		}
	}
	// The users of the group, the copies and the pairs: 4 texts of
	// statements, in 4 keys (the order of two Denies makes two; two
	// pairs differ in their second Deny only).
	texts := map[uint32]bool{}
	for _, e := range m.Graph.Users {
		if a := e.Address; !strings.HasPrefix(a, "aws_iam_user.g") && !strings.HasPrefix(a, "aws_iam_user.c") && !strings.HasPrefix(a, "aws_iam_user.o") {
			continue
		}
		s := ix.For(e)
		k, id := denyKey(s.denyStmts), ix.denyIDKey(s.denyStmts)
		for _, st := range s.denyStmts {
			texts[ix.denyID(st)] = true
		}
		if ix.denyTextKey(s.denyStmts) != k {
			t.Errorf("%s: the numbered texts spell another key", e.Address)
		}
		if old, ok := ids[k]; ok && old != id {
			t.Errorf("%s: numbers %x, another principal of the same Denies %x", e.Address, id, old)
		}
		if old, ok := keys[id]; ok && old != k {
			t.Errorf("%s: numbers %x of another principal of other Denies", e.Address, id)
		}
		ids[k], keys[id] = id, k
	}
	if len(ids) != 4 || len(texts) != 4 {
		t.Errorf("%d distinct Denies of %d texts among the group, copies and pairs, want 4 of 4", len(ids), len(texts))
	}
	if len(ix.denyIDs) > maxKeptDocs || len(ix.everyByIDs) > maxKeptDocs {
		t.Errorf("the Index keeps %d statements' numbers, %d marks, want at most %d", len(ix.denyIDs), len(ix.everyByIDs), maxKeptDocs)
	}
}
