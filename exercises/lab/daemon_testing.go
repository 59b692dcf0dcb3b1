package lab

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/moby/moby/client"

	"github.com/dockdrill/dockdrill/exercises/lab/provision"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Engine is a Docker engine of the lab's own: the daemon role running in a
// container of the engine the proofs use. It listens on its unix socket and
// with TLS on port 2376, published on 127.0.0.1 only; the certificate
// authority, the server's and a client's certificates are made for it alone
// and removed with it. A proof may restart it, configure it with a
// daemon.json, put it in swarm mode: the learner's engine is never touched.
type Engine struct {
	// Name is the engine's container on the outer engine.
	Name string
	// Network is the outer engine's network the engine's container is on,
	// labelled like everything of the test; IP is its address there.
	Network, IP string
	// CertDir holds ca.pem, cert.pem and key.pem, the client side of the
	// engine's TLS, as DOCKER_CERT_PATH expects them.
	CertDir string

	l *Lab // the test that uses it

	mu     sync.Mutex
	host   string          // tcp://127.0.0.1:PORT, read again after a restart
	loaded map[string]bool // images loaded into it
	shared bool
}

// EngineOption configures an engine before it starts.
type EngineOption func(*engineConfig)

type engineConfig struct {
	storageDriver string
	daemonJSON    map[string]any
	args          []string
	userns        bool
}

// WithDaemonJSON writes settings to the engine's /etc/docker/daemon.json.
// They must not repeat what the lab passes as flags (hosts, tls settings,
// storage-driver, dns): dockerd refuses a setting given both ways.
func WithDaemonJSON(settings map[string]any) EngineOption {
	return func(c *engineConfig) { c.daemonJSON = settings }
}

// WithStorageDriver starts dockerd with --storage-driver=driver. Without
// it dockerd picks its own: overlay2 on the ext4 of the engine's volume,
// which copies nothing per layer or container (vfs copies a whole image
// for each); a data root inside the container's own root filesystem
// needs vfs.
func WithStorageDriver(driver string) EngineOption {
	return func(c *engineConfig) { c.storageDriver = driver }
}

// WithDockerdArgs passes more flags to dockerd.
func WithDockerdArgs(args ...string) EngineOption {
	return func(c *engineConfig) { c.args = append(c.args, args...) }
}

// WithUsernsSupport lets the engine start containers in a user namespace
// of their own, as userns-remap does. Without --privileged, runc in the
// engine fails twice: opening the new container's mount namespace
// (/proc/PID/ns/mnt) to hand it the bind mounts' sources needs
// CAP_SYS_PTRACE ("failed to get container mount namespace: permission
// denied", which dockerd reports as "can't get final child's PID from
// pipe"); and the kernel lets a user namespace mount proc and sysfs only
// where a mount of them is fully visible, which the engine container's
// masked /proc and /sys paths are not. So the engine's container gets
// --cap-add SYS_PTRACE and --security-opt systempaths=unconfined, which
// also makes its /proc/sys writable: only engines that need it get them.
func WithUsernsSupport() EngineOption {
	return func(c *engineConfig) { c.userns = true }
}

// engineFlags are the settings the lab gives every engine as dockerd flags.
var engineFlags = []string{"hosts", "tls", "tlsverify", "tlscacert", "tlscert", "tlskey", "storage-driver", "dns"}

// Engine starts a fresh engine for this test and waits until it answers
// over TLS. The test's cleanup removes it with its storage.
func (l *Lab) Engine(opts ...EngineOption) *Engine {
	l.T.Helper()
	var cfg engineConfig
	for _, o := range opts {
		o(&cfg)
	}
	e := startEngine(l, l.Labels(), l.run, l.T.TempDir(), cfg)
	return e
}

var sharedEngine struct {
	mu  sync.Mutex
	e   *Engine
	dir string
}

// SharedEngine returns this test process's shared engine, started by the
// first test that asks and removed when the package's tests end, for claims
// that only read its state or make what no other proof looks at. A proof
// that restarts or reconfigures an engine takes its own (Lab.Engine).
func (l *Lab) SharedEngine() *Engine {
	l.T.Helper()
	sharedEngine.mu.Lock()
	defer sharedEngine.mu.Unlock()
	if sharedEngine.e == nil {
		dir, err := os.MkdirTemp("", "dockdrill-engine-")
		require.NoError(l.T, err)
		run := newRun()
		labels := map[string]string{LabelLab: "true", LabelTest: "shared-engine", LabelRun: run, LabelPackage: packageName()}
		// The engine outlives the test that starts it: it works with the
		// process's context and is removed at the end of the package.
		owner := &Lab{T: l.T, Ctx: context.WithoutCancel(l.Ctx), Client: l.Client, run: run}
		// vfs: the proof that vfs copies every layer reads this engine's
		// layers, and the claims made here use the small shell image.
		e := startEngine(owner, labels, run, dir, engineConfig{storageDriver: "vfs"})
		e.shared = true
		sharedEngine.e, sharedEngine.dir = e, dir
		atExit(func() {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			provision.RemoveLabelled(ctx, l.Client, LabelRun+"="+run, nil)
			os.RemoveAll(dir)
		})
	}
	s := sharedEngine.e
	return &Engine{Name: s.Name, Network: s.Network, IP: s.IP, CertDir: s.CertDir, l: l, host: s.Host(), loaded: s.loaded, shared: true}
}

