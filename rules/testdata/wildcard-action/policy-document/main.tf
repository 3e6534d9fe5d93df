data "aws_iam_policy_document" "admin" {
  statement {
    sid       = "Admin"
    actions   = ["*"] # want "wildcard-action"
    resources = ["*"]
  }

  statement {
    sid       = "NoOrgChanges"
    effect    = "Deny"
    actions   = ["*"]
    resources = ["arn:aws:organizations::*:*"]
  }
}

resource "aws_iam_policy" "admin" {
  name   = "admin"
  policy = data.aws_iam_policy_document.admin.json
}
