# Everything but IAM, minus everything: nothing is granted.
resource "aws_iam_policy" "nothing" {
  name = "nothing"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", NotAction = "iam:*", Resource = "*" },
      { Effect = "Deny", Action = "*", Resource = "*" }
    ]
  })
}

# A Deny of everything but iam:Get* takes away all the Allow gives (it
# excludes less than iam:*).
data "aws_iam_policy_document" "inside" {
  statement {
    not_actions = ["iam:*"]
    resources   = ["*"]
  }
  statement {
    effect      = "Deny"
    not_actions = ["iam:Get*"]
    resources   = ["*"]
  }
}

resource "aws_iam_role_policy" "inside" {
  role   = "app"
  policy = data.aws_iam_policy_document.inside.json
}
