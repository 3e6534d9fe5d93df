package effective

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter/awsdata"
	"github.com/iamlint/iamlint/linter/iam"
)

// refLevelMasksInto is levelMasksInto as it was before catalog sets
// (session 40): a map of candidate actions per principal, each judged by
// Denied and boundaryAllows. The catalog sets must give the same levels.
func (s *Set) refLevelMasksInto(levels map[string]uint8) map[string]uint8 {
	// levels: bit 1<<level of each level marked
	mark := func(svc string, l awsdata.AccessLevel) {
		levels[svc] |= 1 << l
	}
	every := false
	addPattern := func(p string, filter bool) {
		for _, a := range awsdata.Expand(p) {
			if filter && (s.Denied(a.FullName()) || !s.boundaryAllows(a.FullName())) {
				continue
			}
			mark(a.Service.Prefix, a.AccessLevel)
		}
	}
	// Each document's levels per service are computed once, for every
	// principal that holds it. Only the services a Deny or the boundary may
	// cut are judged action by action, each distinct action once.
	affected := s.affectedServices()
	var cands map[*awsdata.Action]bool
	for i, src := range s.Sources {
		di := s.infos[i]
		di.computeLevels(src.Doc)
		every = every || di.every
		for svc, m := range di.levels {
			if affected.has(svc) {
				if cands == nil {
					cands = map[*awsdata.Action]bool{}
				}
				for _, act := range di.actsOf(svc) {
					cands[act] = true
				}
				continue
			}
			if b := m & allLevelsMask; b != 0 {
				levels[svc] |= b
			}
		}
	}
	for act := range cands {
		full := act.FullName()
		if !s.Denied(full) && s.boundaryAllows(full) {
			mark(act.Service.Prefix, act.AccessLevel)
		}
	}
	if every {
		if s.Boundary == nil && len(s.denyStmts) > 0 {
			// Everything but what the blanket Denies take away.
			s.markEvery(mark)
		} else if s.Boundary == nil {
			for _, l := range allLevels {
				mark("*", l)
			}
		} else {
			// Everything, as far as the boundary allows.
			for _, st := range s.Boundary.Statements {
				if st == nil || !st.IsAllow() {
					continue
				}
				if st.NotAction().Present {
					s.markNotAction(st, mark)
					continue
				}
				for _, a := range st.Actions {
					if a.Known {
						if t := a.Text; t == "*" || t == "*:*" {
							for _, l := range allLevels {
								mark("*", l)
							}
							continue
						}
						addPattern(a.Text, false)
					}
				}
			}
		}
	}
	return levels
}

// refMarkEvery1 is markEvery1 as it was before it read the Denies as a
// set of catalog actions (session 40): Denied asked of each action.
func (s *Set) refMarkEvery1(mark func(string, awsdata.AccessLevel)) {
	// The service parts of the Denies' actions, lower-cased once (as
	// namesService does for each service); any: a Deny may touch every
	// service (a NotAction, an unknown value).
	var prefixes []string
	anySvc := false
	for _, st := range s.denyStmts {
		if st.NotAction().Present {
			anySvc = true
			break
		}
		for _, v := range st.Actions {
			if !v.Known {
				anySvc = true
				break
			}
			p, _, _ := strings.Cut(strings.ToLower(v.Text), ":")
			prefixes = append(prefixes, p)
		}
	}
	for _, svc := range awsdata.Services() {
		touched := anySvc
		for _, p := range prefixes {
			if touched {
				break
			}
			touched = awsdata.Match(p, svc.Prefix)
		}
		if touched && byService(svc) {
			// No action of the service is in the universe: Denied asks
			// the Denies' patterns, which may tell the whole service at
			// once (a NotAction of s3:* denies all of EC2).
			switch denyOfService(s.denyStmts, svc.Prefix) {
			case denyNone:
				touched = false
			case denyAll:
				continue
			}
		}
		if !touched {
			for _, l := range serviceLevels(svc) {
				mark(svc.Prefix, l)
			}
			continue
		}
		for _, a := range svc.Actions {
			if !s.Denied(a.FullName()) {
				mark(svc.Prefix, a.AccessLevel)
			}
		}
	}
}

