package dockerfile_test

import (
	"context"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/moby/moby/client"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mount is one entry of a container's Mounts.
type mount struct{ Type, Name, Source, Destination string }

// anonymousVolume returns the one mount of ctr, which must be a volume at
// dest, and makes sure the volume is removed at the end of the test even
// if the proof fails before it removes it: anonymous volumes carry no
// label of the lab.
func anonymousVolume(t *testing.T, l *lab.Lab, ctr, dest string) mount {
	t.Helper()
	var mounts []mount
	inspectJSON(l, "container", ".Mounts", ctr, &mounts)
	require.Len(t, mounts, 1, "%v", mounts)
	m := mounts[0]
	t.Cleanup(func() {
		// The test's context is over by now; the cleanup has its own.
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		l.Client.VolumeRemove(ctx, m.Name, client.VolumeRemoveOptions{Force: true})
	})
	assert.Equal(t, "volume", m.Type)
	assert.Equal(t, dest, m.Destination)
	assert.Regexp(t, "^[0-9a-f]{64}$", m.Name, "an anonymous volume has a generated name")
	return m
}

func TestVolumeInstructionCreatesAnAnonymousVolume(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	ref := buildFiles(l, "volume", map[string]string{"Dockerfile": from(l, lab.Shell) +
		"RUN mkdir /data && echo 'from the image' > /data/seed\n" +
		"VOLUME /data\n" +
		`CMD ["sleep", "300"]` + "\n"})

	var volumes map[string]struct{}
	inspectJSON(l, "image", ".Config.Volumes", ref, &volumes)
	assert.Equal(t, map[string]struct{}{"/data": {}}, volumes, "the image records the mount point")

	ctr := l.DockerRunDetached("volume", ref)
	vol := anonymousVolume(t, l, ctr, "/data")
	assert.Equal(t, "from the image", l.MustDocker("exec", ctr, "cat", "/data/seed"), "a new volume is filled from the image's /data")

	// Data written to the volume survives a restart of the container.
	l.MustDocker("exec", ctr, "sh", "-c", "echo written > /data/new")
	l.MustDocker("restart", "-t", "0", ctr)
	assert.Equal(t, "written", l.MustDocker("exec", ctr, "cat", "/data/new"))
	assert.Equal(t, vol, anonymousVolume(t, l, ctr, "/data"), "the same volume after the restart")

	// A second container gets a volume of its own, not the first one's.
	other := l.DockerRunDetached("other", ref)
	otherVol := anonymousVolume(t, l, other, "/data")
	assert.NotEqual(t, vol.Name, otherVol.Name)
	assert.NotEqual(t, 0, l.Docker("exec", other, "cat", "/data/new").Code, "the other volume lacks the first one's data")

	// docker rm without -v leaves the anonymous volume behind, dangling;
	// docker rm -v removes it with the container.
	l.MustDocker("rm", "-f", other)
	assert.Equal(t, 0, l.Docker("volume", "inspect", otherVol.Name).Code, "rm without -v keeps the volume")
	l.MustDocker("rm", "-f", "-v", ctr)
	assert.NotEqual(t, 0, l.Docker("volume", "inspect", vol.Name).Code, "rm -v removes it")
}
