variable "name" {
  type = string
}

variable "trusted_arns" {
  type = list(string)
}

variable "required_org_ids" {
  type = list(string)
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = var.trusted_arns
    }
    dynamic "condition" {
      for_each = length(var.required_org_ids) > 0 ? [1] : []
      content {
        test     = "StringEquals"
        variable = "aws:PrincipalOrgID"
        values   = var.required_org_ids
      }
    }
  }
}

resource "aws_iam_role" "this" {
  name               = var.name
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
