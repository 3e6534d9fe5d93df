# Catalog-driven: Write / Permissions management / Tagging actions that
# support resource-level permissions fire; patterns count when one of the
# actions they match does.
data "aws_iam_policy_document" "deploy" {
  statement {
    actions   = ["ec2:RunInstances", "ec2:Describe*"]
    resources = ["*"] # want "wildcard-resource"
  }
  statement {
    actions   = ["IAM:tagrole"]
    resources = ["*"] # want "wildcard-resource"
  }
  statement {
    actions   = ["ecr:BatchDelete*"]
    resources = ["*"] # want "wildcard-resource"
  }
}

resource "aws_iam_policy" "deploy" {
  name   = "deploy"
  policy = data.aws_iam_policy_document.deploy.json
}
