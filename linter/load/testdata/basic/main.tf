variable "action" {
  type    = string
  default = "s3:GetObject"
}

variable "from_tfvars" {}

variable "no_value" {}

variable "names" {
  type    = list(string)
  default = ["a", "b"]
}

locals {
  second = "${local.first}-x"
  first  = var.action
  bad    = upper(local.bad)
}

resource "aws_iam_policy" "enc" {
  name = "enc"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*"
      Resource = var.from_tfvars
    }]
  })
}

resource "aws_iam_policy" "heredoc" {
  policy = <<EOT
{"Statement": [{"Effect": "Allow", "Resource": "${var.action}", "Action": "*"}]}
EOT
}

resource "aws_iam_policy" "flush" {
  policy = <<-EOT
    {
      "Statement": [{"Resource": "${local.second}", "Action": "*"}]
    }
  EOT
}

resource "aws_iam_policy" "filed" {
  policy = file("${path.module}/policy.json")
}

resource "aws_iam_policy" "tmpl" {
  policy = templatefile("${path.module}/policy.tpl", { action = "*", res = var.no_value })
}

resource "aws_iam_user" "u" {
  name = "alice"
}

resource "aws_iam_user_policy" "p" {
  user   = aws_iam_user.u.name
  arn    = aws_iam_user.u.arn
  policy = data.aws_iam_policy_document.d.json
}

data "aws_iam_policy_document" "d" {
  statement {
    sid     = "static"
    actions = ["s3:*"]
  }
  dynamic "statement" {
    for_each = var.names
    iterator = n
    content {
      sid     = n.value
      actions = ["${n.value}:*"]
      dynamic "condition" {
        for_each = { k = "v" }
        content {
          test = condition.key
        }
      }
    }
  }
  statement {
    sid = "last"
  }
}

resource "aws_iam_user" "counted" {
  count = 2
  name  = "u${count.index}"
}

resource "aws_iam_user" "each" {
  for_each = toset(var.names)
  name     = each.value
}

resource "aws_iam_user" "unknown_each" {
  for_each = var.no_value
  name     = each.key
}

resource "aws_iam_user" "cond" {
  name = var.no_value ? "yes" : "no"
  tags = { t = true ? "picked" : "other" }
}

resource "aws_iam_user" "funcs" {
  name = format("%s-%s", "a", upper("b"))
  tags = {
    u   = uuid()
    j   = join(",", concat(["x"], ["y"]))
    bad = nosuchfunc(1)
    c   = coalesce("", "z")
    s   = sha256("x")
  }
}

provider "aws" {
  region     = "us-east-1"
  access_key = "AKIAEXAMPLE"
}
