package eval

import (
	"sync"
	"testing"
)

// TestMemosCarriedOver evaluates one configuration several times with the
// same Options, as the roots of a run are: the keepMemo and literalMemo an
// evaluation leaves are taken by the next (Options.keepMemos,
// literalMemos). Every evaluation leaves the text of the same jsonencode
// calls unwritten (what KeepText said of a string, remembered from the
// evaluation before, holds), and the plain strings shared by the instances
// of a block are each evaluation's own nodes, never the one before's.
func TestMemosCarriedOver(t *testing.T) {
	src := `resource "aws_iam_policy" "kept" {
  count  = 2
  name   = "kept"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:KEEP", Resource = "*" }] })
}
resource "aws_iam_policy" "lazy" {
  count  = 2
  name   = "lazy"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}
`
	cfg, _ := mainTFConfig(t, src)
	opts := &Options{KeepText: testKeepText, Sources: map[string][]byte{"main.tf": []byte(src)}}
	seen := map[*Node]int{} // the name nodes of each evaluation
	for i := range 4 {
		mods, diags := Evaluate(cfg, nil, opts)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		blocks := map[string]*Block{}
		for _, b := range mods[0].Blocks {
			blocks[b.Address] = b
		}
		for _, addr := range []string{"aws_iam_policy.kept[0]", "aws_iam_policy.kept[1]", "aws_iam_policy.lazy[0]", "aws_iam_policy.lazy[1]"} {
			b := blocks[addr]
			if b == nil || b.Body == nil {
				t.Fatalf("evaluation %d: no body for %s", i, addr)
			}
			p := b.Body.Attr("policy")
			if want := addr[len("aws_iam_policy."):][0] == 'l'; p.LazyJSON() != want {
				t.Errorf("evaluation %d: %s: text left unwritten %v, want %v", i, addr, p.LazyJSON(), want)
			}
			if got := p.Value().AsString(); got != jsonTextOf(addr) {
				t.Errorf("evaluation %d: %s: text %s", i, addr, got)
			}
		}
		for _, name := range []string{"kept", "lazy"} {
			n0 := blocks["aws_iam_policy."+name+"[0]"].Body.Attr("name")
			n1 := blocks["aws_iam_policy."+name+"[1]"].Body.Attr("name")
			if n0 != n1 {
				t.Errorf("evaluation %d: %s: the instances do not share the node of their name", i, name)
			}
			if j, ok := seen[n0]; ok {
				t.Errorf("evaluation %d: %s: the node of the name is evaluation %d's", i, name, j)
			}
			seen[n0] = i
			if n0.Val.AsString() != name || n0.Text == nil || n0.Range.Start.Line == 0 {
				t.Errorf("evaluation %d: %s: name node %#v", i, name, n0)
			}
		}
	}
}

// jsonTextOf is the policy text of the block at addr in
// TestMemosCarriedOver.
func jsonTextOf(addr string) string {
	action := "s3:GetObject"
	if addr[len("aws_iam_policy."):][0] == 'k' {
		action = "s3:KEEP"
	}
	return `{"Statement":[{"Action":"` + action + `","Effect":"Allow","Resource":"*"}],"Version":"2012-10-17"}`
}

// TestMemosCarriedOverConcurrently evaluates one configuration from
// several goroutines at once with the same Options, as parallel roots
// are: each evaluation takes its own memos from the pools and gives them
// back (go test -race), and every one leaves the same texts unwritten.
func TestMemosCarriedOverConcurrently(t *testing.T) {
	src := `resource "aws_iam_policy" "p" {
  count  = 3
  name   = "p"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["s3:KEEP", "s3:Get"], Resource = "*" }] })
}
resource "aws_iam_policy" "q" {
  count  = 3
  name   = "q"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["s3:Get", "s3:Put"], Resource = "*" }] })
}
`
	cfg, _ := mainTFConfig(t, src)
	opts := &Options{KeepText: testKeepText, Sources: map[string][]byte{"main.tf": []byte(src)}, Mu: new(sync.Mutex)}
	// Sources and the defaults set before the goroutines read them.
	if _, diags := Evaluate(cfg, nil, opts); diags.HasErrors() {
		t.Fatal(diags)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 20 {
				mods, diags := Evaluate(cfg, nil, opts)
				if diags.HasErrors() {
					t.Error(diags)
					return
				}
				for _, b := range mods[0].Blocks {
					if lazy, want := b.Body.Attr("policy").LazyJSON(), b.Name == "q"; lazy != want {
						t.Errorf("%s: text left unwritten %v, want %v", b.Address, lazy, want)
					}
				}
			}
		})
	}
	wg.Wait()
}
