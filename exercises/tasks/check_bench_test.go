package tasks_test

import (
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/dockdrill/dockdrill/exercises/tasks/tasktest"
)

// BenchmarkCheck measures one check of a task already solved, one task of
// each kind of observation: inspect and an HTTP GET (run-web-published),
// inspect and a TCP exchange (vol-named-redis), an exec in the learner's
// container (net-dns, env-var), the registry's API (push-to-registry), the
// container's diff (arch-writable-layer), and a throwaway container of a
// built image (df-cmd; the build itself is the learner's, not the check's).
func BenchmarkCheck(b *testing.B) {
	for _, name := range []string{"run-web-published", "vol-named-redis", "net-dns", "env-var", "push-to-registry", "arch-writable-layer", "df-cmd"} {
		b.Run(name, func(b *testing.B) {
			l := lab.Begin(b)
			task, env := tasktest.Setup(b, l, name)
			for b.Loop() {
				task.Run(l.Ctx, env)
			}
		})
	}
}
