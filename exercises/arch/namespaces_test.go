package arch_test

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/testcontainers/testcontainers-go"
)

func TestPID1InsideAContainerIsItsCommand(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	ctr := l.Container(l.Image(lab.Shell), testcontainers.WithCmd("sleep", "300"))

	// In the container's PID namespace the command is process 1.
	code, cmdline := l.Exec(ctr, "cat", "/proc/1/cmdline")
	require.Equal(t, 0, code, cmdline)
	assert.Equal(t, "sleep 300", strings.TrimSpace(strings.ReplaceAll(cmdline, "\x00", " ")))

	// A process started later by exec gets a higher PID in the same
	// namespace.
	code, pid := l.Exec(ctr, "sh", "-c", "echo $$")
	require.Equal(t, 0, code, pid)
	assert.NotEqual(t, "1", strings.TrimSpace(pid))

	// On the host the same process has an ordinary PID.
	info, err := ctr.Inspect(l.Ctx)
	require.NoError(t, err)
	assert.Greater(t, info.State.Pid, 1, "the host sees the container's PID 1 under another number")
}

func TestHostnameIsTheShortIDUnlessSetWithHostnameFlag(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	daemonHost := l.MustDocker("info", "--format", "{{.Name}}")

	tests := []struct {
		name string
		args []string
		want func(id string) string
	}{
		{"default is the short container ID", nil, func(id string) string { return id[:12] }},
		{"--hostname sets it", []string{"--hostname", "web01"}, func(string) string { return "web01" }},
		{"--uts host shares the host's", []string{"--uts", "host"}, func(string) string { return daemonHost }},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := l.Name(fmt.Sprintf("uts%d", i))
			args := append([]string{"-d", "--name", name}, tt.args...)
			id := l.MustDocker(l.RunArgs(append(args, l.Image(lab.Shell), "sleep", "300")...)...)
			require.Len(t, id, 64)
			assert.Equal(t, tt.want(id), l.MustDocker("exec", name, "hostname"))
			assert.Equal(t, tt.want(id), l.MustDocker("exec", name, "cat", "/proc/sys/kernel/hostname"))
			l.MustDocker("rm", "-f", "-v", name)
		})
	}
	assert.NotEqual(t, "web01", daemonHost, "the host's own name differs from the one the proof sets")
}

func TestHostProcessesAreInvisibleInsideAContainer(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	lab.NeedsLocalEngine(t, "starts a process on this machine and looks for it with --pid host")
	marker := l.Name("host-process")

	// A process on the host whose argv[0] is the marker.
	sleep, err := exec.LookPath("sleep")
	require.NoError(t, err)
	host := &exec.Cmd{Path: sleep, Args: []string{marker, "300"}}
	require.NoError(t, host.Start())
	t.Cleanup(func() {
		host.Process.Kill()
		host.Wait()
	})

	ps := func(extra ...string) string {
		args := append(append([]string{"--rm"}, extra...), l.Image(lab.Shell), "ps")
		return l.MustDocker(l.RunArgs(args...)...)
	}
	// The control: a container that shares the host's PID namespace sees
	// it, so the marker is visible to ps at all.
	require.Contains(t, ps("--pid", "host"), marker,
		"with --pid host the container sees host process %d (the daemon must run on this machine)", host.Process.Pid)

	// A container in its own PID namespace sees only its own processes.
	inside := ps()
	assert.NotContains(t, inside, marker)
	lines := strings.Split(strings.TrimSpace(inside), "\n")
	assert.LessOrEqual(t, len(lines)-1, 2, "only ps itself (and at most its parent) run inside:\n%s", inside)
	assert.Contains(t, lines[1], fmt.Sprintf("%5d", 1), "the first process inside is PID 1")
}

func TestContainersShareTheHostKernel(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	kernel := l.MustDocker("info", "--format", "{{.KernelVersion}}")
	inside := l.MustDocker(l.RunArgs("--rm", l.Image(lab.Shell), "uname", "-r")...)
	assert.Equal(t, kernel, inside, "a container runs on the kernel of the daemon's host, not one of its own")
}
