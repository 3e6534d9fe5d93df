package extract

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/internal/par"
	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/iam"
)

// SpacesDeferred is Spaces for a result whose bodies the caller drops once
// it has read them, before the spaces are merged (a big plan): the policy
// strings that resource attributes hold are parsed by Merge, after the drop,
// instead of during extraction. The model of a big plan (the statements of
// every policy, several times the plan's size) and its evaluated values are
// then never in memory together.
//
// Until Merge, the documents of those strings are in the spaces with their
// address, kind and attribute, but empty: nothing between reads them (the
// graph links documents by address, kind and attribute only). The result
// is the same as Spaces': same documents, same diagnostics in the same
// order.
func SpacesDeferred(res *eval.Result) []*Space { return spaces(res, true, nil) }

// SpacesDeferredThen is SpacesDeferred, calling documented (when not nil)
// in each space once its documents are extracted, before its graph is
// linked to them: what the extraction made so far and no longer needs is
// garbage then, and the caller may collect it (a big plan's extraction
// makes its graph on top of the plan's values: see linter's extractPlan).
func SpacesDeferredThen(res *eval.Result, documented func()) []*Space {
	return spaces(res, true, documented)
}

// deferredDoc returns, in a deferred extraction, the empty document of the
// policy string n for kind, to be filled by Space.complete: nil when n is
// not a policy string to parse (fromNode builds its document at once).
func (x *extractor) deferredDoc(n *eval.Node, kind iam.Kind) (*iam.Document, hcl.Diagnostics) {
	if !x.deferred || isNull(n) || n.JSONArg() != nil || n.Text != nil || !isKnown(n.Val) || n.Val.Type() != cty.String {
		return nil, nil
	}
	s := n.Val.AsString()
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	d := x.newDoc()
	*d = iam.Document{Kind: kind, Range: iam.MakeRange(n.Range)}
	// consume appends the diagnostics fromNode would return right after
	// this call: the parse's go there.
	p := pendingDoc{doc: d, src: s, diagAt: len(x.diags)}
	rng := d.Range.HCL()
	at := rng.Start.Byte // in the file
	src := x.srcs[rng.Filename]
	if src == nil && x.lit != nil && rng.Filename == x.litName {
		// A window of the plan that holds the literal (PlanStream.Lit).
		if b := x.lit(rng.Start.Byte, rng.End.Byte); b != nil {
			src = b
			rng.Start.Byte, rng.End.Byte = 0, len(b)
		}
	}
	// A text the plan decoded from this literal (PlanStream.LitText) is
	// not compared with it again.
	if (x.litText != nil && rng.Filename == x.litFile && literalShape(src, rng) && x.litText(s, at)) || literalHolds(src, rng, s) {
		// The text is decoded again from its literal in the plan when it
		// is parsed: the decoded strings of a big plan (a fifth of its
		// loaded values) are not kept from the drop of the bodies to the
		// parse.
		p.src, p.lit = "", true
	} else if x.ownTexts {
		p.src = strings.Clone(s)
	}
	x.pending = append(x.pending, p)
	return d, nil
}

// docChunkLen is the number of Documents of a chunk of newDoc.
const docChunkLen = 32

// newDoc returns a zero Document for a deferred policy or a copy of a
// jsonencode policy's (fromJSON): from a chunk of docChunkLen the
// extractor allocates at once (a big plan has hundreds of thousands of
// deferred policies; the Documents of one extractor live as long as one
// another).
func (x *extractor) newDoc() *iam.Document {
	if len(x.docChunk) == 0 {
		// The first chunk is a quarter of one: most spaces of an estate
		// hand out a few copies, not hundreds.
		n := docChunkLen
		if !x.docChunked {
			n, x.docChunked = docChunkLen/4, true
		}
		x.docChunk = make([]iam.Document, n)
	}
	d := &x.docChunk[0]
	x.docChunk = x.docChunk[1:]
	return d
}

