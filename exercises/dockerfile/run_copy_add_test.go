package dockerfile_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/testcontainers/testcontainers-go"
	"github.com/testcontainers/testcontainers-go/wait"
)

func TestRunExecutesAtBuildTimeNotAtContainerStart(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	// RUN appends a line to /log and draws a random build id; CMD appends
	// a line each time a container starts. If RUN ran "on container
	// creation", every container would draw its own id and log RUN again.
	ref := buildFiles(l, "run-build-time", map[string]string{"Dockerfile": from(l, lab.Shell) +
		"RUN echo 'RUN at build' >> /log && cat /proc/sys/kernel/random/uuid > /build-id\n" +
		`CMD ["sh", "-c", "echo 'CMD at start' >> /log && cat /log /build-id"]` + "\n"})

	first := l.Name("first")
	out := strings.Split(l.MustDocker(l.RunArgs("--name", first, ref)...), "\n")
	require.Len(t, out, 3, "%q", out)
	id := out[2]
	assert.Len(t, id, 36, "a uuid")
	assert.Equal(t, []string{"RUN at build", "CMD at start"}, out[:2], "a new container: RUN's line from the image, one CMD line")
	assert.Equal(t, "RUN at build\nCMD at start\nCMD at start\n"+id,
		l.MustDocker("start", "-a", first), "started again, CMD runs again, RUN does not")
	assert.Equal(t, "RUN at build\nCMD at start\n"+id, run(l, ref),
		"another container sees the same id: RUN drew it once, at build time")
}

func TestCopyTakesTheContextFileAtBuildTime(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	dir := l.Dir(map[string]string{
		"Dockerfile": from(l, lab.Shell) + "COPY config.txt /etc/app/config.txt\n",
		"config.txt": "version 1\n",
	})
	ref := buildDir(l, "copy-build-time", dir)

	// Change the file after the build: containers still get the copy the
	// image took; only a new build picks the change up.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "config.txt"), []byte("version 2\n"), 0o644))
	assert.Equal(t, "version 1", run(l, ref, "cat", "/etc/app/config.txt"), "the image holds the file as it was at build time")
	rebuilt := buildDir(l, "copy-rebuilt", dir)
	assert.Equal(t, "version 2", run(l, rebuilt, "cat", "/etc/app/config.txt"), "a rebuild copies the new content")
}

// site returns the files of a small web site, and that site as a tar
// archive.
func site(t *testing.T, marker string) (map[string]string, []byte) {
	t.Helper()
	files := map[string]string{
		"index.html":     "<h1>" + marker + "</h1>\n",
		"css/style.css":  "h1 { color: teal; }\n",
		"img/README.txt": "no images yet\n",
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, name := range names {
		require.NoError(t, tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(files[name])), ModTime: time.Unix(1700000000, 0)}))
		_, err := tw.Write([]byte(files[name]))
		require.NoError(t, err)
	}
	require.NoError(t, tw.Close())
	return files, buf.Bytes()
}

func gzipped(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, err := zw.Write(b)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

func TestAddUnpacksLocalTarButCopyDoesNot(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	_, archive := site(t, "local")
	ref := buildFiles(l, "add-local-tar", map[string]string{
		"Dockerfile": from(l, lab.Shell) +
			"ADD site.tar /add/\n" +
			"ADD site.tar.gz /addgz/\n" +
			"COPY site.tar /copy/\n",
		"site.tar":    string(archive),
		"site.tar.gz": string(gzipped(t, archive)),
	})

	files := strings.Fields(run(l, ref, "sh", "-c", "find /add /addgz /copy -type f | sort && cat /add/index.html"))
	assert.Equal(t, []string{
		"/add/css/style.css", "/add/img/README.txt", "/add/index.html", // ADD unpacked the tar
		"/addgz/css/style.css", "/addgz/img/README.txt", "/addgz/index.html", // and the gzipped tar
		"/copy/site.tar", // COPY copied the archive as a file
		"<h1>local</h1>", // the content of the unpacked index.html
	}, files)
}

func TestAddFromURLStoresTheArchiveWithoutUnpacking(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	_, archive := site(t, l.Name("remote"))

	// The daemon, not the docker CLI, fetches an ADD URL, from its own
	// network namespace. 127.0.0.1 of this test is not necessarily the
	// daemon's (Docker Desktop runs it in a VM), but a container on the
	// default bridge is reachable from the daemon everywhere: serve the tar
	// from a web container and let ADD fetch it from that container's IP.
	web := l.Container(l.Image(lab.Web),
		testcontainers.WithFiles(testcontainers.ContainerFile{
			Reader: bytes.NewReader(archive), ContainerFilePath: "/usr/share/nginx/html/site.tar", FileMode: 0o644,
		}),
		testcontainers.WithExposedPorts("80/tcp"),
		testcontainers.WithWaitStrategy(wait.ForHTTP("/site.tar").WithPort("80/tcp").WithStartupTimeout(patience)))
	ip, err := web.ContainerIP(l.Ctx)
	require.NoError(t, err)
	require.NotEmpty(t, ip)

	ref := buildFiles(l, "add-url", map[string]string{"Dockerfile": from(l, lab.Shell) +
		"ADD http://" + ip + "/site.tar /url/\n"})

	// One container prints the listing, the mode, then the file itself.
	got := l.Docker(l.RunArgs("--rm", ref, "sh", "-c", "find /url -type f && stat -c %a /url/site.tar && cat /url/site.tar")...)
	require.Equal(t, 0, got.Code, got.Stderr)
	listing, content, ok := strings.Cut(got.Stdout, "\n600\n")
	require.True(t, ok, "a file ADDed from a URL gets mode 600: %.200q", got.Stdout)
	assert.Equal(t, "/url/site.tar", listing, "the archive is stored as one file, not unpacked")
	assert.True(t, bytes.Equal(archive, []byte(content)), "the file is the served tar, byte for byte")
}

func TestCopyCannotReachOutsideTheBuildContext(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	parent := l.Dir(map[string]string{
		"outside.txt":         "not in the context\n",
		"context/Dockerfile":  "FROM " + l.Image(lab.Shell) + "\nCOPY ../outside.txt /outside.txt\n",
		"context/inside.txt":  "in the context\n",
		"context/.gitkeep":    "",
		"context/sub/sub.txt": "also in the context\n",
	})
	ref := l.ImageRef("copy-outside")
	res := l.Docker(append([]string{"build", "-q", "-t", ref}, filepath.Join(parent, "context"))...)
	assert.NotEqual(t, 0, res.Code, "the build fails: only the context directory is sent to the daemon\n%s", res.Stderr)
	assert.NotEqual(t, 0, l.Docker("image", "inspect", ref).Code, "no image was tagged")
}
