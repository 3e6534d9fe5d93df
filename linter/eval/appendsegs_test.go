package eval

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestAppendSegments checks that AppendSegments appends the segments
// Segments returns, without keeping those it makes from the recipe (a
// heredoc's, with an interpolation), and appends the map's own once made.
func TestAppendSegments(t *testing.T) {
	dir := t.TempDir()
	src := `
locals {
  p = "pre"
}

resource "aws_iam_policy" "p" {
  policy = <<EOT
{
  "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::${local.p}/*"}]
}
EOT
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	defer func(old bool) { lazyText = old }(lazyText)
	lazyText = true
	l := &shapeLoader{t: t, sources: map[string][]byte{}, configs: map[string]*Config{}}
	mods, diags := l.evaluate(dir)
	if len(mods) == 0 || len(mods[0].Blocks) != 1 {
		t.Fatalf("no block: %v", diags)
	}
	tm := mods[0].Blocks[0].Body.Attr("policy").Text
	if tm == nil || tm.r.x == nil {
		t.Fatal("the heredoc's text map has no recipe")
	}
	prefix := Segment{Offset: -1}
	buf := make([]Segment, 1, 2) // grown by the append
	buf[0] = prefix
	got := tm.AppendSegments(buf)
	if tm.made.Load() != nil {
		t.Fatal("AppendSegments kept the segments it made")
	}
	want := tm.Segments()
	if len(want) < 3 {
		t.Fatalf("%d segments, want the literals around the interpolation and it", len(want))
	}
	if got[0].Offset != prefix.Offset || !reflect.DeepEqual(got[1:], want) {
		t.Fatalf("AppendSegments = %+v, want %+v after the prefix", got, want)
	}
	if again := tm.AppendSegments(nil); !reflect.DeepEqual(again, want) || &again[0] == &want[0] {
		t.Fatalf("AppendSegments once made = %+v, want a copy of %+v", again, want)
	}
}