// literalHolds reports whether the text at rng of src is a JSON string
// literal on one line whose content decodes (as decodeLiteral does) to s.
// It reads the literal the way newJSONStrMapperIn does, without recording
// its escapes.
func literalHolds(src []byte, rng hcl.Range, s string) bool {
	if !literalShape(src, rng) {
		return false
	}
	raw := src[rng.Start.Byte+1 : rng.End.Byte-1]
	k := 0
	var buf [utf8.UTFMax]byte
	for i := 0; i < len(raw); {
		// Eight bytes at a time up to the first backslash, quote or
		// control byte (a policy text has an escape every few bytes):
		// the lowest byte the masks flag is the first such byte (a
		// byte's test borrows only from a flagged byte below it).
		for i+8 <= len(raw) && k+8 <= len(s) {
			w := binary.LittleEndian.Uint64(raw[i:])
			x := w ^ le64(s, k)
			special := (w-lowBits*0x20)&^w&highBits | zeroByte(w^backslashes) | zeroByte(w^quotes)
			if special == 0 {
				if x != 0 {
					return false
				}
				i += 8
				k += 8
				continue
			}
			n := bits.TrailingZeros64(special) >> 3
			if x&(1<<(8*n)-1) != 0 {
				return false
			}
			i += n
			k += n
			break
		}
		if i >= len(raw) {
			break
		}
		c := raw[i]
		if c != '\\' {
			if c == '"' || c < 0x20 || k >= len(s) || s[k] != c {
				return false
			}
			i++
			k++
			continue
		}
		if i+1 < len(raw) && (raw[i+1] == '"' || raw[i+1] == '\\') {
			// \" and \\, the escapes of a policy text.
			if k >= len(s) || s[k] != raw[i+1] {
				return false
			}
			i += 2
			k++
			continue
		}
		dec, n := literalEscape(raw[i:], &buf)
		if n == 0 || k+len(dec) > len(s) || s[k:k+len(dec)] != string(dec) {
			return false
		}
		k += len(dec)
		i += n
	}
	return k == len(s)
}

// literalShape reports whether the text at rng of src may be a JSON string
// literal on one line (literalHolds reads it then).
func literalShape(src []byte, rng hcl.Range) bool {
	a, b := rng.Start.Byte, rng.End.Byte
	return src != nil && a >= 0 && b <= len(src) && b-a >= 2 && src[a] == '"' && src[b-1] == '"' && rng.Start.Line == rng.End.Line
}

// quotes is the word of eight '"' (literalHolds).
const quotes = 0x2222222222222222

// zeroByte is not 0 when a byte of w is 0.
func zeroByte(w uint64) uint64 { return (w - lowBits) &^ w & highBits }

// literalEscape decodes the escape at the start of raw (a backslash) into
// buf: its bytes and its length in raw (0 when it is not one).
func literalEscape(raw []byte, buf *[utf8.UTFMax]byte) ([]byte, int) {
	if len(raw) < 2 {
		return nil, 0
	}
	switch c := raw[1]; c {
	case '"', '\\', '/':
		buf[0] = c
	case 'b':
		buf[0] = '\b'
	case 'f':
		buf[0] = '\f'
	case 'n':
		buf[0] = '\n'
	case 'r':
		buf[0] = '\r'
	case 't':
		buf[0] = '\t'
	case 'u':
		r, size := eval.JSONUnicode(raw)
		if size == 0 {
			return nil, 0
		}
		return utf8.AppendRune(buf[:0], r), size
	default:
		return nil, 0
	}
	return buf[:1], 2
}

// appendLiteral appends to out the decoded content of the JSON string
// literal at rng of src, which literalHolds accepted.
func appendLiteral(out []byte, src []byte, rng hcl.Range) []byte {
	return appendRaw(out, src[rng.Start.Byte+1:rng.End.Byte-1])
}

