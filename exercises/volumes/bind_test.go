package volumes_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBindMountShowsHostChangesLive(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	lab.NeedsLocalEngine(t, "bind-mounts a directory of this machine")
	dir := l.Dir(map[string]string{"note.txt": "first\n"})
	ctr := l.StartShell("reader", append(asUser(), "-v", dir+":/mnt/host")...)
	started := l.MustDocker("inspect", "--format", "{{.State.StartedAt}}", ctr)
	assert.Equal(t, "bind", mountAt(l, ctr, "/mnt/host").Type)
	assert.Equal(t, dir, mountAt(l, ctr, "/mnt/host").Source, "the source is the host directory")

	assert.Equal(t, "first\n", mustSh(l, ctr, "cat /mnt/host/note.txt"))
	// Change the file on the host: the running container sees it at once.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "note.txt"), []byte("second\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "new.txt"), []byte("new\n"), 0o644))
	assert.Equal(t, "second\n", mustSh(l, ctr, "cat /mnt/host/note.txt"))
	assert.Equal(t, "new\n", mustSh(l, ctr, "cat /mnt/host/new.txt"))
	// And the other way round.
	mustSh(l, ctr, "echo from-container > /mnt/host/back.txt")
	back, err := os.ReadFile(filepath.Join(dir, "back.txt"))
	require.NoError(t, err)
	assert.Equal(t, "from-container\n", string(back))

	assert.Equal(t, started, l.MustDocker("inspect", "--format", "{{.State.StartedAt}}", ctr), "no restart was needed")
}

func TestReadOnlyMountRefusesWrites(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	lab.NeedsLocalEngine(t, "bind-mounts a directory of this machine")
	vol := createVolume(l, "shared")
	dir := l.Dir(map[string]string{"app.conf": "setting=1\n"})
	writer := l.StartShell("writer", "-v", vol+":/data")
	reader := l.StartShell("reader", "-v", vol+":/data:ro", "-v", dir+":/conf:ro")
	for _, dest := range []string{"/data", "/conf"} {
		assert.False(t, mountAt(l, reader, dest).RW, "%s is mounted read-only", dest)
	}
	assert.True(t, mountAt(l, writer, "/data").RW)

	for _, script := range []string{"touch /data/new", "echo x > /conf/app.conf", "rm /conf/app.conf"} {
		res := l.Sh(reader, script)
		assert.NotEqual(t, 0, res.Code, "%s must fail", script)
		assert.Contains(t, res.Stderr, "Read-only file system", script)
	}
	// Reading works, and so does writing through a read-write mount of the
	// same volume in another container.
	assert.Equal(t, "setting=1\n", mustSh(l, reader, "cat /conf/app.conf"))
	mustSh(l, writer, "echo hello > /data/greeting")
	assert.Equal(t, "hello\n", mustSh(l, reader, "cat /data/greeting"))
}

func TestDashVCreatesAMissingHostPathButMountRefusesIt(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	lab.NeedsLocalEngine(t, "bind-mounts a directory of this machine")
	base := t.TempDir()
	runArgs := func(args ...string) []string {
		return append(append(append([]string{"run", "--rm"}, l.LabelArgs()...), args...), l.Image(lab.Shell), "true")
	}

	// -v with a host path that does not exist: Docker creates a directory.
	viaV := filepath.Join(base, "made-by-docker")
	l.MustDocker(runArgs("-v", viaV+":/m")...)
	info, err := os.Stat(viaV)
	require.NoError(t, err, "-v created the host path")
	assert.True(t, info.IsDir(), "as a directory")

	// --mount type=bind refuses a missing source instead.
	viaMount := filepath.Join(base, "missing")
	res := l.Docker(runArgs("--mount", "type=bind,source="+viaMount+",target=/m")...)
	assert.NotEqual(t, 0, res.Code)
	assert.Contains(t, res.Stderr, "bind source path does not exist")
	_, err = os.Stat(viaMount)
	assert.True(t, os.IsNotExist(err), "--mount created nothing")
}
