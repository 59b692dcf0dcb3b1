package images_test

import (
	"archive/tar"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rootfsWith writes a tar archive holding one file, name, with content,
// for docker import.
func rootfsWith(t *testing.T, name, content string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "rootfs.tar")
	f, err := os.Create(file)
	require.NoError(t, err)
	tw := tar.NewWriter(f)
	require.NoError(t, tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(content))}))
	_, err = tw.Write([]byte(content))
	require.NoError(t, err)
	require.NoError(t, tw.Close())
	require.NoError(t, f.Close())
	return file
}

// TestPullTakesTheManifestListEntryOfItsPlatform pushes a manifest list
// with one image for the daemon's own architecture and one for another:
// a pull takes the daemon's entry, and --platform the other one.
func TestPullTakesTheManifestListEntryOfItsPlatform(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	registry := l.StartRegistry()
	repo := registry + "/lab/" + l.Name("multi")
	host := l.MustDocker("version", "--format", "{{.Server.Arch}}")
	other := "arm64"
	if host == "arm64" {
		other = "amd64"
	}
	// docker manifest keeps the lists it makes in the client's config
	// directory: one of the test's own.
	env := []string{"DOCKER_CONFIG=" + t.TempDir()}
	manifest := func(args ...string) {
		t.Helper()
		res := l.DockerIn(env, nil, append([]string{"manifest"}, args...)...)
		require.Equal(t, 0, res.Code, "docker manifest %v: %s%s", args, res.Stdout, res.Stderr)
	}

	// One single-layer image per platform, each naming its platform in
	// the file /platform.
	entry := func(arch string) string {
		ref := repo + ":" + arch
		l.ForgetImage(ref)
		l.MustDocker("import", rootfsWith(t, "platform", arch), ref)
		l.Push(ref)
		return ref
	}
	mine, foreign := entry(host), entry(other)
	list := repo + ":multi"
	manifest("create", "--insecure", list, mine, foreign)
	manifest("annotate", "--os", "linux", "--arch", host, list, mine)
	manifest("annotate", "--os", "linux", "--arch", other, list, foreign)
	manifest("push", "--insecure", list)
	l.MustDocker("rmi", mine, foreign)

	// platform reads /platform of the image list names now.
	platform := func() string {
		t.Helper()
		name := l.Name("reader")
		l.MustDocker(append(append([]string{"create", "--name", name}, l.LabelArgs()...), list, "/none")...)
		dst := t.TempDir()
		l.MustDocker("cp", name+":/platform", dst)
		l.MustDocker("rm", name)
		b, err := os.ReadFile(filepath.Join(dst, "platform"))
		require.NoError(t, err)
		return strings.TrimSpace(string(b))
	}
	l.ForgetImage(list)
	l.MustDocker("pull", list)
	assert.Equal(t, host, platform(), "a pull takes the entry of the daemon's own platform")
	l.MustDocker("rmi", list)

	l.MustDocker("pull", "--platform", "linux/"+other, list)
	assert.Equal(t, other, platform(), "--platform takes another entry of the same list")
}
