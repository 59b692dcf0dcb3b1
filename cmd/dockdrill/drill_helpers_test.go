package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/internal/testio"
	"github.com/dockdrill/dockdrill/quiz/store"
	"github.com/stretchr/testify/require"
)

// e2eDeck is a user deck with one card of each kind, one area each. A new
// drill over it asks, in the blueprint's area order: the multi (arch), the
// choice (images), the flash (upload), then the two commands (networks,
// volumes).
const e2eDeck = `[deck]
id = "e2e"
title = "End to end"
description = "Cards for the drill's tests."

[[card]]
id = "e2e-arch-drivers"
area = "arch"
kind = "multi"
prompt = "Which two are network drivers that ship with Docker? (choose two)"
choices = ["bridge", "tap", "overlay", "vswitch"]
correct = ["bridge", "overlay"]
explain = "bridge and overlay ship with Docker; tap and vswitch do not."

[[card]]
id = "e2e-img-detach"
area = "images"
kind = "choice"
prompt = "Which keys detach from an attached container and leave it running?"
choices = ["Ctrl-C", "Ctrl-P Ctrl-Q", "Ctrl-D", "Ctrl-X Ctrl-C"]
correct = ["Ctrl-P Ctrl-Q"]
explain = "Ctrl-P Ctrl-Q detaches; Ctrl-C and Ctrl-D stop the main process."
hint = "Two keys, both with Ctrl."

[[card]]
id = "e2e-up-flash"
area = "upload"
kind = "flash"
prompt = "What does docker push send to a registry?"
answer = "The image's layers that the registry lacks, then its manifest."
explain = "Layers the registry has already are skipped."

[[card]]
id = "e2e-net-ls"
area = "networks"
kind = "command"
prompt = "List the networks of the engine."
answer = "docker network ls"
explain = "docker network ls lists every network, the three predefined ones included."
proof = "networks/TestPredefinedNetworks"

[[card]]
id = "e2e-vol-create"
area = "volumes"
kind = "command"
prompt = "Create a named volume called pgdata."
answer = "docker volume create pgdata"
explain = "docker volume create makes an empty named volume."
proof = "volumes/TestVolumeCreateLsInspectRm"
`

// commandDeck returns a deck of n command cards, all of the volumes area,
// whose answer is "docker volume ls", with ids e2e-cmd-0 and on.
func commandDeck(n int) string {
	var b strings.Builder
	b.WriteString("[deck]\nid = \"cmds\"\ntitle = \"Commands\"\ndescription = \"Command cards for the drill's tests.\"\n")
	for i := range n {
		fmt.Fprintf(&b, "\n[[card]]\nid = \"e2e-cmd-%d\"\narea = \"volumes\"\nkind = \"command\"\nprompt = \"Command %d: list the volumes.\"\nanswer = \"docker volume ls\"\nexplain = \"docker volume ls lists them.\"\n", i, i)
	}
	return b.String()
}

// drillEnv is a temporary home for drills: a deck directory, a database
// path and an environment that reaches nothing of the caller's.
type drillEnv struct {
	dir, decks, db string
	env            map[string]string
}

func newDrillEnv(t *testing.T, decks map[string]string) *drillEnv {
	t.Helper()
	dir := t.TempDir()
	e := &drillEnv{dir: dir, decks: filepath.Join(dir, "decks"), db: filepath.Join(dir, "data", "dockdrill.db")}
	require.NoError(t, os.MkdirAll(e.decks, 0o755))
	for name, content := range decks {
		writeFile(t, e.decks, name, content)
	}
	e.env = map[string]string{"HOME": dir, "TZ": "UTC", "DOCKDRILL_DB": e.db}
	return e
}

// environ is the environment of a dockdrill process run in e.
func (e *drillEnv) environ() []string {
	env := []string{"PATH=" + os.Getenv("PATH")}
	for k, v := range e.env {
		env = append(env, k+"="+v)
	}
	return env
}

func (e *drillEnv) openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), e.db)
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	return st
}

func (e *drillEnv) reviews(t *testing.T) []store.Review {
	t.Helper()
	rs, err := e.openStore(t).ReviewsSince(context.Background(), time.Time{})
	require.NoError(t, err)
	return rs
}

// syncBuffer collects output written by one goroutine while a test reads
// it from another.
type syncBuffer = testio.SyncBuffer

// expecter talks to a drill in line mode: it waits for text in the output
// and writes answer lines.
type expecter struct {
	t    *testing.T
	out  *syncBuffer
	in   io.Writer
	seen int // output up to here has been matched
}

// expect waits until want appears in the output after what was matched
// before, and returns the output up to and including it.
func (x *expecter) expect(want string) string {
	x.t.Helper()
	return x.expectWithin(want, 20*time.Second)
}

// expectWithin is expect with its own deadline, for output that waits on
// the Docker engine, which a loaded machine slows down.
func (x *expecter) expectWithin(want string, within time.Duration) string {
	x.t.Helper()
	deadline := time.Now().Add(within)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		s := x.out.String()
		if i := strings.Index(s[x.seen:], want); i >= 0 {
			got := s[x.seen : x.seen+i+len(want)]
			x.seen += i + len(want)
			return got
		}
		if time.Now().After(deadline) {
			x.t.Fatalf("waited %s for %q; the output after the last match:\n%s", within, want, s[x.seen:])
		}
		<-tick.C
	}
}

// send writes one answer line.
func (x *expecter) send(line string) {
	x.t.Helper()
	_, err := io.WriteString(x.in, line+"\n")
	require.NoError(x.t, err)
}

// choiceNumber returns the number a line-mode list gave to choice in text.
func choiceNumber(t *testing.T, text, choice string) string {
	t.Helper()
	for _, l := range strings.Split(text, "\n") {
		if n, c, ok := strings.Cut(strings.TrimSpace(l), ") "); ok && c == choice {
			return n
		}
	}
	t.Fatalf("no choice %q in:\n%s", choice, text)
	return ""
}

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// dockdrillBinary builds dockdrill once for the test run and returns its path.
func dockdrillBinary(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the dockdrill binary; skipped with -short")
	}
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "dockdrill-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "dockdrill")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	require.NoError(t, binErr)
	return binPath
}

// process is a dockdrill process in line mode, driven through pipes.
type process struct {
	*expecter
	cmd    *exec.Cmd
	stderr *syncBuffer
	stdin  io.WriteCloser
}

// start runs the binary with args in e, its stdin and stdout pipes.
func start(t *testing.T, e *drillEnv, args ...string) *process {
	t.Helper()
	cmd := exec.Command(dockdrillBinary(t), args...)
	cmd.Env = e.environ()
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	out, errOut := &syncBuffer{}, &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, errOut
	require.NoError(t, cmd.Start())
	p := &process{expecter: &expecter{t: t, out: out, in: stdin}, cmd: cmd, stderr: errOut, stdin: stdin}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	return p
}

// wait waits for the process to end and returns its exit code.
func (p *process) wait() int {
	p.t.Helper()
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		_ = p.cmd.Process.Kill()
		p.t.Fatalf("dockdrill did not end; stdout:\n%s\nstderr:\n%s", p.out.String(), p.stderr.String())
	}
	return p.cmd.ProcessState.ExitCode()
}
