package arch_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Proofs on an engine of the lab's own (lab.Engine): a daemon reached over
// TCP with TLS, configured with a daemon.json, whose files and processes are
// looked at from inside its container.

// noEngineEnv clears whatever points the docker CLI at an engine, so that a
// command names its engine itself.
var noEngineEnv = []string{"DOCKER_HOST=", "DOCKER_TLS_VERIFY=", "DOCKER_CERT_PATH=", "DOCKER_CONTEXT="}

func TestRemoteDaemonOverTLSAnswersOnlyClientsWithItsCertificates(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	e := l.SharedEngine()
	// The engine's name is its machine's host name: here, its container's.
	want := e.MustDocker("info", "--format", "{{.Name}}")
	require.NotEqual(t, l.MustDocker("info", "--format", "{{.Name}}"), want, "the lab engine is another daemon than the local one")
	ca, cert, key := filepath.Join(e.CertDir, "ca.pem"), filepath.Join(e.CertDir, "cert.pem"), filepath.Join(e.CertDir, "key.pem")
	name := func(env []string, args ...string) lab.CLIResult {
		return l.DockerIn(append(append([]string{}, noEngineEnv...), env...), nil, append(args, "info", "--format", "{{.Name}}")...)
	}

	// -H for one command, with the client's certificate and the CA that
	// signed the server's.
	res := name(nil, "--tlsverify", "--tlscacert", ca, "--tlscert", cert, "--tlskey", key, "-H", e.Host())
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Equal(t, want, strings.TrimSpace(res.Stdout))

	// DOCKER_HOST for every command of the shell; DOCKER_TLS_VERIFY and
	// DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem) for its TLS.
	res = name([]string{"DOCKER_HOST=" + e.Host(), "DOCKER_TLS_VERIFY=1", "DOCKER_CERT_PATH=" + e.CertDir})
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Equal(t, want, strings.TrimSpace(res.Stdout))

	// A context keeps the endpoint and its certificates under a name;
	// docker context use makes it the default of every command. (A config
	// directory of the test's own leaves the user's contexts alone.)
	cfg := []string{"DOCKER_CONFIG=" + t.TempDir()}
	ctxName := l.Name("remote")
	res = l.DockerIn(append(append([]string{}, noEngineEnv...), cfg...), nil, "context", "create", ctxName,
		"--docker", "host="+e.Host()+",ca="+ca+",cert="+cert+",key="+key)
	require.Equal(t, 0, res.Code, res.Stderr)
	res = l.DockerIn(append(append([]string{}, noEngineEnv...), cfg...), nil, "context", "use", ctxName)
	require.Equal(t, 0, res.Code, res.Stderr)
	res = name(cfg)
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Equal(t, want, strings.TrimSpace(res.Stdout), "the current context's engine answers")
	res = name(cfg, "--context", "default")
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.NotEqual(t, want, strings.TrimSpace(res.Stdout), "--context default is the local engine again")

	// Without the certificates the engine answers nobody: plain HTTP to a
	// TLS port fails, and so does TLS without a client certificate.
	for what, args := range map[string][]string{
		"plain TCP":                      {"-H", e.Host()},
		"TLS without client certificate": {"--tlsverify", "--tlscacert", ca, "-H", e.Host()},
	} {
		res = l.DockerIn(noEngineEnv, nil, append(args, "version", "--format", "{{.Server.Version}}")...)
		assert.NotEqual(t, 0, res.Code, "%s: %s", what, res.Stdout)
		assert.Empty(t, strings.TrimSpace(res.Stdout), "%s: no server answers", what)
	}
}

func TestDataRootHoldsTheEnginesImagesContainersAndVolumes(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	// Unless told otherwise, a rootful engine keeps everything under
	// /var/lib/docker; dockerd --data-root moves all of it.
	assert.Equal(t, "/var/lib/docker", l.SharedEngine().MustDocker("info", "--format", "{{.DockerRootDir}}"))
	// A data root inside the engine container's own root filesystem (not
	// its volume) needs vfs: overlay2 cannot stack on that filesystem.
	e := l.Engine(lab.WithStorageDriver("vfs"), lab.WithDockerdArgs("--data-root", "/srv/engine"))
	assert.Equal(t, "/srv/engine", e.MustDocker("info", "--format", "{{.DockerRootDir}}"))

	shell := e.Load(lab.Shell)
	e.MustDocker("volume", "create", "notes")
	id := e.MustDocker("create", "-v", "notes:/notes", shell, "true")

	ls := func(dir string) string {
		res := e.Sh("ls " + dir)
		require.Equal(t, 0, res.Code, res.Stderr)
		return res.Stdout
	}
	top := strings.Fields(ls("/srv/engine"))
	for _, d := range []string{"containers", "image", "volumes", "vfs", "network"} {
		assert.Contains(t, top, d, "the data root holds %s/", d)
	}
	assert.Contains(t, ls("/srv/engine/containers"), id, "each container has a folder named by its ID")
	assert.Contains(t, ls("/srv/engine/volumes"), "notes", "each named volume has a folder")
	assert.Contains(t, ls("/srv/engine/volumes/notes"), "_data", "the volume's files are in its _data")
	assert.NotEmpty(t, strings.TrimSpace(ls("/srv/engine/vfs/dir")), "the layers' files are under the storage driver's folder")
	assert.Contains(t, ls("/srv/engine/image/vfs"), "layerdb", "and the images' metadata under image/<driver>")
	assert.Empty(t, strings.TrimSpace(ls("/var/lib/docker")), "nothing went to the default data root")
}

