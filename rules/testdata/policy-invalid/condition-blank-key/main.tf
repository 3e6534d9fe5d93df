# A condition key "" or " " is a key no request carries: the condition tests
# nothing it names. Reported at the key, in jsonencode, a heredoc and a
# policy document's condition block (wildcard-principal fires on the first
# statement too, its message listing the keys as "", " ", aws:SecureTransport:
# TestConditionBlankKey).
resource "aws_s3_bucket_policy" "blank_keys" {
  bucket = "b"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::b/*"
      Condition = { StringEquals = { "" = "x", " " = "y", "aws:SecureTransport" = "true" } } # want "policy-invalid" "policy-invalid"
    }]
  })
}

resource "aws_iam_policy" "blank_heredoc" {
  name = "blank-heredoc"
  # want +9 "policy-invalid"
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": "s3:GetObject",
    "Resource": "arn:aws:s3:::c/*",
    "Condition": {
      "StringEquals": {"\t": "x"}
    }
  }]
}
EOT
}

data "aws_iam_policy_document" "blank_variable" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::d/*"]
    condition {
      test     = "StringEquals"
      variable = "" # want "policy-invalid"
      values   = ["x"]
    }
  }
}

resource "aws_iam_policy" "blank_variable" {
  name   = "blank-variable"
  policy = data.aws_iam_policy_document.blank_variable.json
}

# Clean: a key written.
resource "aws_iam_policy" "clean" {
  name = "clean"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::e/*"
      Condition = { StringEquals = { "aws:SourceAccount" = "111122223333" } }
    }]
  })
}
