package linter

// forPlanLoadModes calls f once for each way Lint loads a plan of a
// test's size: "whole" (read at once), "streamed" (its resources a chunk
// at a time) and "windows" (streamed, its bytes read through windows of
// the file), with the settings of that way; they are restored after.
func forPlanLoadModes(f func(mode string)) {
	defer func(m, c int, w bool) { planStreamMin, planChunk, planWindowsOn = m, c, w }(planStreamMin, planChunk, planWindowsOn)
	for _, mode := range []string{"whole", "streamed", "windows"} {
		planStreamMin, planChunk, planWindowsOn = 128<<20, 2048, true
		switch mode {
		case "streamed":
			planStreamMin, planWindowsOn = 0, false
		case "windows":
			planStreamMin = 0
		}
		f(mode)
	}
}
