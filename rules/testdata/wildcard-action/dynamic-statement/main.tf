variable "statements" {
  type = list(object({
    sid       = string
    actions   = list(string)
    resources = list(string)
  }))
  default = [
    {
      sid       = "Logs"
      actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      resources = ["arn:aws:logs:*:111122223333:log-group:/app/*"]
    },
    {
      sid       = "All"
      actions   = ["*"] # want "wildcard-action"
      resources = ["*"]
    },
  ]
}

data "aws_iam_policy_document" "this" {
  dynamic "statement" {
    for_each = var.statements
    content {
      sid       = statement.value.sid
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}

resource "aws_iam_policy" "this" {
  name   = "dynamic"
  policy = data.aws_iam_policy_document.this.json
}
