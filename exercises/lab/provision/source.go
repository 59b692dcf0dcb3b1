package provision

import (
	"context"
	"fmt"
	"os"

	"github.com/moby/moby/client"
)

// EnvSource names another engine (a DOCKER_HOST address such as
// unix:///var/run/docker.sock) that lends the lab its images: when the
// engine the proofs run on lacks a role's image and the source engine has
// it, the image is copied over with save and load instead of being pulled
// or built. This is how a remote engine, or a lab engine reached over TCP,
// gets the lab without a registry.
const EnvSource = "DOCKDRILL_LAB_SOURCE"

// SourceClient returns a client of the source engine, or nil when none is
// named.
func SourceClient() (*client.Client, error) {
	host := os.Getenv(EnvSource)
	if host == "" {
		return nil, nil
	}
	return client.New(client.WithHost(host))
}

// copyFromSource copies the image that fulfils role on the source engine
// into the provisioner's engine, and reports whether there was one.
func (p *Provisioner) copyFromSource(ctx context.Context, role Role) (bool, error) {
	if p.Source == nil {
		return false, nil
	}
	src := &Provisioner{Client: p.Source}
	img, ok, err := src.find(ctx, role)
	if err != nil || !ok {
		return false, err
	}
	p.progress().stepf("%s: copying %s from %s", role, img.Ref, p.Source.DaemonHost())
	save, err := p.Source.ImageSave(ctx, []string{img.Ref})
	if err != nil {
		return false, fmt.Errorf("save %s: %w", img.Ref, err)
	}
	defer save.Close()
	load, err := p.Client.ImageLoad(ctx, save, client.ImageLoadWithQuiet(true))
	if err != nil {
		return false, fmt.Errorf("load %s: %w", img.Ref, err)
	}
	defer load.Close()
	return true, streamJSON(load, func(string) {})
}
