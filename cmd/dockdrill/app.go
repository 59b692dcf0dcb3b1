package main

import (
	"io"
	"os"
	"time"

	"golang.org/x/term"
)

// App carries everything a command takes from the world outside the
// process: the streams, the clock and the environment. Tests build their own
// App, so every command runs without a terminal, a real clock or the caller's
// environment.
type App struct {
	IO     *IOStreams
	Now    func() time.Time
	Getenv func(string) string
}

// IOStreams are the standard streams of a command. Data goes to Out;
// progress, prompts for confirmation and errors go to ErrOut.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	// InTTY and OutTTY report whether In and Out are terminals; a
	// command uses them to choose between interactive and plain output.
	InTTY  bool
	OutTTY bool
}

// SystemIO returns the process's own standard streams.
func SystemIO() *IOStreams {
	return &IOStreams{
		In:     os.Stdin,
		Out:    os.Stdout,
		ErrOut: os.Stderr,
		InTTY:  term.IsTerminal(int(os.Stdin.Fd())),
		OutTTY: term.IsTerminal(int(os.Stdout.Fd())),
	}
}

// getenv reads an environment variable through the App, so tests control it.
func (a *App) getenv(key string) string {
	if a.Getenv == nil {
		return ""
	}
	return a.Getenv(key)
}