var exitHooks struct {
	mu  sync.Mutex
	fns []func()
}

// atExit registers what Main does after the package's tests, before it
// looks for leftovers.
func atExit(fn func()) {
	exitHooks.mu.Lock()
	exitHooks.fns = append(exitHooks.fns, fn)
	exitHooks.mu.Unlock()
}

func runExitHooks() {
	exitHooks.mu.Lock()
	fns := exitHooks.fns
	exitHooks.fns = nil
	exitHooks.mu.Unlock()
	for _, fn := range fns {
		fn()
	}
}

var privileged struct {
	once sync.Once
	ok   bool
}

// privilegedAllowed reports whether the outer engine starts --privileged
// containers; some (rootless ones, or engines in restricted sandboxes) refuse
// with "unable to apply caps". It asks once per process.
func privilegedAllowed(l *Lab) bool {
	privileged.once.Do(func() {
		name := l.Name("privileged-probe")
		res := l.Docker(l.RunArgs("--rm", "--name", name, "--privileged", "--network", "none", l.Image(Shell), "true")...)
		privileged.ok = res.Code == 0
		l.Docker("rm", "-f", name)
	})
	return privileged.ok
}

// engineSubnet returns a /24 for the engine's network in 10.150.0.0 to
// 10.199.255.0, drawn from the run id and salt (the networks proofs use
// 10.200 and up).
func engineSubnet(run string, salt int) (cidr, ip string) {
	h := sha256.Sum256([]byte(fmt.Sprintf("%s/%d", run, salt)))
	prefix := fmt.Sprintf("10.%d.%d.", 150+int(h[0])%50, h[1])
	return prefix + "0/24", prefix + "2"
}

var engineCount sync.Map // run id to the number of engines it started

func startEngine(l *Lab, labels map[string]string, run, dir string, cfg engineConfig) *Engine {
	l.T.Helper()
	for k := range cfg.daemonJSON {
		require.NotContains(l.T, engineFlags, k, "daemon.json setting %q: the lab sets it as a dockerd flag", k)
	}
	image := l.Image(Daemon)
	var labelArgs []string
	for k, v := range labels {
		labelArgs = append(labelArgs, "--label", k+"="+v)
	}
	n, _ := engineCount.LoadOrStore(run, new(atomic.Int32))
	nth := n.(*atomic.Int32).Add(1)
	e := &Engine{Name: fmt.Sprintf("dd-%s-engine%d", run, nth), l: l, loaded: map[string]bool{}}

	// Its own network, with an address known before it starts, so that the
	// server certificate can name it.
	e.Network = e.Name
	for salt := 0; ; salt++ {
		cidr, ip := engineSubnet(fmt.Sprintf("%s/%d", run, nth), salt)
		res := l.Docker(append(append([]string{"network", "create", "--subnet", cidr}, labelArgs...), e.Network)...)
		if res.Code == 0 {
			e.IP = ip
			break
		}
		require.Less(l.T, salt, 5, "create the engine's network: %s", res.Stderr)
	}

	e.CertDir = filepath.Join(dir, "certs")
	require.NoError(l.T, os.MkdirAll(e.CertDir, 0o700))
	require.NoError(l.T, provision.DaemonCerts(e.CertDir, []string{"127.0.0.1", "localhost", e.IP, e.Name}))

	args := append([]string{"create", "--name", e.Name}, labelArgs...)
	if privilegedAllowed(l) {
		args = append(args, "--privileged")
	} else {
		args = append(args, "--cap-add", "SYS_ADMIN", "--cap-add", "NET_ADMIN",
			"--security-opt", "seccomp=unconfined", "--security-opt", "apparmor=unconfined")
		if cfg.userns {
			args = append(args, "--cap-add", "SYS_PTRACE", "--security-opt", "systempaths=unconfined")
		}
	}
	args = append(args,
		"-v", "/sys/fs/cgroup:/sys/fs/cgroup:rw",
		"--network", e.Network, "--ip", e.IP,
		"-p", "127.0.0.1::2376",
		// Names the engine's network does not know fail at once inside
		// the machine instead of being asked of an outside server.
		"--dns", "127.0.0.1",
		// Swarm tasks use the images loaded into the engine instead of
		// asking a registry for their digest.
		"-e", "DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1",
		image,
		"-H", "unix:///var/run/docker.sock", "-H", "tcp://0.0.0.0:2376",
		"--tlsverify", "--tlscacert=/etc/docker/tls/ca.pem",
		"--tlscert=/etc/docker/tls/server-cert.pem", "--tlskey=/etc/docker/tls/server-key.pem",
		// Its containers, too, resolve no outside names.
		"--dns", "127.0.0.1")
	if cfg.storageDriver != "" {
		args = append(args, "--storage-driver="+cfg.storageDriver)
	}
	args = append(args, cfg.args...)
	l.MustDocker(args...)

	// The server's side of TLS and the daemon.json go in before it starts.
	var files = map[string][]byte{}
	for _, f := range []string{"ca.pem", "server-cert.pem", "server-key.pem"} {
		data, err := os.ReadFile(filepath.Join(e.CertDir, f))
		require.NoError(l.T, err)
		files["etc/docker/tls/"+f] = data
	}
	require.NoError(l.T, os.Remove(filepath.Join(e.CertDir, "server-key.pem")))
	require.NoError(l.T, os.Remove(filepath.Join(e.CertDir, "server-cert.pem")))
	if cfg.daemonJSON != nil {
		data, err := json.MarshalIndent(cfg.daemonJSON, "", "  ")
		require.NoError(l.T, err)
		files["etc/docker/daemon.json"] = data
	}
	_, err := l.Client.CopyToContainer(l.Ctx, e.Name, client.CopyToContainerOptions{DestinationPath: "/", Content: tarOf(files)})
	require.NoError(l.T, err, "copy the engine's settings into %s", e.Name)

	l.MustDocker("start", e.Name)
	e.waitReady()
	return e
}

