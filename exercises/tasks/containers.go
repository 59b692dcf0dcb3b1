package tasks

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// The tasks of knowledge area containers: run, exec, cp, restart policies,
// limits, environment.
func init() {
	register(&Task{Name: "run-web-published", Ports: []int{8081}, Check: func(ctx context.Context, c *Checker) {
		ctr := c.Running(ctx, "dd-web")
		c.RunsImage(ctx, ctr, "dd-web", "web")
		c.Publishes(ctr, "dd-web", 80, 8081)
		c.HTTPGet(ctx, 8081, "/", "")
	}})

	register(&Task{Name: "exec-create-file", Check: func(ctx context.Context, c *Checker) {
		ctr := c.Running(ctx, "dd-box")
		c.RunsImage(ctx, ctr, "dd-box", "shell")
		c.ExecSays(ctx, ctr, "dd-box", "/tmp/ready in dd-box holds ok", "ok",
			"docker exec dd-box sh -c 'echo ok > /tmp/ready' writes it in the running container", "cat", "/tmp/ready")
	}})

	register(&Task{Name: "restart-always", Check: func(ctx context.Context, c *Checker) {
		ctr := c.Running(ctx, "dd-always")
		c.RunsImage(ctx, ctr, "dd-always", "redis")
		item := "dd-always has the restart policy always"
		if ctr == nil {
			c.fail(item, "there is no container dd-always to look at")
			return
		}
		p := ctr.HostConfig.RestartPolicy
		switch {
		case p.Name == "always":
			c.pass(item)
		case p.Name == "" || p.Name == "no":
			c.fail(item, "dd-always has no restart policy; docker run --restart always … sets one (docker update --restart always dd-always changes it in place)")
		default:
			c.fail(item, "dd-always restarts %s; %s does not restart a container that exits cleanly, and only always also brings it back when the daemon starts after you stopped it", p.Name, p.Name)
		}
	}})

	register(&Task{Name: "limits-memory-cpu", Check: func(ctx context.Context, c *Checker) {
		ctr := c.Running(ctx, "dd-limited")
		if ctr == nil {
			c.fail("dd-limited may use at most 64 MiB of memory", "there is no container dd-limited to look at")
			c.fail("dd-limited may use at most half a CPU", "there is no container dd-limited to look at")
			return
		}
		r := ctr.HostConfig.Resources
		c.expect("dd-limited may use at most 64 MiB of memory", r.Memory == 64<<20,
			"its memory limit is %s; --memory 64m (or -m 64m) sets 64 MiB", bytesOrNone(r.Memory))
		switch {
		case r.NanoCPUs == 500_000_000:
			c.pass("dd-limited may use at most half a CPU")
		case r.NanoCPUs == 0 && r.CPUShares != 0:
			c.fail("dd-limited may use at most half a CPU", "it has --cpu-shares %d, a relative weight that limits nothing while the CPU is idle; --cpus 0.5 caps it", r.CPUShares)
		default:
			c.fail("dd-limited may use at most half a CPU", "its CPU limit is %s; --cpus 0.5 sets half a CPU", cpusOrNone(r.NanoCPUs))
		}
	}})

	register(&Task{Name: "env-var", Check: func(ctx context.Context, c *Checker) {
		ctr := c.Running(ctx, "dd-env")
		c.ExecSays(ctx, ctr, "dd-env", "GREETING is hello in dd-env", "hello",
			"-e GREETING=hello sets it when the container is created; -e GREETING alone copies the variable from your shell, where it is unset", "sh", "-c", `echo "$GREETING"`)
	}})

	register(&Task{Name: "cp-into", Files: map[string]string{"note.txt": "dd note\n"}, Check: func(ctx context.Context, c *Checker) {
		ctr := c.Running(ctx, "dd-cp")
		c.ExecSays(ctx, ctr, "dd-cp", "/tmp/note.txt in dd-cp is the folder's note.txt", "dd note",
			"docker cp note.txt dd-cp:/tmp/note.txt copies it there (container:path on the right)", "cat", "/tmp/note.txt")
	}})

	register(&Task{Name: "cp-out", Check: func(ctx context.Context, c *Checker) {
		ctr := c.Running(ctx, "dd-src")
		item := "hostname.txt in the task folder is dd-src's /etc/hostname"
		if ctr == nil || !ctr.State.Running {
			c.fail(item, "dd-src is not running, so its /etc/hostname cannot be compared")
			return
		}
		_, want, err := c.Exec(ctx, "dd-src", "cat", "/etc/hostname")
		if err != nil {
			c.fail(item, "could not read /etc/hostname in dd-src: %v", shortErr(err))
			return
		}
		got, err := os.ReadFile(filepath.Join(c.Dir, "hostname.txt"))
		switch {
		case err != nil && NotExist(err):
			found := ""
			if _, err := os.Stat(filepath.Join(c.Dir, "hostname")); err == nil {
				found = " (there is a file named hostname: copied into . the file keeps its own name)"
			}
			c.fail(item, "there is no hostname.txt in %s%s; docker cp dd-src:/etc/hostname hostname.txt", c.Dir, found)
		case err != nil:
			c.fail(item, "cannot read hostname.txt: %v", err)
		case strings.TrimSpace(string(got)) != strings.TrimSpace(want):
			c.fail(item, "hostname.txt holds %q; dd-src's /etc/hostname holds %q", firstLine(string(got)), strings.TrimSpace(want))
		default:
			c.pass(item)
		}
	}})

	register(&Task{Name: "logs-stdout", Check: func(ctx context.Context, c *Checker) {
		ctr := c.Running(ctx, "dd-logger")
		item := "docker logs dd-logger shows dd started"
		if ctr == nil {
			c.fail(item, "there is no container dd-logger to look at")
			return
		}
		logs, err := c.Logs(ctx, "dd-logger")
		switch {
		case err != nil:
			c.fail(item, "docker logs dd-logger fails: %v", shortErr(err))
		case strings.Contains(logs, "dd started"):
			c.pass(item)
		case strings.TrimSpace(logs) == "":
			c.fail(item, "dd-logger has printed nothing: docker logs shows what the main process writes to its standard output and error, not what it writes into files")
		default:
			c.fail(item, "dd-logger printed %q", firstLine(logs))
		}
	}})

	register(&Task{Name: "read-only-rootfs", Check: func(ctx context.Context, c *Checker) {
		ctr := c.Running(ctx, "dd-locked")
		item := "dd-locked's root file system is read-only"
		if ctr == nil || !ctr.State.Running {
			c.fail(item, "dd-locked is not running")
			return
		}
		_, out, err := c.Exec(ctx, "dd-locked", "awk", `$2=="/"{print $4}`, "/proc/mounts")
		switch {
		case err != nil:
			c.fail(item, "could not look inside dd-locked: %v", shortErr(err))
		case strings.HasPrefix(strings.TrimSpace(out), "ro"):
			c.pass(item)
		default:
			c.fail(item, "/ is mounted %s in dd-locked; docker run --read-only makes it read-only (it cannot be changed on a running container: remove it and run it again)", firstLine(out))
		}
	}})
}

// NotExist reports whether err says a file does not exist.
func NotExist(err error) bool { return os.IsNotExist(err) }

func bytesOrNone(n int64) string {
	if n == 0 {
		return "none"
	}
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

func cpusOrNone(n int64) string {
	if n == 0 {
		return "none"
	}
	return fmt.Sprintf("%g CPUs", float64(n)/1e9)
}
