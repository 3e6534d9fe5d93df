variable "org_id" {
  type    = string
  default = "o-a1b2c3d4e5"
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = [var.org_id]
    }
  }
}

resource "aws_iam_role" "audit" {
  name               = "org-audit"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
