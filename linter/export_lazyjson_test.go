package linter

// SetKeepText sets what the runs of .tf files pass as
// load.Options.KeepText (nil: every jsonencode text is written when
// evaluated) and returns what it was.
func SetKeepText(f func(string) bool) func(string) bool {
	old := keepText
	keepText = f
	return old
}
