package linter

// SkipNoDirectives is skipNoDirectives, for the tests of package linter_test.
var SkipNoDirectives = &skipNoDirectives

// AddressSpaceLeft is addressSpaceLeft, for the tests of package
// linter_test.
var AddressSpaceLeft = &addressSpaceLeft