// appendRaw appends to out the decoded content raw of a JSON string
// literal (without its quotes) that literalHolds accepted.
func appendRaw(out []byte, raw []byte) []byte {
	out = slices.Grow(out, len(raw))
	var buf [utf8.UTFMax]byte
	for i := 0; i < len(raw); {
		j := bytes.IndexByte(raw[i:], '\\')
		if j < 0 {
			out = append(out, raw[i:]...)
			break
		}
		out = append(out, raw[i:i+j]...)
		i += j
		dec, n := literalEscape(raw[i:], &buf)
		out = append(out, dec...)
		i += n
	}
	return out
}

// decodeLiteral is the text of the JSON string literal at rng of src,
// which literalHolds accepted.
func decodeLiteral(src []byte, rng hcl.Range) string {
	return string(appendLiteral(nil, src, rng))
}

// litBufs holds the buffers parseLiteral decodes texts in.
var litBufs = sync.Pool{New: func() any { return new([]byte) }}

// maxPooledLiteral is the largest buffer kept in litBufs.
const maxPooledLiteral = 1 << 20

// parseLiteral is parseString for the text of the JSON string literal at
// rng of srcs (which literalHolds accepted), with its mapper. The text is
// decoded in *buf (reused from one policy to the next): a plain policy
// (iam.FromJSONString's fast path, whose Document keeps nothing of the
// text nor of the mapper, see iam.ownTexts) then costs no string and no
// mapper of its own; any other text is copied out of the buffer and parsed
// the general way.
//
// A plain policy is built straight into doc, the deferred document
// (fastInto), and doc is returned; any other text returns a new Document.
func parseLiteral(srcs map[string][]byte, rng hcl.Range, doc *iam.Document, buf *[]byte) (*iam.Document, hcl.Diagnostics) {
	return parseLit(srcs[rng.Filename][rng.Start.Byte:rng.End.Byte], rng, doc, buf)
}

// parseLit is parseLiteral given lit, the bytes of the source at rng (the
// literal with its quotes).
func parseLit(lit []byte, rng hcl.Range, doc *iam.Document, buf *[]byte) (*iam.Document, hcl.Diagnostics) {
	if fastLit(doc, lit, rng) {
		return doc, nil
	}
	*buf = appendRaw((*buf)[:0], lit[1:len(lit)-1])
	// Valid while *buf is not written to: only the fast path reads it.
	text := unsafe.String(unsafe.SliceData(*buf), len(*buf))
	bp := atBufs.Get().(*[]int32)
	jm := newLitMapperIn(lit, rng, text, (*bp)[:0])
	if jm != nil {
		fast := fastInto(doc, text, jm, rng)
		if jm.at != nil {
			*bp = jm.at[:0]
		}
		atBufs.Put(bp)
		if fast {
			return doc, nil
		}
	} else {
		atBufs.Put(bp)
	}
	s := string(*buf)
	m := litMapper(lit, rng, s)
	if fastInto(doc, s, m, rng) {
		return doc, nil
	}
	return parseTree(s, m, rng, doc.Kind)
}

// fastLiteral is fastInto for the text of the JSON string literal at rng
// of src (which literalHolds accepted) parsed as it is written
// (iam.FromJSONLiteralInto): the same document, built without decoding the
// text nor mapping its offsets through the escapes; false (doc unchanged)
// when the literal holds more than the escapes of a plain policy.
func fastLiteral(doc *iam.Document, src []byte, rng hcl.Range) bool {
	return fastLit(doc, src[rng.Start.Byte:rng.End.Byte], rng)
}

// fastLit is fastLiteral given lit, the bytes of the source at rng.
func fastLit(doc *iam.Document, lit []byte, rng hcl.Range) bool {
	raw := lit[1 : len(lit)-1]
	// Only read while the document is built; it keeps nothing of raw.
	text := unsafe.String(unsafe.SliceData(raw), len(raw))
	m := iam.LiteralMapper{File: rng.Filename, Len: len(raw),
		Start: hcl.Pos{Line: rng.Start.Line, Column: rng.Start.Column + 1, Byte: rng.Start.Byte + 1}}
	return buildInPlace(doc, rng, func(d *iam.Document) bool { return iam.FromJSONLiteralInto(d, text, m) })
}

