package linter

import (
	"fmt"
	"hash/maphash"
	"math/rand/v2"
	"testing"
)

// TestDocSpacesIsOneMap checks rootRun's index of documents by file and
// address (docSpaces: a list per file while one space has documents there,
// then a map per file) against one map of every (address, file) pair, the
// way it was kept before: the same redo, the same answers to resolveDir
// (several) and gather (elsewhere), on random runs of few files and
// addresses (many repeats, spaces in order, some findings located in all).
func TestDocSpacesIsOneMap(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for run := range 300 {
		nFiles, nAddrs, nSpaces := 1+r.IntN(4), 1+r.IntN(6), 1+r.IntN(5)
		rr := &rootRun{seed: maphash.MakeSeed(), docs: docSpaces{files: map[string]*fileDocs{}}}
		type key struct{ addr, file string }
		ref := map[key]int32{}
		refResolved := map[key]bool{}
		refRedo := false
		name := func(i int) string { return fmt.Sprintf("d%d/f%d.tf", i%2, i) }
		addr := func(i int) string { return fmt.Sprintf("aws_iam_policy.p%d", i) }
		check := func(when string) {
			t.Helper()
			for f := range nFiles {
				for a := range nAddrs {
					k := key{addr(a), name(f)}
					fd := rr.docs.file(k.file)
					ak := rr.addrKey(k.addr)
					if got, want := fd.several(ak), ref[k] == -1; got != want {
						t.Fatalf("run %d %s: several(%v) = %v, want %v", run, when, k, got, want)
					}
					for space := int32(-2); space < int32(nSpaces); space++ {
						s, ok := ref[k]
						want := ok && s != space && (s != -1 || !refResolved[k])
						if got := fd.elsewhere(ak, space); got != want {
							t.Fatalf("run %d %s: elsewhere(%v, %d) = %v, want %v", run, when, k, space, got, want)
						}
					}
				}
			}
		}
		for space := range int32(nSpaces) {
			for range r.IntN(8) {
				k := key{addr(r.IntN(nAddrs)), name(r.IntN(nFiles))}
				rr.addDoc(k.file, rr.addrKey(k.addr), space)
				if s, ok := ref[k]; !ok {
					ref[k] = space
				} else if s != space {
					ref[k] = -1
					if refResolved[k] {
						refRedo = true
					}
				}
			}
			if r.IntN(3) == 0 {
				// resolveDir's marks
				for k, s := range ref {
					if s == -1 && r.IntN(2) == 0 {
						refResolved[k] = true
						fd := rr.docs.file(k.file)
						if fd.resolved == nil {
							fd.resolved = map[uint64]bool{}
						}
						fd.resolved[rr.addrKey(k.addr)] = true
					}
				}
			}
			if r.IntN(4) == 0 {
				check(fmt.Sprintf("after space %d", space))
			}
		}
		if (rr.redo != "") != refRedo {
			t.Fatalf("run %d: redo %q, want %v", run, rr.redo, refRedo)
		}
		check("at the end")
	}
}
