package extract

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/iamlint/iamlint/linter/iam"
)

// TestMergeBySidIndexed: mergeBySid and rDoc.merge look Sids up in a map
// past a few statements; they give what comparing each statement with all
// those before gives (the provider's order: a Sid replaces the first
// statement with it, the others are appended), on random lists of up to 60
// statements, some without a Sid, some Sids repeated.
func TestMergeBySidIndexed(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	sid := func() string {
		if r.Intn(4) == 0 {
			return ""
		}
		return fmt.Sprintf("S%d", r.Intn(30))
	}
	linear := func(into, add []string) []string {
		for _, a := range add {
			if a != "" {
				found := false
				for i := range into {
					if into[i] == a {
						found = true
						break
					}
				}
				if found {
					continue // (replaced by one with the same Sid)
				}
			}
			into = append(into, a)
		}
		return into
	}
	for iter := 0; iter < 2000; iter++ {
		var into, add []string
		for range r.Intn(30) {
			into = append(into, sid())
		}
		for range r.Intn(30) {
			add = append(add, sid())
		}
		// Statements numbered in order: which one is where tells
		// replacement from appending.
		var mi, ma []mstmt
		var di, da rDoc
		n := 0
		mk := func(s string) (*iam.Statement, *rStatement) {
			n++
			st := &iam.Statement{}
			if s != "" {
				st.SetSid(iam.Value{Text: s, Known: true})
			}
			return st, &rStatement{Sid: s, Effect: fmt.Sprint(n)}
		}
		num := map[*iam.Statement]int{}
		for _, s := range into {
			st, rs := mk(s)
			num[st] = n
			mi = append(mi, mstmt{st: st})
			di.Statements = append(di.Statements, rs)
		}
		for _, s := range add {
			st, rs := mk(s)
			num[st] = n
			ma = append(ma, mstmt{st: st})
			da.Statements = append(da.Statements, rs)
		}
		// The reference, by statement number.
		var want []int
		{
			type e struct {
				sid string
				n   int
			}
			var l []e
			for i, s := range into {
				l = append(l, e{s, i + 1})
			}
			for j, s := range add {
				k := len(into) + j + 1
				replaced := false
				if s != "" {
					for i := range l {
						if l[i].sid == s {
							l[i] = e{s, k}
							replaced = true
							break
						}
					}
				}
				if !replaced {
					l = append(l, e{s, k})
				}
			}
			for _, x := range l {
				want = append(want, x.n)
			}
			if len(l) != len(linear(append([]string(nil), into...), add)) {
				t.Fatal("reference lengths differ")
			}
		}
		got := mergeBySid(mi, ma)
		di.merge(&da)
		if len(got) != len(want) || len(di.Statements) != len(want) {
			t.Fatalf("iteration %d: %d and %d statements, want %d", iter, len(got), len(di.Statements), len(want))
		}
		for i := range want {
			if num[got[i].st] != want[i] || di.Statements[i].Effect != fmt.Sprint(want[i]) {
				t.Fatalf("iteration %d, statement %d: mergeBySid %d, merge %s, want %d", iter, i, num[got[i].st], di.Statements[i].Effect, want[i])
			}
		}
	}
}
