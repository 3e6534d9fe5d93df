# The other resource policies of the awscc provider (AWS Cloud Control),
# each a JSON string attribute: open to every principal, each is reported
# at its Principal (they were not read: no finding, no notice). The one
# scoped to an account is not.
resource "awscc_sqs_queue_inline_policy" "q" {
  queue           = "https://sqs.us-east-1.amazonaws.com/111122223333/q"
  policy_document = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:SendMessage", Resource = "*" }] }) # want "wildcard-principal"
}

resource "awscc_sns_topic_policy" "t" {
  topics          = ["arn:aws:sns:us-east-1:111122223333:t"]
  policy_document = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "sns:Publish", Resource = "*" }] }) # want "wildcard-principal"
}

resource "awscc_sns_topic_inline_policy" "t" {
  topic_arn       = "arn:aws:sns:us-east-1:111122223333:t"
  policy_document = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "sns:Subscribe", Resource = "*" }] }) # want "wildcard-principal"
}

resource "awscc_secretsmanager_resource_policy" "s" {
  secret_id       = "s"
  resource_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "secretsmanager:GetSecretValue", Resource = "*" }] }) # want "wildcard-principal"
}

resource "awscc_ecr_repository" "r" {
  repository_name        = "r"
  repository_policy_text = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "ecr:BatchGetImage" }] }) # want "wildcard-principal"
}

resource "awscc_s3_access_point" "ap" {
  bucket = "b"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:us-east-1:111122223333:accesspoint/ap/object/*" }] }) # want "wildcard-principal"
}

resource "awscc_opensearchservice_domain" "d" {
  domain_name     = "d"
  access_policies = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "es:ESHttpGet", Resource = "arn:aws:es:us-east-1:111122223333:domain/d/*" }] }) # want "wildcard-principal"
}

resource "awscc_events_event_bus" "b" {
  name   = "b"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "events:PutEvents", Resource = "arn:aws:events:us-east-1:111122223333:event-bus/b" }] }) # want "wildcard-principal"
}

resource "awscc_logs_resource_policy" "l" {
  policy_name     = "l"
  policy_document = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "logs:PutLogEvents", Resource = "*" }] }) # want "wildcard-principal"
}

resource "awscc_backup_backup_vault" "v" {
  backup_vault_name = "v"
  access_policy     = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "backup:CopyIntoBackupVault", Resource = "*" }] }) # want "wildcard-principal"
}

resource "awscc_efs_file_system" "f" {
  file_system_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "elasticfilesystem:ClientMount", Resource = "*" }] }) # want "wildcard-principal"
}

resource "awscc_kms_replica_key" "k" {
  primary_key_arn = "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab"
  key_policy      = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "kms:Decrypt", Resource = "*" }] }) # want "wildcard-principal"
}

resource "awscc_apigateway_rest_api" "a" {
  name   = "a"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "execute-api:Invoke", Resource = "execute-api:/*" }] }) # want "wildcard-principal"
}

resource "awscc_s3express_bucket_policy" "x" {
  bucket          = "x--use1-az4--x-s3"
  policy_document = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "s3express:CreateSession", Resource = "*" }] }) # want "wildcard-principal"
}

resource "awscc_kinesis_resource_policy" "k" {
  resource_arn    = "arn:aws:kinesis:us-east-1:111122223333:stream/s"
  resource_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "kinesis:PutRecord", Resource = "*" }] }) # want "wildcard-principal"
}

resource "awscc_sns_topic_policy" "scoped" {
  topics          = ["arn:aws:sns:us-east-1:111122223333:t"]
  policy_document = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "sns:Publish", Resource = "*" }] })
}
