package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/iamlint/iamlint/linter"
	"golang.org/x/term"
)

// progress writes a progress line on stderr (files, modules, policies and
// the time so far) when stderr is a terminal and the run takes longer than
// a delay. It never writes to stdout, where machine formats go, and it
// erases its line before the run's own output.
type progress struct {
	w     io.Writer
	start time.Time
	mu    sync.Mutex
	last  linter.Progress
	shown bool
	done  chan struct{}
	wg    sync.WaitGroup
}

// startProgress starts the progress line on stderr if it is a terminal.
func startProgress(stderr io.Writer, delay time.Duration) *progress {
	stderr = rawStderr(stderr)
	if !isTerminal(stderr) || dumbTerminal() {
		// A dumb terminal would print the line's erase code as text.
		return &progress{}
	}
	return newProgress(stderr, delay, 250*time.Millisecond)
}

func newProgress(w io.Writer, delay, tick time.Duration) *progress {
	p := &progress{w: w, start: time.Now(), done: make(chan struct{})}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTimer(delay)
		defer t.Stop()
		select {
		case <-p.done:
			return
		case <-t.C:
		}
		tk := time.NewTicker(tick)
		defer tk.Stop()
		for {
			p.draw()
			select {
			case <-p.done:
				return
			case <-tk.C:
			}
		}
	}()
	return p
}

// update is the linter.Options.Progress callback.
func (p *progress) update(pr linter.Progress) {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	p.last = pr
	p.mu.Unlock()
}

func (p *progress) draw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	el := time.Since(p.start).Truncate(100 * time.Millisecond)
	var msg string
	switch p.last.Stage {
	case "":
		msg = "loading Terraform files"
	case "loaded", "documented", "released":
		msg = fmt.Sprintf("%d files, %d modules loaded; extracting policies", p.last.Files, p.last.Modules)
	default:
		msg = fmt.Sprintf("%d files, %d modules, %d policies; running rules", p.last.Files, p.last.Modules, p.last.Policies)
	}
	fmt.Fprintf(p.w, "\r\033[Kiamlint: %s… %s", msg, el)
	p.shown = true
}

// stop ends the progress line and erases it.
func (p *progress) stop() {
	if p.done == nil {
		return
	}
	close(p.done)
	p.wg.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// isTerminal reports whether w is a terminal.
// dumbTerminal reports whether TERM says the terminal takes no escape
// codes (TERM=dumb).
func dumbTerminal() bool { return os.Getenv("TERM") == "dumb" }

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	// A terminal, not any character device: /dev/null is one too, and
	// `iamlint . 2>/dev/null` drew the progress line there.
	return ok && term.IsTerminal(int(f.Fd()))
}
