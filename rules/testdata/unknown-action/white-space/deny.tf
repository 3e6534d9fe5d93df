# A Deny of "s3:* " denies nothing: the guard rail protects nothing.
resource "aws_iam_policy" "guard" {
  name = "guard"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "s3:*", Resource = "*" },
      { Effect = "Deny", Action = "s3:* ", Resource = "*" }, # want "unknown-action"
    ]
  })
}
