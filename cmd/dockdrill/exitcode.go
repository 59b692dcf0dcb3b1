package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Exit codes, the same for every command. The list is shown by
// dockdrill --help; keep the two in step.
const (
	ExitOK          = 0   // success
	ExitError       = 1   // an error: bad input, Docker or the store failed
	ExitUsage       = 2   // the command line was wrong
	ExitFailed      = 3   // a proof failed, or the learner is not ready
	ExitInterrupted = 130 // interrupted by Ctrl-C, SIGTERM or SIGHUP
)

const exitCodesHelp = `Exit status:
  0    success
  1    error (bad input, Docker or the review store failed)
  2    usage error (unknown command or flag, wrong arguments)
  3    a proof failed, or the learner is not ready
  130  interrupted (Ctrl-C, SIGTERM, or SIGHUP: the terminal closed)`

// codeError ends a command with a chosen exit code. A nil Err means the
// command has already told the user everything, so nothing more is printed.
type codeError struct {
	Code int
	Err  error
}

// withCode returns an error that makes the program exit with code; a nil err
// prints nothing.
func withCode(code int, err error) error { return &codeError{Code: code, Err: err} }

func (e *codeError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

func (e *codeError) Unwrap() error { return e.Err }

// usageError marks an error in the command line itself.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// usagef returns a usage error (exit status 2) with a formatted message.
func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// exitCode maps an error returned by a command to the process's exit code.
func exitCode(ctx context.Context, err error) int {
	var exit *codeError
	var usage *usageError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &exit):
		return exit.Code
	case ctx.Err() != nil || errors.Is(err, context.Canceled):
		return ExitInterrupted
	case errors.As(err, &usage), isCobraUsageError(err):
		return ExitUsage
	default:
		return ExitError
	}
}

// isCobraUsageError recognises the errors cobra itself returns for a bad
// command line; cobra has no error types for them.
func isCobraUsageError(err error) bool {
	msg := err.Error()
	for _, prefix := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "invalid argument", "flag needs an argument", "accepts ", "requires at least", "requires at most", "required flag"} {
		if strings.HasPrefix(msg, prefix) {
			return true
		}
	}
	return false
}

// printError writes err once, the way every command reports failure.
func printError(w io.Writer, err error) {
	var exit *codeError
	if errors.As(err, &exit) && exit.Err == nil {
		return
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(w, "dockdrill: interrupted")
		return
	}
	fmt.Fprintf(w, "dockdrill: %v\n", err)
	var usage *usageError
	if errors.As(err, &usage) || isCobraUsageError(err) {
		fmt.Fprintln(w, "Run 'dockdrill --help' for usage.")
	}
}
