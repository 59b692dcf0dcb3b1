package tasks

import (
	"context"
	"strings"

	"github.com/moby/moby/api/types/container"
)

// The tasks of knowledge area arch: namespaces (UTS, PID, user ids),
// cgroups, the container's writable layer.
func init() {
	register(&Task{Name: "arch-hostname", Check: func(ctx context.Context, c *Checker) {
		ctr := c.Running(ctx, "dd-host")
		c.ExecSays(ctx, ctr, "dd-host", "dd-host's host name is dd-box-host", c.Name("dd-box-host"),
			"--hostname dd-box-host sets the name in the container's UTS namespace; --name names the container for docker only", "hostname")
	}})

	register(&Task{Name: "arch-pids-limit", Check: func(ctx context.Context, c *Checker) {
		ctr := c.Running(ctx, "dd-pids")
		c.ExecSays(ctx, ctr, "dd-pids", "the pids cgroup of dd-pids allows 50 processes", "50",
			"--pids-limit 50 sets the cgroup's pids.max; --ulimit nproc counts processes per user, not per container",
			"sh", "-c", "cat /sys/fs/cgroup/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids/pids.max")
	}})

	register(&Task{Name: "arch-writable-layer", Check: func(ctx context.Context, c *Checker) {
		ctr := c.Running(ctx, "dd-layer")
		item := "docker diff dd-layer lists /layer.txt as added"
		if ctr == nil {
			c.fail(item, "there is no container dd-layer to look at")
			return
		}
		changes, err := c.ContainerDiff(ctx, "dd-layer")
		if err != nil {
			c.fail(item, "docker diff dd-layer fails: %v", shortErr(err))
			return
		}
		var paths []string
		for _, ch := range changes {
			if ch.Path == "/layer.txt" && ch.Kind == container.ChangeAdd {
				c.pass(item)
				return
			}
			if ch.Kind == container.ChangeAdd {
				paths = append(paths, ch.Path)
			}
		}
		c.fail(item, "dd-layer's writable layer adds %s; write the file at /layer.txt with docker exec", orNothing(paths))
	}})

	register(&Task{Name: "arch-share-pid", Check: func(ctx context.Context, c *Checker) {
		c.Running(ctx, "dd-main")
		side := c.Running(ctx, "dd-side")
		item := "dd-side sees dd-main's sleep 3600 in its process list"
		if side == nil || !side.State.Running {
			c.fail(item, "dd-side is not running")
			return
		}
		_, out, err := c.Exec(ctx, "dd-side", "ps", "-o", "args")
		switch {
		case err != nil:
			c.fail(item, "could not list dd-side's processes: %v", shortErr(err))
		case strings.Contains(out, "sleep 3600"):
			c.pass(item)
		default:
			c.fail(item, "dd-side sees only its own processes (its own PID namespace); --pid container:dd-main joins dd-main's")
		}
	}})

	register(&Task{Name: "arch-user-ids", Check: func(ctx context.Context, c *Checker) {
		ctr := c.Running(ctx, "dd-user")
		c.ExecSays(ctx, ctr, "dd-user", "dd-user runs as user id 1000", "1000", "--user 1000:1000 sets user and group", "id", "-u")
		c.ExecSays(ctx, ctr, "dd-user", "dd-user runs with group id 1000", "1000", "--user 1000 alone leaves the group 0 (root); write --user 1000:1000", "id", "-g")
	}})
}
