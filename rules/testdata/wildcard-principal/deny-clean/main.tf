resource "aws_sqs_queue" "jobs" {
  name = "jobs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "DenyOutsideOrg"
        Effect    = "Deny"
        Principal = "*"
        Action    = "sqs:*"
        Resource  = "*"
        Condition = { StringNotEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
      },
      {
        Sid       = "Workers"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:role/worker" }
        Action    = ["sqs:ReceiveMessage", "sqs:DeleteMessage"]
        Resource  = "*"
      },
    ]
  })
}
