package tasks

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// The tasks of knowledge area dockerfile: write a Dockerfile in the task's
// folder and build it to a given tag.
func init() {
	register(&Task{Name: "df-cmd", Check: func(ctx context.Context, c *Checker) {
		if !c.builtImage(ctx, "dd-hello:1") {
			return
		}
		c.imageSays(ctx, "dd-hello:1", "a container of dd-hello:1 prints hello from dd", "hello from dd",
			"RUN runs once while the image is built; CMD [\"echo\", \"hello from dd\"] is what a container runs")
	}})

	register(&Task{Name: "df-entrypoint", Check: func(ctx context.Context, c *Checker) {
		if !c.builtImage(ctx, "dd-echo:1") {
			return
		}
		c.imageSays(ctx, "dd-echo:1", "docker run dd-echo:1 prints default", "default",
			"CMD [\"default\"] gives the entrypoint its default argument")
		c.imageSays(ctx, "dd-echo:1", "docker run dd-echo:1 hi prints hi", "hi",
			"arguments after the image replace CMD only; with ENTRYPOINT [\"echo\"] they become echo's arguments", "hi")
	}})

	register(&Task{Name: "df-env-workdir-user", Check: func(ctx context.Context, c *Checker) {
		if !c.builtImage(ctx, "dd-env:1") {
			return
		}
		items := []string{"APP_MODE is prod in dd-env:1", "dd-env:1 works in /app", "dd-env:1 runs as user 1000"}
		out, code, err := c.RunImage(ctx, "dd-env:1", "sh", "-c", `echo "$APP_MODE"; pwd; id -u`)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if err != nil || code != 0 || len(lines) != 3 {
			for _, it := range items {
				c.fail(it, "a container of dd-env:1 could not report it (%s)", firstLine(out))
			}
			return
		}
		c.expect(items[0], lines[0] == "prod", "APP_MODE is %q; ENV APP_MODE=prod sets it for every container", lines[0])
		c.expect(items[1], lines[1] == "/app", "a container starts in %s; WORKDIR /app sets it (RUN cd /app lasts only for that RUN)", lines[1])
		c.expect(items[2], lines[2] == "1000", "a container runs as user %s; USER 1000 sets it", lines[2])
	}})

	register(&Task{Name: "df-healthcheck", Ports: []int{8084}, Files: map[string]string{"index.html": "<h1>dd site</h1>\n"}, Check: func(ctx context.Context, c *Checker) {
		img := c.imageConfig(ctx, "dd-site:1")
		if img == nil {
			c.fail("image dd-site:1 exists", "there is no image dd-site:1; docker build -t dd-site:1 . in the task folder builds it")
		} else {
			c.pass("image dd-site:1 exists")
			c.expect("dd-site:1 records port 8000 with EXPOSE", slices.Contains(img.Exposed, "8000/tcp"), "the image exposes %s; EXPOSE 8000 records it", orNothing(img.Exposed))
			c.expect("dd-site:1 has a HEALTHCHECK", img.Healthcheck, "the image has no health check; HEALTHCHECK CMD wget -q -O /dev/null http://127.0.0.1:8000/ || exit 1")
		}
		ctr := c.Running(ctx, "dd-site")
		c.Publishes(ctr, "dd-site", 8000, 8084)
		c.HTTPGet(ctx, 8084, "/", "dd site")
		item := "dd-site is healthy"
		switch {
		case ctr == nil || ctr.State == nil || !ctr.State.Running:
			c.fail(item, "dd-site is not running")
		case ctr.State.Health == nil:
			c.fail(item, "dd-site has no health check; its image needs a HEALTHCHECK (or docker run --health-cmd)")
		case ctr.State.Health.Status == "healthy":
			c.pass(item)
		case ctr.State.Health.Status == "starting":
			c.fail(item, "its health is still starting; check again in a few seconds")
		default:
			last := ""
			if n := len(ctr.State.Health.Log); n > 0 {
				last = ": " + firstLine(ctr.State.Health.Log[n-1].Output)
			}
			c.fail(item, "its health is %s%s", ctr.State.Health.Status, last)
		}
	}})

	register(&Task{Name: "df-dockerignore", Files: map[string]string{"app.txt": "the app\n", "secret.env": "TOKEN=do-not-ship\n"}, Check: func(ctx context.Context, c *Checker) {
		_, err := os.Stat(filepath.Join(c.Dir, ".dockerignore"))
		c.expect("the task folder has a .dockerignore", err == nil, "there is no .dockerignore in %s; a line secret.env in it keeps the file out of the build context", c.Dir)
		if !c.builtImage(ctx, "dd-ignore:1") {
			return
		}
		out, code, err := c.RunImage(ctx, "dd-ignore:1", "ls", "/src")
		files := strings.Fields(out)
		if err != nil || code != 0 {
			c.fail("dd-ignore:1 has /src/app.txt", "ls /src in a container of dd-ignore:1 fails: %s; COPY . /src copies the folder there", firstLine(out))
			c.fail("dd-ignore:1 has no /src/secret.env", "ls /src fails")
			return
		}
		c.expect("dd-ignore:1 has /src/app.txt", slices.Contains(files, "app.txt"), "/src holds %s; COPY . /src copies the folder there", orNothing(files))
		c.expect("dd-ignore:1 has no /src/secret.env", !slices.Contains(files, "secret.env"),
			"secret.env went into the image: the whole folder is the build context unless .dockerignore leaves files out; add secret.env to .dockerignore and build again")
	}})
}

// builtImage expects the image ref, built from the task folder, to exist.
func (c *Checker) builtImage(ctx context.Context, ref string) bool {
	return c.ImageExists(ctx, ref, "docker build -t "+ref+" . in the task folder builds it")
}

func orNothing(list []string) string {
	if len(list) == 0 {
		return "nothing"
	}
	return strings.Join(list, ", ")
}
