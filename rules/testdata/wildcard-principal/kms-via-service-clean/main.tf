data "aws_iam_policy_document" "ebs_key" {
  statement {
    sid       = "EbsForAccount"
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "kms:CallerAccount"
      values   = ["111122223333"]
    }
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["ec2.eu-west-1.amazonaws.com"]
    }
  }
}

resource "aws_kms_key" "ebs" {
  description = "ebs"
  policy      = data.aws_iam_policy_document.ebs_key.json
}
