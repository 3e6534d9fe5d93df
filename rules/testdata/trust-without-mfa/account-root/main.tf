resource "aws_iam_role" "admin" {
  name = "admin"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = "sts:AssumeRole"
      Principal = {
        AWS = [
          "arn:aws:iam::111122223333:root",     # want "trust-without-mfa"
          "arn:aws:iam::111122223333:user/ops", # want "trust-without-mfa"
          "444455556666",                       # want "trust-without-mfa"
          "arn:aws:iam::111122223333:role/ci",
        ]
      }
    }]
  })
}
