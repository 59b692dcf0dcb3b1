package volumes_test

import (
	"regexp"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// anonymousName is what an anonymous volume is called: 64 hex digits.
var anonymousName = regexp.MustCompile(`^[0-9a-f]{64}$`)

func TestVolumeInstructionAndDashVCreateAnonymousVolumes(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	image := l.Image(lab.Redis)
	assert.Equal(t, `{"/data":{}}`, l.MustDocker("image", "inspect", "--format", "{{json .Config.Volumes}}", image), "the redis image declares VOLUME /data")

	// Nothing mounted on /data by the run: Docker creates an anonymous
	// volume there anyway, because the image asks for one. Each container
	// gets a new one.
	first := l.DockerRunDetached("redis-1", image)
	second := l.DockerRunDetached("redis-2", image)
	m1, m2 := mountAt(l, first, "/data"), mountAt(l, second, "/data")
	for _, m := range []Mount{m1, m2} {
		assert.Equal(t, "volume", m.Type)
		assert.Regexp(t, anonymousName, m.Name, "an anonymous volume has a random 64-hex name")
		assert.True(t, volumeExists(l, m.Name), "docker volume ls lists it like any volume")
	}
	assert.NotEqual(t, m1.Name, m2.Name, "every container gets its own anonymous volume")

	// -v with only a container path does the same for any path.
	ctr := l.StartShell("cache", "-v", "/cache")
	m := mountAt(l, ctr, "/cache")
	assert.Equal(t, "volume", m.Type)
	assert.Regexp(t, anonymousName, m.Name)
	assert.True(t, m.RW)
}

func TestRunRmRemovesAnonymousButNotNamedVolumes(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	named := createVolume(l, "keep")
	ctr := l.StartShell("temp", "--rm", "-v", named+":/keep", "-v", "/scratch")
	anon := mountAt(l, ctr, "/scratch").Name
	require.Regexp(t, anonymousName, anon)
	removeVolumeLater(t, anon)
	mustSh(l, ctr, "echo kept > /keep/f && echo lost > /scratch/f")

	// sleep as PID 1 ignores SIGTERM: kill it; --rm then removes the
	// container and, with it, its anonymous volumes.
	l.MustDocker("kill", ctr)
	require.Eventually(t, func() bool { return l.Docker("container", "inspect", ctr).Code != 0 },
		30*time.Second, 250*time.Millisecond, "--rm removes the container when it exits")
	require.Eventually(t, func() bool { return !volumeExists(l, anon) },
		30*time.Second, 250*time.Millisecond, "--rm removes the anonymous volume")
	assert.True(t, volumeExists(l, named), "a named volume is never removed with a container")
	out := l.MustDocker(append(append([]string{"run", "--rm"}, l.LabelArgs()...), "-v", named+":/keep", l.Image(lab.Shell), "cat", "/keep/f")...)
	assert.Equal(t, "kept", out, "with its data")
}

func TestRmDashVRemovesAnonymousVolumes(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	named := createVolume(l, "named")
	plain := l.StartShell("plain", "-v", "/scratch")
	withV := l.StartShell("with-v", "-v", "/scratch", "-v", named+":/named")
	plainVol, withVVol := mountAt(l, plain, "/scratch").Name, mountAt(l, withV, "/scratch").Name
	removeVolumeLater(t, plainVol)
	removeVolumeLater(t, withVVol)

	// docker rm leaves the anonymous volume behind, orphaned ("dangling").
	l.MustDocker("rm", "-f", plain)
	assert.True(t, volumeExists(l, plainVol), "docker rm keeps the anonymous volume")
	dangling := l.MustDocker("volume", "ls", "--quiet", "--filter", "dangling=true")
	assert.Contains(t, dangling, plainVol, "it is dangling: no container uses it")

	// docker rm -v removes it with the container, but not a named one.
	l.MustDocker("rm", "-f", "-v", withV)
	assert.False(t, volumeExists(l, withVVol), "docker rm -v removes the anonymous volume")
	assert.True(t, volumeExists(l, named), "docker rm -v keeps named volumes")
}
