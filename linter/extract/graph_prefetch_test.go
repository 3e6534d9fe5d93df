package extract

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter/iam"
	"github.com/iamlint/iamlint/linter/load"
)

// TestLinkPrefetchSameGraph: the graph linked with the documents and
// entities of every block looked up first (prefetch, made for spaces of
// prefetchMin blocks or more) is the graph linked with the lookups made
// in line, on the extraction testdata (not testdata/fuzz, the fuzz
// targets' seed corpus) and ../shared/corpus/real (every space
// prefetched).
func TestLinkPrefetchSameGraph(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("testdata", "*"))
	dirs = slices.DeleteFunc(dirs, func(d string) bool { return filepath.Base(d) == "fuzz" })
	if real := filepath.Join("..", "..", "..", "shared", "corpus", "real"); dirExists(real) {
		dirs = append(dirs, real)
	}
	defer func(n int) { prefetchMin = n }(prefetchMin)
	for _, dir := range dirs {
		var dumps [2]string
		for k, n := range []int{math.MaxInt, 0} {
			prefetchMin = n
			res := load.Load(load.Options{Paths: []string{dir}, Renderers: Renderers(), MissingFileWarning: true})
			m, _ := Extract(res)
			dumps[k] = graphDump(m)
		}
		if dumps[0] != dumps[1] {
			t.Errorf("%s: graphs differ\nin line:\n%.3000s\nprefetched:\n%.3000s", dir, dumps[0], dumps[1])
		}
		if !strings.Contains(dumps[0], "role ") && !strings.Contains(dumps[0], "user ") {
			t.Errorf("%s: no entity in the graph", dir)
		}
	}
}

// graphDump writes the links of m's graph, documents named by their
// address, kind, attribute and place.
func graphDump(m *iam.Model) string {
	doc := func(d *iam.Document) string {
		if d == nil {
			return "-"
		}
		return fmt.Sprintf("%s/%s/%s@%v", d.Address, d.Kind, d.Attribute, d.Range)
	}
	docs := func(ds []*iam.Document) string {
		var out []string
		for _, d := range ds {
			out = append(out, doc(d))
		}
		return "[" + strings.Join(out, " ") + "]"
	}
	ent := func(e *iam.Entity) string {
		if e == nil {
			return "-"
		}
		return fmt.Sprintf("%s %s %q ext=%v", e.Kind, e.Address, e.Name.Text, e.External)
	}
	att := func(a *iam.Attachment) string {
		return fmt.Sprintf("att %s to %s arn=%q name=%q policy=%s %s", a.Address, ent(a.Principal), a.PolicyARN.Text, a.PolicyName.Text, doc(a.Policy), docs(a.Policies))
	}
	var b strings.Builder
	g := m.Graph
	for _, es := range [][]*iam.Entity{g.Users, g.Groups, g.Roles, g.PermissionSets} {
		for _, e := range es {
			fmt.Fprintf(&b, "%s trust=%s %s inline=%s boundary=%v %s\n", ent(e), doc(e.Trust), docs(e.Trusts), docs(e.Inline), e.Boundary, docs(e.BoundaryPolicies))
			for _, a := range e.Attachments {
				fmt.Fprintf(&b, "  %s\n", att(a))
			}
		}
	}
	for _, a := range g.Attachments {
		fmt.Fprintln(&b, att(a))
	}
	for _, ip := range g.Inline {
		fmt.Fprintf(&b, "inline %s %s to %s %s\n", ip.Address, ip.ResourceType, ent(ip.Principal), docs(ip.Documents))
	}
	for _, ms := range g.Memberships {
		fmt.Fprintf(&b, "member %s %s in %s\n", ms.Address, ent(ms.User), ent(ms.Group))
	}
	var cons []string
	for d, us := range g.Consumers {
		cons = append(cons, doc(d)+" <- "+strings.Join(us, ","))
	}
	sort.Strings(cons)
	fmt.Fprintln(&b, strings.Join(cons, "\n"))
	return b.String()
}
