package linter

import (
	"reflect"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/eval"
)

// TestSummarizeBlocksCollisions checks that summarizeBlocks gives the same
// summary when every hash collides (the sites are then told apart by their
// keys): instances of one block share a site, blocks that differ in mode,
// type, name, file or range do not.
func TestSummarizeBlocksCollisions(t *testing.T) {
	at := func(file string, line, b0, b1 int) hcl.Range {
		return hcl.Range{Filename: file, Start: hcl.Pos{Line: line, Column: 1, Byte: b0}, End: hcl.Pos{Line: line, Column: 1 + b1 - b0, Byte: b1}}
	}
	r := at("a.tf", 1, 0, 10)
	blocks := []*eval.Block{
		{Mode: "resource", Type: "aws_iam_role", Name: "r", Address: `aws_iam_role.r["a"]`, Range: r},
		{Mode: "resource", Type: "aws_iam_role", Name: "r", Address: `aws_iam_role.r["b"]`, Range: r},
		{Mode: "data", Type: "aws_iam_role", Name: "r", Address: "data.aws_iam_role.r", Range: r},
		{Mode: "resource", Type: "aws_iam_user", Name: "r", Address: "aws_iam_user.r", Range: r},
		{Mode: "resource", Type: "aws_iam_role", Name: "s", Address: "aws_iam_role.s", Range: r},
		{Mode: "resource", Type: "aws_iam_role", Name: "r", Address: "aws_iam_role.r", Range: at("b.tf", 1, 0, 10)},
		{Mode: "resource", Type: "aws_iam_role", Name: "r", Address: "aws_iam_role.r", Range: at("a.tf", 2, 11, 20)},
		{Mode: "provider", Type: "aws", Address: "provider.aws", Range: at("a.tf", 3, 21, 30)},
		{Mode: "resource", Type: "aws_iam_role", Name: "r", Address: `aws_iam_role.r["c"]`, Range: r},
	}
	mods := []*eval.Module{{Blocks: blocks[:4]}, nil, {Path: "module.m", Blocks: append([]*eval.Block{nil}, blocks[4:]...)}}
	want := summarizeBlocks(mods)
	if len(want.sites) != 7 || len(want.insts) != len(blocks) || want.insts[1].site != 0 || want.insts[8].site != 0 {
		t.Fatalf("summary = %+v, want 7 sites, the instances of aws_iam_role.r on the first", want)
	}
	defer func(m uint64) { hashMask = m }(hashMask)
	hashMask = 0
	if got := summarizeBlocks(mods); !reflect.DeepEqual(dumpSummary(got), dumpSummary(want)) {
		t.Errorf("with every hash colliding:\n got %+v\nwant %+v", dumpSummary(got), dumpSummary(want))
	}
	if d := dumpSummary(want); d.sites[0].addr != `aws_iam_role.r["a"]` || d.insts[8].addr != `aws_iam_role.r["c"]` || d.sites[6].typ != "aws" || d.sites[5].file != "a.tf" {
		t.Errorf("summary = %+v", d)
	}
}

// dumpSummary is s with its texts.
func dumpSummary(s *blockSummary) (d struct {
	sites []struct {
		file, typ, name, addr string
		pos                   [6]int32
		mode                  blockMode
	}
	insts []struct {
		addr string
		site int32
	}
}) {
	for _, b := range s.sites {
		d.sites = append(d.sites, struct {
			file, typ, name, addr string
			pos                   [6]int32
			mode                  blockMode
		}{s.text(b.file), s.text(b.typ), s.text(b.name), s.text(b.addr), b.pos, b.mode})
	}
	for _, in := range s.insts {
		d.insts = append(d.insts, struct {
			addr string
			site int32
		}{s.text(in.addr), in.site})
	}
	return d
}
