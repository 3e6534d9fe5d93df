module "uploads" {
  source      = "./modules/bucket-access"
  bucket_arn  = "arn:aws:s3:::acme-uploads"
  actions     = ["s3:*"] # want "wildcard-service-action"
  policy_name = "uploads"
}
