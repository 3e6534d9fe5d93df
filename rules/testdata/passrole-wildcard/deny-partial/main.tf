# The Deny reaches only the admin roles: every other role may still be passed.
resource "aws_iam_policy" "deployer" {
  name = "deployer"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:PassRole", Resource = "*" }, # want "passrole-wildcard"
      { Effect = "Deny", Action = "iam:PassRole", Resource = "arn:aws:iam::*:role/admin-*" }
    ]
  })
}

# A Deny that holds only under a condition, and one whose roles are known only
# after apply, never take the grant away.
variable "protected_role_arns" {
  type = list(string)
}

data "aws_iam_policy_document" "ecs" {
  statement {
    actions   = ["iam:*"] # want "passrole-wildcard"
    resources = ["arn:aws:iam::123456789012:role/*"]
  }
  statement {
    effect    = "Deny"
    actions   = ["iam:PassRole"]
    resources = ["*"]
    condition {
      test     = "StringNotEquals"
      variable = "aws:RequestedRegion"
      values   = ["eu-west-1"]
    }
  }
  statement {
    effect    = "Deny"
    actions   = ["iam:PassRole"]
    resources = var.protected_role_arns
  }
}

resource "aws_iam_role_policy" "ecs" {
  role   = "ecs-deployer"
  policy = data.aws_iam_policy_document.ecs.json
}
