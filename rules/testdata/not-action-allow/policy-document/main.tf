data "aws_iam_policy_document" "dev" {
  statement {
    sid         = "AllButIam"
    not_actions = ["iam:*"] # want "not-action-allow"
    resources   = ["*"]
  }
}

resource "aws_iam_group" "dev" {
  name = "developers"
}

resource "aws_iam_group_policy" "dev" {
  group  = aws_iam_group.dev.name
  policy = data.aws_iam_policy_document.dev.json
}
