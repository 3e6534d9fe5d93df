# A Deny of "s3:* " (with a space) denies nothing: IAM does not trim the
# action, so the Allow of s3:* stands.
resource "aws_iam_policy" "p" {
  name = "p"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "s3:*", Resource = "*" }, # want "wildcard-service-action"
      { Effect = "Deny", Action = "s3:* ", Resource = "*" },
    ]
  })
}
