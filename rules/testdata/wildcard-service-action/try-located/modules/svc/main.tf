variable "statements" {
  type = any
}

data "aws_iam_policy_document" "this" {
  dynamic "statement" {
    for_each = var.statements
    content {
      sid       = try(statement.value.sid, statement.key)
      actions   = try(statement.value.actions, null)
      resources = try(statement.value.resources, ["*"])
    }
  }
}

resource "aws_iam_policy" "this" {
  name   = "svc"
  policy = data.aws_iam_policy_document.this.json
}
