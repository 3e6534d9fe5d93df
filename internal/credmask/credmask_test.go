package credmask

import (
	"os"
	"strings"
	"testing"
)

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

// TestPath: a path that is, or holds, a credential's form is masked: the
// whole path, or a component (Text left out/<key>/x.txt, a run of more than
// 40); other paths are left as they are, long ones of words and numbers
// too, and a key with '/' followed by more components.
func TestPath(t *testing.T) {
	const key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	const masked = "wJal************************************"
	const plus = "wJalrXUtnFEMI+K7MDENG+bPxRfiCYEXAMPLEKEY"
	const plusMasked = "wJal************************************"
	for in, want := range map[string]string{
		key:                              masked,
		"open " + key + ": no such file": "open " + masked + ": no such file",
		key + "/b.json":                  key + "/b.json",
		"out/" + plus:                    "out/" + plusMasked,
		"/a/" + plus + "/x.txt":          "/a/" + plusMasked + "/x.txt",
		"AKIAIOSFODNN7EXAMPLE":           "AKIA****************",
		"AKIAIOSFODNN7EXAMPLE/x.txt":     "AKIA****************/x.txt",
		"out/AKIAIOSFODNN7EXAMPLE/x.txt": "out/AKIA****************/x.txt",
		"./main.tf":                      "./main.tf",
		"modules/network/main.tf":        "modules/network/main.tf",
		"x" + key + "/b.json":            "x" + key + "/b.json", // 41 characters: no key
		"/tmp/TestSymlinkLoops2863478537/001/loop/a.tf":        "/tmp/TestSymlinkLoops2863478537/001/loop/a.tf",
		"/home/Runner/work/Repo1/Infra2/modules/Network3/x.tf": "/home/Runner/work/Repo1/Infra2/modules/Network3/x.tf",
	} {
		if got := Path(in); got != want {
			t.Errorf("Path(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMissing: a name is masked only when nothing is at it.
func TestMissing(t *testing.T) {
	const key = "wJalrXUtnFEMI+K7MDENG+bPxRfiCYEXAMPLEKEY"
	dir := t.TempDir()
	gone := dir + "/" + key + "/AKIAIOSFODNN7EXAMPLE/b.json"
	n, m := Missing(gone, "open "+gone+": no such file")
	if strings.Contains(n, "EXAMPLE") || strings.Contains(m, "EXAMPLE") || !strings.HasSuffix(n, "/AKIA****************/b.json") {
		t.Errorf("Missing(%q) = %q, %q", gone, n, m)
	}
	there := dir + "/AKIAIOSFODNN7EXAMPLE"
	if err := os.WriteFile(there, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if n, m := Missing(there, "denied: "+there); n != there || m != "denied: "+there {
		t.Errorf("Missing(%q) = %q, %q: a file that exists keeps its name", there, n, m)
	}
	if n, m := Missing("nope.tfvars", "open nope.tfvars: no such file"); n != "nope.tfvars" || m != "open nope.tfvars: no such file" {
		t.Errorf("Missing(nope.tfvars) = %q, %q", n, m)
	}
}

// TestMissingKeyWithSlash: a secret access key holds '/' (almost one in
// two does); given where a path is wanted and followed by more of the path
// (--write-baseline $AWS_SECRET_ACCESS_KEY/out.json), or as a directory of
// it, beginning or ending with its '/', it is masked where nothing is.
// Before, Text saw a run of more than 40 and Path components of fewer, and
// the key was printed. A directory that exists keeps its name, though it
// has 40 characters between two '/'.
func TestMissingKeyWithSlash(t *testing.T) {
	const key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	const masked = "wJal************************************"
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.MkdirAll("out/TestSymlinkLoops2863478537/001", 0o755); err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		key + "/out.json":                            masked + "/out.json",
		"out/" + key + "/x.json":                     "out/" + masked + "/x.json",
		"out/" + key + ".json":                       "out/" + masked + ".json",
		"out/" + key:                                 "out/" + masked,
		dir + "/" + key + "/AKIAIOSFODNN7EXAMPLE/b":  dir + "/" + masked + "/AKIA****************/b",
		"/K7MDENG/bPxRfiCYEXAMPLEKEYwJalrXUtnFEMI/x": "/K7M************************************/x", // the key begins with '/'
		"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE//x": "wJal************************************/x", // or ends with one
		"./nope/" + key + "/x.json":                  "./nope/" + masked + "/x.json",
		// Other missing paths keep their names: 41 characters, a key
		// followed by '=' (base64, as Text), and a directory that exists.
		"x" + key + "/b.json":                                  "x" + key + "/b.json",
		key + "=/b.json":                                       key + "=/b.json",
		"out/TestSymlinkLoops2863478537/001/loop":              "out/TestSymlinkLoops2863478537/001/loop",
		"/home/Runner/work/Repo1/Infra2/modules/Network3/x.tf": "/home/Runner/work/Repo1/Infra2/modules/Network3/x.tf",
		"modules/network/main.tf":                              "modules/network/main.tf",
	} {
		msg := "open " + in + ": no such file or directory"
		n, m := Missing(in, msg)
		if n != want || m != "open "+want+": no such file or directory" {
			t.Errorf("Missing(%q) = %q, %q; want %q", in, n, m, want)
		}
	}
	// The message may quote a directory of the name, the key alone.
	in := "out/" + key + "/x/y.json"
	if n, m := Missing(in, "mkdir out/"+key+": denied"); n != "out/"+masked+"/x/y.json" || m != "mkdir out/"+masked+": denied" {
		t.Errorf("Missing(%q) = %q, %q", in, n, m)
	}
}
