# admin has no value: an element whose key is a conditional is the element
# of each branch's key, located where it is written.
variable "admin" {
  type = bool
}

locals {
  actions = {
    admin = ["ec2:*"] # want "wildcard-service-action"
    read  = ["ec2:DescribeInstances"]
  }
  documents = {
    admin = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "kms:*", Resource = "*" }] # want "wildcard-service-action" "wildcard-service-action"
    })
    read = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "kms:Decrypt", Resource = "*" }]
    })
  }
}

resource "aws_iam_policy" "by_index" {
  name = "by-index"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = local.actions[var.admin ? "admin" : "read"], Resource = "*" }]
  })
}

resource "aws_iam_policy" "documents" {
  for_each = local.documents
  name     = each.key
  policy   = each.value
}

# An instance of a resource by a conditional key.
resource "aws_iam_role_policy" "by_instance" {
  role   = "ops"
  policy = aws_iam_policy.documents[var.admin ? "admin" : "read"].policy
}
