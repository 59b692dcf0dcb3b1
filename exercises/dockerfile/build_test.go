package dockerfile_test

import (
	"archive/tar"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBuildCacheReusesUnchangedStepsAndRebuildsAfterChangedCopy(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	// Each RUN draws a random id, so a step that really ran again leaves a
	// different file (and layer) behind. The first RUN names this test run
	// so that no other build's cache can answer for it.
	dir := l.Dir(map[string]string{
		"Dockerfile": from(l, lab.Shell) +
			"RUN echo " + l.Name("cache") + " && cat /proc/sys/kernel/random/uuid > /first\n" +
			"COPY app.txt /app.txt\n" +
			"RUN cat /proc/sys/kernel/random/uuid > /after\n",
		"app.txt": "version 1\n",
	})
	v1 := buildDir(l, "cache-v1", dir)
	same := buildDir(l, "cache-same", dir)
	assert.Equal(t, inspectFormat(l, "image", "{{.Id}}", v1), inspectFormat(l, "image", "{{.Id}}", same),
		"nothing changed: every step comes from the cache and the image is the same")

	require.NoError(t, os.WriteFile(filepath.Join(dir, "app.txt"), []byte("version 2\n"), 0o644))
	v2 := buildDir(l, "cache-v2", dir)
	l1, l2 := layers(l, v1), layers(l, v2)
	require.Len(t, l2, len(l1))
	n := len(l1)
	assert.Equal(t, l1[:n-2], l2[:n-2], "the base layers and the first RUN are reused")
	assert.NotEqual(t, l1[n-2], l2[n-2], "the changed COPY makes a new layer")
	assert.NotEqual(t, l1[n-1], l2[n-1], "and every step after it runs again")

	// The ids each RUN drew: /first, then /after.
	ids := func(ref string) []string { return strings.Fields(run(l, ref, "cat", "/first", "/after")) }
	ids1, ids2 := ids(v1), ids(v2)
	require.Len(t, ids1, 2)
	require.Len(t, ids2, 2)
	assert.Equal(t, ids1[0], ids2[0], "the first RUN did not run again")
	assert.NotEqual(t, ids1[1], ids2[1], "the RUN after the changed COPY did")

	fresh := buildDir(l, "cache-none", dir, "--no-cache")
	assert.NotEqual(t, ids2[0], ids(fresh)[0], "--no-cache runs every step again")
}

func TestMultiStageBuildLeavesBuildToolsBehind(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	// The build stage uses a tool (perl) of the big base image; the final
	// stage starts again from the small shell image and copies only the
	// result.
	dir := l.Dir(map[string]string{"Dockerfile": "FROM " + l.Image(lab.Base) + " AS build\n" +
		`RUN mkdir /out && perl -e 'print "made by perl in the build stage\n"' > /out/greeting` + "\n" +
		"FROM " + l.Image(lab.Shell) + "\n" +
		"COPY --from=build /out/greeting /greeting\n" +
		`CMD cat /greeting; command -v perl || echo "no perl here"` + "\n"})

	// --target stops after the named stage: that image has the tool and
	// the artifact. (Naming it also lets the cleanup remove it; the legacy
	// builder would otherwise leave the stage behind as a dangling image.)
	stage := buildDir(l, "multistage-build", dir, "--target", "build")
	assert.Equal(t, "/usr/bin/perl\nmade by perl in the build stage", run(l, stage, "sh", "-c", "command -v perl; cat /out/greeting"),
		"the build stage holds perl and what it made")
	// Without --target the last stage is the image.
	final := buildDir(l, "multistage", dir)
	assert.Equal(t, "made by perl in the build stage\nno perl here", run(l, final),
		"the artifact made it into the final image, the tool that made it did not")

	size := func(ref string) int64 {
		n, err := strconv.ParseInt(inspectFormat(l, "image", "{{.Size}}", ref), 10, 64)
		require.NoError(t, err)
		return n
	}
	finalSize, stageSize := size(final), size(stage)
	assert.Less(t, finalSize*5, stageSize, "the final image (%d bytes) is far smaller than the build stage (%d bytes)", finalSize, stageSize)
	stageLayers := layers(l, stage)
	for _, layer := range layers(l, final) {
		assert.NotContains(t, stageLayers, layer, "no layer of the build stage is in the final image")
	}
}

func TestBuildFileFlagUsesAnotherDockerfile(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	dir := l.Dir(map[string]string{
		"Dockerfile": from(l, lab.Shell) + `CMD ["echo", "built from Dockerfile"]` + "\n",
		"docker/Dockerfile.dev": from(l, lab.Shell) + "COPY app.txt /app.txt\n" +
			`CMD echo "built from docker/Dockerfile.dev"; cat /app.txt` + "\n",
		"app.txt": "the context is still the directory given last\n",
	})
	plain := buildDir(l, "default-file", dir)
	dev := buildDir(l, "other-file", dir, "-f", filepath.Join(dir, "docker", "Dockerfile.dev"))

	assert.Equal(t, "built from Dockerfile", run(l, plain), "without -f, the context's Dockerfile")
	assert.Equal(t, "built from docker/Dockerfile.dev\nthe context is still the directory given last", run(l, dev),
		"with -f, the named file, with the same context")
}

func TestBuildTagNamesTheImage(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	dir := l.Dir(map[string]string{"Dockerfile": from(l, lab.Shell) + "LABEL tagged=" + l.Name("tag") + "\n"})

	// The learner's form: docker image build . --tag name:tag.
	first := l.ImageRef("tagged-v1")
	l.MustDocker([]string{"image", "build", dir, "--tag", first}...)
	// One build may give several names with repeated -t.
	second, third := l.ImageRef("tagged-v2"), l.ImageRef("tagged-latest")
	l.MustDocker(append([]string{"build", "-t", second, "-t", third}, dir)...)

	id := inspectFormat(l, "image", "{{.Id}}", first)
	assert.Equal(t, id, inspectFormat(l, "image", "{{.Id}}", second), "same content, same image")
	assert.Equal(t, id, inspectFormat(l, "image", "{{.Id}}", third), "two -t give two names to one image")
	repo, tag, _ := strings.Cut(first, ":")
	assert.Equal(t, repo+" "+tag, l.MustDocker("images", repo, "--format", "{{.Repository}} {{.Tag}}"),
		"docker images lists the repository and tag")
}

func TestBuildWithoutTagLeavesADanglingImage(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	dir := l.Dir(map[string]string{"Dockerfile": from(l, lab.Shell) + "LABEL untagged=" + l.Name("untagged") + "\n"})

	// docker build . with no -t: the image exists, by ID only.
	id := l.MustDocker(append(append([]string{"build", "-q"}, l.BuildLabelArgs()...), dir)...)
	l.RemoveImageAtEnd(id)
	require.Regexp(t, "^sha256:[0-9a-f]{64}$", id, "docker build -q prints the new image's ID")
	assert.Equal(t, "[]", inspectFormat(l, "image", "{{json .RepoTags}}", id), "it has no name")

	runID := l.RunID()
	listed := l.MustDocker("images", "--filter", "dangling=true", "--filter", "label="+lab.LabelRun+"="+runID,
		"--format", "{{.Repository}}:{{.Tag}} {{.ID}}")
	assert.Equal(t, "<none>:<none> "+strings.TrimPrefix(id, "sha256:")[:12], listed, "docker images shows it as <none>, dangling")
}

// staticHello compiles a tiny static Linux program for the daemon's
// architecture into dir, for an image that has nothing else.
func staticHello(t *testing.T, l *lab.Lab, dir string) {
	t.Helper()
	src := filepath.Join(t.TempDir(), "main.go")
	require.NoError(t, os.WriteFile(src, []byte("package main\n\nimport \"os\"\n\nfunc main() { os.Stdout.WriteString(\"hello from scratch\\n\") }\n"), 0o644))
	arch := l.MustDocker("version", "--format", "{{.Server.Arch}}")
	cmd := exec.CommandContext(l.Ctx, "go", "build", "-trimpath", "-o", filepath.Join(dir, "hello"), src)
	cmd.Dir = filepath.Dir(src)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH="+arch, "GOFLAGS=", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
}

func TestFromScratchImageHoldsOnlyWhatIsCopied(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	dir := l.Dir(map[string]string{"Dockerfile": "FROM scratch\nCOPY hello /hello\n" + `CMD ["/hello"]` + "\n"})
	staticHello(t, l, dir)
	ref := buildDir(l, "scratch", dir)

	assert.Equal(t, "hello from scratch", run(l, ref), "a static program needs nothing else")
	assert.Len(t, layers(l, ref), 1, "one layer: the COPY; scratch itself adds none")

	// The container's whole filesystem: the program, and what Docker
	// itself puts into every container (mount points, /etc/hosts, ...).
	ctr := l.Name("scratch")
	l.MustDocker(append(append([]string{"create", "--name", ctr}, l.LabelArgs()...), ref)...)
	exported := l.Docker("export", ctr)
	require.Equal(t, 0, exported.Code, exported.Stderr)
	var entries []string
	tr := tar.NewReader(strings.NewReader(exported.Stdout))
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		entries = append(entries, strings.TrimSuffix(h.Name, "/"))
	}
	assert.Contains(t, entries, "hello")
	docker := map[string]bool{".dockerenv": true, "dev": true, "etc": true, "proc": true, "sys": true, "hello": true}
	for _, e := range entries {
		top, _, _ := strings.Cut(e, "/")
		assert.True(t, docker[top], "only the program and Docker's own entries (no /bin/sh): found %s", e)
	}
}