// fastInto builds the plain policy text (iam.FromJSONStringInto) in the
// deferred document doc at rng, keeping what the extraction set on doc, as
// complete does with a new Document; false (doc unchanged) for any other
// text, or a panic of the parse (complete's recover reads doc). Building in
// place saves a Document a policy (208 bytes; a big plan has hundreds of
// thousands of policies).
func fastInto(doc *iam.Document, text string, m iam.PosMapper, rng hcl.Range) bool {
	return buildInPlace(doc, rng, func(d *iam.Document) bool { return iam.FromJSONStringInto(d, text, m) })
}

// buildInPlace builds the deferred document doc at rng with build (into a
// cleared Document of doc's kind), keeping what the extraction set on doc;
// false (doc unchanged) when build does, or panics (complete's recover
// reads doc).
func buildInPlace(doc *iam.Document, rng hcl.Range, build func(*iam.Document) bool) (ok bool) {
	had := *doc
	defer func() {
		if !ok {
			*doc = had
		}
	}()
	*doc = iam.Document{Kind: had.Kind}
	if !build(doc) {
		return false
	}
	doc.Range = iam.MakeRange(rng)
	doc.Address, doc.ResourceType, doc.Attribute, doc.Related = had.Address, had.ResourceType, had.Attribute, had.Related
	doc.PolicyName, doc.PolicyPath = had.PolicyName, had.PolicyPath
	return true
}

// complete parses the policy strings of a deferred extraction (on every
// CPU) into the documents handed out for them, keeping what the extraction
// set on them (address, resource type, attribute, module chain, policy name
// and path), and puts their diagnostics where fromNode's would have been.
func (sp *Space) complete() {
	pending, raws := sp.pending, sp.raws
	if len(pending) == 0 {
		return
	}
	sp.pending, sp.raws = nil, nil
	diags := make([]hcl.Diagnostics, len(pending))
	par.For(len(pending), 1, func(i int) {
		p := &pending[i]
		hr := p.doc.Range
		rng := hr.HCL()
		defer func() {
			if r := recover(); r != nil {
				*p.doc = iam.Document{Kind: p.doc.Kind, Address: p.doc.Address, ResourceType: p.doc.ResourceType,
					Attribute: p.doc.Attribute, Range: hr, Related: p.doc.Related, Unknown: true}
				diags[i] = hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Internal error extracting policies",
					Detail: fmt.Sprintf("iamlint could not read the policy of %s (%v); please report this.%s", p.doc.Address, r, eval.PanicStack()), Subject: rng.Ptr()}}
			}
		}()
		var d *iam.Document
		var ds hcl.Diagnostics
		var raw []byte
		if raws != nil {
			raw = raws[i]
			raws[i] = nil // its block is garbage once all its texts are parsed
		}
		if p.lit {
			bp := litBufs.Get().(*[]byte)
			if raw != nil {
				d, ds = parseLit(raw, rng, p.doc, bp)
			} else {
				d, ds = parseLiteral(sp.srcs, rng, p.doc, bp)
			}
			if cap(*bp) <= maxPooledLiteral {
				litBufs.Put(bp)
			}
		} else {
			m := stringMapper(sp.srcs, rng, p.src)
			if raw != nil {
				m = litMapper(raw, rng, p.src)
			}
			if fastInto(p.doc, p.src, m, rng) {
				d = p.doc
			} else {
				d, ds = parseTree(p.src, m, rng, p.doc.Kind)
			}
		}
		if d == p.doc {
			// Built in place (fastInto).
			diags[i] = ds
			return
		}
		had := p.doc
		d.Kind, d.Address, d.ResourceType, d.Attribute, d.Related = had.Kind, had.Address, had.ResourceType, had.Attribute, had.Related
		d.PolicyName, d.PolicyPath = had.PolicyName, had.PolicyPath
		*p.doc = *d
		diags[i] = ds
	})
	n := 0
	for _, ds := range diags {
		n += len(ds)
	}
	if n == 0 {
		return
	}
	out := make(hcl.Diagnostics, 0, len(sp.Diags)+n)
	j := 0
	for i, p := range pending {
		for ; j < p.diagAt && j < len(sp.Diags); j++ {
			out = append(out, sp.Diags[j])
		}
		out = append(out, diags[i]...)
	}
	sp.Diags = append(out, sp.Diags[j:]...)
}

