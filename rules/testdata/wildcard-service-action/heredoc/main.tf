resource "aws_iam_user" "ops" {
  name = "ops"
}

resource "aws_iam_user_policy" "ops" {
  name = "ops"
  user = aws_iam_user.ops.name
  # want +7 "wildcard-service-action"
  policy = <<EOF2
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": ["ec2:Describe*",
               "cloudwatch:*"],
    "Resource": "*"
  }]
}
EOF2
}
