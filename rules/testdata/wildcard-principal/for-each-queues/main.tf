locals {
  queues = {
    public  = "*" # want "wildcard-principal"
    partner = "arn:aws:iam::444455556666:root"
  }
}

resource "aws_sqs_queue" "inbox" {
  for_each = local.queues
  name     = "inbox-${each.key}"
}

resource "aws_sqs_queue_policy" "inbox" {
  for_each  = local.queues
  queue_url = aws_sqs_queue.inbox[each.key].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = each.value }
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.inbox[each.key].arn
    }]
  })
}
