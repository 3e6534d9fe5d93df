# Everyone but one account is allowed, and everyone is denied the same.
resource "aws_sqs_queue_policy" "closed" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/111122223333/closed"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect       = "Allow"
        NotPrincipal = { AWS = "arn:aws:iam::111122223333:root" }
        Action       = "sqs:SendMessage"
        Resource     = "arn:aws:sqs:eu-west-1:111122223333:closed"
      },
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "sqs:*"
        Resource  = "*"
      }
    ]
  })
}