// tarOf returns files (path to content) as a tar archive.
func tarOf(files map[string][]byte) io.Reader {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for name, data := range files {
		mode := int64(0o644)
		if strings.HasSuffix(name, "key.pem") {
			mode = 0o600
		}
		tw.WriteHeader(&tar.Header{Name: name, Mode: mode, Size: int64(len(data)), Typeflag: tar.TypeReg, ModTime: time.Now()})
		tw.Write(data)
	}
	tw.Close()
	return &buf
}

// waitReady reads the engine's published TLS port and polls until the
// engine answers there; an engine that does not start in time fails the
// test with its log.
func (e *Engine) waitReady() {
	l := e.l
	l.T.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for {
		port := l.Docker("port", e.Name, provision.DaemonTLSPort)
		if port.Code == 0 {
			hostPort := strings.TrimSpace(strings.Split(port.Stdout, "\n")[0])
			e.mu.Lock()
			e.host = "tcp://" + hostPort
			e.mu.Unlock()
			if res := l.DockerIn(e.Env(), nil, "version", "--format", "{{.Server.Version}}"); res.Code == 0 {
				return
			}
		}
		if time.Now().After(deadline) {
			l.T.Fatalf("the lab engine %s did not answer within 90 s:\n%s", e.Name, e.Log())
		}
		if state := l.Docker("inspect", "--format", "{{.State.Status}}", e.Name); strings.TrimSpace(state.Stdout) == "exited" {
			l.T.Fatalf("the lab engine %s stopped:\n%s", e.Name, e.Log())
		}
		select {
		case <-l.Ctx.Done():
			l.T.Fatalf("the test ended while the engine %s started", e.Name)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// StartRegistry runs a registry (the registry role) on the outer engine in
// the engine's own network namespace, and returns its name when it answers:
// to the engine it is at localhost:5000, which it trusts without TLS, and at
// IP:5000, an address of the lab's network, which it does not.
func (e *Engine) StartRegistry() string {
	l := e.l
	l.T.Helper()
	name := l.DockerRunDetached("registry-in-"+strings.TrimPrefix(e.Name, "dd-"+l.run+"-"), "--network", "container:"+e.Name, l.Image(Registry))
	HTTPGet(l.T, "http://"+e.IP+":5000/v2/", 60*time.Second)
	return name
}

// Log returns the last lines of the engine's own log (dockerd's output).
func (e *Engine) Log() string {
	res := e.l.Docker("logs", "--tail", "40", e.Name)
	return res.Stdout + res.Stderr
}

// Host returns the engine's TLS address, tcp://127.0.0.1:PORT.
func (e *Engine) Host() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.host
}

// Env returns the environment that points the docker CLI at the engine:
// DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH.
func (e *Engine) Env() []string {
	return []string{"DOCKER_HOST=" + e.Host(), "DOCKER_TLS_VERIFY=1", "DOCKER_CERT_PATH=" + e.CertDir, "DOCKER_CONTEXT="}
}

// Docker runs the docker CLI against the engine, over TLS.
func (e *Engine) Docker(args ...string) CLIResult {
	e.l.T.Helper()
	return e.l.DockerIn(e.Env(), nil, args...)
}

// MustDocker runs the docker CLI against the engine and fails the test
// unless it succeeds; it returns the trimmed standard output.
func (e *Engine) MustDocker(args ...string) string {
	e.l.T.Helper()
	res := e.Docker(args...)
	if res.Code != 0 {
		e.l.T.Fatalf("docker %s (lab engine): exit %d\n%s%s", strings.Join(args, " "), res.Code, res.Stdout, res.Stderr)
	}
	return strings.TrimSpace(res.Stdout)
}

// Sh runs a shell script inside the engine's container, where the engine's
// own files are (/var/lib/docker, /etc/docker) and its docker CLI talks to
// it on its unix socket.
func (e *Engine) Sh(script string) CLIResult {
	e.l.T.Helper()
	return e.l.Docker("exec", e.Name, "sh", "-c", script)
}

// Load makes the image of role available in the engine, under the same
// reference as on the outer engine, with docker save | docker load (the
// engine pulls nothing), and returns that reference.
func (e *Engine) Load(role Role) string {
	e.l.T.Helper()
	ref := e.l.Image(role)
	e.LoadImage(ref)
	return ref
}

var loadMu sync.Mutex // one load into an engine at a time

// LoadImage copies an image of the outer engine into the engine.
func (e *Engine) LoadImage(ref string) {
	l := e.l
	l.T.Helper()
	loadMu.Lock()
	defer loadMu.Unlock()
	if e.loaded[ref] {
		return
	}
	save := exec.CommandContext(l.Ctx, "docker", "save", ref)
	load := exec.CommandContext(l.Ctx, "docker", "load", "-q")
	load.Env = append(os.Environ(), e.Env()...)
	pipe, err := save.StdoutPipe()
	require.NoError(l.T, err)
	load.Stdin = pipe
	var saveErr, loadOut bytes.Buffer
	save.Stderr = &saveErr
	load.Stdout, load.Stderr = &loadOut, &loadOut
	require.NoError(l.T, save.Start())
	loadErr := load.Run()
	require.NoError(l.T, save.Wait(), "docker save %s: %s", ref, saveErr.String())
	require.NoError(l.T, loadErr, "docker load %s into the lab engine: %s", ref, loadOut.String())
	e.loaded[ref] = true
}

// Restart restarts the engine's container, and so the engine, the way a
// reboot of its machine would: everything in it stops, and what the engine
// keeps on disk (its containers, images, volumes, settings) is there when it
// is back. It returns when the engine answers again.
func (e *Engine) Restart() {
	e.l.T.Helper()
	require.False(e.l.T, e.shared, "a proof restarts its own engine, never the shared one")
	e.l.MustDocker("restart", "-t", "30", e.Name)
	e.waitReady()
}

// RestartDockerd stops dockerd alone, with SIGTERM as systemctl would, and
// starts it again in the same container; processes that outlive dockerd
// (containers under live-restore) keep running. It returns when the engine
// answers again.
func (e *Engine) RestartDockerd() {
	l := e.l
	l.T.Helper()
	require.False(l.T, e.shared, "a proof restarts its own engine, never the shared one")
	before := strings.TrimSpace(e.Sh("cat /run/docker.pid").Stdout)
	require.NotEmpty(l.T, before, "dockerd's pid file")
	res := e.Sh("touch /run/dockdrill-restart && kill -TERM " + before)
	require.Equal(l.T, 0, res.Code, res.Stderr)
	require.EventuallyWithT(l.T, func(c *assert.CollectT) {
		now := strings.TrimSpace(e.Sh("cat /run/docker.pid 2>/dev/null").Stdout)
		require.NotEmpty(c, now)
		require.NotEqual(c, before, now, "a new dockerd")
	}, 60*time.Second, 200*time.Millisecond, "dockerd starts again:\n%s", e.Log())
	e.waitReady()
}

// NeedsLocalEngine skips the test when the docker CLI talks to an engine on
// another machine, saying why the proof needs a local one: it bind-mounts a
// directory of this machine, looks at the engine's own files or processes,
// or reaches a port the engine publishes on its loopback.
func NeedsLocalEngine(t testing.TB, why string) {
	t.Helper()
	if host := provision.EngineHost(); !provision.IsLocalHost(host) {
		t.Skipf("needs a local engine: the engine is at %s, and this proof %s", host, why)
	}
}
