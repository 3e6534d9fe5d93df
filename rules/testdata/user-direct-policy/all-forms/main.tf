resource "aws_iam_user" "bob" {
  name = "bob"
}

resource "aws_iam_user_policy" "bob" { # want "user-direct-policy"
  user = aws_iam_user.bob.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:ListBucket", Resource = "arn:aws:s3:::reports" }]
  })
}

resource "aws_iam_user_policy_attachment" "bob" { # want "user-direct-policy"
  user       = aws_iam_user.bob.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_policy_attachment" "shared" {
  name       = "shared"
  users      = [aws_iam_user.bob.name] # want "user-direct-policy"
  roles      = ["some-role"]
  policy_arn = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
}
