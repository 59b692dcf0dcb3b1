package containers_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// counter prints "line 1" to "line n", a moment apart so that each line
// gets a timestamp of its own, and exits.
func counter(n int) []string {
	return []string{"sh", "-c", fmt.Sprintf(`i=1; while [ $i -le %d ]; do echo "line $i"; i=$((i+1)); sleep 0.05; done`, n)}
}

// numbered returns "line from" to "line to".
func numbered(from, to int) []string {
	var ls []string
	for i := from; i <= to; i++ {
		ls = append(ls, fmt.Sprintf("line %d", i))
	}
	return ls
}

func TestLogsTailShowsOnlyTheLastLines(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("printer")
	runShell(t, l, name, nil, counter(20)...)
	require.Equal(t, "0", waitExit(t, l, name))

	assert.Equal(t, numbered(1, 20), lines(logs(t, l, name)), "docker logs shows all the output, stopped or not")
	assert.Equal(t, numbered(16, 20), lines(logs(t, l, name, "--tail", "5")), "--tail 5 shows the last five lines")
	assert.Equal(t, numbered(1, 20), lines(logs(t, l, name, "--tail", "all")))
}

func TestLogsSinceStartsAtATimestamp(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("printer")
	runShell(t, l, name, nil, counter(20)...)
	require.Equal(t, "0", waitExit(t, l, name))

	// docker logs -t puts each line's timestamp (RFC 3339, nanoseconds)
	// in front of it.
	stamped := lines(logs(t, l, name, "-t"))
	require.Len(t, stamped, 20)
	stamps := make([]time.Time, len(stamped))
	for i, s := range stamped {
		ts, text, ok := strings.Cut(s, " ")
		require.True(t, ok, s)
		require.Equal(t, fmt.Sprintf("line %d", i+1), text)
		var err error
		stamps[i], err = time.Parse(time.RFC3339Nano, ts)
		require.NoError(t, err)
	}

	// --since shows the lines logged at or after that moment: here from
	// the 12th line's own timestamp on.
	since := stamped[11][:strings.IndexByte(stamped[11], ' ')]
	var want []string
	for i, ts := range stamps {
		if !ts.Before(stamps[11]) {
			want = append(want, fmt.Sprintf("line %d", i+1))
		}
	}
	require.Equal(t, numbered(12, 20), want, "each line has a timestamp of its own")
	assert.Equal(t, want, lines(logs(t, l, name, "--since", since)), "--since %s", since)
	// --until is the other end of the window.
	assert.Equal(t, numbered(1, 11), lines(logs(t, l, name, "--until", stamps[11].Add(-time.Nanosecond).Format(time.RFC3339Nano))))
}

func TestLogsFollowStreamsUntilTheContainerStops(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("printer")
	// It prints one line, then waits for /tmp/go before printing three
	// more and exiting: those three are written while logs -f is running.
	runShell(t, l, name, nil, "sh", "-c",
		`echo ready; while [ ! -e /tmp/go ]; do sleep 0.1; done; for i in 1 2 3; do echo "line $i"; sleep 0.1; done`)

	follow := startDocker(t, l, "logs", "-f", name)
	require.Eventually(t, func() bool { return len(follow.out.Lines()) >= 1 }, deadline, tick, "logs -f shows what is there")
	assert.Equal(t, []string{"ready"}, follow.out.Lines())
	assert.True(t, follow.running(), "logs -f keeps running while the container does")

	l.MustDocker("exec", name, "touch", "/tmp/go")
	require.Eventually(t, func() bool { return len(follow.out.Lines()) >= 4 }, deadline, tick, "logs -f shows new lines as they come")
	assert.Equal(t, 0, follow.wait(t, deadline), "logs -f ends by itself when the container stops")
	assert.Equal(t, []string{"ready", "line 1", "line 2", "line 3"}, follow.out.Lines())
	assert.Equal(t, "0", waitExit(t, l, name))
}
