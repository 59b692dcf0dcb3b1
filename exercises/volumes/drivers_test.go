package volumes_test

import (
	"encoding/json"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLocalDriverOptionsMountATmpfsVolume(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	vol := l.Name("cache")
	l.MustDocker(append(append([]string{"volume", "create"}, l.LabelArgs()...),
		"--driver", "local", "-o", "type=tmpfs", "-o", "device=tmpfs", "-o", "o=size=8m", vol)...)

	var opts map[string]string
	require.NoError(t, json.Unmarshal([]byte(l.MustDocker("volume", "inspect", "--format", "{{json .Options}}", vol)), &opts))
	assert.Equal(t, map[string]string{"type": "tmpfs", "device": "tmpfs", "o": "size=8m"}, opts, "the volume keeps its -o options")

	// The local driver mounts what the options describe: a tmpfs of 8 MB.
	first := shell(l, "first", "-v", vol+":/cache")
	assert.Regexp(t, `(?m)^tmpfs /cache tmpfs \S*size=8192k`, mustSh(l, first, "grep ' /cache ' /proc/mounts"))
	mustSh(l, first, "echo kept-in-memory > /cache/f")
	second := shell(l, "second", "-v", vol+":/cache")
	assert.Equal(t, "kept-in-memory\n", mustSh(l, second, "cat /cache/f"), "a named tmpfs volume is shared while mounted")

	// Once no container mounts it, the tmpfs is unmounted and its data is gone.
	l.MustDocker("rm", "-f", first, second)
	third := shell(l, "third", "-v", vol+":/cache")
	assert.Equal(t, "", mustSh(l, third, "ls -A /cache"), "the data vanished with the last mount")
}

func TestVolumeNocopyLeavesANewVolumeEmpty(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	copied, nocopy, short := createVolume(l, "copied"), createVolume(l, "nocopy"), createVolume(l, "short")

	// The shell image has /etc/passwd. An empty volume mounted over /etc is
	// filled from the image first, unless volume-nocopy (-v ...:nocopy) says no.
	a := shell(l, "copied", "--mount", "source="+copied+",target=/etc")
	b := shell(l, "nocopy", "--mount", "source="+nocopy+",target=/etc,volume-nocopy")
	c := shell(l, "short", "-v", short+":/etc:nocopy")
	assert.Equal(t, 0, sh(l, a, "test -f /etc/passwd").Code, "an empty volume takes the image's files")
	assert.NotEqual(t, 0, sh(l, b, "test -f /etc/passwd").Code, "volume-nocopy leaves it empty")
	assert.NotEqual(t, 0, sh(l, c, "test -f /etc/passwd").Code, ":nocopy is the -v spelling")

	// The copy went into the volume itself. The nocopy volume holds none of
	// the image's files, only the empty mount points Docker made for the
	// container's hostname, hosts and resolv.conf.
	reader := shell(l, "reader", "-v", copied+":/copied", "-v", nocopy+":/nocopy")
	assert.Equal(t, 0, sh(l, reader, "test -f /copied/passwd").Code)
	assert.NotEqual(t, 0, sh(l, reader, "test -e /nocopy/passwd").Code, "nothing of the image was copied into the nocopy volume")
}

func TestReadOnlyRootfsKeepsMountsWritable(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	data := createVolume(l, "data")

	// --read-only: the root filesystem refuses writes, mounts keep their mode.
	ro := shell(l, "readonly", "--read-only", "-v", data+":/data", "--tmpfs", "/run")
	res := sh(l, ro, "touch /x")
	assert.NotEqual(t, 0, res.Code, "the image's files and the writable layer are read-only")
	assert.Contains(t, res.Stderr, "Read-only file system")
	assert.Equal(t, 0, sh(l, ro, "touch /data/f").Code, "a volume stays writable under --read-only")
	assert.Equal(t, 0, sh(l, ro, "touch /run/f").Code, "a tmpfs stays writable under --read-only")

	// :ro: one mount is read-only, the rest of the container is not.
	mount := shell(l, "ro-mount", "-v", data+":/data:ro")
	assert.Equal(t, 0, sh(l, mount, "touch /x").Code, "the container's own files stay writable with :ro")
	res = sh(l, mount, "touch /data/g")
	assert.NotEqual(t, 0, res.Code, ":ro makes that mount read-only")
	assert.Contains(t, res.Stderr, "Read-only file system")
}

func TestVolumeDriverFlagChoosesTheDriverOfNewVolumes(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	made := l.Name("made")
	removeVolumeLater(t, made)
	run := func(driver, vol string) lab.CLIResult {
		// --pull never: the daemon reports a missing plugin as "not found",
		// which the CLI would otherwise take for a missing image to pull.
		return l.Docker(l.RunArgs("--rm", "--pull", "never", "--volume-driver", driver, "-v", vol+":/data", l.Image(lab.Shell), "true")...)
	}

	// The volume docker run makes is made by the named driver.
	res := run("local", made)
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Equal(t, "local", l.MustDocker("volume", "inspect", "--format", "{{.Driver}}", made))

	// docker run asks the named driver for the volume: one that is not
	// installed fails the run (after the daemon has looked for the plugin
	// for a while), and an existing volume is not moved to it.
	res = run("nosuchdriver", made)
	assert.NotEqual(t, 0, res.Code)
	assert.Contains(t, res.Stderr, `volume plugin nosuchdriver`)
	assert.Equal(t, "local", l.MustDocker("volume", "inspect", "--format", "{{.Driver}}", made), "the volume keeps its driver")
}
