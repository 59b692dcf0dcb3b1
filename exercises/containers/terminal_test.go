package containers_test

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/moby/moby/api/types/container"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Keys as a terminal sends them.
const (
	ctrlP = "\x10"
	ctrlQ = "\x11"
	ctrlX = "\x18"
)

// terminal is the docker CLI running in a pseudo-terminal, as in the
// learner's own: `docker run -it` and detach keys need one.
type terminal struct {
	cmd    *exec.Cmd
	pty    *os.File
	mu     sync.Mutex
	screen bytes.Buffer
	exited chan struct{} // the process ended
	read   chan struct{} // and all it wrote was read
}

// startInTerminal starts the docker CLI with args in a new
// pseudo-terminal. The process is killed when the test ends, if it is
// still running.
func startInTerminal(t *testing.T, args ...string) *terminal {
	t.Helper()
	term := &terminal{cmd: exec.Command("docker", args...), exited: make(chan struct{}), read: make(chan struct{})}
	f, err := pty.StartWithSize(term.cmd, &pty.Winsize{Rows: 24, Cols: 120})
	require.NoError(t, err, "docker %v in a terminal", args)
	term.pty = f
	go func() {
		defer close(term.read)
		buf := make([]byte, 4096)
		for {
			n, err := f.Read(buf)
			term.mu.Lock()
			term.screen.Write(buf[:n])
			term.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	go func() {
		term.cmd.Wait()
		close(term.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-term.exited:
		default:
			term.cmd.Process.Kill()
			<-term.exited
		}
		f.Close()
		<-term.read
	})
	return term
}

// Screen returns everything the terminal showed so far.
func (term *terminal) Screen() string {
	term.mu.Lock()
	defer term.mu.Unlock()
	return term.screen.String()
}

// expect waits until the terminal shows want.
func (term *terminal) expect(t *testing.T, want string) {
	t.Helper()
	require.Eventually(t, func() bool { return bytes.Contains([]byte(term.Screen()), []byte(want)) }, deadline, tick,
		"the terminal shows %q; it shows %q", want, term.Screen())
}

// typeKeys writes keys to the terminal as if typed.
func (term *terminal) typeKeys(t *testing.T, keys string) {
	t.Helper()
	_, err := io.WriteString(term.pty, keys)
	require.NoError(t, err)
}

// wait waits for the docker CLI to exit and returns its exit code.
func (term *terminal) wait(t *testing.T) int {
	t.Helper()
	select {
	case <-term.exited:
	case <-time.After(deadline):
		t.Fatalf("docker %v still runs; the terminal shows %q", term.cmd.Args[1:], term.Screen())
	}
	// The process has closed its end: reading ends once its last words
	// are read.
	select {
	case <-term.read:
	case <-time.After(deadline):
		t.Fatalf("the terminal of docker %v stays open", term.cmd.Args[1:])
	}
	return term.cmd.ProcessState.ExitCode()
}

func TestCtrlPCtrlQDetachesAndLeavesTheContainerRunning(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("shell")

	// docker run -it: an interactive shell in the terminal.
	run := startInTerminal(t, runArgs(l, []string{"-it", "--name", name}, "sh")...)
	run.typeKeys(t, "echo answer-$((6*7))\r")
	run.expect(t, "answer-42")

	// Ctrl-P Ctrl-Q detaches the client; the shell goes on running.
	run.typeKeys(t, ctrlP+ctrlQ)
	t.Logf("docker run -it exited %d on detaching", run.wait(t))
	st := inspectContainer(t, l, name).State
	assert.True(t, st.Running, "the container keeps running after the detach")

	// docker attach brings the same shell back; --detach-keys chooses
	// another sequence.
	again := startInTerminal(t, "attach", "--detach-keys", "ctrl-x,x", name)
	again.typeKeys(t, "echo back-$((1+1))\r")
	again.expect(t, "back-2")
	again.typeKeys(t, ctrlX+"x")
	code := again.wait(t)
	assert.Contains(t, again.Screen(), "read escape sequence", "docker attach says why it ended (exit %d)", code)
	after := inspectContainer(t, l, name).State
	assert.True(t, after.Running)
	assert.Equal(t, st.Pid, after.Pid, "the same shell process all along")
}

func TestExitingTheShellOfRunItStopsTheContainerButKeepsIt(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("shell")

	run := startInTerminal(t, runArgs(l, []string{"-it", "--name", name}, "sh")...)
	run.typeKeys(t, "echo ready-$((2+3))\r")
	run.expect(t, "ready-5")
	run.typeKeys(t, "exit 5\r")
	assert.Equal(t, 5, run.wait(t), "docker run -it ends with the shell, with its exit code")

	st := inspectContainer(t, l, name).State
	assert.Equal(t, container.StateExited, st.Status, "the shell was the main process: the container stopped")
	assert.Equal(t, 5, st.ExitCode)
	assert.Equal(t, []string{name}, lines(l.MustDocker("ps", "-a", "--filter", runFilter(l), "--format", "{{.Names}}")),
		"but it is not removed: docker ps -a still lists it")
}
