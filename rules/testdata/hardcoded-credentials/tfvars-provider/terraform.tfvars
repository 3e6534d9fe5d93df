aws_access_key = "AKIA2OGYBAH6STMMNXNN" # want "hardcoded-credentials"
aws_secret_key = "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" # want "hardcoded-credentials"
