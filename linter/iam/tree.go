package iam

import "github.com/hashicorp/hcl/v2"

// TreeKind is the JSON-like kind of a Tree node.
type TreeKind int

// Tree node kinds.
const (
	TreeNull TreeKind = iota
	TreeObject
	TreeArray
	TreeString
	TreeNumber
	TreeBool
	TreeUnknown // cannot be known before apply
)

// Tree is a located JSON-like value: parsed policy JSON, or an evaluated
// Terraform value (package extract adapts its located values to it). FromTree
// turns any Tree into a Document, so every input is judged by the same code.
type Tree interface {
	Kind() TreeKind
	// Scalar returns the text of a string, number or bool ("true"/"false").
	Scalar() string
	// Range is where the value is in the source.
	Range() hcl.Range
	// KeyRange is where the key of this value is, when it is an object member
	// (the key "Action" itself); the zero range otherwise.
	KeyRange() hcl.Range
	// Keys returns an object's keys in source order.
	Keys() []string
	// Field returns an object's member, nil when absent.
	Field(key string) Tree
	// Len and Elem give an array's elements.
	Len() int
	Elem(i int) Tree
}

// KeyedTree is implemented by Trees that can tell that an object's Field
// finds an ASCII key only when it is one of its Keys (Field of any other
// ASCII key is nil): FromTree then looks up an element name that no key
// matches no further.
type KeyedTree interface {
	FieldsInKeys() bool
}

// PartialTree is implemented by Trees whose unknown strings may be known in
// part: PartialText returns the text with each unknown part replaced by
// UnknownPart ("" when nothing is known).
type PartialTree interface {
	PartialText() string
}
