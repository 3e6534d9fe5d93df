resource "aws_iam_policy" "iam_put" {
  name = "iam-put"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "iam:Put*" # want "privilege-escalation"
      Resource = "*"
    }]
  })
}

resource "aws_iam_user_policy" "all" {
  user = "ops"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] # want "privilege-escalation"
  })
}

resource "aws_iam_group_policy" "notaction" {
  group = "ops"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      NotAction = ["s3:*"] # want "privilege-escalation"
      Resource  = "*"
    }]
  })
}
