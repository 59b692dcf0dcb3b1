package arch_test

import (
	"encoding/json"
	"path"
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDaemonKeepsLayersContainersAndVolumesUnderItsDataRoot finds, under
// the Docker Root Dir the daemon reports, a volume's data in volumes/, a
// container's files in containers/<id>/ and its layers in the storage
// driver's folder.
func TestDaemonKeepsLayersContainersAndVolumesUnderItsDataRoot(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	info := strings.Split(l.MustDocker("info", "--format", "{{.DockerRootDir}}|{{.Driver}}|{{.LoggingDriver}}"), "|")
	require.Len(t, info, 3)
	root, driver, logging := info[0], info[1], info[2]
	require.True(t, path.IsAbs(root), "Docker Root Dir %q", root)
	under := func(dir, p string) bool { return strings.HasPrefix(p, path.Join(root, dir)+"/") }

	// A named volume's data: <root>/volumes/<name>/_data.
	vol := l.Volume("data")
	assert.Equal(t, path.Join(root, "volumes", vol, "_data"), l.MustDocker("volume", "inspect", "--format", "{{.Mountpoint}}", vol))

	// A container's own files: <root>/containers/<id>/.
	name := l.Name("files")
	l.MustDocker(l.RunArgs("--name", name, "-v", vol+":/data", l.Image(lab.Shell), "sh", "-c", "echo kept > /data/f; echo layer > /f")...)
	var ctr struct {
		ID             string
		HostnamePath   string
		ResolvConfPath string
		LogPath        string
		GraphDriver    struct {
			Name string
			Data map[string]string
		}
	}
	require.NoError(t, json.Unmarshal([]byte(l.MustDocker("inspect", "--format", "{{json .}}", name)), &ctr))
	containerDir := path.Join(root, "containers", ctr.ID)
	assert.Equal(t, path.Join(containerDir, "hostname"), ctr.HostnamePath)
	assert.Equal(t, path.Join(containerDir, "resolv.conf"), ctr.ResolvConfPath)
	if logging == "json-file" {
		assert.Equal(t, path.Join(containerDir, ctr.ID+"-json.log"), ctr.LogPath, "the json-file log sits with the container")
	}

	// Its layers, the image's and its own writable one, are in the
	// storage driver's folder: <root>/<driver>/.
	assert.Equal(t, driver, ctr.GraphDriver.Name)
	var dirs []string
	for _, v := range ctr.GraphDriver.Data {
		for _, p := range strings.Split(v, ":") { // LowerDir lists several
			if path.IsAbs(p) {
				dirs = append(dirs, p)
			}
		}
	}
	require.NotEmpty(t, dirs, "the %s driver names the directories of the container's layers: %v", driver, ctr.GraphDriver.Data)
	for _, d := range dirs {
		assert.True(t, under(driver, d), "%s is under %s/%s", d, root, driver)
	}
	if upper, ok := ctr.GraphDriver.Data["UpperDir"]; ok {
		assert.NotContains(t, l.MustDocker("image", "inspect", "--format", "{{json .GraphDriver.Data}}", l.Image(lab.Shell)), upper,
			"the container's writable layer is its own, not the image's")
	}
}

// TestSystemDfReportsImagesContainersVolumesAndBuildCache reads docker
// system df: one row per type, and with -v the objects themselves.
func TestSystemDfReportsImagesContainersVolumesAndBuildCache(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	vol := l.Volume("df")
	name := l.Name("df")
	l.MustDocker(l.RunArgs("--name", name, "-v", vol+":/data", l.Image(lab.Shell), "sh", "-c", "head -c 100000 /dev/zero > /data/zeros")...)

	types := l.MustDocker("system", "df", "--format", "{{.Type}}")
	assert.Equal(t, []string{"Images", "Containers", "Local Volumes", "Build Cache"}, strings.Split(types, "\n"))

	// -v lists each image, container and volume with its size.
	verbose := l.MustDocker("system", "df", "-v")
	for _, section := range []string{"Images space usage:", "Containers space usage:", "Local Volumes space usage:", "Build cache usage:"} {
		assert.Contains(t, verbose, section)
	}
	var volumeLine, containerLine string
	for _, line := range strings.Split(verbose, "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		if fields[0] == vol {
			volumeLine = line
		}
		if fields[len(fields)-1] == name {
			containerLine = line
		}
	}
	assert.NotEmpty(t, containerLine, "the container is listed by name:\n%s", verbose)
	require.NotEmpty(t, volumeLine, "the volume is listed by name:\n%s", verbose)
	// VOLUME NAME, LINKS (containers using it), SIZE: 100kB of zeros.
	assert.Equal(t, []string{vol, "1", "100kB"}, strings.Fields(volumeLine))
}
