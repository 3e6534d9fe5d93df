# A Deny of one account leaves every other account allowed.
resource "aws_sqs_queue_policy" "open" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/111122223333/open"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect       = "Allow"
        NotPrincipal = { AWS = "arn:aws:iam::111122223333:root" } # want "not-principal-allow"
        Action       = "sqs:SendMessage"
        Resource     = "arn:aws:sqs:eu-west-1:111122223333:open"
      },
      {
        Effect    = "Deny"
        Principal = { AWS = "444455556666" }
        Action    = "sqs:*"
        Resource  = "*"
      }
    ]
  })
}
