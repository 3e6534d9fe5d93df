# Elements of the wrong JSON type, which IAM rejects (before, they were only
# notices): an operator holding a string, a Statement that is a string, an
# Effect that is a list, an empty Action, a policy without Statement.
resource "aws_iam_policy" "shapes" {
  name = "shapes"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*", Condition = { StringLike = "home/*" } }, # want "policy-invalid"
      { Effect = ["Allow"], Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" },                                        # want "policy-invalid"
      { Effect = "Allow", Action = [], Resource = "arn:aws:s3:::b/*" },                                                     # want "policy-invalid"
      { Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*", Condition = { Bool = { "aws:SecureTransport" = true } } },
    ]
  })
}

resource "aws_iam_policy" "string_statement" {
  name   = "string-statement"
  policy = jsonencode({ Version = "2012-10-17", Statement = "Allow s3:GetObject" }) # want "policy-invalid"
}

resource "aws_iam_role_policy" "no_statement" {
  role   = "app" # want +2 "policy-invalid"
  policy = <<EOT
{"Version": "2012-10-17"}
EOT
}
