# An ARN pattern of every resource of every service covers every role too:
# "arn:aws:*:*:*:*", "arn:*", "arn:aws-cn:*" and one of a fixed account were
# not taken for "every role" (only "*" and arn:...:iam::...:role/* were), and
# iam:PassRole on them gave no passrole-wildcard finding. Patterns of other
# services' resources, of users, or of some roles are not every role.
resource "aws_iam_policy" "deployer" {
  name = "deployer"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "iam:PassRole" # want "passrole-wildcard"
        Resource = "arn:aws:*:*:*:*"
      },
      {
        Effect   = "Allow"
        Action   = "iam:PassRole" # want "passrole-wildcard"
        Resource = "arn:*"
      },
      {
        Effect   = "Allow"
        Action   = "iam:PassRole" # want "passrole-wildcard"
        Resource = "arn:aws-cn:*"
      },
      {
        Effect   = "Allow"
        Action   = "iam:PassRole" # want "passrole-wildcard"
        Resource = "arn:aws:*:*:111122223333:*"
      },
      {
        Effect   = "Allow"
        Action   = "iam:PassRole"
        Resource = "arn:aws:s3:::*"
      },
      {
        Effect   = "Allow"
        Action   = "iam:PassRole"
        Resource = "arn:aws:iam::*:user/*"
      },
      {
        Effect   = "Allow"
        Action   = "iam:PassRole"
        Resource = "arn:aws:iam::*:role/ecs-*"
      },
      {
        Effect   = "Allow"
        Action   = "iam:PassRole"
        Resource = "arn:aws:lambda:*:*:function:*"
      },
    ]
  })
}
