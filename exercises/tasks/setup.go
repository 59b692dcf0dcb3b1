package tasks

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab/provision"
	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/network"
	"github.com/moby/moby/client"
)

// Object is one object a task creates, as its card's cleanup names it.
type Object struct {
	Kind string // container, volume, network or image
	Name string // the name on the engine (the registry filled in)
	// Created is when a container, volume or network was created, as far
	// as the engine says; zero for images (a tag has no time of its own).
	Created time.Time
}

func (o Object) String() string { return o.Kind + " " + o.Name }

// Objects resolves a card's cleanup entries (kind:name) in env.
func Objects(env *Env, cleanup []string) []Object {
	var out []Object
	for _, e := range cleanup {
		kind, name, _ := strings.Cut(e, ":")
		out = append(out, Object{Kind: kind, Name: env.Name(name)})
	}
	return out
}

// Existing returns the objects that exist on the engine now. An image
// named without a tag stands for every tag and digest of its repository.
func Existing(ctx context.Context, cli *client.Client, objs []Object) ([]Object, error) {
	var out []Object
	for _, o := range objs {
		var err error
		switch o.Kind {
		case "container":
			var res client.ContainerInspectResult
			if res, err = cli.ContainerInspect(ctx, o.Name, client.ContainerInspectOptions{}); err == nil {
				o.Created, _ = time.Parse(time.RFC3339Nano, res.Container.Created)
			}
		case "volume":
			var res client.VolumeInspectResult
			if res, err = cli.VolumeInspect(ctx, o.Name, client.VolumeInspectOptions{}); err == nil {
				o.Created, _ = time.Parse(time.RFC3339Nano, res.Volume.CreatedAt)
			}
		case "network":
			var res client.NetworkInspectResult
			if res, err = cli.NetworkInspect(ctx, o.Name, client.NetworkInspectOptions{}); err == nil {
				o.Created = res.Network.Created
			}
		case "image":
			refs, lerr := imageRefs(ctx, cli, o.Name)
			if lerr != nil {
				return out, lerr
			}
			for _, r := range refs {
				out = append(out, Object{Kind: "image", Name: r})
			}
			continue
		}
		switch {
		case err == nil:
			out = append(out, o)
		case !NotFound(err):
			return out, err
		}
	}
	return out, nil
}

// imageRefs returns the local references of the image name: itself when
// it has a tag, else every tag and digest of the repository.
func imageRefs(ctx context.Context, cli *client.Client, name string) ([]string, error) {
	last := name[strings.LastIndex(name, "/")+1:]
	if strings.Contains(last, ":") {
		if _, err := cli.ImageInspect(ctx, name); err != nil {
			if NotFound(err) {
				return nil, nil
			}
			return nil, err
		}
		return []string{name}, nil
	}
	imgs, err := cli.ImageList(ctx, client.ImageListOptions{})
	if err != nil {
		return nil, err
	}
	var refs []string
	for _, img := range imgs.Items {
		for _, r := range slices.Concat(img.RepoTags, img.RepoDigests) {
			if strings.HasPrefix(r, name+":") || strings.HasPrefix(r, name+"@") {
				refs = append(refs, r)
			}
		}
	}
	return refs, nil
}

// CreatedSince returns the objects created at start or later, and the
// images (whose time cannot be told); the engine's clock may differ from
// ours by up to slack.
func CreatedSince(objs []Object, start time.Time, slack time.Duration) []Object {
	var out []Object
	for _, o := range objs {
		if o.Created.IsZero() || !o.Created.Before(start.Add(-slack)) {
			out = append(out, o)
		}
	}
	return out
}

// Remove removes the objects, containers first (with their anonymous
// volumes), then networks, volumes and images, and returns what it
// removed. It removes only these names.
func Remove(ctx context.Context, cli *client.Client, objs []Object) ([]Object, error) {
	var removed []Object
	var errs []string
	for _, kind := range []string{"container", "network", "volume", "image"} {
		if kind == "image" && slices.ContainsFunc(objs, func(o Object) bool { return o.Kind == "image" }) {
			unlock, err := provision.LockForRemoval(ctx)
			if err != nil {
				return removed, err
			}
			defer unlock()
		}
		for _, o := range objs {
			if o.Kind != kind {
				continue
			}
			var err error
			switch kind {
			case "container":
				_, err = cli.ContainerRemove(ctx, o.Name, client.ContainerRemoveOptions{Force: true, RemoveVolumes: true})
			case "network":
				_, err = cli.NetworkRemove(ctx, o.Name, client.NetworkRemoveOptions{})
			case "volume":
				_, err = cli.VolumeRemove(ctx, o.Name, client.VolumeRemoveOptions{Force: true})
			case "image":
				_, err = cli.ImageRemove(ctx, o.Name, client.ImageRemoveOptions{})
			}
			switch {
			case err == nil:
				removed = append(removed, o)
			case !NotFound(err):
				errs = append(errs, fmt.Sprintf("%s: %v", o, shortErr(err)))
			}
		}
	}
	if len(errs) > 0 {
		return removed, fmt.Errorf("could not remove %s", strings.Join(errs, "; "))
	}
	return removed, nil
}

// StartRegistry runs a registry container from image, labelled, published
// on a free port of 127.0.0.1, waits until its API answers and returns its
// container id and host:port.
func StartRegistry(ctx context.Context, cli *client.Client, image, name string, labels map[string]string) (id, addr string, err error) {
	port, err := freePort()
	if err != nil {
		return "", "", err
	}
	p, _ := network.ParsePort("5000/tcp")
	created, err := cli.ContainerCreate(ctx, client.ContainerCreateOptions{
		Name:   name,
		Config: &container.Config{Image: image, Labels: labels, ExposedPorts: network.PortSet{p: {}}},
		HostConfig: &container.HostConfig{PortBindings: network.PortMap{
			p: {{HostIP: netip.MustParseAddr("127.0.0.1"), HostPort: fmt.Sprint(port)}},
		}},
	})
	if err != nil {
		return "", "", fmt.Errorf("create the task's registry: %w", err)
	}
	if _, err := cli.ContainerStart(ctx, created.ID, client.ContainerStartOptions{}); err != nil {
		cli.ContainerRemove(ctx, created.ID, client.ContainerRemoveOptions{Force: true})
		return "", "", fmt.Errorf("start the task's registry: %w", err)
	}
	addr = fmt.Sprintf("127.0.0.1:%d", port)
	deadline := time.Now().Add(30 * time.Second)
	for {
		_, code, err := httpGet(ctx, "http://"+addr+"/v2/")
		if err == nil && code == http.StatusOK {
			return created.ID, addr, nil
		}
		if time.Now().After(deadline) {
			cli.ContainerRemove(ctx, created.ID, client.ContainerRemoveOptions{Force: true})
			return "", "", fmt.Errorf("the task's registry did not answer on %s within 30 s", addr)
		}
		select {
		case <-ctx.Done():
			return created.ID, "", ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// freePort returns a TCP port on 127.0.0.1 that nothing listens on now.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// PrepareFolder makes dir afresh with the task's given files and returns
// it.
func PrepareFolder(dir string, files map[string]string) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			return err
		}
	}
	return nil
}
