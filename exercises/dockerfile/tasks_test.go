package dockerfile_test

import (
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/dockdrill/dockdrill/exercises/tasks/tasktest"
)

// The proofs of the hands-on tasks of this area: each performs the task's
// reference solution and its common mistakes and sees the checker judge
// them (see exercises/tasks/tasktest).

func TestTaskDfCmd(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	tasktest.Prove(t, l, "df-cmd")
}

func TestTaskDfEntrypoint(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	tasktest.Prove(t, l, "df-entrypoint")
}

func TestTaskDfEnvWorkdirUser(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	tasktest.Prove(t, l, "df-env-workdir-user")
}

func TestTaskDfHealthcheck(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	tasktest.Prove(t, l, "df-healthcheck")
}

func TestTaskDfDockerignore(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	tasktest.Prove(t, l, "df-dockerignore")
}
