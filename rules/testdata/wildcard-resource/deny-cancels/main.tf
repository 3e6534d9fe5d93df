# BishopFox iam-vulnerable fp1: Allow iam:* and Deny iam:* on "*".
resource "aws_iam_policy" "fp1" {
  name = "fp1-allow-and-deny"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:*", Resource = "*" },
      { Effect = "Deny", Action = "iam:*", Resource = "*" }
    ]
  })
}

# Every S3 write is denied: what remains of s3:* on "*" is reading.
resource "aws_iam_policy" "read_only" {
  name = "read-only"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "s3:*", Resource = "*" },
      { Effect = "Deny", NotAction = ["s3:Get*", "s3:List*", "s3:Describe*"], Resource = "*" }
    ]
  })
}
