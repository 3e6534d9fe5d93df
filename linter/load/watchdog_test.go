package load

import (
	"runtime"
	"time"
)

// watchdog panics with every goroutine's stack when the returned function
// is not called within 10 seconds (a hang in FuzzLoad).
func watchdog() func() {
	done := make(chan struct{})
	go func() {
		select {
		case <-done:
		case <-time.After(3 * time.Minute): // a hang, not a slow machine
			buf := make([]byte, 1<<20)
			n := runtime.Stack(buf, true)
			panic("Load hung:\n" + string(buf[:n]))
		}
	}()
	return func() { close(done) }
}
