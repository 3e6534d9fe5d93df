// Package estate generates synthetic Terraform estates and plans for
// benchmarks: many root modules, each calling nested local modules, with IAM
// policies in every form iamlint reads (jsonencode, heredoc JSON with
// interpolation, aws_iam_policy_document with dynamic blocks and
// source_policy_documents, for_each and count instances, module inputs), and
// plans in the shape of `terraform show -json`.
//
// The output is deterministic: the same options give the same bytes. It
// never reads anything, runs anything or uses the network.
package estate

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Options says how big an estate to write.
type Options struct {
	Files    int // number of .tf files (rounded up to whole root modules of FilesPerRoot)
	FileSize int // approximate bytes per .tf file (default 10,000)
	// IAMEvery, when above 1, makes only one root module in IAMEvery an IAM
	// root as above; the others are infrastructure roots of as many files
	// (network, compute, storage, database, DNS, monitoring) with no IAM
	// resource. 0 or 1: every root is an IAM root. The IAM roots alone are
	// about nine times denser in policies per byte than
	// ../shared/corpus/real; IAMEvery 10 gives about its density.
	IAMEvery int
	// SharedModules, when above 0, is the layout of estates where many roots
	// (environments, accounts) call the same modules: the team module and
	// its nested policy module are written SharedModules times, as
	// dir/modules/tNNN/main.tf and dir/modules/tNNN/modules/policy/main.tf,
	// and IAM root r calls ../modules/t<r mod SharedModules> instead of a
	// copy of its own. IAM roots then have 8 files, and roots are added
	// until the estate has at least Files files.
	SharedModules int
}

// FilesPerRoot is the number of .tf files in one generated root module
// (with its two nested local modules).
const FilesPerRoot = 10

// Stats describes what Generate wrote.
type Stats struct {
	Roots    int   // root module directories (each with two nested modules)
	Files    int   // .tf files
	Bytes    int64 // bytes of .tf files
	Policies int   // policy-bearing attributes and documents written (a module's count once)
}

// Generate writes an estate of about opts.Files .tf files under dir:
// dir/rNNNNN/{main,variables,locals,iam_jsonencode,iam_heredoc,
// iam_documents,iam_foreach,outputs}.tf, dir/rNNNNN/modules/team/main.tf and
// dir/rNNNNN/modules/team/modules/policy/main.tf.
func Generate(dir string, opts Options) (Stats, error) {
	if opts.FileSize <= 0 {
		opts.FileSize = 10000
	}
	roots := (opts.Files + FilesPerRoot - 1) / FilesPerRoot
	if roots < 1 {
		roots = 1
	}
	var st Stats
	if opts.SharedModules > 0 {
		roots = 0
		for k := 0; k < opts.SharedModules; k++ {
			g := &gen{size: opts.FileSize}
			md := filepath.Join(dir, "modules", fmt.Sprintf("t%03d", k))
			if err := writeFiles(md, map[string]string{"main.tf": g.teamTF(), "modules/policy/main.tf": g.policyModTF()}, &st); err != nil {
				return st, err
			}
			st.Policies += g.policies
		}
	}
	for r := 0; r < roots || (opts.SharedModules > 0 && st.Files < opts.Files); r++ {
		g := &gen{root: r, size: opts.FileSize}
		if opts.SharedModules > 0 {
			g.teamSource = fmt.Sprintf("../modules/t%03d", r%opts.SharedModules)
		}
		rd := filepath.Join(dir, fmt.Sprintf("r%05d", r))
		files := g.iamFiles
		if opts.IAMEvery > 1 && r%opts.IAMEvery != 0 {
			files = g.infraFiles
		}
		if err := writeFiles(rd, files(), &st); err != nil {
			return st, err
		}
		st.Roots++
		st.Policies += g.policies
	}
	return st, nil
}

// writeFiles writes files (by slash path under dir) and counts them in st.
func writeFiles(dir string, files map[string]string, st *Stats) error {
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			return err
		}
		st.Files++
		st.Bytes += int64(len(content))
	}
	return nil
}

