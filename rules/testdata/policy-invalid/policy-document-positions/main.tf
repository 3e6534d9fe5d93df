# Faults inside a data "aws_iam_policy_document" are reported at the
# attribute or block that holds them.
data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["s3:GetObject", "S3:ListBucket"]
    resources = ["arn:aws:s3:::data", "arn:aws:s3:::data/*", "data-bucket"] # want "policy-invalid"
    condition {
      test     = "StringEqualsIgnoreCas" # want "policy-invalid"
      variable = "s3:prefix"
      values   = ["home/"]
    }
  }
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["arn:aws:sqs:us-east-1:111122223333"] # want "policy-invalid"
    principals { # want "policy-invalid"
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/app"]
    }
  }
  statement {
    not_actions = ["iam:*"] # want "policy-invalid"
    actions     = ["s3:*"]
    resources   = ["arn:aws:s3:::data/*"]
  }
  statement {
    actions   = ["ec2:DescribeInstances"]
    resources = ["*"]
    condition {
      test     = "ForAnyValue:StringLikeIfExists"
      variable = "aws:TagKeys"
      values   = ["team*"]
    }
    condition {
      test     = "NumericLessThanEquals"
      variable = "aws:MultiFactorAuthAge"
      values   = ["3600"]
    }
  }
}

resource "aws_iam_policy" "app" {
  name   = "app"
  policy = data.aws_iam_policy_document.app.json
}
