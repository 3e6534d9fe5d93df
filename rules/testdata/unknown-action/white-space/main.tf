# IAM compares an action as written: " * " is not "*", and " iam:PassRole"
# names no action. Each matches nothing, here and for every other rule.
resource "aws_iam_policy" "spaced" {
  name = "spaced"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = [
        " * ",           # want "unknown-action"
        " s3:* ",        # want "unknown-action"
        " iam:PassRole", # want "unknown-action"
        "s3:GetObject\t", # want "unknown-action"
        "sts:GetCallerIdentity",
      ]
      Resource = "*"
    }]
  })
}
