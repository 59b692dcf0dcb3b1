package containers_test

import (
	"archive/tar"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCpCopiesFilesBothWays(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("app")
	sleeper(t, l, name)
	host := l.Dir(map[string]string{"in.txt": "from the host\n"})

	// Host to container: docker cp SRC CONTAINER:DEST.
	l.MustDocker("cp", filepath.Join(host, "in.txt"), name+":/tmp/")
	res := l.Docker("exec", name, "cat", "/tmp/in.txt")
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Equal(t, "from the host\n", res.Stdout)

	// Container to host: docker cp CONTAINER:SRC DEST.
	l.MustDocker("exec", name, "sh", "-c", "echo from the container > /tmp/out.txt")
	l.MustDocker("cp", name+":/tmp/out.txt", filepath.Join(host, "out.txt"))
	b, err := os.ReadFile(filepath.Join(host, "out.txt"))
	require.NoError(t, err)
	assert.Equal(t, "from the container\n", string(b))

	// docker cp works on a stopped container too, where exec cannot.
	l.MustDocker("stop", "-t", "0", name)
	l.MustDocker("cp", name+":/tmp/in.txt", filepath.Join(host, "back.txt"))
	b, err = os.ReadFile(filepath.Join(host, "back.txt"))
	require.NoError(t, err)
	assert.Equal(t, "from the host\n", string(b), "the round trip keeps the content")
}

func TestCommitMakesAnImageOfTheContainersChanges(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("work")
	l.MustDocker(runArgs(l, []string{"--name", name}, "sh", "-c", "echo hand-made > /note")...)

	ref := l.ImageRef("committed")
	id := l.MustDocker("commit", "--change", `CMD ["cat", "/note"]`, name, ref)
	assert.Regexp(t, `^sha256:[0-9a-f]{64}$`, id, "docker commit prints the new image's ID")

	// The new image has the file and the new default command.
	out := l.MustDocker(append(append([]string{"run", "--rm"}, l.LabelArgs()...), ref)...)
	assert.Equal(t, "hand-made", out)
	// The image the container came from does not.
	res := l.Docker(append(append([]string{"run", "--rm"}, l.LabelArgs()...), l.Image(lab.Shell), "cat", "/note")...)
	assert.NotEqual(t, 0, res.Code, "the original image is unchanged")
}

func TestExportWritesTheContainersFilesystemAsATar(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("work")
	l.MustDocker(runArgs(l, []string{"--name", name}, "sh", "-c", "echo exported > /note")...)

	file := filepath.Join(t.TempDir(), "fs.tar")
	l.MustDocker("export", "-o", file, name)
	f, err := os.Open(file)
	require.NoError(t, err)
	defer f.Close()

	files := map[string]string{}
	tr := tar.NewReader(f)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		var content []byte
		if h.Typeflag == tar.TypeReg {
			content, err = io.ReadAll(tr)
			require.NoError(t, err)
		}
		files[h.Name] = string(content)
	}
	assert.Equal(t, "exported\n", files["note"], "the container's own change is in the tar")
	assert.Contains(t, files, "bin/sh", "and the image's files, flattened into one tree")
	assert.NotContains(t, files, "manifest.json", "a filesystem, not an image: no layers or metadata (that is docker save)")
}
