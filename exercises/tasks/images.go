package tasks

import (
	"archive/tar"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// The tasks of knowledge area images: tag, commit, run from a tag.
func init() {
	register(&Task{Name: "commit-change", Check: func(ctx context.Context, c *Checker) {
		if !c.ImageExists(ctx, "dd-snap:1", "docker commit dd-work dd-snap:1 makes it from the container") {
			c.fail("a container of dd-snap:1 finds /greeting holding hi", "there is no image to run")
			return
		}
		c.imageSays(ctx, "dd-snap:1", "a container of dd-snap:1 finds /greeting holding hi", "hi",
			"commit after the file is written: a commit copies the container's changes as they are at that moment", "cat", "/greeting")
	}})

	register(&Task{Name: "tag-image", Check: func(ctx context.Context, c *Checker) {
		item := "dd-tools:1.0 is the busybox image under a new name"
		id := c.imageID(ctx, c.Name("dd-tools:1.0"))
		if id == "" {
			other := c.sameRepoTags(ctx, "dd-tools")
			if len(other) > 0 {
				c.fail(item, "there is no dd-tools:1.0, but there is %s: a reference without :tag means :latest", strings.Join(other, ", "))
			} else {
				c.fail(item, "there is no image dd-tools:1.0; docker tag busybox:1.36 dd-tools:1.0 adds the name")
			}
			return
		}
		c.expect(item, slices.Contains(c.imageIDs(ctx, "shell"), id), "dd-tools:1.0 is another image (%s), not %s", short(id), c.roleNames("shell"))
	}})

	register(&Task{Name: "run-from-tag", Check: func(ctx context.Context, c *Checker) {
		c.ImageExists(ctx, "dd-ver:2", "docker tag busybox:1.36 dd-ver:2 makes it")
		ctr := c.Running(ctx, "dd-ver-box")
		item := "dd-ver-box was started from dd-ver:2"
		if ctr == nil {
			c.fail(item, "there is no container dd-ver-box to look at")
			return
		}
		c.expect(item, ctr.Config.Image == c.Name("dd-ver:2"),
			"dd-ver-box was started from %s; the image is the same, but the task asks you to use the new tag: docker run … dd-ver:2", ctr.Config.Image)
	}})

	register(&Task{Name: "save-archive", Check: func(ctx context.Context, c *Checker) {
		c.ImageExists(ctx, "dd-archive:1", "docker tag busybox:1.36 dd-archive:1 makes it")
		item := "dd-archive.tar in the task folder is an image archive of dd-archive:1"
		tags, err := savedTags(filepath.Join(c.Dir, c.Name("dd-archive")+".tar"))
		want := c.Name("dd-archive:1")
		switch {
		case os.IsNotExist(err):
			c.fail(item, "there is no dd-archive.tar in %s; docker save -o dd-archive.tar dd-archive:1 writes it", c.Dir)
		case errors.Is(err, errNoManifest):
			c.fail(item, "dd-archive.tar holds no manifest.json: it is a container's file system (docker export), not an image with its layers and tags (docker save)")
		case err != nil:
			c.fail(item, "dd-archive.tar cannot be read as a tar archive: %v", err)
		case slices.Contains(tags, want) || slices.Contains(tags, "docker.io/library/"+want):
			c.pass(item)
		default:
			c.fail(item, "dd-archive.tar holds the image tagged %s; save it by the name dd-archive:1 so docker load brings the tag back", orNothing(tags))
		}
	}})

	register(&Task{Name: "commit-with-cmd", Check: func(ctx context.Context, c *Checker) {
		if !c.ImageExists(ctx, "dd-motd:1", "docker commit --change 'CMD [\"cat\",\"/motd\"]' dd-motd-work dd-motd:1 makes it") {
			c.fail("a container of dd-motd:1, given no command, prints welcome", "there is no image to run")
			return
		}
		c.imageSays(ctx, "dd-motd:1", "a container of dd-motd:1, given no command, prints welcome", "welcome",
			"docker commit keeps the container's command unless --change 'CMD [\"cat\",\"/motd\"]' sets a new one")
	}})
}

// imageSays expects a throwaway container of ref, running cmd (none: the
// image's own), to print want (trimmed).
func (c *Checker) imageSays(ctx context.Context, ref, item, want, hint string, cmd ...string) {
	out, code, err := c.RunImage(ctx, ref, cmd...)
	got := strings.TrimSpace(out)
	what := "the image's own command"
	if len(cmd) > 0 {
		what = strings.Join(cmd, " ")
	}
	switch {
	case err != nil && errors.Is(err, context.DeadlineExceeded):
		c.fail(item, "%s in a container of %s was still running after %s; it should print and end. %s", what, ref, runImageWait, hint)
	case err != nil:
		c.fail(item, "a container of %s running %s fails to start: %v. %s", ref, what, shortErr(err), hint)
	case code == 0 && got == want:
		c.pass(item)
	case code != 0:
		c.fail(item, "%s in a container of %s fails (exit code %d): %s. %s", what, ref, code, firstLine(got), hint)
	case got == "":
		c.fail(item, "%s in a container of %s prints nothing. %s", what, ref, hint)
	default:
		c.fail(item, "%s in a container of %s prints %q, not %q. %s", what, ref, firstLine(got), want, hint)
	}
}

// errNoManifest says a tar archive is no docker save archive.
var errNoManifest = errors.New("no manifest.json")

// savedTags reads the repository tags of the images in a docker save
// archive.
func savedTags(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	tr := tar.NewReader(f)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil, errNoManifest
		}
		if err != nil {
			return nil, err
		}
		if h.Name != "manifest.json" {
			continue
		}
		var manifest []struct{ RepoTags []string }
		if err := json.NewDecoder(tr).Decode(&manifest); err != nil {
			return nil, fmt.Errorf("manifest.json: %w", err)
		}
		var tags []string
		for _, m := range manifest {
			tags = append(tags, m.RepoTags...)
		}
		return tags, nil
	}
}

// sameRepoTags lists the local tags of the repository repo.
func (c *Checker) sameRepoTags(ctx context.Context, repo string) []string {
	var out []string
	for _, tag := range []string{"latest", "1", "1.0", "2"} {
		if c.imageID(ctx, c.Name(repo)+":"+tag) != "" {
			out = append(out, repo+":"+tag)
		}
	}
	return out
}

func short(id string) string {
	id = strings.TrimPrefix(id, "sha256:")
	if len(id) > 12 {
		id = id[:12]
	}
	return fmt.Sprint(id)
}
