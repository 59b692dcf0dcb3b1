package dockerfile_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// health is what docker inspect says of a container's health.
type health struct {
	Status        string
	FailingStreak int
	Log           []struct {
		Start, End time.Time
		ExitCode   int
		Output     string
	}
}

func TestHealthcheckWithoutOptionsChecksEvery30sAllows30sAndTakes3Failures(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	// A check that always fails; with SLOW set it first outlasts any
	// timeout shorter than 40 s.
	image := buildFiles(l, "health-defaults", map[string]string{"Dockerfile": from(l, lab.Shell) +
		`HEALTHCHECK CMD sh -c 'if [ -n "$SLOW" ]; then sleep 40; fi; exit 1'` + "\n"})

	// The image stores the check and no interval, timeout or retries: the
	// engine's defaults apply.
	var cfg struct {
		Test                       []string
		Interval, Timeout, Retries int64
	}
	inspectJSON(l, "image", ".Config.Healthcheck", image, &cfg)
	assert.NotEmpty(t, cfg.Test)
	assert.Zero(t, cfg.Interval+cfg.Timeout+cfg.Retries, "nothing but the command is stored: %+v", cfg)

	// Three containers at once: one with every default; two with only a
	// shorter interval, so that the default retries and timeout show soon.
	dflt := l.DockerRunDetached("default", image, "sleep", "300")
	fast := l.DockerRunDetached("fast", "--health-interval", "1s", image, "sleep", "300")
	slow := l.DockerRunDetached("slow", "--health-interval", "1s", "-e", "SLOW=1", image, "sleep", "300")
	state := func(ctr string) (h health) {
		out := l.MustDocker("inspect", "--format", "{{json .State.Health}}", ctr)
		require.NoError(t, json.Unmarshal([]byte(out), &h), out)
		return h
	}
	started := func(ctr string) time.Time {
		ts, err := time.Parse(time.RFC3339Nano, l.MustDocker("inspect", "--format", "{{.State.StartedAt}}", ctr))
		require.NoError(t, err)
		return ts
	}

	// Retries 3: still starting after two failures, unhealthy at the third.
	var seen []string
	require.EventuallyWithT(t, func(c *assert.CollectT) {
		h := state(fast)
		seen = append(seen, fmt.Sprintf("%s/%d", h.Status, h.FailingStreak))
		assert.Equal(c, "unhealthy", h.Status)
	}, patience, 200*time.Millisecond)
	for _, s := range seen {
		if strings.HasSuffix(s, "/1") || strings.HasSuffix(s, "/2") {
			assert.True(t, strings.HasPrefix(s, "starting/"), "fewer than three failures leave it starting: %v", seen)
		}
	}
	assert.Equal(t, 3, state(fast).FailingStreak, "unhealthy after exactly three failures in a row: %v", seen)

	// Interval 30 s: the first check of the default container runs 30 s
	// after its start. Timeout 30 s: the slow check is stopped after 30 s.
	require.EventuallyWithT(t, func(c *assert.CollectT) {
		assert.NotEmpty(c, state(dflt).Log)
		assert.NotEmpty(c, state(slow).Log)
	}, 60*time.Second, 500*time.Millisecond)
	first := state(dflt).Log[0]
	wait := first.Start.Sub(started(dflt))
	assert.InDelta(t, 30, wait.Seconds(), 5, "first check %s after the start", wait)
	timedOut := state(slow).Log[0]
	assert.Contains(t, timedOut.Output, "exceeded timeout (30s)")
	assert.InDelta(t, 30, timedOut.End.Sub(timedOut.Start).Seconds(), 5)
}

func TestConfigurationInstructionsAddNoFileContent(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	base := l.Image(lab.Shell)
	image := buildFiles(l, "config-only", map[string]string{
		"Dockerfile": from(l, lab.Shell) + "ENV GREETING=hello\nLABEL stage=proof\nEXPOSE 8080\nCMD [\"sh\"]\nCOPY data /data\n",
		"data":       strings.Repeat("x", 4096),
	})

	// docker history, newest step first: COPY has content, the four
	// configuration steps have none.
	rows := strings.Split(l.MustDocker("history", "--no-trunc", "--format", "{{.Size}}\t{{.CreatedBy}}", image), "\n")
	require.Greater(t, len(rows), 5)
	for i, want := range []string{"COPY", "CMD", "EXPOSE", "LABEL", "ENV"} {
		size, createdBy, _ := strings.Cut(rows[i], "\t")
		assert.Contains(t, createdBy, want, "row %d", i)
		if want == "COPY" {
			assert.NotEqual(t, "0B", size, "COPY writes a layer with the file")
		} else {
			assert.Equal(t, "0B", size, "%s adds no file content", want)
		}
	}

	// The image's filesystem is the base's layers plus COPY's one layer.
	var baseLayers, layers []string
	inspectJSON(l, "image", ".RootFS.Layers", base, &baseLayers)
	inspectJSON(l, "image", ".RootFS.Layers", image, &layers)
	assert.Equal(t, baseLayers, layers[:len(layers)-1], "the configuration steps added no layer")
	assert.Len(t, layers, len(baseLayers)+1)
}
