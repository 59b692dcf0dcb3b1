package volumes_test

import (
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// buildCounter compiles testdata/counter into a static binary and builds
// an image FROM scratch that runs it, and returns the image's reference.
func buildCounter(t *testing.T, l *lab.Lab) string {
	t.Helper()
	dir := l.Dir(map[string]string{
		"Dockerfile": "FROM scratch\nCOPY counter /counter\nEXPOSE 8080\nENTRYPOINT [\"/counter\"]\n",
	})
	goBin, err := exec.LookPath("go")
	require.NoError(t, err, "the go command builds the counter app")
	build := exec.CommandContext(l.Ctx, goBin, "build", "-ldflags=-s -w", "-o", filepath.Join(dir, "counter"), "./testdata/counter")
	build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	ref := l.ImageRef("counter")
	l.MustDocker(append([]string{"build", "-q", "-t", ref}, dir)...)
	return ref
}

// hit asks the counter app for the next count, retrying while redis is
// not answering yet (it is being recreated or loading its data).
func hit(t *testing.T, url string) string {
	t.Helper()
	var count string
	require.EventuallyWithT(t, func(c *assert.CollectT) {
		resp, err := http.Get(url)
		require.NoError(c, err)
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		require.NoError(c, err)
		require.Equal(c, http.StatusOK, resp.StatusCode, "%s", body)
		count = strings.TrimSpace(string(body))
	}, 45*time.Second, 200*time.Millisecond, "the counter answers on %s", url)
	return count
}

func TestCounterLosesItsCountWithoutAVolumeAndKeepsItWithOne(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	image := buildCounter(t, l)

	// The story of the notes: a user network, redis on it, and the app
	// finding redis by name ("redis" is a network alias here, because
	// container names are global and proofs run side by side).
	net := l.Name("moby-counter")
	l.MustDocker(append(append([]string{"network", "create"}, l.LabelArgs()...), net)...)
	redis := func(name string, opts ...string) string {
		return l.DockerRunDetached(name, append([]string{"--network", net, "--network-alias", "redis"}, append(opts, l.Image(lab.Redis))...)...)
	}
	first := redis("redis-1")
	// --dns 127.0.0.1: should the app ever ask for a name Docker does not
	// know, the question goes to loopback, never to a server outside.
	app := l.DockerRunDetached("app", "--network", net, "--dns", "127.0.0.1", "-p", "127.0.0.1::8080", image)
	url := "http://" + l.MustDocker("port", app, "8080") + "/"
	for _, want := range []string{"1", "2", "3"} {
		require.Equal(t, want, hit(t, url))
	}

	// Without a volume of our own: stop, remove and relaunch redis, as the
	// notes did. The count starts over: "all your mobys are gone".
	anon := mountAt(l, first, "/data")
	assert.Equal(t, "volume", anon.Type, "the redis image's VOLUME /data gave it an anonymous volume")
	removeVolumeLater(t, anon.Name)
	l.MustDocker("stop", first)
	l.MustDocker("rm", first)
	second := redis("redis-2")
	assert.Equal(t, "1", hit(t, url), "a new redis container starts with an empty /data")
	// The old data was not destroyed: it sits in the first container's
	// anonymous volume, which docker rm without -v left behind, orphaned.
	assert.True(t, volumeExists(l, anon.Name), "the old anonymous volume still exists")
	assert.NotEqual(t, anon.Name, mountAt(l, second, "/data").Name, "the new container got a new anonymous volume")
	l.MustDocker("rm", "-f", "-v", second)

	// With a named volume on /data, where redis keeps its data.
	vol := createVolume(l, "redis-data")
	third := redis("redis-3", "-v", vol+":/data")
	for _, want := range []string{"1", "2", "3"} {
		require.Equal(t, want, hit(t, url))
	}
	// docker stop sends SIGTERM: redis saves its data to /data and exits.
	l.MustDocker("stop", third)
	l.MustDocker("rm", third)
	redis("redis-4", "-v", vol+":/data")
	assert.Equal(t, "4", hit(t, url), "the count survives the recreated redis container")
}
