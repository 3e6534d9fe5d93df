resource "aws_s3_bucket" "vault" {
  bucket = "acme-vault"
}

resource "aws_s3_bucket_policy" "vault" {
  bucket = aws_s3_bucket.vault.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid          = "OnlyBackupRole"
        Effect       = "Deny"
        NotPrincipal = { AWS = ["arn:aws:iam::111122223333:role/backup", "arn:aws:iam::111122223333:root"] }
        Action       = "s3:*"
        Resource     = ["arn:aws:s3:::acme-vault", "arn:aws:s3:::acme-vault/*"]
      },
      {
        Sid       = "BackupReads"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:role/backup" }
        Action    = "s3:GetObject"
        Resource  = "arn:aws:s3:::acme-vault/*"
      },
    ]
  })
}
