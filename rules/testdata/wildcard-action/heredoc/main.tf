resource "aws_iam_role" "ops" {
  name = "ops"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ec2.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy" "ops" {
  name = "ops-inline"
  role = aws_iam_role.ops.id

  # want +7 "wildcard-action"
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["*:*"],
      "Resource": "*"
    }
  ]
}
EOT
}
