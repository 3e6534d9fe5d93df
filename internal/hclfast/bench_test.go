package hclfast

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// BenchmarkParseCorpus parses every .tf of ../shared/corpus/real with
// hclfast (falling back to hclsyntax where it returns nil, as the loader
// does) and with hclsyntax alone.
func BenchmarkParseCorpus(b *testing.B) {
	dir := filepath.Join(sharedCorpus, "real")
	if _, err := os.Stat(dir); err != nil {
		b.Skip("no ../shared/corpus/real")
	}
	files := tfInputs(b, dir)
	var srcs [][]byte
	var names []string
	size := 0
	for name, src := range files {
		srcs = append(srcs, src)
		names = append(names, name)
		size += len(src)
	}
	b.Run("hclfast", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for i, src := range srcs {
				if ParseConfig(src, names[i]) == nil {
					hclsyntax.ParseConfig(src, names[i], hcl.InitialPos)
				}
			}
		}
	})
	b.Run("hclsyntax", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for i, src := range srcs {
				hclsyntax.ParseConfig(src, names[i], hcl.InitialPos)
			}
		}
	})
}