func TestContainersRunUnderContainerdShimAndRunc(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	e := l.SharedEngine()
	assert.Equal(t, "runc", e.MustDocker("info", "--format", "{{.DefaultRuntime}}"), "the default runtime")
	assert.Equal(t, "runc", l.MustDocker("info", "--format", "{{.DefaultRuntime}}"), "the local engine's too")

	ctr := l.Name("chain")
	e.MustDocker("run", "-d", "--name", ctr, e.Load(lab.Shell), "sleep", "600")
	pid := e.MustDocker("inspect", "--format", "{{.State.Pid}}", ctr)

	// The chain, from inside the engine's machine: dockerd asks containerd,
	// which starts a shim per container; the shim had runc create the
	// container's process and is its parent (runc itself has exited).
	res := e.Sh("ps -e -o pid=,ppid=,comm=")
	require.Equal(t, 0, res.Code, res.Stderr)
	procs := map[string][2]string{} // pid -> ppid, command
	var comms []string
	for _, line := range strings.Split(res.Stdout, "\n") {
		f := strings.Fields(line)
		if len(f) == 3 {
			procs[f[0]] = [2]string{f[1], f[2]}
			comms = append(comms, f[2])
		}
	}
	assert.Contains(t, comms, "dockerd")
	assert.Contains(t, comms, "containerd")
	require.Contains(t, procs, pid, "the container's process")
	assert.Equal(t, "sleep", procs[pid][1])
	parent := procs[procs[pid][0]][1]
	assert.True(t, strings.HasPrefix(parent, "containerd-shim"), "its parent is the containerd shim, not dockerd: %s", parent)
	assert.NotContains(t, comms, "runc", "runc only creates the container and exits")
}

func TestDockerVersionShowsTheClientAndTheServer(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	out := l.MustDocker("version")
	assert.Contains(t, out, "Client:")
	assert.Contains(t, out, "Server:")
	both := strings.Split(l.MustDocker("version", "--format", "{{.Client.Version}}|{{.Client.APIVersion}}|{{.Server.Version}}|{{.Server.APIVersion}}"), "|")
	require.Len(t, both, 4)
	for _, v := range both {
		assert.NotEmpty(t, v)
	}
	assert.Equal(t, l.MustDocker("info", "--format", "{{.ServerVersion}}"), both[2], "the server part is the daemon's own version")
}

func TestUsernsRemapOwnsTheImagesFilesByAnUnprivilegedRange(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	e := l.Engine(lab.WithStorageDriver("vfs"), lab.WithDaemonJSON(map[string]any{"userns-remap": "default"}), lab.WithUsernsSupport())
	assert.Contains(t, e.MustDocker("info", "--format", "{{json .SecurityOptions}}"), "name=userns")

	// "default" makes the user dockremap and gives it a range of
	// subordinate IDs; the engine keeps its data apart for that range.
	res := e.Sh("grep '^dockremap:' /etc/subuid /etc/subgid")
	require.Equal(t, 0, res.Code, res.Stderr)
	first := strings.Split(strings.Split(strings.TrimSpace(res.Stdout), "\n")[0], ":")
	require.Len(t, first, 4, res.Stdout) // file:user:start:count
	start := first[2]
	assert.Equal(t, "/var/lib/docker/"+start+"."+start, e.MustDocker("info", "--format", "{{.DockerRootDir}}"))

	// root's files in the image belong on disk to the range's first ID: a
	// container's root is that unprivileged user outside the container.
	shell := e.Load(lab.Shell)
	res = e.Sh("stat -c '%u:%g %n' /var/lib/docker/" + start + "." + start + "/vfs/dir/*/bin/busybox")
	require.Equal(t, 0, res.Code, res.Stderr)
	for _, line := range strings.Split(strings.TrimSpace(res.Stdout), "\n") {
		assert.True(t, strings.HasPrefix(line, start+":"+start+" "), "owned by %s, not 0: %s", start, line)
	}

	// Inside a container, its user namespace maps its root, ID 0, to the
	// range's first ID, for as many IDs as the range holds: the process is
	// root to itself and that unprivileged user to the kernel outside.
	out := e.MustDocker("run", "--rm", "--network", "none", shell, "sh", "-c", "cat /proc/self/uid_map; echo uid=$(id -u)")
	lines := strings.Split(out, "\n")
	require.Len(t, lines, 2, out)
	assert.Equal(t, []string{"0", start, first[3]}, strings.Fields(lines[0]), "uid_map: inside, outside, count")
	assert.Equal(t, "uid=0", lines[1])
}

func TestDaemonJSONAndAFlagForTheSameSettingStopDockerd(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	e := l.SharedEngine()
	// A second dockerd in the engine's container, with data-root both in
	// its configuration file and as a flag, on a socket of its own: it
	// refuses to start before it touches anything.
	res := e.Sh(`printf '{"data-root": "/srv/from-file"}\n' > /tmp/both.json && ` +
		"timeout 20 dockerd --config-file /tmp/both.json --data-root /srv/from-flag " +
		"-H unix:///tmp/second.sock --pidfile /tmp/second.pid --exec-root /tmp/second-exec 2>&1; echo exit=$?")
	assert.Contains(t, res.Stdout, "specified both as a flag and in the configuration file")
	assert.Contains(t, res.Stdout, "data-root")
	assert.NotContains(t, res.Stdout, "exit=0")
	assert.NotContains(t, res.Stdout, "exit=124", "it stops at once, it does not run")
	ls := e.Sh("ls -d /srv/from-file /srv/from-flag 2>&1")
	assert.NotEqual(t, 0, ls.Code, "neither data root was made: %s", ls.Stdout)
}
