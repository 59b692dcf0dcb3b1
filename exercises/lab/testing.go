package lab

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/network"
	"github.com/moby/moby/client"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/testcontainers/testcontainers-go"
	tcexec "github.com/testcontainers/testcontainers-go/exec"
	tcnetwork "github.com/testcontainers/testcontainers-go/network"
	"github.com/testcontainers/testcontainers-go/wait"

	"github.com/dockdrill/dockdrill/exercises/lab/provision"
)

// Lab is one proof's view of the Docker engine. Everything it creates is
// labelled with the test and removed when the test ends.
type Lab struct {
	T      testing.TB
	Ctx    context.Context // ends when the test does; cleanups use their own
	Client *client.Client
	run    string

	mu     sync.Mutex
	images []string // image references to remove at the end
}

var shared struct {
	once     sync.Once
	client   *client.Client
	err      error
	version  string
	provider *provision.Provisioner
}

// setDefaultEnv sets what testcontainers needs on a machine like CI's, unless
// the caller chose otherwise: dockdrill cleans up after itself, so it needs
// no reaper container (whose image could not be pulled offline), and
// published ports are reached on 127.0.0.1.
//
// The engine is the one the docker CLI points at, also through its current
// context (useCLIContext); published ports are reached where that engine
// publishes them (hostOverride).
func setDefaultEnv() {
	envOnce.Do(func() {
		provision.UseCLIContext()
		for k, v := range map[string]string{
			"TESTCONTAINERS_RYUK_DISABLED": "true",
			"TESTCONTAINERS_HOST_OVERRIDE": provision.HostOverride(),
		} {
			if _, ok := os.LookupEnv(k); !ok {
				os.Setenv(k, v)
			}
		}
	})
}

var envOnce sync.Once

