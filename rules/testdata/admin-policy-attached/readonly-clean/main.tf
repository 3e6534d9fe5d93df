resource "aws_iam_policy" "named_like_admin" {
  name   = "AdministratorAccess"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:ListBucket", Resource = "arn:aws:s3:::logs" }] })
}

resource "aws_iam_role_policy_attachment" "custom" {
  role       = "app"
  policy_arn = aws_iam_policy.named_like_admin.arn
}

resource "aws_iam_role_policy_attachment" "ro" {
  role       = "auditor"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role_policy_attachment" "job" {
  role       = "billing"
  policy_arn = "arn:aws:iam::aws:policy/job-function/Billing"
}
