# In a key policy, Resource "*" means this key.
data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "key" {
  statement {
    sid       = "KeyAdmins"
    actions   = ["kms:Create*", "kms:Enable*", "kms:Put*", "kms:Update*", "kms:ScheduleKeyDeletion"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/key-admin"]
    }
  }
}

resource "aws_kms_key" "app" {
  description = "app"
  policy      = data.aws_iam_policy_document.key.json
}