// iamFiles are the files of an IAM root module, by path in the root.
func (g *gen) iamFiles() map[string]string {
	files := map[string]string{
		"main.tf":           g.mainTF(),
		"variables.tf":      g.variablesTF(),
		"locals.tf":         g.localsTF(),
		"iam_jsonencode.tf": g.jsonencodeTF(),
		"iam_heredoc.tf":    g.heredocTF(),
		"iam_documents.tf":  g.documentsTF(),
		"iam_foreach.tf":    g.foreachTF(),
		"outputs.tf":        g.outputsTF(),
	}
	if g.teamSource == "" { // the root's own copy of the modules
		files["modules/team/main.tf"] = g.teamTF()
		files["modules/team/modules/policy/main.tf"] = g.policyModTF()
	}
	return files
}

type gen struct {
	root     int
	size     int
	policies int
	// teamSource is the source of the team module calls ("": ./modules/team).
	teamSource string
}

// fill repeats unit(i) until the text reaches the file size.
func (g *gen) fill(head string, unit func(i int) string) string {
	var b strings.Builder
	b.WriteString(head)
	for i := 0; b.Len() < g.size; i++ {
		b.WriteString(unit(i))
	}
	return b.String()
}

func (g *gen) mainTF() string {
	src := g.teamSource
	if src == "" {
		src = "./modules/team"
	}
	head := fmt.Sprintf(`terraform {
  required_version = ">= 1.3"
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.0" }
  }
}

provider "aws" {
  region = "eu-west-1"
}

module "team" {
  source   = "%[2]s"
  for_each = local.teams
  name     = "${local.prefix}-${each.key}"
  actions  = each.value
}

module "team_admin" {
  source  = "%[2]s"
  count   = var.enable_admin ? 1 : 0
  name    = "%[1]s-admin"
  actions = var.admin_actions
}
`, g.name(), src)
	return g.fill(head, func(i int) string {
		return fmt.Sprintf(`
resource "aws_s3_bucket" "b%d" {
  bucket = "%s-bucket-%d"
  tags = {
    Name        = "%s-bucket-%d"
    Environment = var.env
  }
}

resource "aws_instance" "web%d" {
  ami           = "ami-0123456789abcdef0"
  instance_type = var.env == "prod" ? "m5.large" : "t3.micro"
  subnet_id     = "subnet-%08d"
  tags          = merge(local.tags, { Name = "web-%d" })
}
`, i, g.name(), i, g.name(), i, i, i, i)
	})
}

func (g *gen) name() string { return fmt.Sprintf("r%05d", g.root) }

func (g *gen) variablesTF() string {
	head := `variable "env" {
  type        = string
  default     = "prod"
  description = "Environment name."
}

variable "enable_admin" {
  type    = bool
  default = true
}

variable "admin_actions" {
  type    = list(string)
  default = ["s3:*", "ec2:Describe*", "iam:PassRole"]
}

variable "buckets" {
  type = map(object({
    readers = list(string)
    prefix  = optional(string, "data")
  }))
  default = {
    logs    = { readers = ["arn:aws:iam::123456789012:role/reader"] }
    assets  = { readers = ["*"], prefix = "public" }
    backups = { readers = ["arn:aws:iam::123456789012:root"] }
  }
}

variable "account_id" {
  type    = string
  default = "123456789012"
}
`
	return g.fill(head, func(i int) string {
		return fmt.Sprintf(`
variable "setting_%d" {
  type        = string
  default     = "value-%d"
  description = "A setting that no policy uses; it is here so files have the size of real ones (%d)."
}
`, i, i, i)
	})
}

func (g *gen) localsTF() string {
	head := fmt.Sprintf(`locals {
  prefix = "%s-${var.env}"
  teams = {
    alpha = ["s3:GetObject", "s3:ListBucket"]
    beta  = ["*"]
    gamma = ["dynamodb:GetItem", "dynamodb:Query"]
  }
  tags = {
    Owner = "platform"
    Root  = "%s"
  }
  bucket_statements = [for name, b in var.buckets : {
    Sid      = "Read${title(name)}"
    Effect   = "Allow"
    Action   = ["s3:GetObject"]
    Resource = "arn:aws:s3:::${local.prefix}-${name}/${b.prefix}/*"
  }]
  admin_arn = "arn:aws:iam::${var.account_id}:role/admin"
}
`, g.name(), g.name())
	return g.fill(head, func(i int) string {
		return fmt.Sprintf(`
locals {
  extra_%d = {
    name    = "extra-%d"
    enabled = %d %% 2 == 0
    arns    = [for k in keys(local.teams) : "arn:aws:iam::${var.account_id}:role/${k}-%d"]
  }
}
`, i, i, i, i)
	})
}

