# IAM does not trim a condition operator: "StringEquals " is no operator, and
# AWS rejects the policy. Nor a condition key: " aws:SourceArn" is a key no
# request carries. The statements are not pinned by these conditions either
# (wildcard-principal still fires on the bucket policies, see its case
# condition-operator-white-space).
resource "aws_s3_bucket_policy" "spaced_operator" {
  bucket = "b"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::b/*"
      Condition = { "StringEquals " = { "aws:PrincipalOrgID" = "o-abc1234567" } } # want "policy-invalid"
    }]
  })
}

resource "aws_s3_bucket_policy" "spaced_heredoc" {
  bucket = "c"
  # want +10 "policy-invalid" "policy-invalid"
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": "*",
    "Action": "s3:GetObject",
    "Resource": "arn:aws:s3:::c/*",
    "Condition": {
      " StringEquals": {" aws:PrincipalOrgID": "o-abc1234567"}
    }
  }]
}
EOT
}

resource "aws_iam_role" "spaced_key" {
  name = "spaced-key"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sns.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { ArnLike = { "aws:SourceArn\t" = "arn:aws:sns:eu-west-1:111122223333:t" } } # want "policy-invalid"
    }]
  })
}

data "aws_iam_policy_document" "spaced_test" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::d/*"]
    condition {
      test     = "StringLike " # want "policy-invalid"
      variable = "s3:prefix"
      values   = ["home/*"]
    }
  }
}

resource "aws_iam_policy" "spaced_test" {
  name   = "spaced-test"
  policy = data.aws_iam_policy_document.spaced_test.json
}

# Clean: the same conditions written right.
resource "aws_s3_bucket_policy" "clean" {
  bucket = "e"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::e/*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc1234567" } }
    }]
  })
}
