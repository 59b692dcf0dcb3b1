package volumes_test

import (
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTmpfsIsEmptyAfterRestart(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	ctr := l.StartShell("tmp", "--tmpfs", "/scratch", "--mount", "type=tmpfs,target=/scratch2")
	mountsOut := mustSh(l, ctr, "cat /proc/mounts")
	assert.Regexp(t, `(?m)^tmpfs /scratch tmpfs `, mountsOut, "--tmpfs mounts a tmpfs")
	assert.Regexp(t, `(?m)^tmpfs /scratch2 tmpfs `, mountsOut, "--mount type=tmpfs mounts a tmpfs")
	for _, m := range mounts(l, ctr) {
		assert.NotEqual(t, "volume", m.Type, "a tmpfs is no volume: nothing is stored on the host's disk")
	}

	mustSh(l, ctr, "echo gone > /scratch/f && echo gone > /scratch2/f && echo kept > /in-layer")
	l.MustDocker("restart", "-t", "0", ctr)
	require.Eventually(t, func() bool { return l.Sh(ctr, "true").Code == 0 }, 30*time.Second, 250*time.Millisecond)

	// The tmpfs lived in memory only: after the restart it is empty. The
	// container's writable layer, by contrast, survives a restart.
	assert.Empty(t, mustSh(l, ctr, "ls -A /scratch"), "the --tmpfs mount is empty")
	assert.Empty(t, mustSh(l, ctr, "ls -A /scratch2"), "the --mount type=tmpfs mount is empty")
	assert.Equal(t, "kept\n", mustSh(l, ctr, "cat /in-layer"))
}
