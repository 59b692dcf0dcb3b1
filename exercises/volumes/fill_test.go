package volumes_test

import (
	"os"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEmptyNamedVolumeIsFilledFromTheImageButABindMountHidesIt(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	lab.NeedsLocalEngine(t, "bind-mounts a directory of this machine")
	ctx := l.Dir(map[string]string{
		"Dockerfile":     "FROM " + l.Image(lab.Shell) + "\nCOPY site/ /app/\n",
		"site/index.txt": "from the image\n",
	})
	image := l.ImageRef("seeded")
	l.MustDocker(append([]string{"build", "-q", "-t", image}, ctx)...)
	runImage := func(name string, opts ...string) string {
		return l.DockerRunDetached(name, append(opts, image, "sleep", "300")...)
	}

	// An empty named volume mounted over /app: Docker first copies the
	// image's /app into it.
	vol := createVolume(l, "site")
	first := runImage("first", "-v", vol+":/app")
	assert.Equal(t, "from the image\n", mustSh(l, first, "cat /app/index.txt"))
	// The copy is in the volume itself: a plain shell container sees it.
	reader := l.StartShell("reader", "-v", vol+":/x")
	assert.Equal(t, "from the image\n", mustSh(l, reader, "cat /x/index.txt"))

	// Only an empty volume is filled: once it has content, the image's
	// files never overwrite it.
	mustSh(l, first, "echo changed > /app/index.txt")
	second := runImage("second", "-v", vol+":/app")
	assert.Equal(t, "changed\n", mustSh(l, second, "cat /app/index.txt"))

	// A bind mount is never filled: the host directory hides the image's
	// /app, and nothing is copied to the host.
	dir := t.TempDir()
	bound := runImage("bound", "-v", dir+":/app")
	assert.Empty(t, mustSh(l, bound, "ls -A /app"), "the image's /app is hidden")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries, "nothing was copied to the host")
}
