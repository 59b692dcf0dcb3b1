package containers_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const mib = 1 << 20

// cgroupLimits reads, from inside the container, the memory limit and
// the CPU weight its cgroup enforces: memory.limit_in_bytes and cpu.shares
// under cgroup v1, memory.max and cpu.weight under cgroup v2 (where
// Docker maps CPU shares to a weight).
func cgroupLimits(t *testing.T, l *lab.Lab, name string) (memory string, cpu int, v2 bool) {
	t.Helper()
	res := l.Docker("exec", name, "sh", "-c", `if [ -e /sys/fs/cgroup/cgroup.controllers ]; then
		echo v2; cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/cpu.weight
	else
		echo v1; cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/cpu/cpu.shares
	fi`)
	require.Equal(t, 0, res.Code, res.Stderr)
	f := strings.Fields(res.Stdout)
	require.Len(t, f, 3, res.Stdout)
	cpu, err := strconv.Atoi(f[2])
	require.NoError(t, err)
	return f[1], cpu, f[0] == "v2"
}

func TestRunMemoryAndCPUSharesSetTheContainersCgroup(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	limited, free := l.Name("limited"), l.Name("free")
	dockerAll(t, l,
		runArgs(l, []string{"-d", "--name", limited, "--memory", "128M", "--cpu-shares", "512"}, "sleep", "300"),
		runArgs(l, []string{"-d", "--name", free}, "sleep", "300"))

	hc := inspectContainer(t, l, limited).HostConfig
	assert.EqualValues(t, 128*mib, hc.Memory, "HostConfig.Memory in bytes")
	assert.EqualValues(t, 512, hc.CPUShares)
	mem, cpu, v2 := cgroupLimits(t, l, limited)
	assert.Equal(t, strconv.Itoa(128*mib), mem, "the kernel enforces the memory limit")
	freeMem, freeCPU, _ := cgroupLimits(t, l, free)
	assert.NotEqual(t, strconv.Itoa(128*mib), freeMem, "without --memory there is no such limit")
	if v2 {
		assert.Less(t, cpu, freeCPU, "half the default shares give a smaller cpu.weight")
	} else {
		assert.Equal(t, 512, cpu, "cpu.shares")
		assert.Equal(t, 1024, freeCPU, "1024 shares is the default weight")
	}
	assert.Zero(t, inspectContainer(t, l, free).HostConfig.Memory, "no limit unless asked for")
}

func TestUpdateChangesMemoryAndCPUSharesOfARunningContainer(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("app")
	id := sleeper(t, l, name)
	pid := inspectContainer(t, l, name).State.Pid
	_, cpuBefore, v2 := cgroupLimits(t, l, name)

	// A container started without a memory limit: the engine wants the
	// swap limit given along with the memory limit, or it refuses with
	// "Memory limit should be smaller than already set memoryswap limit".
	assert.Equal(t, name, l.MustDocker("update", "--memory", "64M", "--memory-swap", "128M", "--cpu-shares", "512", name))

	got := inspectContainer(t, l, name)
	assert.EqualValues(t, 64*mib, got.HostConfig.Memory)
	assert.EqualValues(t, 128*mib, got.HostConfig.MemorySwap)
	assert.EqualValues(t, 512, got.HostConfig.CPUShares)
	mem, cpu, _ := cgroupLimits(t, l, name)
	assert.Equal(t, strconv.Itoa(64*mib), mem, "the running container's cgroup has the new limit")
	if v2 {
		assert.Less(t, cpu, cpuBefore, "a smaller cpu.weight")
	} else {
		assert.Equal(t, 512, cpu)
	}
	assert.Equal(t, id, got.ID)
	assert.Equal(t, pid, got.State.Pid, "no restart: the same process runs on under the new limits")

	// Once a memory limit exists, --memory alone may change it.
	l.MustDocker("update", "--memory", "96M", name)
	mem, _, _ = cgroupLimits(t, l, name)
	assert.Equal(t, strconv.Itoa(96*mib), mem)
}

func TestStatsNoStreamPrintsOneSnapshotAndExits(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("app")
	sleeper(t, l, name, "--memory", "64M")

	// Without --no-stream docker stats redraws forever; with it, it
	// prints one table and exits.
	out := lines(l.MustDocker("stats", "--no-stream", name))
	require.Len(t, out, 2, "a header and one row: %q", out)
	assert.Regexp(t, `^CONTAINER ID\s+NAME\s+CPU %\s+MEM USAGE / LIMIT\s+MEM %\s+NET I/O\s+BLOCK I/O\s+PIDS$`, out[0])
	row := strings.Fields(out[1])
	assert.Equal(t, inspectContainer(t, l, name).ID[:12], row[0])
	assert.Equal(t, name, row[1])
	assert.Regexp(t, `\S+ / 64MiB`, out[1], "memory usage against the container's own limit")

	// --format picks columns.
	assert.Regexp(t, `^`+name+` [0-9.]+[KMG]?i?B / 64MiB$`, l.MustDocker("stats", "--no-stream", "--format", "{{.Name}} {{.MemUsage}}", name))
}

func TestTopListsTheContainersProcesses(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("app")
	runShell(t, l, name, nil, "sh", "-c", "sleep 301 & sleep 302 & wait")
	st := inspectContainer(t, l, name).State

	var out []string
	require.Eventually(t, func() bool {
		res := l.Docker("top", name)
		out = lines(res.Stdout)
		return res.Code == 0 && len(out) == 4
	}, deadline, tick, "a header and three processes")
	assert.Regexp(t, `^UID\s+PID\s+PPID\s+C\s+STIME\s+TTY\s+TIME\s+CMD$`, out[0])
	procs := map[string]string{} // CMD to PID
	for _, row := range out[1:] {
		f := strings.Fields(row)
		procs[strings.Join(f[7:], " ")] = f[1]
	}
	assert.Contains(t, procs, "sleep 301")
	assert.Contains(t, procs, "sleep 302")
	assert.Equal(t, strconv.Itoa(st.Pid), procs["sh -c sleep 301 & sleep 302 & wait"],
		"top shows host PIDs: the main process is State.Pid, not 1")

	// ps options may follow the container name.
	assert.Contains(t, l.MustDocker("top", name, "-o", "pid,args"), "sleep 302")
}
