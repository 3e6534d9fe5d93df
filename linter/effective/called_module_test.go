package effective

import (
	"sort"
	"strings"
	"testing"
)

// TestComputeCalledModule checks that the principals of a module directory
// that is also linted on its own are listed once, as the called instance
// (not as aws_iam_user.u[*] nor as a nameless external group of its
// standalone view), and that an external role named by a variable is listed
// under a readable address.
func TestComputeCalledModule(t *testing.T) {
	ps := Compute(loadModel(t, "testdata/called-module"))
	var addrs []string
	for _, p := range ps {
		addrs = append(addrs, p.Kind+" "+p.Address)
	}
	sort.Strings(addrs)
	want := `group aws_iam_group.eng|role (name known after apply)|user module.people.aws_iam_user.u["carol"]`
	if got := strings.Join(addrs, "|"); got != want {
		t.Errorf("principals:\n%s\nwant:\n%s", got, want)
	}
	for _, p := range ps {
		if p.Kind == "role" && (!p.External || !p.AdminEquivalent) {
			t.Errorf("external role: %+v", p)
		}
	}
}
