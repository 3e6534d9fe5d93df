queue_arns = [
  "arn:aws:sqs:eu-west-1:111122223333:orders",
  "*", # want "wildcard-resource"
]
