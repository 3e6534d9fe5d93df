package eval

import (
	"os"
	"runtime/debug"
)

// PanicStack returns the stack of a recovered panic (call it in the deferred
// function), on a new line, when IAMLINT_DEBUG is set (iamlint --debug sets
// it), and "" otherwise.
func PanicStack() string {
	if os.Getenv("IAMLINT_DEBUG") == "" {
		return ""
	}
	return "\n" + string(debug.Stack())
}