func TestDeletingInALaterRunDoesNotShrinkTheImage(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	const blob = 4 << 20
	fill := fmt.Sprintf("head -c %d /dev/urandom > /blob", blob)
	split := buildFiles(l, "split-runs", map[string]string{"Dockerfile": from(l, lab.Shell) +
		"RUN " + fill + "\n" +
		"RUN rm /blob\n"})
	joined := buildFiles(l, "joined-run", map[string]string{"Dockerfile": from(l, lab.Shell) +
		"RUN " + fill + " && rm /blob\n"})

	size := func(ref string) int64 {
		n, err := strconv.ParseInt(inspectFormat(l, "image", "{{.Size}}", ref), 10, 64)
		require.NoError(t, err)
		return n
	}
	assert.GreaterOrEqual(t, size(split)-size(joined), int64(blob),
		"the later RUN hides the file, yet the image still carries it in the first RUN's layer; deleting in the same RUN keeps it out")
}

func TestBuiltWebImageServesCopiedPage(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	// The notes' apache-php example, on the web role: a server image,
	// a label, the site copied in, then run detached with a published port.
	page := "<h1>" + l.Name("page") + "</h1>\n"
	ref := buildFiles(l, "web", map[string]string{
		"Dockerfile": from(l, lab.Web) +
			`LABEL description="A web server with our page"` + "\n" +
			"COPY index.html /usr/share/nginx/html/index.html\n",
		"index.html": page,
	})
	port := lab.FreePort(t)
	l.DockerRunDetached("web", "-p", fmt.Sprintf("127.0.0.1:%d:80", port), ref)

	body := lab.HTTPGet(t, fmt.Sprintf("http://127.0.0.1:%d/", port), patience)
	assert.Equal(t, page, body, "the page COPY put into the image")
	assert.Contains(t, inspectFormat(l, "image", "{{json .Config.Labels}}", ref), "A web server with our page")
}
