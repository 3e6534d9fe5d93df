resource "aws_iam_policy" "secrets" {
  name = "secrets-rotation"
  # want +7 "wildcard-resource"
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": ["secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"],
    "Resource": "*"
  }]
}
EOT
}
