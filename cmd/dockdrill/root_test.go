package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// testApp returns an App with captured streams, a fixed clock and an empty
// environment, plus the buffers holding stdout and stderr.
func testApp(t *testing.T, stdin string) (*App, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := map[string]string{}
	return &App{
		IO:     &IOStreams{In: strings.NewReader(stdin), Out: &out, ErrOut: &errOut},
		Now:    func() time.Time { return time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) },
		Getenv: func(k string) string { return env[k] },
	}, &out, &errOut
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"help lists exit codes", []string{"--help"}, ExitOK, "130  interrupted", ""},
		{"version prints to stdout", []string{"version"}, ExitOK, "dockdrill ", ""},
		{"unknown command is a usage error", []string{"frobnicate"}, ExitUsage, "", "unknown command"},
		{"unknown flag is a usage error", []string{"version", "--frob"}, ExitUsage, "", "unknown flag: --frob"},
		{"extra argument is a usage error", []string{"version", "x"}, ExitUsage, "", "unknown command \"x\""},
		{"completion script", []string{"completion", "bash"}, ExitOK, "bash completion", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app, out, errOut := testApp(t, "")
			code := Run(context.Background(), tt.args, app)
			assert.Equal(t, tt.code, code, "stderr: %s", errOut)
			assert.Contains(t, out.String(), tt.stdout)
			assert.Contains(t, errOut.String(), tt.stderr)
			if tt.code != ExitOK {
				assert.Equal(t, 1, strings.Count(errOut.String(), "dockdrill: "), "the error is printed exactly once")
			}
		})
	}
}

func TestInterruptedCommandExits130(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.Equal(t, ExitInterrupted, exitCode(ctx, context.Canceled))
}
