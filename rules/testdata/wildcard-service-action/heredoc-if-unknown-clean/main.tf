# The same %{ if } over scoped statements: no finding in either text.
variable "admin" {
  type = bool
}
resource "aws_iam_policy" "p" {
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}%{ if var.admin },
        {"Effect": "Allow", "Action": "iam:GetRole", "Resource": "*"}%{ endif }
      ]
    }
  EOT
}
