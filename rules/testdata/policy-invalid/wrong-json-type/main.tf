# A number or bool where IAM wants a string is MalformedPolicyDocument: in
# jsonencode (which writes a JSON number) and in policy JSON text. It was
# read as the string "42" (reported as unknown-action). The value is ignored
# (as a null is): Action = 42 also leaves the statement without an action. Condition values may
# be numbers and bools; aws_iam_policy_document's actions = [42] is
# converted to "42" by Terraform, so it is no type fault there.
resource "aws_iam_policy" "encoded" {
  name = "encoded"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = 42, Resource = "arn:aws:s3:::b/*" },                   # want "policy-invalid" "policy-invalid"
      { Effect = "Allow", Action = ["s3:GetObject", true], Resource = "arn:aws:s3:::b/*" }, # want "policy-invalid"
      { Sid = 7, Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }, # want "policy-invalid"
      { Effect = "Allow", Action = "s3:ListBucket", Resource = "arn:aws:s3:::b", Condition = { NumericLessThan = { "s3:max-keys" = 10 }, Bool = { "aws:SecureTransport" = true } } },
    ]
  })
}

resource "aws_iam_role_policy" "heredoc" {
  role   = "app" # want +3 "policy-invalid"
  policy = <<EOT
{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": 12}
]}
EOT
}

data "aws_iam_policy_document" "converted" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::b/*"]
    condition {
      test     = "NumericLessThan"
      variable = "s3:max-keys"
      values   = [10]
    }
  }
}

resource "aws_iam_policy" "converted" {
  name   = "converted"
  policy = data.aws_iam_policy_document.converted.json
}
