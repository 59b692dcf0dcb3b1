package dockerfile_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// patience bounds every poll of these proofs: generous, because other
// proofs share the machine's two cores, yet well inside a proof's minute.
const patience = 40 * time.Second

// from returns the FROM line of a Dockerfile built on the lab image of role.
func from(l *lab.Lab, role lab.Role) string {
	return "FROM " + l.Image(role) + "\n"
}

// buildFiles writes files into a fresh build context, runs docker build on it
// with extra flags, and returns the reference of the image it tagged.
func buildFiles(l *lab.Lab, name string, files map[string]string, flags ...string) string {
	l.T.Helper()
	return buildDir(l, name, l.Dir(files), flags...)
}

// buildDir builds the context dir with extra flags into a fresh image
// reference and returns it.
func buildDir(l *lab.Lab, name, dir string, flags ...string) string {
	l.T.Helper()
	ref := l.ImageRef(name)
	args := []string{"build", "-q", "-t", ref}
	l.MustDocker(append(append(args, flags...), dir)...)
	return ref
}

// run runs a labelled container with --rm and returns its trimmed output;
// args are the docker run options, the image and the command.
func run(l *lab.Lab, args ...string) string {
	l.T.Helper()
	return l.MustDocker(l.RunArgs(append([]string{"--rm"}, args...)...)...)
}

// inspectFormat returns the trimmed output of docker <kind> inspect --format.
func inspectFormat(l *lab.Lab, kind, format, obj string) string {
	l.T.Helper()
	return l.MustDocker(kind, "inspect", "--format", format, obj)
}

// inspectJSON decodes {{json field}} of docker <kind> inspect into v.
func inspectJSON(l *lab.Lab, kind, field, obj string, v any) {
	l.T.Helper()
	out := inspectFormat(l, kind, "{{json "+field+"}}", obj)
	require.NoError(l.T, json.Unmarshal([]byte(out), v), "%s of %s: %s", field, obj, out)
}

// waitForLog polls the container's logs until they contain want, and
// returns them.
func waitForLog(t *testing.T, l *lab.Lab, ctr, want string) string {
	t.Helper()
	var logs string
	require.EventuallyWithT(t, func(c *assert.CollectT) {
		res := l.Docker("logs", ctr)
		logs = res.Stdout + res.Stderr
		assert.Contains(c, logs, want)
	}, patience, 250*time.Millisecond, "logs of %s show %q", ctr, want)
	return logs
}

// pid1 returns the command line of the container's PID 1, its arguments
// separated by spaces.
func pid1(t *testing.T, l *lab.Lab, ctr string) string {
	t.Helper()
	res := l.Docker("exec", ctr, "cat", "/proc/1/cmdline")
	require.Equal(t, 0, res.Code, res.Stderr)
	return strings.TrimSpace(strings.ReplaceAll(res.Stdout, "\x00", " "))
}

// appContext returns a build context with trapScript as the executable
// /app.sh and a Dockerfile, FROM the shell image, that copies it and ends
// with lines. COPY keeps the file's mode from the context, so no RUN chmod
// is needed.
func appContext(t *testing.T, l *lab.Lab, lines ...string) string {
	t.Helper()
	dir := l.Dir(map[string]string{"app.sh": trapScript,
		"Dockerfile": from(l, lab.Shell) + "COPY app.sh /app.sh\n" + strings.Join(lines, "\n") + "\n"})
	require.NoError(t, os.Chmod(filepath.Join(dir, "app.sh"), 0o755))
	return dir
}

// layers returns the digests of the image's filesystem layers, oldest
// first. They name content, so they compare the same under the legacy
// builder and BuildKit.
func layers(l *lab.Lab, ref string) []string {
	l.T.Helper()
	var ls []string
	inspectJSON(l, "image", ".RootFS.Layers", ref, &ls)
	return ls
}

// trapScript is a program that traps SIGTERM and SIGUSR1, says which one
// it got and exits with a code of its own for each (20 and 10), so a
// proof can tell which signal stopped it. It waits on a background sleep
// because a shell runs its traps only between commands, and wait returns
// as soon as a trapped signal arrives.
const trapScript = `#!/bin/sh
trap 'echo "app got TERM"; exit 20' TERM
trap 'echo "app got USR1"; exit 10' USR1
echo "app ready"
while :; do
	sleep 300 &
	wait $!
done
`
