package eval

import (
	"crypto/sha512"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// TestTerraformFunctionsKnown: every function of Terraform's language is
// known (a call of an unknown one is a notice 'Call to unknown function',
// which is wrong for Terraform's own); file, fileexists, templatefile and
// templatestring are the scope's (functions()).
func TestTerraformFunctionsKnown(t *testing.T) {
	all := strings.Fields(`abs abspath alltrue anytrue base64decode base64encode base64gzip base64sha256
		base64sha512 basename bcrypt can ceil chomp chunklist cidrhost cidrnetmask cidrsubnet cidrsubnets
		coalesce coalescelist compact concat contains csvdecode dirname distinct element endswith
		ephemeralasnull file filebase64 filebase64sha256 filebase64sha512 fileexists filemd5 fileset
		filesha1 filesha256 filesha512 flatten floor format formatdate formatlist indent index
		issensitive join jsondecode jsonencode keys length log lookup lower matchkeys max md5 merge min
		nonsensitive one parseint pathexpand plantimestamp pow range regex regexall replace reverse
		rsadecrypt setintersection setproduct setsubtract setunion sensitive sha1 sha256 sha512 signum
		slice sort split startswith strcontains strrev substr sum templatefile templatestring
		textdecodebase64 textencodebase64 timeadd timecmp timestamp title tobool tolist tomap tonumber
		toset tostring transpose trim trimprefix trimspace trimsuffix try type upper urlencode uuid
		uuidv5 values yamldecode yamlencode zipmap`)
	base := Functions()
	scope := map[string]bool{"file": true, "fileexists": true, "templatefile": true, "templatestring": true}
	for _, name := range all {
		if _, ok := base[name]; !ok && !scope[name] {
			t.Errorf("function %s is not known", name)
		}
	}
	h := sha512.Sum512([]byte("hello"))
	want := base64.StdEncoding.EncodeToString(h[:])
	got, err := base["base64sha512"].Call([]cty.Value{cty.StringVal("hello")})
	if err != nil || !got.RawEquals(cty.StringVal(want)) {
		t.Errorf("base64sha512(hello) = %#v, %v; want %q", got, err, want)
	}
}

// dirname and basename are Terraform's (Go's filepath.Dir and
// filepath.Base, on Linux): dirname("/a") was "", basename("a/b/") "".
func TestDirnameBasename(t *testing.T) {
	base := Functions()
	for _, c := range []struct{ f, in, want string }{
		{"dirname", "/a", "/"}, {"dirname", "a", "."}, {"dirname", "/", "/"}, {"dirname", "a/b/", "a/b"},
		{"dirname", "//a", "/"}, {"dirname", "", "."}, {"dirname", "a/b/c.tf", "a/b"}, {"dirname", "a//b", "a"},
		{"basename", "a/b/", "b"}, {"basename", "/", "/"}, {"basename", "", "."}, {"basename", "a/b/c.tf", "c.tf"},
		{"basename", "c.tf", "c.tf"},
	} {
		got, err := base[c.f].Call([]cty.Value{cty.StringVal(c.in)})
		if err != nil || !got.RawEquals(cty.StringVal(c.want)) {
			t.Errorf("%s(%q) = %#v, %v; want %q", c.f, c.in, got, err, c.want)
		}
	}
}