func (g *gen) jsonencodeTF() string {
	return g.fill("", func(i int) string {
		g.policies++
		action, resource := `"s3:GetObject"`, fmt.Sprintf(`"arn:aws:s3:::${local.prefix}-%d/*"`, i)
		switch i % 4 {
		case 0:
			action = `"*"`
		case 1:
			resource = `"*"`
		case 2:
			action = "var.admin_actions"
		}
		return fmt.Sprintf(`
resource "aws_iam_policy" "je%d" {
  name = "${local.prefix}-je-%d"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat([
      {
        Sid      = "Main"
        Effect   = "Allow"
        Action   = %s
        Resource = %s
      },
      {
        Effect    = "Deny"
        NotAction = ["iam:*"]
        Resource  = "*"
        Condition = { Bool = { "aws:MultiFactorAuthPresent" = "false" } }
      },
    ], local.bucket_statements)
  })
}
`, i, i, action, resource)
	})
}

func (g *gen) heredocTF() string {
	return g.fill("", func(i int) string {
		g.policies += 2
		principal := `"AWS": "${local.admin_arn}"`
		if i%3 == 0 {
			principal = `"AWS": "*"`
		}
		return fmt.Sprintf(`
resource "aws_iam_role" "hd%d" {
  name               = "${local.prefix}-hd-%d"
  assume_role_policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Principal": { %s },
          "Action": "sts:AssumeRole"
        }
      ]
    }
  EOF
}

resource "aws_iam_role_policy" "hd%d" {
  name   = "hd-%d"
  role   = aws_iam_role.hd%d.id
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:*"],
      "Resource": "arn:aws:s3:::${local.prefix}-%d/*"
    },
    {
      "Effect": "Allow",
      "NotResource": "arn:aws:s3:::${var.env}-locked/*",
      "Action": "s3:GetObject"
    }
  ]
}
EOT
}
`, i, i, principal, i, i, i, i)
	})
}

func (g *gen) documentsTF() string {
	return g.fill("", func(i int) string {
		g.policies += 2
		return fmt.Sprintf(`
data "aws_iam_policy_document" "base%d" {
  statement {
    sid       = "List"
    actions   = ["s3:ListAllMyBuckets"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "doc%d" {
  source_policy_documents = [data.aws_iam_policy_document.base%d.json]

  dynamic "statement" {
    for_each = var.buckets
    content {
      sid       = "Read${title(statement.key)}"
      actions   = ["s3:GetObject", "s3:ListBucket"]
      resources = ["arn:aws:s3:::${local.prefix}-${statement.key}", "arn:aws:s3:::${local.prefix}-${statement.key}/*"]
      principals {
        type        = "AWS"
        identifiers = statement.value.readers
      }
      dynamic "condition" {
        for_each = statement.key == "assets" ? [1] : []
        content {
          test     = "StringEquals"
          variable = "aws:PrincipalOrgID"
          values   = ["o-abc%d"]
        }
      }
    }
  }

  statement {
    sid         = "Admin"
    not_actions = ["iam:*", "organizations:*"]
    resources   = ["*"]
  }
}

resource "aws_s3_bucket_policy" "doc%d" {
  bucket = aws_s3_bucket.b0.id
  policy = data.aws_iam_policy_document.doc%d.json
}
`, i, i, i, i, i, i)
	})
}

func (g *gen) foreachTF() string {
	return g.fill("", func(i int) string {
		g.policies += 2
		return fmt.Sprintf(`
resource "aws_iam_user" "fe%d" {
  for_each = local.teams
  name     = "${each.key}-%d"
}

resource "aws_iam_user_policy" "fe%d" {
  for_each = local.teams
  name     = "fe-%d-${each.key}"
  user     = aws_iam_user.fe%d[each.key].name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = each.value, Resource = "*" }]
  })
}

resource "aws_iam_group_policy" "ct%d" {
  count = 2
  name  = "ct-%d-${count.index}"
  group = "group-${count.index}"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["ec2:StartInstances"], Resource = "arn:aws:ec2:*:${var.account_id}:instance/${count.index}" }]
  })
}
`, i, i, i, i, i, i, i)
	})
}

func (g *gen) outputsTF() string {
	return g.fill("", func(i int) string {
		return fmt.Sprintf(`
output "policy_json_%d" {
  value = data.aws_iam_policy_document.doc0.json
}

output "role_arn_%d" {
  value = aws_iam_role.hd0.arn
}
`, i, i)
	})
}

