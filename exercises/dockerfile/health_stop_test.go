package dockerfile_test

import (
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// waitForHealth polls the container's health status until it is want.
func waitForHealth(t *testing.T, l *lab.Lab, ctr, want string) {
	t.Helper()
	require.EventuallyWithT(t, func(c *assert.CollectT) {
		assert.Equal(c, want, inspectFormat(l, "container", "{{.State.Health.Status}}", ctr))
	}, patience, 200*time.Millisecond, "%s becomes %s", ctr, want)
}

func TestHealthcheckTurnsHealthyThenUnhealthy(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	// The check passes while /tmp/healthy exists; one failure is enough
	// to be unhealthy (--retries=1). Short intervals keep the proof fast.
	ref := buildFiles(l, "healthcheck", map[string]string{"Dockerfile": from(l, lab.Shell) +
		"HEALTHCHECK --interval=1s --timeout=10s --retries=1 CMD test -f /tmp/healthy\n" +
		`CMD ["sh", "-c", "touch /tmp/healthy && exec sleep 300"]` + "\n"})

	var hc struct {
		Test     []string
		Interval time.Duration
		Retries  int
	}
	inspectJSON(l, "image", ".Config.Healthcheck", ref, &hc)
	assert.Equal(t, []string{"CMD-SHELL", "test -f /tmp/healthy"}, hc.Test, "the shell form of the check runs under sh -c")
	assert.Equal(t, time.Second, hc.Interval)
	assert.Equal(t, 1, hc.Retries)

	ctr := l.DockerRunDetached("health", ref)
	waitForHealth(t, l, ctr, "healthy")
	l.MustDocker("exec", ctr, "rm", "/tmp/healthy")
	waitForHealth(t, l, ctr, "unhealthy")
	assert.Equal(t, "running", inspectFormat(l, "container", "{{.State.Status}}", ctr), "unhealthy is only a status: the container keeps running")
	l.MustDocker("exec", ctr, "touch", "/tmp/healthy")
	waitForHealth(t, l, ctr, "healthy")
}

func TestStopsignalIsSentByDockerStop(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	ref := buildDir(l, "stopsignal", appContext(t, l, "STOPSIGNAL SIGUSR1", `CMD ["/app.sh"]`))
	assert.Equal(t, "SIGUSR1", inspectFormat(l, "image", "{{.Config.StopSignal}}", ref))

	ctr := l.DockerRunDetached("stopsignal", ref)
	waitForLog(t, l, ctr, "app ready")
	l.MustDocker("stop", "-t", "30", ctr)
	assert.Equal(t, "10", inspectFormat(l, "container", "{{.State.ExitCode}}", ctr), "the app's exit code for SIGUSR1")
	logs := l.MustDocker("logs", ctr)
	assert.Contains(t, logs, "app got USR1", "docker stop sent the image's STOPSIGNAL")
	assert.NotContains(t, logs, "app got TERM", "and not SIGTERM")
}
