package containers_test

import (
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/dockdrill/dockdrill/exercises/tasks/tasktest"
)

// The proofs of the hands-on tasks of this area: each performs the task's
// reference solution and its common mistakes and sees the checker judge
// them (see exercises/tasks/tasktest).

func TestTaskRunWebPublished(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	tasktest.Prove(t, l, "run-web-published")
}

func TestTaskExecCreateFile(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	tasktest.Prove(t, l, "exec-create-file")
}

func TestTaskRestartAlways(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	tasktest.Prove(t, l, "restart-always")
}

func TestTaskLimitsMemoryCpu(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	tasktest.Prove(t, l, "limits-memory-cpu")
}

func TestTaskEnvVar(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	tasktest.Prove(t, l, "env-var")
}

func TestTaskCpInto(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	tasktest.Prove(t, l, "cp-into")
}

func TestTaskCpOut(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	tasktest.Prove(t, l, "cp-out")
}

func TestTaskReadOnlyRootfs(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	tasktest.Prove(t, l, "read-only-rootfs")
}

func TestTaskLogsStdout(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	tasktest.Prove(t, l, "logs-stdout")
}
