# A vendor (monitoring SaaS) assumes the role from its own account with an external ID.
data "aws_iam_policy_document" "vendor" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::464622532012:root"]
    }
    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = ["0123456789abcdef"]
    }
  }
}

resource "aws_iam_role" "vendor" {
  name               = "vendor-integration"
  assume_role_policy = data.aws_iam_policy_document.vendor.json
}
