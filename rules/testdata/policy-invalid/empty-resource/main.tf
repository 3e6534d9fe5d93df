# "Resource": [] names no resource, as "Action": [] names no action: IAM
# rejects the statement ("Policy statement must contain resources"). A
# jsonencode of an empty list variable (no SNS topic given) was not
# reported, while the empty Action was. The aws_iam_policy_document form
# (an empty resources list is left out of the rendered JSON) was already
# reported as having no Resource. An unknown list is not empty.
variable "topics" {
  type    = list(string)
  default = []
}

variable "later" {
  type = list(string)
}

resource "aws_iam_policy" "json" {
  name = "json"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "sns:Publish", Resource = var.topics },   # want "policy-invalid"
      { Effect = "Allow", Action = "sns:Publish", Resource = [] },           # want "policy-invalid"
      { Effect = "Allow", Action = "sns:Publish", Resource = var.later },
      { Effect = "Deny", Action = "sns:Publish", NotResource = [], Resource = ["arn:aws:sns:us-east-1:111122223333:t"] },
    ]
  })
}

data "aws_iam_policy_document" "doc" {
  statement { # want "policy-invalid"
    actions   = ["sns:Publish"]
    resources = var.topics
  }
}

resource "aws_iam_policy" "doc" {
  name   = "doc"
  policy = data.aws_iam_policy_document.doc.json
}
