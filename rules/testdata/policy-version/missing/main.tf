resource "aws_iam_policy" "home" {
  name = "home"
  policy = jsonencode({ # want "policy-version"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:GetObject"
      Resource = "arn:aws:s3:::home/$${aws:username}/*"
    }]
  })
}

resource "aws_iam_policy" "old" {
  name = "old"
  policy = jsonencode({
    Version = "2008-10-17" # want "policy-version"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:GetObject"
      Resource = "arn:aws:s3:::reports/*"
    }]
  })
}
