// Written with // comments.
resource "aws_sqs_queue" "q" {
  name = "work"
}

resource "aws_iam_role" "worker" {
  name = "worker"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
  inline_policy {
    name = "work"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Effect      = "Allow"
        Action      = "sqs:ReceiveMessage"
        NotResource = [aws_sqs_queue.q.arn] // want "not-resource-allow"
      }]
    })
  }
}
