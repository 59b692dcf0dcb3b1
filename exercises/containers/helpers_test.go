package containers_test

import (
	"bufio"
	"io"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/client"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Generous deadlines: other proofs share this machine's two cores.
const (
	deadline = 60 * time.Second
	tick     = 250 * time.Millisecond
)

// runArgs returns the arguments of a labelled `docker run` with flags,
// from the shell image, running cmd.
func runArgs(l *lab.Lab, flags []string, cmd ...string) []string {
	args := append([]string{"run"}, l.LabelArgs()...)
	args = append(args, flags...)
	args = append(args, l.Image(lab.Shell))
	return append(args, cmd...)
}

// runShell starts a detached, labelled container from the shell image with
// the docker CLI and returns its ID.
func runShell(t *testing.T, l *lab.Lab, name string, flags []string, cmd ...string) string {
	t.Helper()
	return l.MustDocker(runArgs(l, append([]string{"-d", "--name", name}, flags...), cmd...)...)
}

// dockerAll runs several docker CLI commands at once and fails the test
// if one of them fails.
func dockerAll(t *testing.T, l *lab.Lab, commands ...[]string) {
	t.Helper()
	results := make([]lab.CLIResult, len(commands))
	var wg sync.WaitGroup
	for i, args := range commands {
		wg.Go(func() {
			cmd := exec.CommandContext(l.Ctx, "docker", args...)
			var out, errOut strings.Builder
			cmd.Stdout, cmd.Stderr = &out, &errOut
			err := cmd.Run()
			results[i] = lab.CLIResult{Stdout: out.String(), Stderr: errOut.String(), Code: cmd.ProcessState.ExitCode()}
			if err != nil && cmd.ProcessState == nil {
				results[i].Code, results[i].Stderr = -1, err.Error()
			}
		})
	}
	wg.Wait()
	for i, res := range results {
		require.Equal(t, 0, res.Code, "docker %v: %s", commands[i], res.Stderr)
	}
}

// sleeper starts a container whose main process sleeps for five minutes,
// long enough for any proof, and returns its ID.
func sleeper(t *testing.T, l *lab.Lab, name string, flags ...string) string {
	t.Helper()
	return runShell(t, l, name, flags, "sleep", "300")
}

// inspectContainer observes a container through the Docker API.
func inspectContainer(t *testing.T, l *lab.Lab, name string) container.InspectResponse {
	t.Helper()
	res, err := l.Client.ContainerInspect(l.Ctx, name, client.ContainerInspectOptions{})
	require.NoError(t, err, "inspect %s", name)
	return res.Container
}

// peek inspects a container from inside a polled condition, where a
// failure must not end the test.
func peek(l *lab.Lab, name string) (container.InspectResponse, bool) {
	res, err := l.Client.ContainerInspect(l.Ctx, name, client.ContainerInspectOptions{})
	return res.Container, err == nil
}

// exists reports whether a container of that name or ID exists.
func exists(l *lab.Lab, name string) bool {
	_, err := l.Client.ContainerInspect(l.Ctx, name, client.ContainerInspectOptions{})
	return err == nil
}

// eventuallyRestarted polls until the restart policy has restarted the
// container at least n times.
func eventuallyRestarted(t *testing.T, l *lab.Lab, name string, n int, what string) {
	t.Helper()
	require.Eventually(t, func() bool {
		got, ok := peek(l, name)
		return ok && got.RestartCount >= n
	}, deadline, tick, "%s: %s", name, what)
}

// waitExit blocks in `docker wait` until the container stops and returns
// its exit code.
func waitExit(t *testing.T, l *lab.Lab, name string) string {
	t.Helper()
	return l.MustDocker("wait", name)
}

// logs returns what `docker logs` prints for the container, both streams.
func logs(t *testing.T, l *lab.Lab, name string, flags ...string) string {
	t.Helper()
	res := l.Docker(append(append([]string{"logs"}, flags...), name)...)
	require.Equal(t, 0, res.Code, "docker logs %v %s: %s", flags, name, res.Stderr)
	return res.Stdout + res.Stderr
}

// peekLogs returns the container's log lines from inside a polled
// condition, where a failure must not end the test: it counts as no lines.
func peekLogs(l *lab.Lab, name string, flags ...string) []string {
	res := l.Docker(append(append([]string{"logs"}, flags...), name)...)
	if res.Code != 0 {
		return nil
	}
	return lines(res.Stdout + res.Stderr)
}

// lines splits output into its non-empty lines.
func lines(out string) []string {
	var ls []string
	for _, s := range strings.Split(out, "\n") {
		if s = strings.TrimRight(s, "\r"); s != "" {
			ls = append(ls, s)
		}
	}
	return ls
}

// eventuallyLogs polls the container's logs until they contain want.
func eventuallyLogs(t *testing.T, l *lab.Lab, name, want string) {
	t.Helper()
	require.EventuallyWithT(t, func(c *assert.CollectT) {
		res := l.Docker("logs", name)
		require.Contains(c, res.Stdout+res.Stderr, want)
	}, deadline, tick, "the logs of %s show %q", name, want)
}

// runFilter is a `docker ps --filter` value that matches what this test
// created and nothing else: the lab labels each proof's objects with its
// own run id.
func runFilter(l *lab.Lab) string {
	return "label=" + lab.LabelRun + "=" + l.RunID()
}

// lineReader collects the lines a child process writes, as they come.
type lineReader struct {
	mu    sync.Mutex
	lines []string
	done  chan struct{}
}

// readLines reads r line by line in the background until it ends.
func readLines(r io.Reader) *lineReader {
	lr := &lineReader{done: make(chan struct{})}
	go func() {
		defer close(lr.done)
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			lr.mu.Lock()
			lr.lines = append(lr.lines, strings.TrimRight(sc.Text(), "\r"))
			lr.mu.Unlock()
		}
	}()
	return lr
}

// Lines returns the lines read so far.
func (lr *lineReader) Lines() []string {
	lr.mu.Lock()
	defer lr.mu.Unlock()
	return append([]string(nil), lr.lines...)
}

// child is a docker CLI process running beside the test, for commands
// that stream or wait (logs -f, attach).
type child struct {
	cmd    *exec.Cmd
	out    *lineReader
	exited chan struct{}
	err    error
}

// startDocker starts the docker CLI with args as a child process whose
// standard output and error are read line by line. The process is killed
// when the test ends, if it is still running.
func startDocker(t *testing.T, l *lab.Lab, args ...string) *child {
	t.Helper()
	cmd := exec.Command("docker", args...)
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	require.NoError(t, cmd.Start(), "docker %v", args)
	c := &child{cmd: cmd, out: readLines(pr), exited: make(chan struct{})}
	go func() {
		c.err = cmd.Wait()
		pw.Close()
		close(c.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-c.exited:
		default:
			cmd.Process.Kill()
			<-c.exited
		}
	})
	return c
}

// wait waits for the child to exit within the deadline and returns its
// exit code.
func (c *child) wait(t *testing.T, within time.Duration) int {
	t.Helper()
	select {
	case <-c.exited:
	case <-time.After(within):
		t.Fatalf("docker %v still runs after %s; it printed %q", c.cmd.Args[1:], within, c.out.Lines())
	}
	<-c.out.done
	return c.cmd.ProcessState.ExitCode()
}

// running reports whether the child is still running.
func (c *child) running() bool {
	select {
	case <-c.exited:
		return false
	default:
		return true
	}
}