// levelsSrc holds principals with Denies (Action patterns, NotAction,
// mixed case, an unknown value) and boundaries (a conditional "*", a
// NotAction, patterns with '?'), directly and through groups.
const levelsSrc = `variable "unknown" {}
locals {
  grants = [["*:Get*", "s3:*"], ["iam:*Policy*", "ec2:Describe*"], ["S3:get*", "Iam:Pass*", "kms:*"], ["*"]]
  denies = [
    { Effect = "Deny", Action = ["ec2:*", "s3:Put*", "iam:PassRole"], Resource = "*" },
    { Effect = "Deny", NotAction = ["s3:*", "sts:*"], Resource = "*" },
    { Effect = "Deny", Action = ["IAM:*", var.unknown], Resource = "*" },
    { Effect = "Deny", NotAction = ["kms:*", var.unknown], Resource = "*" },
    { Effect = "Deny", Action = ["?3:Get*", "*:List*"], Resource = "*" },
  ]
  bounds = [
    [{ Effect = "Allow", Action = "*", Resource = "*", Condition = { Bool = { "aws:SecureTransport" = "true" } } }],
    [{ Effect = "Allow", NotAction = ["iam:*", "organizations:*"], Resource = "*" }],
    [{ Effect = "Allow", Action = ["s3:Get*", "?am:List*", "ec2:*"], Resource = "*" }],
  ]
}
resource "aws_iam_policy" "bound" {
  count  = length(local.bounds)
  name   = "bound${count.index}"
  policy = jsonencode({ Version = "2012-10-17", Statement = local.bounds[count.index] })
}
resource "aws_iam_role" "r" {
  count                = length(local.grants) * length(local.denies) * (length(local.bounds) + 1)
  name                 = "r${count.index}"
  assume_role_policy   = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
  permissions_boundary = count.index % 4 == 3 ? null : aws_iam_policy.bound[count.index % 4].arn
  inline_policy {
    name = "p"
    policy = jsonencode({ Version = "2012-10-17", Statement = [
      { Effect = "Allow", Action = local.grants[floor(count.index / 4) % 4], Resource = "*" },
      local.denies[floor(count.index / 16) % 5],
    ] })
  }
}
resource "aws_iam_role_policy_attachment" "ro" {
  count      = 20
  role       = aws_iam_role.r[count.index * 3].name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
resource "aws_iam_group" "g" {
  count = 5
  name  = "g${count.index}"
}
resource "aws_iam_group_policy" "g" {
  count  = 5
  group  = aws_iam_group.g[count.index].name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = local.grants[count.index % 4], Resource = "*" }, local.denies[count.index]] })
}
resource "aws_iam_user" "u" {
  count = 8
  name  = "u${count.index}"
}
resource "aws_iam_user_group_membership" "m" {
  count  = 8
  user   = aws_iam_user.u[count.index].name
  groups = [for i in range(5) : aws_iam_group.g[i].name if floor(count.index / pow(2, i)) % 2 == 1]
}
`

// TestLevelsCatalogSets: the access levels of every principal of
// levelsSrc and of the test configurations are those of the per-action
// judgement (refLevelMasksInto).
func TestLevelsCatalogSets(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(levelsSrc), 0o644); err != nil {
		t.Fatal(err)
	}
	n, denied, bounded := 0, 0, 0
	for _, d := range []string{dir, "testdata/boundary", "testdata/principals"} {
		m := loadModel(t, d)
		ix := NewIndex(m)
		for _, es := range [][]*iam.Entity{m.Graph.Users, m.Graph.Groups, m.Graph.Roles} {
			for _, e := range es {
				s := ix.For(e)
				got := s.levelMasksInto(map[string]uint8{})
				want := s.refLevelMasksInto(map[string]uint8{})
				if !maps.Equal(got, want) {
					t.Errorf("%s %s: levels\n%s\nwant\n%s", d, e.Address, levelText(got), levelText(want))
				}
				if len(s.denyStmts) > 0 {
					got, want := map[string]uint8{}, map[string]uint8{}
					s.markEvery1(func(svc string, l awsdata.AccessLevel) { got[svc] |= 1 << l })
					s.refMarkEvery1(func(svc string, l awsdata.AccessLevel) { want[svc] |= 1 << l })
					if !maps.Equal(got, want) {
						t.Errorf("%s %s: every action but the Denies'\n%s\nwant\n%s", d, e.Address, levelText(got), levelText(want))
					}
				}
				n++
				if len(s.denyStmts) > 0 {
					denied++
				}
				if s.Boundary != nil {
					bounded++
				}
			}
		}
	}
	if n < 100 || denied < 90 || bounded < 60 {
		t.Errorf("%d principals, %d with Denies, %d with a boundary: the test lost its cases", n, denied, bounded)
	}
}

func levelText(m map[string]uint8) string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(m)) {
		fmt.Fprintf(&b, "%s=%08b ", k, m[k])
	}
	return b.String()
}
