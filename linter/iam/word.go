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

// The ids of the texts IsAllow and IsDeny look for, and of the Version
// nearly every policy has.
var (
	allowWord   = knownWord | wordTexts.id("Allow")
	denyWord    = knownWord | wordTexts.id("Deny")
	versionWord = knownWord | wordTexts.id("2012-10-17")
)

// lookupWord is wordTexts.lookup, without the table for the texts nearly
// every statement or policy has.
func lookupWord(s string) (uint32, bool) {
	switch s {
	case "Allow":
		return allowWord &^ knownWord, true
	case "Deny":
		return denyWord &^ knownWord, true
	case "2012-10-17":
		return versionWord &^ knownWord, true
	}
	return wordTexts.lookup(s)
}

// WordOf returns v as a Word. It is safe for concurrent use.
func WordOf(v Value) Word {
	if !v.Known {
		return Word{Range: v.Range, w: v.partial}
	}
	id, ok := lookupWord(v.Text)
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

// Sids are held as Words when they are short and the table has room:
// statements of big inputs repeat a few Sids ("S0", "AllowRead", ...), but
// nothing bounds the texts a configuration may hold, so the table takes at
// most sidWordsMax of them (the table's own texts, Effect and Version
// texts, count), each of at most sidWordMax bytes; any other Sid is kept
// whole in Statement.Extra.
const (
	sidWordMax  = 128
	sidWordsMax = 1 << 16
)

// sidInExtra is the w of the Word of a Sid held in Statement.Extra: an id
// the table never reaches (it panics at overflowBit).
const sidInExtra = knownWord | (overflowBit - 1)

// Sid returns the Sid element; the zero (unknown) value when absent. See
// SetSid.
func (s *Statement) Sid() Value {
	if s.sid.w == sidInExtra {
		return s.Extra.sid
	}
	return s.sid.Value()
}

// SetSid sets the Sid element to v. It is safe for concurrent use (on
// different statements).
func (s *Statement) SetSid(v Value) {
	if s.sid.w == sidInExtra {
		s.Extra.sid = Value{}
		if s.Extra.isZero() {
			s.Extra = nil
		}
	}
	if !v.Known {
		s.sid = WordOf(v)
		return
	}
	id, ok := lookupWord(v.Text)
	if !ok && len(v.Text) <= sidWordMax {
		// A copy: the text may be part of a bigger string (a policy)
		// that the table must not keep alive.
		id, ok = wordTexts.idIfRoom(v.Text, sidWordsMax)
	}
	if ok {
		s.sid = Word{Range: v.Range, w: knownWord | id}
		return
	}
	s.sid = Word{w: sidInExtra}
	s.MutableExtra().sid = v
}

// EditSidText calls edit on the text of the Sid when s holds it as a
// string of its own: a Sid kept in Extra (see SetSid), which may share a
// bigger string (the input's bytes) that edit can replace with a copy. The
// text of a Sid held as a Word is the table's own copy: edit is not called.
func (s *Statement) EditSidText(edit func(*string)) {
	if s.sid.w == sidInExtra {
		edit(&s.Extra.sid.Text)
	}
}
