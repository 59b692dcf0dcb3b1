package arch_test

import (
	"crypto/sha256"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestVfsStoresEveryLayerAsAFullCopy(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	e := l.SharedEngine()
	require.Equal(t, "vfs", e.MustDocker("info", "--format", "{{.Driver}}"))
	shell := e.Load(lab.Shell)

	// A second layer on the shell image that adds one small file.
	ctr, ref := l.Name("vfs"), l.Name("vfs")+":two"
	e.MustDocker("run", "--name", ctr, "--network", "none", shell, "sh", "-c", "echo one > /note")
	e.MustDocker("commit", ctr, ref)
	layers := strings.Fields(e.MustDocker("image", "inspect", "--format", `{{range .RootFS.Layers}}{{.}} {{end}}`, ref))
	base := strings.Fields(e.MustDocker("image", "inspect", "--format", `{{range .RootFS.Layers}}{{.}} {{end}}`, shell))
	require.Len(t, layers, len(base)+1)

	// The engine finds a layer's files by its chain ID: layerdb keeps the
	// layer's own size (its diff) and the driver's directory (cache-id).
	chain := layers[0]
	for _, d := range layers[1:] {
		chain = fmt.Sprintf("sha256:%x", sha256.Sum256([]byte(chain+" "+d)))
	}
	below := base[0]
	for _, d := range base[1:] {
		below = fmt.Sprintf("sha256:%x", sha256.Sum256([]byte(below+" "+d)))
	}
	read := func(path string) string {
		res := e.Sh("cat " + path)
		require.Equal(t, 0, res.Code, res.Stderr)
		return strings.TrimSpace(res.Stdout)
	}
	db := "/var/lib/docker/image/vfs/layerdb/"
	top := "/var/lib/docker/vfs/dir/" + read(db+"sha256/"+strings.TrimPrefix(chain, "sha256:")+"/cache-id")
	bottom := "/var/lib/docker/vfs/dir/" + read(db+"sha256/"+strings.TrimPrefix(below, "sha256:")+"/cache-id")
	id := e.MustDocker("inspect", "--format", "{{.Id}}", ctr)
	rw := "/var/lib/docker/vfs/dir/" + read(db+"mounts/"+id+"/mount-id")
	diff, err := strconv.Atoi(read(db + "sha256/" + strings.TrimPrefix(chain, "sha256:") + "/size"))
	require.NoError(t, err)
	assert.Less(t, diff, 4096, "the new layer's own change is one small file")

	// One du counts a hard-linked file once: a layer that shared its files
	// with the one below would add next to nothing. Under vfs the new
	// layer's directory and the container's writable layer are each as
	// big as the whole image below them.
	res := e.Sh("du -sk " + bottom + " " + top + " " + rw)
	require.Equal(t, 0, res.Code, res.Stderr)
	var kb []int
	for _, line := range strings.Split(strings.TrimSpace(res.Stdout), "\n") {
		n, err := strconv.Atoi(strings.Fields(line)[0])
		require.NoError(t, err, line)
		kb = append(kb, n)
	}
	require.Len(t, kb, 3, res.Stdout)
	assert.Greater(t, kb[0], 100, "the base layer holds the shell")
	assert.GreaterOrEqual(t, kb[1], kb[0], "the committed layer is a full copy of its base, not its %d-byte change", diff)
	assert.GreaterOrEqual(t, kb[2], kb[0], "the container's writable layer is a full copy too")
	assert.Equal(t, "one", read(top+"/note"), "the copy carries the change")
	res = e.Sh("ls " + bottom + "/note")
	assert.NotEqual(t, 0, res.Code, "the base layer is untouched")
	ino := e.Sh("stat -c %i " + bottom + "/bin/busybox " + top + "/bin/busybox")
	require.Equal(t, 0, ino.Code, ino.Stderr)
	inodes := strings.Fields(ino.Stdout)
	require.Len(t, inodes, 2)
	assert.NotEqual(t, inodes[0], inodes[1], "each layer has its own copy of the same file")
	t.Logf("du -sk: base %d KiB, committed layer %d KiB (diff %d bytes), container layer %d KiB", kb[0], kb[1], diff, kb[2])
}
