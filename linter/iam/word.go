package iam

import "strings"

// Word is a Value held in 20 bytes instead of 40, for the elements that
// nearly every statement or document has and whose texts are a few words
// repeated everywhere: Effect ("Allow", "Deny") and Version
// ("2012-10-17"). Its text is interned in a process-wide table (each text
// once, for the life of the process), as is the partial text of an unknown
// value (Value.Partial). It holds no pointers. Statement.Effect and
// Document.Version return it as a Value.
type Word struct {
	Range Range
	// w is, with knownWord set, the id of the text in wordTexts; else the
	// id of the partial text in partialTexts (0: none).
	w uint32
}

// knownWord marks the Word of a known value.
const knownWord = 1 << 31

// wordTexts holds the texts of known Words.
var wordTexts = newInternTable()

// The ids of the texts IsAllow and IsDeny look for.
var (
	allowWord = knownWord | wordTexts.id("Allow")
	denyWord  = knownWord | wordTexts.id("Deny")
)

// WordOf returns v as a Word. It is safe for concurrent use.
func WordOf(v Value) Word {
	if !v.Known {
		return Word{Range: v.Range, w: v.partial}
	}
	id, ok := wordTexts.lookup(v.Text)
	if !ok {
		// A copy: the text may be part of a bigger string (a policy)
		// that the table must not keep alive.
		id = wordTexts.id(strings.Clone(v.Text))
	}
	return Word{Range: v.Range, w: knownWord | id}
}

// Value returns w as a Value.
func (w Word) Value() Value {
	if w.w&knownWord != 0 {
		return Value{Text: wordTexts.name(w.w &^ knownWord), Range: w.Range, Known: true}
	}
	return Value{Range: w.Range, partial: w.w}
}

// Effect returns the Effect element: "Allow" or "Deny" (the default in
// aws_iam_policy_document is Allow); may be unknown. See Word.
func (s *Statement) Effect() Value { return s.effect.Value() }

// SetEffect sets the Effect element to v.
func (s *Statement) SetEffect(v Value) { s.effect = WordOf(v) }

// Version returns the Version element. See Word.
func (d *Document) Version() Value { return d.version.Value() }

// SetVersion sets the Version element to v.
func (d *Document) SetVersion(v Value) { d.version = WordOf(v) }
