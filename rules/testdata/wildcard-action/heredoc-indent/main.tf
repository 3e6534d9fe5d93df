variable "account_id" {
  type    = string
  default = "111122223333"
}

resource "aws_iam_user" "deploy" {
  name = "deploy"
}

resource "aws_iam_user_policy" "deploy" {
  name = "deploy"
  user = aws_iam_user.deploy.name

  # want +7 "wildcard-action"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "*",
          "Resource": "arn:aws:s3:::deploy-${var.account_id}/*"
        }
      ]
    }
  EOT
}