// connect returns the process's Docker client, or why there is none.
func connect() (*client.Client, error) {
	shared.once.Do(func() {
		setDefaultEnv()
		cli, err := provision.NewClient()
		if err != nil {
			shared.err = err
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		v, err := cli.ServerVersion(ctx, client.ServerVersionOptions{})
		if err != nil {
			cli.Close()
			shared.err = err
			return
		}
		shared.client, shared.version = cli, v.Version
		shared.provider = &provision.Provisioner{
			Client:   cli,
			Progress: os.Stderr,
			Offline:  os.Getenv(EnvOffline) == "1",
		}
		if src, err := provision.SourceClient(); err != nil {
			shared.err = fmt.Errorf("%s: %w", EnvSource, err)
		} else {
			shared.provider.Source = src
		}
	})
	return shared.client, shared.err
}

// RequireDocker skips the test when no Docker engine answers, or fails it
// when DOCKDRILL_REQUIRE_DOCKER=1.
func RequireDocker(t testing.TB) *client.Client {
	t.Helper()
	cli, err := connect()
	if err == nil {
		return cli
	}
	msg := fmt.Sprintf("no Docker engine answers (%v).\n"+
		"This proof runs on a real Docker engine. On a laptop, install Docker Desktop\n"+
		"(https://docs.docker.com/get-started/get-docker/) or Docker Engine on Linux, start it,\n"+
		"check that `docker info` works for your user, and run the proof again.", err)
	if os.Getenv(EnvRequireDocker) == "1" {
		t.Fatalf("%s\n%s=1 is set, so a proof that cannot reach Docker fails.", msg, EnvRequireDocker)
	}
	t.Skip(msg)
	return nil
}

// Begin starts a proof: it requires Docker and registers, before anything
// is created, the cleanup of everything labelled with this test.
func Begin(t testing.TB) *Lab {
	t.Helper()
	cli := RequireDocker(t)
	l := &Lab{T: t, Ctx: t.Context(), Client: cli, run: newRun()}
	t.Cleanup(l.cleanup)
	return l
}

// newID returns n random bytes in hex.
func newID(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// packageName is the proof package of this test binary (go test names it
// <package>.test).
func packageName() string {
	return strings.TrimSuffix(filepath.Base(os.Args[0]), ".test")
}

// Labels returns the labels of everything this test creates.
func (l *Lab) Labels() map[string]string {
	return map[string]string{
		LabelLab:     "true",
		LabelTest:    l.T.Name(),
		LabelRun:     l.run,
		LabelPackage: packageName(),
	}
}

// LabelArgs returns the labels as docker CLI arguments, for
// docker run, create, build, network create and volume create.
func (l *Lab) LabelArgs() []string {
	var args []string
	for k, v := range l.Labels() {
		args = append(args, "--label", k+"="+v)
	}
	return args
}

// RunID returns the id that labels everything this test creates
// (LabelRun), for filters such as docker container prune --filter.
func (l *Lab) RunID() string { return l.run }

// BuildLabelArgs returns the label an untagged docker build gives its
// image: this test's run id, by which the cleanup finds it. A build tagged
// with ImageRef needs no label, since the cleanup removes it by name; and
// labels are not free: the legacy builder turns each into a LABEL step of
// its own, a container commit that costs a second or more.
func (l *Lab) BuildLabelArgs() []string {
	return []string{"--label", LabelRun + "=" + l.run}
}

// RunArgs returns the arguments of a labelled `docker run`: "run", the
// lab's labels, then args (options, the image and its command).
func (l *Lab) RunArgs(args ...string) []string {
	return append(append([]string{"run"}, l.LabelArgs()...), args...)
}

// DockerRunDetached starts a container with the docker CLI, docker run -d
// (contrast Container, testcontainers), named l.Name(name) and labelled,
// and returns that name; args are the docker run options, the image and its
// command. The cleanup removes it with its anonymous volumes.
func (l *Lab) DockerRunDetached(name string, args ...string) string {
	l.T.Helper()
	ctr := l.Name(name)
	l.MustDocker(l.RunArgs(append([]string{"-d", "--name", ctr}, args...)...)...)
	return ctr
}

// pushDigest finds the digest in what docker push printed.
var pushDigest = regexp.MustCompile(`digest: (sha256:[0-9a-f]{64})`)

// Push pushes ref with the docker CLI and returns what it printed and the
// digest the registry gave the image; a push that prints none fails the
// test.
func (l *Lab) Push(ref string) (out, digest string) {
	l.T.Helper()
	out = l.MustDocker("push", ref)
	m := pushDigest.FindStringSubmatch(out)
	require.NotNil(l.T, m, "docker push %s prints the digest: %s", ref, out)
	return out, m[1]
}

// Build writes files (a Dockerfile and its context) into a fresh
// directory, builds it with docker build and extra flags into the image ref
// (from ImageRef, so that the cleanup removes it), and returns the image ID.
func (l *Lab) Build(ref string, files map[string]string, flags ...string) string {
	l.T.Helper()
	args := append([]string{"build", "-q", "-t", ref}, flags...)
	l.MustDocker(append(args, l.Dir(files))...)
	return l.MustDocker("image", "inspect", "--format", "{{.Id}}", ref)
}

// StartRegistry runs a registry container (the registry role) published on
// 127.0.0.1, waits until its API answers, and returns its host:port. Extra
// options, such as an htpasswd file and REGISTRY_AUTH settings, come after
// the defaults and may replace the wait strategy.
func (l *Lab) StartRegistry(opts ...testcontainers.ContainerCustomizer) string {
	l.T.Helper()
	all := append([]testcontainers.ContainerCustomizer{
		testcontainers.WithExposedPorts("5000/tcp"),
		testcontainers.WithWaitStrategy(wait.ForHTTP("/v2/").WithPort("5000/tcp").WithStartupTimeout(60 * time.Second)),
	}, opts...)
	reg := l.Container(l.Image(Registry), all...)
	endpoint, err := reg.PortEndpoint(l.Ctx, "5000/tcp", "")
	require.NoError(l.T, err)
	return endpoint
}

// Name returns a name for a container, network, volume or image that no
// other test uses.
func (l *Lab) Name(s string) string { return "dd-" + l.run + "-" + s }

// Image returns the reference of the image that fulfils role, preparing it
// first if needed.
func (l *Lab) Image(role Role) string {
	l.T.Helper()
	imgs, err := shared.provider.Ensure(l.Ctx, role)
	require.NoError(l.T, err, "lab image for role %s", role)
	return imgs[0].Ref
}

// ImageRef returns a unique reference for an image this test builds, and
// removes that image when the test ends. Its repository is under
// ProofRepository, where lab clean --images finds what an interrupted run
// left.
func (l *Lab) ImageRef(name string) string {
	ref := ProofRepository + strings.ToLower(name) + ":" + l.run
	l.mu.Lock()
	l.images = append(l.images, ref)
	l.mu.Unlock()
	return ref
}

// RemoveImageAtEnd has the image ref, which the test made by other means
// (a tag, a pull), removed when the test ends.
func (l *Lab) RemoveImageAtEnd(ref string) {
	l.mu.Lock()
	l.images = append(l.images, ref)
	l.mu.Unlock()
}

// Container starts a container from image with testcontainers and returns
// its handle (contrast DockerRunDetached, the docker CLI), labelled, with
// every port of the image published on 127.0.0.1 only, and registers its
// removal before returning. It fails the test if the container does not
// start or its wait strategy does not pass.
func (l *Lab) Container(image string, opts ...testcontainers.ContainerCustomizer) *testcontainers.DockerContainer {
	l.T.Helper()
	all := append([]testcontainers.ContainerCustomizer{testcontainers.WithLabels(l.Labels())}, opts...)
	all = append(all, loopbackPorts{})
	ctr, err := testcontainers.Run(l.Ctx, image, all...)
	testcontainers.CleanupContainer(l.T, ctr, testcontainers.StopTimeout(0))
	require.NoError(l.T, err, "start a container from %s", image)
	return ctr
}

// loopbackPorts binds every published port of a request to 127.0.0.1, so a
// proof never opens a port on the machine's other interfaces (on an engine
// reached at an address of another machine: to that address, publishAddr). It runs after
// the proof's own options and keeps their host config modifier.
type loopbackPorts struct{}

func (loopbackPorts) Customize(req *testcontainers.GenericContainerRequest) error {
	prev := req.HostConfigModifier
	ports := append([]string(nil), req.ExposedPorts...)
	if len(ports) == 0 && req.Image != "" {
		// testcontainers publishes the image's own ports when the request
		// names none; bind those to loopback too.
		if cli, err := connect(); err == nil {
			if res, err := cli.ImageInspect(context.Background(), req.Image); err == nil && res.Config != nil {
				for p := range res.Config.ExposedPorts {
					ports = append(ports, p)
				}
			}
		}
	}
	r := req.ContainerRequest
	req.HostConfigModifier = func(hc *container.HostConfig) {
		if prev != nil {
			prev(hc)
		} else {
			// What testcontainers does when no modifier is given.
			hc.AutoRemove, hc.CapAdd, hc.CapDrop, hc.Binds = r.AutoRemove, r.CapAdd, r.CapDrop, r.Binds
			hc.ExtraHosts, hc.NetworkMode, hc.Resources = r.ExtraHosts, r.NetworkMode, r.Resources
			hc.Privileged, hc.ShmSize = r.Privileged, r.ShmSize
		}
		if hc.PortBindings == nil {
			hc.PortBindings = network.PortMap{}
		}
		for _, spec := range ports {
			p, err := network.ParsePort(spec)
			if err != nil {
				continue
			}
			b := hc.PortBindings[p]
			if len(b) == 0 {
				b = []network.PortBinding{{}}
			}
			for i := range b {
				if !b[i].HostIP.IsValid() {
					b[i].HostIP = provision.PublishAddr()
				}
			}
			hc.PortBindings[p] = b
		}
	}
	return nil
}

// Network creates a user-defined network, labelled, and registers its
// removal before returning.
func (l *Lab) Network(opts ...tcnetwork.NetworkCustomizer) *testcontainers.DockerNetwork {
	l.T.Helper()
	opts = append([]tcnetwork.NetworkCustomizer{tcnetwork.WithLabels(l.Labels())}, opts...)
	nw, err := tcnetwork.New(l.Ctx, opts...)
	testcontainers.CleanupNetwork(l.T, nw)
	require.NoError(l.T, err, "create a network")
	return nw
}

// Volume creates a named volume, labelled; the test's cleanup removes it.
func (l *Lab) Volume(name string) string {
	l.T.Helper()
	v, err := l.Client.VolumeCreate(l.Ctx, client.VolumeCreateOptions{Name: l.Name(name), Labels: l.Labels()})
	require.NoError(l.T, err, "create volume %s", l.Name(name))
	return v.Volume.Name
}

// CLIResult is what a docker CLI command printed and how it exited.
type CLIResult struct {
	Stdout, Stderr string
	Code           int
}

// Docker runs the docker CLI with args and returns its output; a command
// that fails is a result, not an error.
func (l *Lab) Docker(args ...string) CLIResult {
	l.T.Helper()
	return l.DockerIn(nil, nil, args...)
}

// DockerIn runs the docker CLI with extra environment and stdin.
func (l *Lab) DockerIn(env []string, stdin io.Reader, args ...string) CLIResult {
	l.T.Helper()
	unlock, err := provision.LockFor(l.Ctx, args)
	require.NoError(l.T, err, "the image lock for docker %s", strings.Join(args, " "))
	defer unlock()
	cmd := exec.CommandContext(l.Ctx, "docker", args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdin = stdin
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	res := CLIResult{Stdout: out.String(), Stderr: errOut.String()}
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			res.Code = ee.ExitCode()
		} else {
			l.T.Fatalf("docker %s: %v", strings.Join(args, " "), err)
		}
	}
	return res
}

// MustDocker runs the docker CLI and fails the test unless it succeeds; it
// returns the trimmed standard output.
func (l *Lab) MustDocker(args ...string) string {
	l.T.Helper()
	res := l.Docker(args...)
	if res.Code != 0 {
		l.T.Fatalf("docker %s: exit %d\n%s%s", strings.Join(args, " "), res.Code, res.Stdout, res.Stderr)
	}
	return strings.TrimSpace(res.Stdout)
}

// Exec runs cmd in a running container and returns its exit code and its
// combined output.
func (l *Lab) Exec(ctr testcontainers.Container, cmd ...string) (int, string) {
	l.T.Helper()
	code, r, err := ctr.Exec(l.Ctx, cmd, tcexec.Multiplexed())
	require.NoError(l.T, err, "exec %v", cmd)
	out, err := io.ReadAll(r)
	require.NoError(l.T, err)
	return code, string(out)
}

// Dir writes files (name to content) into a fresh directory, for a build
// context or a bind mount, and returns its path.
func (l *Lab) Dir(files map[string]string) string {
	l.T.Helper()
	dir := l.T.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		require.NoError(l.T, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(l.T, os.WriteFile(p, []byte(content), 0o644))
	}
	return dir
}

var handedOut sync.Map // ports FreePort gave this process

// FreePort returns a TCP port on 127.0.0.1 that nothing listens on now, for
// a proof about a fixed host port. It draws from 20000-29999, below the
// ephemeral range the kernel hands out for port 0, so that proof packages
// running at the same time rarely draw the same port, and it never gives a
// port twice in one process.
func FreePort(t testing.TB) int {
	t.Helper()
	for range 200 {
		n, err := rand.Int(rand.Reader, big.NewInt(10000))
		require.NoError(t, err)
		port := 20000 + int(n.Int64())
		if _, taken := handedOut.LoadOrStore(port, true); taken {
			continue
		}
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err != nil {
			continue
		}
		ln.Close()
		return port
	}
	t.Fatal("no free port on 127.0.0.1 between 20000 and 29999")
	return 0
}

// HTTPGet polls url until it answers 200 OK within the deadline, and
// returns the body; a server that does not answer in time fails the test.
func HTTPGet(t testing.TB, url string, within time.Duration) string {
	t.Helper()
	var body string
	require.EventuallyWithT(t, func(c *assert.CollectT) {
		resp, err := http.Get(url)
		require.NoError(c, err)
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		require.NoError(c, err)
		require.Equal(c, http.StatusOK, resp.StatusCode, "%s", b)
		body = string(b)
	}, within, 100*time.Millisecond, "%s answers 200 OK", url)
	return body
}

// DockerVersion returns the version of the engine the proofs run on.
func DockerVersion() string {
	connect()
	return shared.version
}

// cleanup removes everything labelled with this test's run id, whatever
// created it: containers (with their anonymous volumes), networks, volumes
// and images.
func (l *Lab) cleanup() {
	// Generous: on a loaded machine removing an image can take long.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	l.mu.Lock()
	images := l.images
	l.mu.Unlock()
	if errs := provision.RemoveLabelled(ctx, l.Client, LabelRun+"="+l.run, images); len(errs) > 0 {
		l.T.Errorf("cleanup of %s: %v", l.T.Name(), errs)
	}
}
