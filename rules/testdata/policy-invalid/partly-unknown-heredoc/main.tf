# A heredoc policy with an interpolation known only after apply is still
# checked: an error before the first unknown part is an error whatever that
# part turns out to be.
data "aws_caller_identity" "current" {}

variable "extra_statements" {
  type = list(string)
}

resource "aws_iam_role_policy" "broken" {
  role = "app"
  # want +6 "policy-invalid"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Action": "s3:GetObject", // read only
        "Resource": "arn:aws:s3:::logs-${data.aws_caller_identity.current.account_id}/*"
      }]
    }
  EOT
}

# Unknown text inserted between statements: whether the result is valid JSON
# is known only after apply, so no finding.
resource "aws_iam_role_policy" "spliced" {
  role   = "app"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs/*"}
        ${join("", var.extra_statements)}
      ]
    }
  EOT
}
