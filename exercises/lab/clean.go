package lab

import (
	"context"
	"fmt"
	"net/netip"
	"sort"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/moby/moby/client"
)

var loopback = netip.MustParseAddr("127.0.0.1")

// Removed lists what a cleanup removed.
type Removed struct {
	Containers []string `json:"containers"`
	Networks   []string `json:"networks"`
	Volumes    []string `json:"volumes"`
	Images     []string `json:"images"`
}

// Clean removes every container, network and volume labelled
// dockdrill.lab=true, whoever left it; with images, it also removes the
// images the lab built and those proofs built.
func Clean(ctx context.Context, cli *client.Client, images bool) (Removed, error) {
	var rm Removed
	var errs []error
	filter := LabelLab + "=true"
	ctrs, err := cli.ContainerList(ctx, client.ContainerListOptions{All: true, Filters: make(client.Filters).Add("label", filter)})
	if err != nil {
		return rm, err
	}
	for _, c := range ctrs.Items {
		_, err := cli.ContainerRemove(ctx, c.ID, client.ContainerRemoveOptions{Force: true, RemoveVolumes: true})
		if err != nil && !cerrdefs.IsNotFound(err) {
			errs = append(errs, err)
			continue
		}
		rm.Containers = append(rm.Containers, containerName(c.Names, c.ID))
	}
	nets, err := cli.NetworkList(ctx, client.NetworkListOptions{Filters: make(client.Filters).Add("label", filter)})
	if err != nil {
		return rm, err
	}
	for _, n := range nets.Items {
		if _, err := cli.NetworkRemove(ctx, n.ID, client.NetworkRemoveOptions{}); err != nil && !cerrdefs.IsNotFound(err) {
			errs = append(errs, err)
			continue
		}
		rm.Networks = append(rm.Networks, n.Name)
	}
	vols, err := cli.VolumeList(ctx, client.VolumeListOptions{Filters: make(client.Filters).Add("label", filter)})
	if err != nil {
		return rm, err
	}
	for _, v := range vols.Items {
		if _, err := cli.VolumeRemove(ctx, v.Name, client.VolumeRemoveOptions{Force: true}); err != nil && !cerrdefs.IsNotFound(err) {
			errs = append(errs, err)
			continue
		}
		rm.Volumes = append(rm.Volumes, v.Name)
	}
	if images {
		// Proofs name their builds under ProofRepository, or label an
		// untagged build with their run id; the lab's own images carry
		// their role.
		for _, f := range []client.Filters{
			make(client.Filters).Add("reference", ProofRepository+"*"),
			make(client.Filters).Add("label", filter),
			make(client.Filters).Add("label", LabelRun),
			make(client.Filters).Add("label", LabelRole),
		} {
			imgs, err := cli.ImageList(ctx, client.ImageListOptions{Filters: f})
			if err != nil {
				return rm, err
			}
			// Children first: an image another one is built on cannot go first.
			sort.Slice(imgs.Items, func(i, j int) bool { return imgs.Items[i].Created > imgs.Items[j].Created })
			for _, img := range imgs.Items {
				name := img.ID
				if len(img.RepoTags) > 0 {
					name = img.RepoTags[0]
				}
				if _, err := cli.ImageRemove(ctx, img.ID, client.ImageRemoveOptions{Force: true, PruneChildren: true}); err != nil && !cerrdefs.IsNotFound(err) {
					errs = append(errs, err)
					continue
				}
				rm.Images = append(rm.Images, name)
			}
		}
	}
	if len(errs) > 0 {
		return rm, fmt.Errorf("lab clean: %d objects could not be removed: %v", len(errs), errs)
	}
	return rm, nil
}

// removeLabelled removes what carries label (key=value), plus the named
// images, and returns the errors; what is already gone is no error.
func removeLabelled(ctx context.Context, cli *client.Client, label string, images []string) []error {
	var errs []error
	keep := func(err error) {
		if err != nil && !cerrdefs.IsNotFound(err) {
			errs = append(errs, err)
		}
	}
	f := make(client.Filters).Add("label", label)
	if ctrs, err := cli.ContainerList(ctx, client.ContainerListOptions{All: true, Filters: f}); err != nil {
		keep(err)
	} else {
		for _, c := range ctrs.Items {
			_, err := cli.ContainerRemove(ctx, c.ID, client.ContainerRemoveOptions{Force: true, RemoveVolumes: true})
			keep(err)
		}
	}
	if nets, err := cli.NetworkList(ctx, client.NetworkListOptions{Filters: f}); err != nil {
		keep(err)
	} else {
		for _, n := range nets.Items {
			_, err := cli.NetworkRemove(ctx, n.ID, client.NetworkRemoveOptions{})
			keep(err)
		}
	}
	if vols, err := cli.VolumeList(ctx, client.VolumeListOptions{Filters: f}); err != nil {
		keep(err)
	} else {
		for _, v := range vols.Items {
			_, err := cli.VolumeRemove(ctx, v.Name, client.VolumeRemoveOptions{Force: true})
			keep(err)
		}
	}
	for _, ref := range images {
		_, err := cli.ImageRemove(ctx, ref, client.ImageRemoveOptions{Force: true, PruneChildren: true})
		keep(err)
	}
	if imgs, err := cli.ImageList(ctx, client.ImageListOptions{Filters: f}); err != nil {
		keep(err)
	} else {
		sort.Slice(imgs.Items, func(i, j int) bool { return imgs.Items[i].Created > imgs.Items[j].Created })
		for _, img := range imgs.Items {
			_, err := cli.ImageRemove(ctx, img.ID, client.ImageRemoveOptions{Force: true, PruneChildren: true})
			keep(err)
		}
	}
	return errs
}

func containerName(names []string, id string) string {
	if len(names) > 0 {
		return names[0][1:]
	}
	return id[:12]
}
