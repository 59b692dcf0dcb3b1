package provision

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/moby/moby/api/types/image"
	"github.com/moby/moby/client"
)

// Removed lists what a cleanup removed.
type Removed struct {
	Containers []string `json:"containers"`
	Networks   []string `json:"networks"`
	Volumes    []string `json:"volumes"`
	Images     []string `json:"images"`
	// Kept lists what Clean left alone because proofs still running made
	// it (see MarkLive), as "container NAME", "image REF" and so on.
	Kept []string `json:"kept,omitempty"`
}

// Clean removes every container, network and volume labelled
// dockdrill.lab=true and every image a proof made, whoever left them; with
// images, it also removes the images the lab itself built (the roles and
// the root filesystem).
func Clean(ctx context.Context, cli *client.Client, images bool) (Removed, error) {
	var rm Removed
	var errs []error
	filter := LabelLab + "=true"
	ctrs, err := cli.ContainerList(ctx, client.ContainerListOptions{All: true, Filters: make(client.Filters).Add("label", filter)})
	if err != nil {
		return rm, err
	}
	for _, c := range ctrs.Items {
		if Live(c.Labels[LabelRun]) {
			rm.Kept = append(rm.Kept, "container "+ContainerName(c.Names, c.ID))
			continue
		}
		_, err := cli.ContainerRemove(ctx, c.ID, client.ContainerRemoveOptions{Force: true, RemoveVolumes: true})
		if err != nil && !cerrdefs.IsNotFound(err) {
			errs = append(errs, err)
			continue
		}
		rm.Containers = append(rm.Containers, ContainerName(c.Names, c.ID))
	}
	nets, err := cli.NetworkList(ctx, client.NetworkListOptions{Filters: make(client.Filters).Add("label", filter)})
	if err != nil {
		return rm, err
	}
	for _, n := range nets.Items {
		if Live(n.Labels[LabelRun]) {
			rm.Kept = append(rm.Kept, "network "+n.Name)
			continue
		}
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
		if Live(v.Labels[LabelRun]) {
			rm.Kept = append(rm.Kept, "volume "+v.Name)
			continue
		}
		if _, err := cli.VolumeRemove(ctx, v.Name, client.VolumeRemoveOptions{Force: true}); err != nil && !cerrdefs.IsNotFound(err) {
			errs = append(errs, err)
			continue
		}
		rm.Volumes = append(rm.Volumes, v.Name)
	}
	// Images proofs made go always; the lab's own images only when asked.
	unlock, err := LockForRemoval(ctx)
	if err != nil {
		return rm, err
	}
	defer unlock()
	imgs, err := cli.ImageList(ctx, client.ImageListOptions{})
	if err != nil {
		return rm, err
	}
	kept, idle := SplitLive(imgs.Items)
	rm.Kept = append(rm.Kept, kept...)
	doomed, untag := ImagesToClean(idle, images)
	// A proof's name on an image that stays (a tag a task proof gave a lab
	// image, or a learner's) goes alone: removing the image by its id
	// would take the lab's or the learner's image with it.
	for _, ref := range untag {
		if _, err := cli.ImageRemove(ctx, ref, client.ImageRemoveOptions{}); err != nil && !cerrdefs.IsNotFound(err) {
			errs = append(errs, err)
			continue
		}
		rm.Images = append(rm.Images, ref)
	}
	// An image another one is built on cannot go first. Newest first
	// mostly gets children before parents, but an image from the build
	// cache can be older than its parent: what is refused for having
	// children is tried again once the others have gone.
	for len(doomed) > 0 {
		var again []image.Summary
		var refused []error
		for _, img := range doomed {
			name := imageName(img)
			_, err := cli.ImageRemove(ctx, img.ID, client.ImageRemoveOptions{Force: true, PruneChildren: true})
			switch {
			case err == nil || cerrdefs.IsNotFound(err):
				rm.Images = append(rm.Images, name)
			case cerrdefs.IsConflict(err):
				again = append(again, img)
				refused = append(refused, err)
			default:
				errs = append(errs, err)
			}
		}
		if len(again) == len(doomed) {
			errs = append(errs, refused...)
			break
		}
		doomed = again
	}
	if len(errs) > 0 {
		return rm, fmt.Errorf("lab clean: %d objects could not be removed: %v", len(errs), errs)
	}
	return rm, nil
}

