# Under every quota: the same inline policies on a role (10,240) instead of a
# user, and a managed policy of ~5,000 characters.
resource "aws_iam_policy" "ok" {
  name = "ok"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:GetObject"
      Resource = [for i in range(170) : "arn:aws:s3:::bucket-${i}/*"]
    }]
  })
}

resource "aws_iam_role" "r" {
  name = "r"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "a" {
  role = aws_iam_role.r.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:GetObject"
      Resource = [for i in range(50) : "arn:aws:s3:::a-${i}/*"]
    }]
  })
}

resource "aws_iam_role_policy" "b" {
  role = aws_iam_role.r.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:GetObject"
      Resource = [for i in range(50) : "arn:aws:s3:::b-${i}/*"]
    }]
  })
}
