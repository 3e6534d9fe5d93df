resource "aws_iam_group" "this" {
  name = var.name
}

resource "aws_iam_policy" "force_mfa" {
  name = "${var.name}-ForceMFA"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "DenyAllExceptListedIfNoMFA"
        Effect = "Deny"
        NotAction = [
          "iam:CreateVirtualMFADevice",
          "iam:EnableMFADevice",
          "iam:GetUser",
          "iam:ListMFADevices",
          "iam:ListVirtualMFADevices",
          "iam:ResyncMFADevice",
          "sts:GetSessionToken",
        ]
        Resource = "*"
        Condition = {
          BoolIfExists = {
            "aws:MultiFactorAuthPresent" = "false"
          }
        }
      },
    ]
  })
}

resource "aws_iam_group_policy_attachment" "force_mfa" {
  group      = aws_iam_group.this.name
  policy_arn = aws_iam_policy.force_mfa.arn
}

variable "name" {
  type = string
}

output "name" {
  value = aws_iam_group.this.name
}
