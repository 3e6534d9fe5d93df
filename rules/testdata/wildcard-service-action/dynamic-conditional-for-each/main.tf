# Dynamic blocks over a conditional whose condition has no value: the blocks
# of each branch are linted, the blocks of one branch together.
variable "admin" {
  type = bool
}

variable "locked" {
  type = bool
}

locals {
  admin_statements = [{ sid = "Admin", actions = ["ec2:*"] }] # want "wildcard-service-action"
  read_statements  = [{ sid = "Read", actions = ["ec2:DescribeInstances"] }, { sid = "Logs", actions = ["logs:GetLogEvents"] }]
}

data "aws_iam_policy_document" "by_role" {
  dynamic "statement" {
    for_each = var.admin ? local.admin_statements : local.read_statements
    content {
      sid       = statement.value.sid
      actions   = statement.value.actions
      resources = ["*"]
    }
  }
}

resource "aws_iam_policy" "by_role" {
  policy = data.aws_iam_policy_document.by_role.json
}

# The Deny is there only when locked: unlocked, sqs:* is granted.
data "aws_iam_policy_document" "guarded" {
  statement {
    actions   = ["sqs:*"] # want "wildcard-service-action"
    resources = ["*"]
  }
  dynamic "statement" {
    for_each = var.locked ? ["lock"] : []
    content {
      effect    = "Deny"
      actions   = ["sqs:*"]
      resources = ["*"]
    }
  }
}

resource "aws_iam_policy" "guarded" {
  policy = data.aws_iam_policy_document.guarded.json
}
