# Cloudsplaining's "Data Exfiltration" actions (README: s3:GetObject,
# ssm:GetParameter, secretsmanager:GetSecretValue) without resource
# constraints, and the same actions scoped (clean).
resource "aws_iam_policy" "exfil" {
  name = "exfil"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:GetObject"], Resource = "*" },                  # want "sensitive-data-access"
      { Effect = "Allow", Action = ["ssm:GetParameter"], Resource = "*" },              # want "sensitive-data-access"
      { Effect = "Allow", Action = ["secretsmanager:GetSecretValue"], Resource = "*" }, # want "sensitive-data-access"
    ]
  })
}

resource "aws_iam_policy" "scoped" {
  name = "scoped"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::my-bucket/*" },
      { Effect = "Allow", Action = ["ssm:GetParameter"], Resource = "arn:aws:ssm:eu-west-1:111122223333:parameter/app/*" },
      { Effect = "Allow", Action = ["secretsmanager:GetSecretValue"], Resource = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:app-*" },
    ]
  })
}
