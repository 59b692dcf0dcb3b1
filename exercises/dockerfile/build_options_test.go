package dockerfile_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCopyChownSetsTheOwnerOfCopiedFiles(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	ref := build(l, "chown", map[string]string{
		"owned.txt": "owned\n",
		"plain.txt": "plain\n",
		"Dockerfile": from(l, lab.Shell) +
			"COPY --chown=1234:2345 owned.txt /owned.txt\n" +
			"COPY plain.txt /plain.txt\n",
	})
	out := run(l, ref, "stat", "-c", "%n %u:%g", "/owned.txt", "/plain.txt")
	assert.Equal(t, "/owned.txt 1234:2345\n/plain.txt 0:0", out,
		"--chown sets the owner as the file is written; without it COPY makes root the owner, whoever owns it in the context")
}

func TestCopyChmodNeedsBuildKit(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	dir := l.Dir(map[string]string{
		"run.sh":     "#!/bin/sh\necho hi\n",
		"Dockerfile": from(l, lab.Shell) + "COPY --chmod=755 run.sh /usr/local/bin/\n",
	})
	// DOCKER_BUILDKIT=0 picks the classic builder on every engine.
	res := l.DockerIn([]string{"DOCKER_BUILDKIT=0"}, nil, "build", "-q", "-t", l.ImageRef("chmod"), dir)
	assert.NotEqual(t, 0, res.Code, "the classic builder refuses COPY --chmod")
	assert.Contains(t, res.Stdout+res.Stderr, "--chmod option requires BuildKit")
}

func TestPredefinedProxyArgNeedsNoArgAndStaysOutOfHistory(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	const proxy = "http://proxy.invalid:3128"
	ref := build(l, "proxy", map[string]string{"Dockerfile": from(l, lab.Shell) +
		"ARG DECLARED\n" +
		`RUN echo "$HTTP_PROXY" > /proxy && echo "$DECLARED" > /declared` + "\n"},
		"--build-arg", "HTTP_PROXY="+proxy, "--build-arg", "DECLARED=in-history")

	assert.Equal(t, proxy, run(l, ref, "cat", "/proxy"), "RUN sees HTTP_PROXY without an ARG line")
	history := l.MustDocker("history", "--no-trunc", "--format", "{{.CreatedBy}}", ref)
	assert.Contains(t, history, "DECLARED=in-history", "a declared build argument shows in docker history")
	assert.NotContains(t, history, "proxy.invalid", "the predefined proxy argument does not")
	assert.NotContains(t, run(l, ref, "env"), "HTTP_PROXY", "containers of the image do not inherit it")
}

func TestBuildFromStdinHasNoContextButATarballIsOne(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	copying := from(l, lab.Shell) + "COPY app.txt /app.txt\n"

	// A Dockerfile on stdin: the build runs, but without any context.
	ref := l.ImageRef("stdin")
	res := l.DockerIn(nil, strings.NewReader(from(l, lab.Shell)+"RUN echo built > /built\n"), "build", "-q", "-t", ref, "-")
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Equal(t, "built", run(l, ref, "cat", "/built"))
	res = l.DockerIn(nil, strings.NewReader(copying), "build", "-q", "-t", l.ImageRef("stdin-copy"), "-")
	assert.NotEqual(t, 0, res.Code, "COPY finds no file: there is no context")

	// A gzipped tar on stdin is the whole context, Dockerfile at its root.
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, f := range []struct{ name, body string }{{"Dockerfile", copying}, {"app.txt", "from the tarball\n"}} {
		require.NoError(t, tw.WriteHeader(&tar.Header{Name: f.name, Mode: 0o644, Size: int64(len(f.body))}))
		_, err := tw.Write([]byte(f.body))
		require.NoError(t, err)
	}
	require.NoError(t, tw.Close())
	require.NoError(t, gz.Close())
	ref = l.ImageRef("tarball")
	res = l.DockerIn(nil, &buf, "build", "-q", "-t", ref, "-")
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Equal(t, "from the tarball", run(l, ref, "cat", "/app.txt"), "COPY reads from the tarball's files")
}

func TestBuildLabelFlagLabelsTheImage(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	ref := build(l, "labelflag", map[string]string{"Dockerfile": from(l, lab.Shell) + "CMD [\"true\"]\n"},
		"--label", "git-sha=3f2c1a")
	var labels map[string]string
	inspectJSON(l, "image", ".Config.Labels", ref, &labels)
	assert.Equal(t, "3f2c1a", labels["git-sha"], "docker build --label labels the image")
	listed := l.MustDocker("images", "--filter", "label=git-sha=3f2c1a", "--filter", "reference="+ref,
		"--format", "{{.Repository}}:{{.Tag}}")
	assert.Equal(t, ref, listed, "docker images --filter label= finds it")
}
