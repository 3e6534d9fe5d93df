# A policy document that an aws_iam_policy uses is a managed policy, attached
# or not: AWS refuses to create one over 6,144 characters.
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

# The same document size used only as a role's inline policy: the role's
# quota (10,240) applies, and this one fits.
data "aws_iam_policy_document" "inline" {
  statement {
    actions   = ["s3:GetObject"]
    resources = [for i in range(200) : "arn:aws:s3:::inline-bucket-${i}/*"]
  }
}

resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
}

resource "aws_iam_role_policy" "inline" {
  name   = "inline"
  role   = aws_iam_role.r.id
  policy = data.aws_iam_policy_document.inline.json
}
