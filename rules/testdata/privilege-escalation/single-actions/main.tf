resource "aws_iam_policy" "helpdesk" {
  name = "helpdesk"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = [
          "iam:CreateAccessKey",     # want "privilege-escalation"
          "iam:UpdateLoginProfile",  # want "privilege-escalation"
          "iam:ListUsers",
        ]
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = "iam:CreatePolicyVersion" # want "privilege-escalation"
        Resource = "arn:aws:iam::123456789012:policy/*"
      },
      {
        Effect   = "Allow"
        Action   = "lambda:UpdateFunctionCode" # want "privilege-escalation"
        Resource = "*"
      }
    ]
  })
}
