# A %{ if } directive whose condition is known only after apply: both texts
# are linted, like the branches of a conditional expression (the statement
# the directive may add is reported; the rest of the policy too).
variable "admin" {
  type = bool
}
# want +7 "wildcard-service-action"
resource "aws_iam_policy" "p" { # want +5 "wildcard-service-action"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}%{ if var.admin },
        {"Effect": "Allow", "Action": "iam:*", "Resource": "*"}%{ endif }
      ]
    }
  EOT
}
