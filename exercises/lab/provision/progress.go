package provision

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// progress writes the steps of a lab preparation with the time since it
// began, and a heartbeat while a long step is silent, so a cold offline build
// never looks hung.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	now   func() time.Time
	start time.Time
	last  time.Time
}

func newProgress(w io.Writer, now func() time.Time) *progress {
	if w == nil {
		w = io.Discard
	}
	if now == nil {
		now = time.Now
	}
	t := now()
	return &progress{w: w, now: now, start: t, last: t}
}

// stepf writes one step.
func (p *progress) stepf(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	t := p.now()
	p.last = t
	fmt.Fprintf(p.w, "lab [%6.1fs] %s\n", t.Sub(p.start).Seconds(), fmt.Sprintf(format, args...))
}

// heartbeat writes "still <what>" whenever nothing was written for every
// seconds, until the returned stop function is called.
func (p *progress) heartbeat(what string, every time.Duration) (stop func()) {
	done := make(chan struct{})
	var once sync.Once
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				p.mu.Lock()
				quiet := p.now().Sub(p.last) >= every
				p.mu.Unlock()
				if quiet {
					p.stepf("still %s", what)
				}
			}
		}
	}()
	return func() { once.Do(func() { close(done) }) }
}
