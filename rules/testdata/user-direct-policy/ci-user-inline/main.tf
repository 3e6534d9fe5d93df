resource "aws_iam_user" "ci" {
  name = "github-ci"
}

data "aws_iam_policy_document" "ci" {
  statement {
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::artifacts/*"]
  }
}

resource "aws_iam_user_policy" "ci" { # want "user-direct-policy"
  name   = "artifacts"
  user   = aws_iam_user.ci.name
  policy = data.aws_iam_policy_document.ci.json
}

# The same permissions for a role and a group: not reported.
resource "aws_iam_group" "ci" {
  name = "ci"
}

resource "aws_iam_group_policy" "ci" {
  name   = "artifacts"
  group  = aws_iam_group.ci.name
  policy = data.aws_iam_policy_document.ci.json
}

resource "aws_iam_user_group_membership" "ci" {
  user   = aws_iam_user.ci.name
  groups = [aws_iam_group.ci.name]
}
