package images_test

import (
	"archive/tar"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tarNames lists the entries of a tar file, without a leading ./ or /.
func tarNames(t *testing.T, file string) []string {
	t.Helper()
	f, err := os.Open(file)
	require.NoError(t, err)
	defer f.Close()
	var names []string
	tr := tar.NewReader(f)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return names
		}
		require.NoError(t, err)
		names = append(names, strings.TrimPrefix(strings.TrimPrefix(h.Name, "./"), "/"))
	}
}

func TestImportMakesASingleLayerImageWithoutTheContainersConfig(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	ref := l.ImageRef("layered")
	id := build(t, l, ref, l.Name("stamp"), "ENV GREETING=hello", "RUN echo built > /built", `CMD ["sleep", "42"]`)
	layers := func(ref string) string {
		return l.MustDocker("image", "inspect", "--format", "{{len .RootFS.Layers}}", ref)
	}
	require.NotEqual(t, "1", layers(ref))

	// A container adds a file to its layer and one to a volume.
	name := l.Name("exported")
	l.MustDocker(l.RunArgs("--name", name, "-v", "/vol", ref, "sh", "-c", "echo added > /added; echo kept > /vol/data")...)
	archive := filepath.Join(t.TempDir(), "rootfs.tar")
	l.MustDocker("export", "-o", archive, name)
	names := tarNames(t, archive)
	assert.Subset(t, names, []string{"stamp", "built", "added"}, "the image's files and the container's own")
	assert.NotContains(t, names, "vol/data", "a volume is not part of the container's filesystem")

	// import: one layer, a new ID, no configuration.
	flat := l.ImageRef("flat")
	l.MustDocker("import", archive, flat)
	assert.Equal(t, "1", layers(flat))
	assert.NotEqual(t, id, imageID(t, l, flat))
	assert.Equal(t, "null", l.MustDocker("image", "inspect", "--format", "{{json .Config.Cmd}}", flat), "no CMD")
	assert.NotContains(t, l.MustDocker("image", "inspect", "--format", "{{json .Config.Env}}", flat), "GREETING", "no ENV")
	assert.Equal(t, "added\nbuilt", l.MustDocker(l.RunArgs("--rm", flat, "cat", "/added", "/built")...))

	// --change gives instructions back.
	withCmd := l.ImageRef("flatcmd")
	l.MustDocker("import", "--change", `CMD ["cat", "/stamp"]`, archive, withCmd)
	assert.Equal(t, l.Name("stamp"), l.MustDocker(l.RunArgs("--rm", withCmd)...))
}

func TestCommitKeepsFileChangesButNotVolumesAndAppliesChange(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("committed")
	l.MustDocker(l.RunArgs("--name", name, "-v", "/data", l.Image(lab.Shell), "sh", "-c",
		"echo setting=1 > /etc/app.conf; echo rows > /data/db")...)
	ref := l.ImageRef("commit")
	l.MustDocker("commit", "--change", `CMD ["cat", "/etc/app.conf"]`, name, ref)

	assert.Equal(t, `["cat","/etc/app.conf"]`, l.MustDocker("image", "inspect", "--format", "{{json .Config.Cmd}}", ref))
	assert.Equal(t, "setting=1", l.MustDocker(l.RunArgs("--rm", ref)...), "the file change, and the CMD from --change")
	assert.Equal(t, "no /data/db", l.MustDocker(l.RunArgs("--rm", ref, "sh", "-c", "test -e /data/db && echo /data/db || echo no /data/db")...),
		"the volume's data is not in the image")
}
