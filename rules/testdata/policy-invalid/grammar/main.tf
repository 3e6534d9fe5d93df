resource "aws_iam_policy" "broken" {
  name   = "broken"
  policy = file("${path.module}/broken.json")
}

# A resource policy statement without Principal.
resource "aws_kms_key" "k" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ # want "policy-invalid"
      Effect   = "Allow"
      Action   = "kms:*"
      Resource = "*"
    }]
  })
}

# A policy document with principals consumed by an identity policy.
data "aws_iam_policy_document" "wrong" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::bucket/*"]
    principals { # want "policy-invalid"
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}

resource "aws_iam_role_policy" "wrong" {
  role   = "app"
  policy = data.aws_iam_policy_document.wrong.json
}

# jsonencode: a misspelt element is reported on its key.
resource "aws_iam_policy" "typo" {
  name = "typo"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ # want "policy-invalid"
      Effect   = "Allow"
      Actions  = ["s3:GetObject"] # want "policy-invalid"
      Resource = "arn:aws:s3:::bucket/*"
    }]
  })
}