// completeAll completes the spaces of deferred extractions (Merge does
// first).
func completeAll(spaces []*Space) {
	for _, sp := range spaces {
		if sp != nil {
			sp.complete()
		}
	}
}

// Detach makes the space read nothing more of src, the bytes of its source
// file name, so that the caller may drop them before Merge parses the
// pending policy texts (linter's early drop of a streamed plan's bytes:
// the plan's bytes and its model are then never in memory together). The
// bytes at the range of each pending text in name are copied, in order,
// into blocks of litBlock bytes (a block is garbage once the texts it
// holds are parsed: complete), and str is called on each text the space
// holds outside its documents and graph (View) that may be a substring of
// src: the pending texts, the fields of their documents, the shapes, the
// called directories, the credentials found. The caller removes src from
// the sources the space was made with (Merge reads the copies).
func (sp *Space) Detach(name string, src []byte, str func(*string)) {
	_ = sp.DetachRead(name, func(a, b int) ([]byte, error) {
		if a < 0 || b > len(src) || b < a {
			return nil, nil
		}
		return src[a:b], nil
	}, str)
}

// DetachRead is Detach for a source whose bytes read gives, from a to b
// (nil for a range it does not have), the bytes of name having been
// dropped already (linter's plans read through windows). The first error
// of read is returned, the texts not copied.
func (sp *Space) DetachRead(name string, read func(a, b int) ([]byte, error), str func(*string)) error {
	var block []byte
	if sp.raws == nil && len(sp.pending) > 0 {
		sp.raws = make([][]byte, len(sp.pending))
	}
	for i := range sp.pending {
		p := &sp.pending[i]
		str(&p.src)
		if d := p.doc; d != nil {
			str(&d.Address)
			str(&d.ResourceType)
			str(&d.Attribute)
			str(&d.PolicyName)
			str(&d.PolicyPath)
			for j := range d.Related {
				str(&d.Related[j].Message)
			}
		}
		rng := p.doc.Range.HCL()
		a, b := rng.Start.Byte, rng.End.Byte
		if rng.Filename != name || a < 0 || b < a {
			continue
		}
		lit, err := read(a, b)
		if err != nil {
			return err
		}
		if lit == nil {
			continue
		}
		if b-a > litBlock/4 {
			sp.raws[i] = append(make([]byte, 0, b-a), lit...)
			continue
		}
		if len(block)+b-a > cap(block) {
			block = make([]byte, 0, litBlock)
		}
		at := len(block)
		block = append(block, lit...)
		sp.raws[i] = block[at:len(block):len(block)]
	}
	for i := range sp.called {
		str(&sp.called[i])
	}
	str(&sp.rootDir)
	for _, s := range sp.secrets {
		if s.Secret != nil {
			str(&s.Kind)
			str(&s.Prefix)
			str(&s.Address)
			str(&s.Attribute)
		}
	}
	return nil
}

// Fail empties the space but for diags (its source could not be read
// again: linter's plans read through windows).
func (sp *Space) Fail(diags hcl.Diagnostics) { *sp = Space{Diags: diags} }

// litBlock is the size of the blocks Detach copies texts into.
const litBlock = 1 << 20

// View is the space's documents and identity graph as a model (shared with
// the space; read before Merge, as Detach's caller does to copy their
// texts).
func (sp *Space) View() *iam.Model { return &iam.Model{Documents: sp.Documents, Graph: sp.graph} }
