variable "allowed_actions" {
  type    = list(string)
  default = ["*"] # want "wildcard-action"
}

data "aws_iam_policy_document" "app" {
  statement {
    actions   = var.allowed_actions
    resources = ["*"]
  }
}

resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "app" {
  role   = aws_iam_role.app.id
  policy = data.aws_iam_policy_document.app.json
}
