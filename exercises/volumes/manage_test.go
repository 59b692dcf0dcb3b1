package volumes_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestVolumeCreateLsInspectRm(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	vol := createVolume(l, "myvol")

	assert.Equal(t, "local "+vol, l.MustDocker("volume", "ls", "--filter", "name="+vol, "--format", "{{.Driver}} {{.Name}}"))
	var inspected []struct {
		Name, Driver, Mountpoint, Scope string
		Labels                          map[string]string
	}
	require.NoError(t, json.Unmarshal([]byte(l.MustDocker("volume", "inspect", vol)), &inspected))
	require.Len(t, inspected, 1)
	assert.Equal(t, vol, inspected[0].Name)
	assert.Equal(t, "local", inspected[0].Driver)
	assert.Equal(t, "local", inspected[0].Scope)
	assert.Equal(t, "true", inspected[0].Labels[lab.LabelLab])
	assert.Equal(t, "/volumes/"+vol+"/_data", strings.TrimPrefix(inspected[0].Mountpoint, l.MustDocker("info", "--format", "{{.DockerRootDir}}")))

	// The notes create "myvol" but remove "my-vol": that is another
	// volume, which does not exist, and rm says so.
	typo := l.Name("my-vol")
	res := l.Docker("volume", "rm", typo)
	assert.NotEqual(t, 0, res.Code)
	assert.Contains(t, strings.ToLower(res.Stderr), "no such volume")
	assert.True(t, volumeExists(l, vol), "myvol is untouched")

	assert.Equal(t, vol, l.MustDocker("volume", "rm", vol))
	assert.False(t, volumeExists(l, vol), "removed")
	assert.Empty(t, l.MustDocker("volume", "ls", "--quiet", "--filter", "name="+vol))
}

func TestNamedVolumeLivesUnderDockerRootDir(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	vol := createVolume(l, "data")
	ctr := l.StartShell("writer", "-v", vol+":/data")
	mustSh(l, ctr, "echo written-in-container > /data/proof.txt")

	root := l.MustDocker("info", "--format", "{{.DockerRootDir}}")
	mountpoint := l.MustDocker("volume", "inspect", "--format", "{{.Mountpoint}}", vol)
	assert.Equal(t, filepath.Join(root, "volumes", vol, "_data"), mountpoint, "named volumes live in <docker root>/volumes/<name>/_data")
	assert.Equal(t, mountpoint, mountAt(l, ctr, "/data").Source, "the container's mount source is that directory")

	// On a machine where the engine runs locally (not in Docker Desktop's
	// VM) and the test may read Docker's directory, the file is right there.
	if _, err := os.Stat(mountpoint); err != nil {
		t.Logf("the engine's %s is not readable here (%v); checked inspect only", mountpoint, err)
		return
	}
	got, err := os.ReadFile(filepath.Join(mountpoint, "proof.txt"))
	require.NoError(t, err)
	assert.Equal(t, "written-in-container\n", string(got))
}

func TestVolumeRmRefusedWhileInUse(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	vol := createVolume(l, "busy")
	ctr := l.StartShell("user", "-v", vol+":/data")

	res := l.Docker("volume", "rm", vol)
	assert.NotEqual(t, 0, res.Code, "a volume a running container uses is not removed")
	assert.Contains(t, res.Stderr, "volume is in use")

	// A stopped container still uses it.
	l.MustDocker("stop", "-t", "0", ctr)
	res = l.Docker("volume", "rm", vol)
	assert.NotEqual(t, 0, res.Code, "a volume a stopped container uses is not removed either")
	assert.Contains(t, res.Stderr, "volume is in use")
	// And -f does not override that.
	res = l.Docker("volume", "rm", "-f", vol)
	assert.NotEqual(t, 0, res.Code, "docker volume rm -f refuses too")
	assert.Contains(t, res.Stderr, "volume is in use")
	assert.True(t, volumeExists(l, vol))

	// Once the container is removed, the volume can go.
	l.MustDocker("rm", ctr)
	assert.Equal(t, vol, l.MustDocker("volume", "rm", vol))
	assert.False(t, volumeExists(l, vol))
}

func TestVolumePruneRemovesOnlyUnusedVolumes(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	used := createVolume(l, "used")
	unused := createVolume(l, "unused")
	// An anonymous volume, labelled through --mount so that the prune
	// below can be scoped to it, left unused by removing its container
	// without -v.
	scope := lab.LabelRun + "=" + l.RunID()
	ctr := l.DockerRunDetached("anon", "--mount", "type=volume,target=/scratch,volume-label="+scope, l.Image(lab.Shell), "true")
	anon := mountAt(l, ctr, "/scratch").Name
	removeVolumeLater(t, anon)
	l.MustDocker("wait", ctr)
	l.MustDocker("rm", ctr)
	l.StartShell("user", "-v", used+":/data")

	// Never prune anybody else's volumes: only this test's label.
	prune := []string{"volume", "prune", "--force", "--filter", "label=" + scope}
	api := l.MustDocker("version", "--format", "{{.Server.APIVersion}}")
	if apiAtLeast(t, api, 1, 42) {
		// Docker 23+ (API 1.42+): prune takes only anonymous volumes
		// unless --all is given.
		out := l.MustDocker(prune...)
		assert.Contains(t, out, anon)
		assert.True(t, volumeExists(l, unused), "API %s: a named volume is kept without --all", api)
		prune = append(prune, "--all")
	}
	// Docker 20.10 (API 1.41): prune takes every unused volume, named or
	// anonymous. Newer engines do the same with --all.
	l.MustDocker(prune...)
	assert.False(t, volumeExists(l, unused), "the unused named volume is pruned")
	assert.False(t, volumeExists(l, anon), "the unused anonymous volume is pruned")
	assert.True(t, volumeExists(l, used), "a volume a container uses is kept")
}

// apiAtLeast reports whether the API version v (like 1.41) is at least
// major.minor.
func apiAtLeast(t *testing.T, v string, major, minor int) bool {
	t.Helper()
	var ma, mi int
	_, err := fmt.Sscanf(v, "%d.%d", &ma, &mi)
	require.NoError(t, err, "API version %q", v)
	return ma > major || ma == major && mi >= minor
}
