package arch_test

import (
	"strconv"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// memoryLimit prints the memory limit of the container's own cgroup:
// memory.max under cgroup v2, memory/memory.limit_in_bytes under v1.
const memoryLimit = "cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes"

func TestMemoryFlagSetsTheContainersCgroupLimit(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	hostMemory, err := strconv.ParseInt(l.MustDocker("info", "--format", "{{.MemTotal}}"), 10, 64)
	require.NoError(t, err)

	tests := []struct {
		args  []string
		bytes int64 // 0: no limit
	}{
		{[]string{"--memory", "64m"}, 64 << 20},
		{[]string{"-m", "128M"}, 128 << 20},
		{nil, 0},
	}
	for _, tt := range tests {
		name := l.Name("mem")
		args := append(append([]string{"--name", name}, tt.args...), l.Image(lab.Shell), "sh", "-c", memoryLimit)
		out := l.MustDocker(l.RunArgs(args...)...)
		set, err := strconv.ParseInt(l.MustDocker("inspect", "--format", "{{.HostConfig.Memory}}", name), 10, 64)
		require.NoError(t, err)
		l.MustDocker("rm", "-v", name)

		assert.Equal(t, tt.bytes, set, "HostConfig.Memory for %v", tt.args)
		if tt.bytes > 0 {
			assert.Equal(t, strconv.FormatInt(tt.bytes, 10), out, "the cgroup's limit for %v", tt.args)
			continue
		}
		// Without --memory the cgroup has no limit: "max" (v2) or a
		// number beyond the host's memory (v1).
		if out != "max" {
			n, err := strconv.ParseInt(out, 10, 64)
			require.NoError(t, err, out)
			assert.Greater(t, n, hostMemory, "no limit without --memory")
		}
	}
}
