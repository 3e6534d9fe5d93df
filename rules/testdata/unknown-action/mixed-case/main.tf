# Action names are case-insensitive: "S3:getobject" and "iam:passrole" are
# real actions. Typos are reported whatever their case, in Action and
# NotAction, Allow and Deny, with the closest action suggested.
data "aws_iam_policy_document" "worker" {
  statement {
    actions = [
      "S3:getobject",
      "iam:passrole",
      "EC2:Describe*",
      "Logs:CreateLogStream",
      "s3:listbuckets",   # want "unknown-action"
      "SQS:RecieveMessage", # want "unknown-action"
      "kms:Decrypts",     # want "unknown-action"
    ]
    resources = ["arn:aws:s3:::worker/*"]
  }
  statement {
    effect      = "Deny"
    not_actions = ["iam:Get*", "IAM:lisT*", "iam:Simulate*Policys"] # want "unknown-action"
    resources   = ["*"]
  }
  statement {
    actions   = ["lambda:InvokeFunction", "lamda:InvokeFunction"] # want "unknown-action"
    resources = ["arn:aws:lambda:us-east-1:111122223333:function:worker"]
  }
}

resource "aws_iam_role_policy" "worker" {
  role   = "worker"
  policy = data.aws_iam_policy_document.worker.json
}
