# Counted documents merged through a splat into source_policy_documents: a
# finding is reported once, on the document that holds the statement, not
# again where the merging document lists it.
variable "attach_efs" {
  type    = bool
  default = true
}

data "aws_iam_policy_document" "efs" {
  count = var.attach_efs ? 1 : 0
  statement {
    actions   = ["elasticfilesystem:DeleteAccessPoint"]
    resources = ["*"] # want "wildcard-resource"
  }
}

locals {
  sources = flatten(concat(
    data.aws_iam_policy_document.efs[*].json,
  ))
}

data "aws_iam_policy_document" "this" {
  source_policy_documents = local.sources
}

resource "aws_iam_policy" "p" {
  name   = "p"
  policy = data.aws_iam_policy_document.this.json
}