func (g *gen) teamTF() string {
	head := `variable "name" {
  type = string
}

variable "actions" {
  type = list(string)
}

module "policy" {
  source  = "./modules/policy"
  name    = var.name
  actions = var.actions
}
`
	return g.fill(head, func(i int) string {
		g.policies++
		return fmt.Sprintf(`
resource "aws_iam_role" "team%d" {
  name = "${var.name}-%d"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}
`, i, i)
	})
}

func (g *gen) policyModTF() string {
	head := `variable "name" {
  type = string
}

variable "actions" {
  type = list(string)
}
`
	return g.fill(head, func(i int) string {
		g.policies++
		return fmt.Sprintf(`
resource "aws_iam_role_policy" "p%d" {
  name = "${var.name}-p%d"
  role = "${var.name}-team0"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = var.actions, Resource = "arn:aws:s3:::${var.name}-%d/*" }]
  })
}
`, i, i, i)
	})
}

// PlanStats describes what WritePlan wrote.
type PlanStats struct {
	Bytes     int64
	Resources int // resource changes
	Policies  int // policy attributes in resource changes
}

// WritePlan streams a plan in the format of `terraform show -json` of about
// target bytes to w: module instances module.team["tNNNNN"] (half of them
// calling module.svc["api"], a tenth of them module.svc["api"].module.perms[0]
// in that, where their resources are), each with a role (trust policy), a managed policy, an inline role policy and an S3
// bucket policy being created, some with wildcards. Its planned_values is
// empty: the resources are in resource_changes only (WriteFullPlan writes
// both, as Terraform does).
func WritePlan(w io.Writer, target int64) (PlanStats, error) {
	return writePlan(w, target, false)
}

// WriteFullPlan is WritePlan with the resources in planned_values too, as
// `terraform show -json` writes them: planned_values.root_module holds each
// resource's planned values (the after values, without the unknown ones) in
// the tree of its module instances (child_modules), so that a reader of
// either section sees every resource. About half of the bytes are
// resource_changes, half planned_values: the plan has about half the
// resources of a WritePlan plan of the same size.
func WriteFullPlan(w io.Writer, target int64) (PlanStats, error) {
	return writePlan(w, target, true)
}

// planRes is one resource of a generated plan.
type planRes struct {
	typ, name, after, unknown string
}

// planTeam returns the module path (its calls, outermost first) and the
// resources of team i of a generated plan; with users, every fourth team
// also has an IAM user with an inline policy (WriteFullPlan's plans).
func planTeam(i int, users bool) ([]string, []planRes) {
	stmts := func(i, n int) string {
		var ss []string
		for k := 0; k < n; k++ {
			act := `[\"s3:GetObject\",\"s3:PutObject\",\"s3:ListBucket\"]`
			if (i+k)%5 == 0 {
				act = `\"*\"`
			}
			ss = append(ss, fmt.Sprintf(`{\"Sid\":\"S%d\",\"Effect\":\"Allow\",\"Action\":%s,\"Resource\":[\"arn:aws:s3:::bucket-%d-%d\",\"arn:aws:s3:::bucket-%d-%d/*\"]}`, k, act, i, k, i, k))
		}
		return `{\"Version\":\"2012-10-17\",\"Statement\":[` + strings.Join(ss, ",") + `]}`
	}
	path := []string{fmt.Sprintf(`module.team[\"t%05d\"]`, i)}
	// Nested module calls, as in real estates: every second team's
	// resources are in a module it calls, every tenth's one level deeper
	// still.
	if i%2 == 1 {
		path = append(path, `module.svc[\"api\"]`)
	}
	if i%10 == 5 {
		path = append(path, `module.perms[0]`)
	}
	trustPrincipal := `{\"Service\":\"lambda.amazonaws.com\"}`
	if i%9 == 0 {
		trustPrincipal = `{\"AWS\":\"*\"}`
	}
	trust := `{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":` + trustPrincipal + `,\"Action\":\"sts:AssumeRole\"}]}`
	res := []planRes{
		{"aws_iam_role", "this", fmt.Sprintf(`{"name":"role-%d","assume_role_policy":"%s","path":"/","max_session_duration":3600,"tags":{"team":"t%05d"},"inline_policy":[{"name":"inline","policy":"%s"}]}`, i, trust, i, stmts(i, 2)),
			`{"arn":true,"id":true,"unique_id":true,"create_date":true,"tags_all":true,"inline_policy":[{}]}`},
		{"aws_iam_policy", "this", fmt.Sprintf(`{"name":"policy-%d","path":"/","description":"generated","policy":"%s"}`, i, stmts(i, 6)),
			`{"arn":true,"id":true,"policy_id":true,"tags_all":true}`},
		{"aws_iam_role_policy", "extra", fmt.Sprintf(`{"name":"extra-%d","policy":"%s"}`, i, stmts(i+1, 3)),
			`{"id":true,"role":true}`},
		{"aws_s3_bucket_policy", "this", fmt.Sprintf(`{"bucket":"bucket-%d","policy":"%s"}`, i, strings.ReplaceAll(stmts(i+2, 2), `\"Effect\":\"Allow\",`, `\"Effect\":\"Allow\",\"Principal\":\"*\",`)),
			`{"id":true}`},
	}
	if users && i%4 == 0 {
		res = append(res,
			planRes{"aws_iam_user", "ops", fmt.Sprintf(`{"name":"ops-%d","path":"/","force_destroy":false,"tags":{"team":"t%05d"}}`, i, i),
				`{"arn":true,"id":true,"unique_id":true,"tags_all":true}`},
			planRes{"aws_iam_user_policy", "ops", fmt.Sprintf(`{"name":"ops-%d","user":"ops-%d","policy":"%s"}`, i, i, stmts(i+3, 2)),
				`{"id":true}`})
	}
	return path, res
}

