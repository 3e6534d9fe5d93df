# Policy text that is not JSON: IAM rejects it at apply. The finding points
# at the fault inside the heredoc or the file()d JSON; the other policies of
# the configuration are still linted.
resource "aws_iam_policy" "trailing_comma" {
  name   = "trailing-comma"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
      ]
    }
  EOT
}

resource "aws_iam_role" "truncated" {
  name               = "truncated"
  assume_role_policy = file("${path.module}/trust.json")
}

# Still linted: a valid policy next to the broken ones.
resource "aws_iam_policy" "fine" {
  name = "fine"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }]
  })
}
