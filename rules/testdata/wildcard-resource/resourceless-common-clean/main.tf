# Actions that only accept Resource "*" (the catalog lists no resource type
# for them), as agents, CI roles and dashboards grant them, Write ones
# included (xray:PutTraceSegments, kms:CreateKey, cloudwatch:PutMetricData).
# None can be scoped, so "*" is the only correct Resource and nothing fires.
resource "aws_iam_role_policy" "agent" {
  role = "agent"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = [
        "xray:PutTraceSegments",
        "xray:PutTelemetryRecords",
        "cloudwatch:PutMetricData",
        "ecr:GetAuthorizationToken",
        "sts:GetCallerIdentity",
        "sts:DecodeAuthorizationMessage",
        "kms:CreateKey",
        "kms:ListKeys",
        "kms:ListAliases",
        "tag:GetResources",
        "ce:GetCostAndUsage",
        "health:DescribeEvents",
        "organizations:DescribeOrganization",
        "support:*",
        "autoscaling:Describe*",
        "elasticloadbalancing:Describe*",
        "ec2:Describe*",
        "s3:ListAllMyBuckets",
        "iam:ListRoles",
        "route53:ListHostedZones",
      ]
      Resource = "*"
    }]
  })
}