func writePlan(w io.Writer, target int64, full bool) (PlanStats, error) {
	bw := bufio.NewWriterSize(w, 1<<20)
	cw := &countWriter{w: bw}
	var st PlanStats
	fmt.Fprint(cw, `{"format_version":"1.2","terraform_version":"1.9.0","resource_changes":[`)
	changes := target
	if full {
		changes = target * 53 / 100 // planned_values is about 7/8 of resource_changes
	}
	teams := 0
	for ; cw.n < changes; teams++ {
		path, res := planTeam(teams, full)
		mod := strings.Join(path, ".")
		for _, r := range res {
			if st.Resources > 0 {
				fmt.Fprint(cw, ",")
			}
			st.Resources++
			fmt.Fprintf(cw, `
{"address":"%s.%s.%s","module_address":"%s","mode":"managed","type":"%s","name":"%s","provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"before":null,"after":%s,"after_unknown":%s,"before_sensitive":false,"after_sensitive":{"tags":{},"tags_all":{}}}}`,
				mod, r.typ, r.name, mod, r.typ, r.name, r.after, r.unknown)
		}
		st.Policies += 5
		if len(res) > 4 {
			st.Policies++
		}
	}
	fmt.Fprint(cw, "\n],\"planned_values\":{\"root_module\":{")
	if full {
		// One module object per instance, nested as its calls are:
		// a team's object holds its resources or the object of the
		// module it calls.
		fmt.Fprint(cw, `"child_modules":[`)
		for i := 0; i < teams; i++ {
			if i > 0 {
				fmt.Fprint(cw, ",")
			}
			path, res := planTeam(i, true)
			for d := range path {
				fmt.Fprintf(cw, "\n{\"address\":\"%s\",", strings.Join(path[:d+1], "."))
				if d < len(path)-1 {
					fmt.Fprint(cw, `"child_modules":[`)
				}
			}
			mod := strings.Join(path, ".")
			fmt.Fprint(cw, `"resources":[`)
			for k, r := range res {
				if k > 0 {
					fmt.Fprint(cw, ",")
				}
				fmt.Fprintf(cw, `
{"address":"%s.%s.%s","mode":"managed","type":"%s","name":"%s","provider_name":"registry.terraform.io/hashicorp/aws","schema_version":0,"values":%s,"sensitive_values":{"tags":{},"tags_all":{}}}`,
					mod, r.typ, r.name, r.typ, r.name, r.after)
			}
			fmt.Fprint(cw, "]}")
			for d := 0; d < len(path)-1; d++ {
				fmt.Fprint(cw, "]}")
			}
		}
		fmt.Fprint(cw, "]")
	}
	fmt.Fprint(cw, "}},\"configuration\":{}}\n")
	st.Bytes = cw.n
	if cw.err != nil {
		return st, cw.err
	}
	return st, bw.Flush()
}

type countWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	c.n += int64(n)
	c.err = err
	return n, err
}