// ImagesToClean returns what Clean removes of imgs: doomed, the images
// that go whole (every image a proof made and, with images, the images the
// lab built), newest first; and untag, the names proofs gave images that
// stay because they carry other names too (docker tag busybox dd-<run>-…
// names the lab's shell image), which only lose those names.
func ImagesToClean(imgs []image.Summary, images bool) (doomed []image.Summary, untag []string) {
	for _, img := range imgs {
		lab := images && img.Labels[LabelRole] != ""
		if !proofImage(img) && !lab {
			continue
		}
		var proofRefs []string
		other := false
		for _, ref := range slices.Concat(img.RepoTags, img.RepoDigests) {
			switch {
			case ref == "<none>:<none>" || ref == "<none>@<none>":
			case proofRef(ref):
				proofRefs = append(proofRefs, ref)
			default:
				other = true
			}
		}
		if other && !lab && len(proofRefs) > 0 {
			untag = append(untag, proofRefs...)
			continue
		}
		doomed = append(doomed, img)
	}
	sort.Slice(doomed, func(i, j int) bool { return doomed[i].Created > doomed[j].Created })
	sort.Strings(untag)
	return doomed, untag
}

// RemoveLabelled removes what carries label (key=value), plus the named
// images, and returns the errors; what is already gone is no error.
func RemoveLabelled(ctx context.Context, cli *client.Client, label string, images []string) []error {
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
	labelled, err := cli.ImageList(ctx, client.ImageListOptions{Filters: f})
	keep(err)
	if len(images) == 0 && len(labelled.Items) == 0 {
		return errs
	}
	// Only a test that made images waits for the image lock.
	unlock, err := LockForRemoval(ctx)
	if err != nil {
		return append(errs, err)
	}
	defer unlock()
	for _, ref := range images {
		_, err := cli.ImageRemove(ctx, ref, client.ImageRemoveOptions{Force: true, PruneChildren: true})
		keep(err)
	}
	sort.Slice(labelled.Items, func(i, j int) bool { return labelled.Items[i].Created > labelled.Items[j].Created })
	for _, img := range labelled.Items {
		_, err := cli.ImageRemove(ctx, img.ID, client.ImageRemoveOptions{Force: true, PruneChildren: true})
		keep(err)
	}
	return errs
}

// ContainerName is a container's name without its leading slash, else its
// short id.
func ContainerName(names []string, id string) string {
	if len(names) > 0 {
		return names[0][1:]
	}
	return id[:12]
}

// proofName matches a repository named with Lab.Name, as proofs name what
// they push to and pull from their registries.
var proofName = regexp.MustCompile(`(^|/)dd-[0-9a-f]{12}-`)

// proofImage reports whether a proof made img: it is named under
// ProofRepository or with Lab.Name, or labelled with a run id, or it is an
// unnamed image built on a lab image (what an interrupted build leaves; the
// lab removes its own build stages as it makes them).
func proofImage(img image.Summary) bool {
	if labelledByProof(img) {
		return true
	}
	if untagged(img) && img.Labels[LabelRole] != "" {
		return true
	}
	return slices.ContainsFunc(slices.Concat(img.RepoTags, img.RepoDigests), proofRef)
}

// labelledByProof reports whether a proof's labels mark img.
func labelledByProof(img image.Summary) bool {
	return img.Labels[LabelRun] != "" || img.Labels[LabelLab] != ""
}

// proofRef reports whether ref is a name a proof gives: under
// ProofRepository, or made with Lab.Name.
func proofRef(ref string) bool {
	return strings.HasPrefix(ref, ProofRepository) || proofName.MatchString(ref)
}

// imageName is img's first name, else its id.
func imageName(img image.Summary) string {
	if untagged(img) {
		return img.ID
	}
	return img.RepoTags[0]
}

// untagged reports whether img has no name; engines before API 1.44 list
// such an image as "<none>:<none>".
func untagged(img image.Summary) bool {
	for _, t := range img.RepoTags {
		if t != "<none>:<none>" {
			return false
		}
	}
	return true
}
