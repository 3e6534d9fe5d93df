# "arn:aws:s3:::*/*" is every object of every bucket: s3:GetObject on it reads
# the data of the whole account as on "*". It was not taken for an unscoped
# resource (an S3 ARN has no type head; "arn:aws:s3:::my-bucket/*" is one
# bucket's objects), and gave no finding. A wildcard head matches every
# resource of the types whose resource part it matches ("*:*" every Lambda
# function). One bucket's objects, and the keys under a prefix of every
# bucket ("*/*/*": only keys with a "/"), are not every object.
resource "aws_iam_policy" "reader" {
  name = "reader"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject"] # want "sensitive-data-access"
        Resource = ["arn:aws:s3:::*/*"]
      },
      {
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue"] # want "sensitive-data-access"
        Resource = ["arn:aws:secretsmanager:*:*:*:*"]
      },
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject"]
        Resource = ["arn:aws:s3:::my-bucket/*", "arn:aws:s3:::*/*/*", "arn:aws:s3:::*/reports/*"]
      },
    ]
  })
}
