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
	// A closed terminal (SIGHUP) ends a command as Ctrl-C and SIGTERM do:
	// a task removes its registry, a drill writes its summary, all exit
	// with the one documented "interrupted" status, 130.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	code := Run(ctx, os.Args[1:], &App{
		IO:     SystemIO(),
		Now:    time.Now,
		Getenv: os.Getenv,
	})
	stop()
	os.Exit(code)
}
