# "arn:aws:iam::*:*/*" covers every user and role (a resource part of
# wildcards around a "/"): iam:CreateAccessKey on it is keys for any user,
# and iam:PassRole on it any role. Only patterns ending in a wildcard after
# a fixed head ("user/*") were taken for unscoped, and these gave no finding.
resource "aws_iam_policy" "ops" {
  name = "ops"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "iam:CreateAccessKey" # want "privilege-escalation"
        Resource = "arn:aws:iam::*:*/*"
      },
      {
        Effect   = "Allow"
        Action   = "iam:PassRole"
        Resource = "arn:aws:iam::*:*/*"
      },
      {
        Effect   = "Allow"
        Action   = "ec2:RunInstances" # want "privilege-escalation"
        Resource = "*"
      },
    ]
  })
}
