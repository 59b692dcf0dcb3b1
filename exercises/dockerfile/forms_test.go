package dockerfile_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// shellFormCmd is the shell form of a CMD that runs /app.sh and then
// reports its end. A shell may exec the last command of sh -c in place of
// itself (bash and busybox do, dash does not), so a lone "CMD /app.sh"
// can end up as PID 1 by luck; with a command after it, the shell always
// stays, which is the case this fixture proves.
const shellFormCmd = `CMD /app.sh; echo "app exited"`

// stopTook runs docker stop -t grace on ctr and returns how long it took.
func stopTook(l *lab.Lab, ctr string, grace int) time.Duration {
	l.T.Helper()
	began := time.Now()
	l.MustDocker("stop", "-t", strconv.Itoa(grace), ctr)
	return time.Since(began)
}

func TestShellFormCmdKeepsShellAsPID1AndMissesStopSignal(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	shellForm := buildDir(l, "shell-form", appContext(t, l, shellFormCmd))
	execForm := buildDir(l, "exec-form", appContext(t, l, `CMD ["/app.sh"]`))

	var cmd []string
	inspectJSON(l, "image", ".Config.Cmd", shellForm, &cmd)
	assert.Equal(t, []string{"/bin/sh", "-c", `/app.sh; echo "app exited"`}, cmd, "shell form is stored wrapped in /bin/sh -c")
	inspectJSON(l, "image", ".Config.Cmd", execForm, &cmd)
	assert.Equal(t, []string{"/app.sh"}, cmd, "exec form is stored as written")

	sh := l.DockerRunDetached("shell-form", shellForm)
	ex := l.DockerRunDetached("exec-form", execForm)
	waitForLog(t, l, sh, "app ready")
	waitForLog(t, l, ex, "app ready")
	assert.Equal(t, `/bin/sh -c /app.sh; echo "app exited"`, pid1(t, l, sh), "shell form: PID 1 is the shell")
	// The kernel runs a script through its #! interpreter, so the command
	// line reads "/bin/sh /app.sh": the program itself, with no sh -c.
	assert.Equal(t, "/bin/sh /app.sh", pid1(t, l, ex), "exec form: PID 1 is the program")

	// Shell form: docker stop sends SIGTERM to PID 1, the shell, which as
	// PID 1 without a handler ignores it and does not pass it on. The app
	// never hears it; after the grace period SIGKILL ends the container.
	const grace = 3
	took := stopTook(l, sh, grace)
	assert.GreaterOrEqual(t, took, grace*time.Second, "docker stop waited out the whole grace period")
	assert.Equal(t, "137", inspectFormat(l, "container", "{{.State.ExitCode}}", sh), "killed by SIGKILL (128+9)")
	assert.NotContains(t, l.MustDocker("logs", sh), "app got TERM", "the app never got SIGTERM")

	// Exec form: the app is PID 1, gets SIGTERM and exits at once with
	// its own code, long before a generous grace period.
	const patientGrace = 30
	took = stopTook(l, ex, patientGrace)
	assert.Less(t, took, patientGrace*time.Second, "the app ended before the grace period")
	assert.Equal(t, "20", inspectFormat(l, "container", "{{.State.ExitCode}}", ex), "the app's own exit code for TERM")
	assert.Contains(t, l.MustDocker("logs", ex), "app got TERM")
}

func TestShellInstructionChangesTheShellOfShellForm(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	// $0 of "shell -c" is the shell's own name: it shows which shell ran.
	// [[ ]] is bash syntax that /bin/sh (dash on Debian) would reject.
	ref := buildFiles(l, "shell-instruction", map[string]string{"Dockerfile": from(l, lab.Base) +
		`SHELL ["/bin/bash", "-c"]` + "\n" +
		`RUN [[ -n "$BASH_VERSION" ]] && echo "RUN ran in $0" > /run-shell` + "\n" +
		`CMD echo "CMD runs in $0"; cat /run-shell` + "\n"})

	assert.Equal(t, "CMD runs in /bin/bash\nRUN ran in /bin/bash", run(l, ref),
		"after SHELL, shell-form RUN and CMD run under bash instead of /bin/sh")
	var cmd []string
	inspectJSON(l, "image", ".Config.Cmd", ref, &cmd)
	require.Len(t, cmd, 3)
	assert.Equal(t, []string{"/bin/bash", "-c"}, cmd[:2])
	assert.True(t, strings.HasPrefix(cmd[2], "echo"), cmd[2])
}
