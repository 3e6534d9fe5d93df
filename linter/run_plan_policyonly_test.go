package linter

import (
	"slices"
	"testing"
	"unsafe"

	"github.com/iamlint/iamlint/linter/extract"
)

// TestPolicyOnly: policyOnly leaves out every attribute but the policies
// of the types extract reads only for them, nothing of the others, and
// keeps no string of the input (a plan's type is a string of the plan's
// bytes: a key of its process-wide map kept a dropped 200 MB plan).
func TestPolicyOnly(t *testing.T) {
	for _, tc := range []struct {
		typ  string
		keep []string
	}{
		{"aws_s3_bucket", []string{"policy"}},
		{"aws_s3_bucket_policy", []string{"policy"}},
		{"aws_sqs_queue", []string{"policy"}},
		{"aws_opensearch_domain", []string{"access_policies"}},
		{"aws_s3control_multi_region_access_point_policy", []string{"details"}},
		{"aws_iam_role", nil},
		{"aws_iam_policy", nil},
		{"aws_ssoadmin_permission_set_inline_policy", nil},
		{"aws_organizations_policy", nil}, // its policy depends on its type
		{"aws_lambda_permission", nil},
		{"aws_instance", nil},
	} {
		b := []byte(tc.typ)
		typ := unsafe.String(&b[0], len(b))
		u := policyOnly(typ)
		if (u == nil) != (tc.keep == nil) || !slices.Equal(extract.PolicyAttrs(tc.typ), tc.keep) {
			t.Errorf("%s: unread %v, PolicyAttrs %v, want %v", tc.typ, u != nil, extract.PolicyAttrs(tc.typ), tc.keep)
			continue
		}
		if u != nil {
			for _, a := range []string{"policy", "bucket", "name", "tags", "access_policies", "details", "id"} {
				if u(a) == slices.Contains(tc.keep, a) {
					t.Errorf("%s: %s unread %v", tc.typ, a, u(a))
				}
			}
		}
		policyOnlyTypes.Range(func(k, _ any) bool {
			if s := k.(string); s == typ && unsafe.StringData(s) == &b[0] {
				t.Errorf("%s: the map keeps the input's string", tc.typ)
			}
			return true
		})
		if again := policyOnly(tc.typ); (again == nil) != (u == nil) {
			t.Errorf("%s: a second call differs", tc.typ)
		}
	}
}
