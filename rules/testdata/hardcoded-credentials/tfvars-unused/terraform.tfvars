region         = "eu-central-1"
old_access_key = "AKIA2OGYBAH6STMMNXNN" # want "hardcoded-credentials"
old_secret_key = "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" # want "hardcoded-credentials"
