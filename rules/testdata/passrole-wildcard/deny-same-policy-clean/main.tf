resource "aws_iam_policy" "allow_and_deny" {
  name = "allow-and-deny"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:*", Resource = "*" },
      { Effect = "Deny", Action = "iam:*", Resource = "*" }
    ]
  })
}
