package tasks

import (
	"context"
	"fmt"
	"strings"
)

// The tasks of knowledge area upload: tag for a registry, push, pull back
// by digest, run a registry.
func init() {
	register(&Task{Name: "push-to-registry", Check: func(ctx context.Context, c *Checker) {
		c.InRegistry(ctx, "", "dd-box", "1")
	}})

	register(&Task{Name: "push-two-tags", Check: func(ctx context.Context, c *Checker) {
		one := c.InRegistry(ctx, "", "dd-multi", "1.0")
		latest := c.InRegistry(ctx, "", "dd-multi", "latest")
		item := "dd-multi:1.0 and dd-multi:latest are the same image"
		if !one || !latest {
			c.fail(item, "both tags must be in the registry first")
			return
		}
		a, errA := c.registryDigest(ctx, "dd-multi", "1.0")
		b, errB := c.registryDigest(ctx, "dd-multi", "latest")
		c.expect(item, errA == nil && errB == nil && a == b, "the registry gives 1.0 the digest %s and latest %s; tag one image twice and push both tags", a, b)
	}})

	register(&Task{Name: "pull-by-digest", Check: func(ctx context.Context, c *Checker) {
		if !c.InRegistry(ctx, "", "dd-pin", "1") {
			c.fail("dd-pinned was started from dd-pin by its digest", "push dd-pin:1 first")
			return
		}
		digest, err := c.registryDigest(ctx, "dd-pin", "1")
		ctr := c.Running(ctx, "dd-pinned")
		item := "dd-pinned was started from dd-pin by its digest"
		switch {
		case err != nil:
			c.fail(item, "the registry does not give the digest of dd-pin:1: %v", shortErr(err))
		case ctr == nil:
			c.fail(item, "there is no container dd-pinned to look at")
		case ctr.Config.Image == c.Name("$DD_REGISTRY/dd-pin@"+digest):
			c.pass(item)
		case strings.Contains(ctr.Config.Image, "@sha256:"):
			c.fail(item, "dd-pinned was started from %s, another digest than the registry's %s", ctr.Config.Image, digest)
		default:
			c.fail(item, "dd-pinned was started from %s, by a tag, which may move; name the image by the digest docker push printed: %s/dd-pin@%s", ctr.Config.Image, c.Registry, digest)
		}
	}})

	register(&Task{Name: "own-registry", Ports: []int{5055}, Check: func(ctx context.Context, c *Checker) {
		ctr := c.Running(ctx, "dd-registry")
		c.RunsImage(ctx, ctr, "dd-registry", "registry")
		c.Publishes(ctr, "dd-registry", 5000, 5055)
		c.InRegistry(ctx, fmt.Sprintf("127.0.0.1:%d", c.Port(5055)), "dd-mine", "1")
	}})

	register(&Task{Name: "push-namespaced", Check: func(ctx context.Context, c *Checker) {
		if c.InRegistry(ctx, "", "dd-team/dd-app", "1") {
			return
		}
		if tags, _ := c.registryTags(ctx, "dd-app"); len(tags) > 0 {
			c.results[len(c.results)-1].Reason = "the registry has dd-app at its top level; the repository's path is part of the name: tag $DD_REGISTRY/dd-team/dd-app:1 and push that"
		}
	}})
}
