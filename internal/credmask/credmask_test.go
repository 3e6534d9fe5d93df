package credmask

import "testing"

func TestText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`"AKIAIOSFODNN7EXAMPLE" is not a rule ID`, `"AKIA****************" is not a rule ID`},
		{`severity = "akiaiosfodnn7exampl9": want`, `severity = "akia****************": want`},
		{`key ASIAIOSFODNN7EXAMPLE, and wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY.`, `key ASIA****************, and wJal************************************.`},
		{`aws_iam_policy.AKIAIOSFODNN7EXAMPL4x`, `aws_iam_policy.AKIAIOSFODNN7EXAMPL4x`},                 // 17 after the prefix: not a key
		{`asiapacificnortheast is a word`, `asiapacificnortheast is a word`},                             // lower case, no digit
		{`sha 0123456789abcdef0123456789abcdef01234567`, `sha 0123456789abcdef0123456789abcdef01234567`}, // no upper case
		{`short`, `short`},
		{`AKIAIOSFODNN7EXAMPL1 AKIAIOSFODNN7EXAMPL2`, `AKIA**************** AKIA****************`},
		{`wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEYx`, `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEYx`},   // 41: not a key
		{`arn:aws:s3:::b/AKIAIOSFODNN7EXAMPLE`, `arn:aws:s3:::b/AKIA****************`},               // after a '/'
		{`x+AKIAIOSFODNN7EXAMPLE/y`, `x+AKIA****************/y`},                                     // between '+' and '/'
		{`AKIAIOSFODNN7EXAMPLEX`, `AKIAIOSFODNN7EXAMPLEX`},                                           // 21: not a key
		{`x abc/AKIAIOSFODNN7EXAMPLE+wJalrXUtnFEMI/K`, `x abc/************************************`}, // a key ID in a 40-character run
	} {
		if got := Text(c.in); got != c.want {
			t.Errorf("Text(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestKeyIDs(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`action "s3:AKIAIOSFODNN7EXAMPLE" and akiaiosfodnn7exampl9`, `action "s3:AKIA****************" and akia****************`},
		{`arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role`, `arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role`},
		{`s3:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`, `s3:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`},
		{`resource "arn:aws:s3:::b/AKIAIOSFODNN7EXAMPLE/x"`, `resource "arn:aws:s3:::b/AKIA****************/x"`},
	} {
		if got := KeyIDs(c.in); got != c.want {
			t.Errorf("KeyIDs(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
