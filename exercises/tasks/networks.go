package tasks

import (
	"context"
	"slices"
	"strings"

	"github.com/moby/moby/api/types/container"
)

// The tasks of knowledge area networks: user-defined networks and their
// DNS, aliases, several networks, none, internal.
func init() {
	register(&Task{Name: "net-dns", Check: func(ctx context.Context, c *Checker) {
		c.NetworkExists(ctx, "dd-net")
		db := c.Running(ctx, "dd-db")
		c.RunsImage(ctx, db, "dd-db", "redis")
		client := c.Running(ctx, "dd-client")
		c.OnNetwork(db, "dd-db", "dd-net")
		c.OnNetwork(client, "dd-client", "dd-net")
		c.ExecSays(ctx, client, "dd-client", "dd-client reaches dd-db by name on port 6379", "+PONG",
			"names resolve only between containers on the same user-defined network", "sh", "-c", "echo PING | nc -w 2 "+c.Name("dd-db")+" 6379")
	}})

	register(&Task{Name: "net-none", Check: func(ctx context.Context, c *Checker) {
		ctr := c.Running(ctx, "dd-offline")
		c.ExecSays(ctx, ctr, "dd-offline", "dd-offline has no network interface but lo", "lo",
			"--network none gives the container only its loopback interface", "ls", "/sys/class/net")
	}})

	register(&Task{Name: "net-alias", Check: func(ctx context.Context, c *Checker) {
		c.NetworkExists(ctx, "dd-apps")
		api := c.Running(ctx, "dd-api")
		c.RunsImage(ctx, api, "dd-api", "web")
		caller := c.Running(ctx, "dd-caller")
		ep := c.OnNetwork(api, "dd-api", "dd-apps")
		c.OnNetwork(caller, "dd-caller", "dd-apps")
		item := "dd-api has the alias api on dd-apps"
		switch {
		case ep == nil:
			c.fail(item, "dd-api is not on dd-apps")
		case slices.Contains(ep.Aliases, "api"):
			c.pass(item)
		default:
			c.fail(item, "its names on dd-apps are %s; --network-alias api adds one (with --network dd-apps on docker run, or --alias on docker network connect)", strings.Join(ep.Aliases, ", "))
		}
		c.httpFrom(ctx, caller, "dd-caller", "api", "dd-caller fetches http://api/",
			"the alias resolves only on the network it was given on")
	}})

	register(&Task{Name: "net-two-networks", Check: func(ctx context.Context, c *Checker) {
		c.NetworkExists(ctx, "dd-front")
		c.NetworkExists(ctx, "dd-back")
		ctr := c.Running(ctx, "dd-mid")
		c.OnNetwork(ctr, "dd-mid", "dd-front")
		c.OnNetwork(ctr, "dd-mid", "dd-back")
	}})

	register(&Task{Name: "net-internal", Check: func(ctx context.Context, c *Checker) {
		n := c.NetworkExists(ctx, "dd-vault")
		item := "dd-vault is internal (no route out)"
		switch {
		case n == nil:
			c.fail(item, "there is no network dd-vault")
		case n.Internal:
			c.pass(item)
		default:
			c.fail(item, "dd-vault routes to the outside; a network is made internal when it is created: docker network rm dd-vault, then docker network create --internal dd-vault")
		}
		c.OnNetwork(c.Running(ctx, "dd-safe"), "dd-safe", "dd-vault")
	}})
}

// httpFrom expects an HTTP GET / of host, sent from inside the running
// container with nc, to answer 200.
func (c *Checker) httpFrom(ctx context.Context, ctr *container.InspectResponse, name, host, item, hint string) {
	if ctr == nil || ctr.State == nil || !ctr.State.Running {
		c.fail(item, "%s is not running, so nothing can be tried from it", name)
		return
	}
	code, out, err := c.Exec(ctx, name, "sh", "-c", `printf 'GET / HTTP/1.0\r\nHost: `+host+`\r\n\r\n' | nc -w 2 `+host+` 80`)
	status := firstLine(out)
	switch {
	case err != nil:
		c.fail(item, "could not run a command in %s: %v", name, shortErr(err))
	case code == 0 && strings.Contains(status, " 200"):
		c.pass(item)
	case code == 0 && status != "":
		c.fail(item, "it answers %q", status)
	default:
		c.fail(item, "no answer from %s in %s (%s). %s", host, name, status, hint)
	}
}
