data "aws_iam_policy_document" "launcher" {
  statement {
    actions   = ["iam:PassRole"]
    resources = ["*"]
  }
  statement {
    actions = [
      "ec2:RunInstances",      # want "privilege-escalation"
      "lambda:CreateFunction", # want "privilege-escalation"
      "lambda:InvokeFunction",
    ]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "launcher" {
  role   = "launcher"
  policy = data.aws_iam_policy_document.launcher.json
}

# codebuild:CreateProject without StartBuild, and glue:CreateDevEndpoint without PassRole: no path.
resource "aws_iam_policy" "partial" {
  name = "partial"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["codebuild:CreateProject", "glue:GetDevEndpoint"]
      Resource = "*"
    }]
  })
}
