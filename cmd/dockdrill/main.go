// Command dockdrill drills the Docker knowledge of LPI exam 701-100, objective
// 702.1 Container Usage, with spaced repetition, and proves every practical
// answer against a real Docker engine.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Run(ctx, os.Args[1:], &App{
		IO:     SystemIO(),
		Now:    time.Now,
		Getenv: os.Getenv,
	})
	stop()
	os.Exit(code)
}
