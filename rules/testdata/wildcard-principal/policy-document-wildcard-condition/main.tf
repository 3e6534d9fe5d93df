resource "aws_ecr_repository" "app" {
  name = "app"
}

data "aws_iam_policy_document" "pull" {
  statement {
    actions = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    principals {
      type        = "AWS"
      identifiers = ["*"] # want "wildcard-principal"
    }
    condition {
      test     = "StringLike"
      variable = "aws:PrincipalOrgID"
      values   = ["*"]
    }
  }
}

resource "aws_ecr_repository_policy" "app" {
  repository = aws_ecr_repository.app.name
  policy     = data.aws_iam_policy_document.pull.json
}
