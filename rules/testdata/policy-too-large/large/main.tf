# A managed policy of ~11,000 characters, a trust policy of ~4,000 and two
# inline user policies of ~1,400 each (2,048 together at most).
resource "aws_iam_policy" "big" {
  name = "big"
  policy = jsonencode({ # want "policy-too-large"
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:GetObject"
      Resource = [for i in range(400) : "arn:aws:s3:::bucket-${i}/*"]
    }]
  })
}

resource "aws_iam_role" "wide" {
  name = "wide"
  assume_role_policy = jsonencode({ # want "policy-too-large"
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = [for i in range(90) : "arn:aws:iam::111122223333:role/r${i}"] }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_user" "u" { # want "policy-too-large"
  name = "u"
}

resource "aws_iam_user_policy" "a" {
  user = aws_iam_user.u.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:GetObject"
      Resource = [for i in range(50) : "arn:aws:s3:::a-${i}/*"]
    }]
  })
}

resource "aws_iam_user_policy" "b" {
  user = aws_iam_user.u.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:GetObject"
      Resource = [for i in range(50) : "arn:aws:s3:::b-${i}/*"]
    }]
  })
}

# A policy document consumed by an attached aws_iam_policy.
data "aws_iam_policy_document" "big" { # want "policy-too-large"
  statement {
    actions   = ["s3:GetObject"]
    resources = [for i in range(400) : "arn:aws:s3:::doc-bucket-${i}/*"]
  }
}

resource "aws_iam_policy" "doc" {
  name   = "doc"
  policy = data.aws_iam_policy_document.big.json
}

resource "aws_iam_role_policy_attachment" "doc" {
  role       = aws_iam_role.wide.name
  policy_arn = aws_iam_policy.doc.arn
}
