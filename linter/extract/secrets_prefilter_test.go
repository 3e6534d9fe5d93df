package extract

import (
	"testing"
)

// hasSecretKeyName is a safe prefilter: when it says no, neither secret
// regexp finds anything.
func TestHasSecretKeyName(t *testing.T) {
	for src, want := range map[string]bool{
		`secret_key = "x"`:                          true,
		`AWS_SECRET_ACCESS_KEY=abc`:                 true,
		`SecretKey: 1`:                              true,
		`variable "secretaccesskey" {}`:             true,
		`"Action": "secretsmanager:GetSecretValue"`: false,
		`secret_name = "db"`:                        false,
		"ſecret_key = 1":                            true,
		"secret_\u212aey = 1":                       true,
		`secre`:                                     false,
		`secret_`:                                   false,
		`aws_secret = "x"`:                          true,
		`export AWS_SECRET=x`:                       true,
		`AwsSecret: x`:                              true,
		`aws_secrets_bucket = "x"`:                  true,
		`client_secret = "x"`:                       false,
	} {
		if got := hasSecretKeyName([]byte(src)); got != want {
			t.Errorf("hasSecretKeyName(%q) = %v, want %v", src, got, want)
		}
	}
}

func FuzzHasSecretKeyName(f *testing.F) {
	for _, s := range []string{
		`aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY1"`,
		"variable \"aws_secret_key\" {\n  default = \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY1\"\n}",
		`secretsmanager:GetSecretValue`,
		"ſecret_key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY1",
		`AWS_SECRET="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY1"`,
		"variable \"deploy_aws_secret\" {\n  default = \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY1\"\n}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if hasSecretKeyName([]byte(s)) {
			return
		}
		if m := secretAssignRE.FindStringIndex(s); m != nil {
			t.Fatalf("secretAssignRE matches %q in %q, prefilter said no", s[m[0]:m[1]], s)
		}
		for _, m := range secretVarRE.FindAllStringSubmatch(s, -1) {
			if secretNameRE.MatchString(m[1]) {
				t.Fatalf("secretVarRE finds variable %q in %q, prefilter said no", m[1], s)
			}
		}
	})
}
