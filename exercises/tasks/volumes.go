package tasks

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"time"
)

// The tasks of knowledge area volumes: named volumes, data that outlives a
// container, read-only binds, tmpfs, sharing.
func init() {
	register(&Task{Name: "vol-named-redis", Ports: []int{6390}, Check: func(ctx context.Context, c *Checker) {
		ctr := c.Running(ctx, "dd-cache")
		c.RunsImage(ctx, ctr, "dd-cache", "redis")
		c.MountsVolume(ctr, "dd-cache", "dd-cache-data", "/data")
		c.Publishes(ctr, "dd-cache", 6379, 6390)
		port := c.Port(6390)
		item := fmt.Sprintf("redis answers PING on 127.0.0.1:%d", port)
		if reply, err := redisPing(port); err != nil {
			c.fail(item, "nothing answers on 127.0.0.1:%d (%v)", port, shortErr(err))
		} else {
			c.expect(item, reply == "+PONG", "it answers %q", reply)
		}
	}})

	register(&Task{Name: "vol-outlives", Check: func(ctx context.Context, c *Checker) {
		c.VolumeExists(ctx, "dd-notes")
		ctr := c.Running(ctx, "dd-reader")
		c.MountsVolume(ctr, "dd-reader", "dd-notes", "/notes")
		c.ExecSays(ctx, ctr, "dd-reader", "dd-reader finds hello in /notes/msg", "hello",
			"the file must be written into the volume (-v dd-notes:/notes) by the first container; what it writes anywhere else goes with it", "cat", "/notes/msg")
	}})

	register(&Task{Name: "vol-readonly-bind", Files: map[string]string{"page.txt": "read me\n"}, Check: func(ctx context.Context, c *Checker) {
		ctr := c.Running(ctx, "dd-ro")
		item := "dd-ro has the task folder bind-mounted read-only at /site"
		m, ok := MountAt(ctr, "/site")
		dir, _ := filepath.EvalSymlinks(c.Dir)
		switch {
		case ctr == nil:
			c.fail(item, "there is no container dd-ro to look at")
		case !ok:
			c.fail(item, "dd-ro has nothing mounted at /site; -v \"$DD_DIR\":/site:ro binds the folder there")
		case m.Type != "bind":
			c.fail(item, "dd-ro mounts a %s at /site, not the folder: a source without a leading / is a volume name; give the folder's absolute path", m.Type)
		case m.Source != c.Dir && m.Source != dir:
			c.fail(item, "dd-ro binds %s at /site, not the task folder %s", m.Source, c.Dir)
		case m.RW:
			c.fail(item, "the folder is mounted read-write; add :ro (-v \"$DD_DIR\":/site:ro) so the container cannot change your files")
		default:
			c.pass(item)
		}
		c.ExecSays(ctx, ctr, "dd-ro", "dd-ro reads /site/page.txt", "read me", "", "cat", "/site/page.txt")
	}})

	register(&Task{Name: "vol-tmpfs", Check: func(ctx context.Context, c *Checker) {
		ctr := c.Running(ctx, "dd-scratch")
		item := "dd-scratch has a tmpfs at /scratch"
		if ctr == nil || !ctr.State.Running {
			c.fail(item, "dd-scratch is not running")
			return
		}
		_, out, err := c.Exec(ctx, "dd-scratch", "awk", `$2=="/scratch"{print $3}`, "/proc/mounts")
		fs := strings.TrimSpace(out)
		switch {
		case err != nil:
			c.fail(item, "could not look inside dd-scratch: %v", shortErr(err))
		case fs == "tmpfs":
			c.pass(item)
		case fs == "":
			c.fail(item, "nothing is mounted at /scratch; --tmpfs /scratch mounts one")
		default:
			desc := fs
			if m, ok := MountAt(ctr, "/scratch"); ok {
				desc = "a " + string(m.Type)
				if m.Type == "volume" {
					desc = "a volume (on disk, kept after the container)"
				}
			}
			c.fail(item, "/scratch is %s; --tmpfs /scratch keeps it in memory only", desc)
		}
	}})

	register(&Task{Name: "vol-shared", Check: func(ctx context.Context, c *Checker) {
		c.VolumeExists(ctx, "dd-shared")
		w := c.Running(ctx, "dd-writer")
		p := c.Running(ctx, "dd-peer")
		c.MountsVolume(w, "dd-writer", "dd-shared", "/shared")
		c.MountsVolume(p, "dd-peer", "dd-shared", "/shared")
		item := "dd-peer mounts /shared read-only"
		if m, ok := MountAt(p, "/shared"); ok {
			c.expect(item, !m.RW, "dd-peer mounts it read-write; -v dd-shared:/shared:ro")
		} else {
			c.fail(item, "dd-peer has nothing at /shared")
		}
		c.ExecSays(ctx, p, "dd-peer", "dd-peer reads shared from /shared/note", "shared",
			"dd-writer writes the file into the volume; dd-peer sees it through the same volume", "cat", "/shared/note")
	}})
}

// redisPing sends PING to a redis on 127.0.0.1:port and returns the reply.
func redisPing(port int) (string, error) {
	conn, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), time.Second)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(2 * time.Second))
	if _, err := conn.Write([]byte("PING\r\n")); err != nil {
		return "", err
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	return strings.TrimSpace(line), err
}
