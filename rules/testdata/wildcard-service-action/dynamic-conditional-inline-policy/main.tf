# A role's inline_policy blocks made by a dynamic block over a conditional
# whose condition has no value: each branch's policies are linted (each
# block is a policy of its own).
variable "admin" {
  type = bool
}

resource "aws_iam_role" "ops" {
  name = "ops"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })

  dynamic "inline_policy" {
    for_each = var.admin ? { admin = "ssm:*" } : { read = "ssm:GetParameter", logs = "logs:*" } # want "wildcard-service-action" "wildcard-service-action"
    content {
      name = inline_policy.key
      policy = jsonencode({
        Version   = "2012-10-17"
        Statement = [{ Effect = "Allow", Action = inline_policy.value, Resource = "*" }]
      })
    }
  }
}
