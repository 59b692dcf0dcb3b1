package provision

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/moby/moby/api/types/build"
	"github.com/moby/moby/api/types/jsonstream"
	"github.com/moby/moby/client"
)

// Source tells where a role's image came from.
type Source string

// The sources of a lab image.
const (
	SourceLocal  Source = "local"  // the upstream image was present, not pulled from a registry
	SourcePulled Source = "pulled" // the upstream image came from a registry
	SourceBuilt  Source = "built"  // dockdrill built it offline
)

// Image is the image that fulfils a role.
type Image struct {
	Role    Role      `json:"role"`
	Ref     string    `json:"image"`
	Source  Source    `json:"source"`
	ID      string    `json:"id"`
	Size    int64     `json:"size"`
	Created time.Time `json:"created"`
}

// Provisioner makes the lab's images available: an image present locally is
// used as is; otherwise the upstream image is pulled; when pulling fails, the
// role is built offline.
type Provisioner struct {
	Client *client.Client
	// Progress receives each step with its elapsed time; nil discards.
	Progress io.Writer
	// Offline skips pulling and builds what is missing.
	Offline bool
	// Source, when set, is another engine whose lab images are copied
	// over before anything is pulled or built (EnvSource).
	Source *client.Client
	// LockDir holds the lock file that keeps two processes from building
	// at once; empty means the user's cache directory.
	LockDir string
	// Now is the clock of the progress log; nil means time.Now.
	Now func() time.Time

	mu          sync.Mutex
	rootfsMu    sync.Mutex
	rootfsLocks map[string]*sync.Mutex // one import of each root filesystem at a time
	prog        *progress
}

// NewClient returns a Docker API client of the engine the docker CLI
// points at (DOCKER_HOST and friends, else the CLI's current context),
// negotiating the API version with the daemon.
func NewClient() (*client.Client, error) {
	UseCLIContext()
	return client.New(client.FromEnv)
}

func (p *Provisioner) progress() *progress {
	if p.prog == nil {
		p.prog = newProgress(p.Progress, p.Now)
	}
	return p.prog
}

// Ensure makes the images of roles available and returns them in the same
// order: what is present is used, what is missing is pulled, and what cannot
// be pulled is built offline, all those roles at once.
func (p *Provisioner) Ensure(ctx context.Context, roles ...Role) ([]Image, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	imgs := make([]Image, len(roles))
	missing, err := p.findAll(ctx, roles, imgs)
	if err != nil || len(missing) == 0 {
		return imgs, err
	}
	lock, err := p.lock(ctx)
	if err != nil {
		return nil, err
	}
	defer lock.unlock()
	// Another process may have made them while this one waited.
	if missing, err = p.findAll(ctx, roles, imgs); err != nil || len(missing) == 0 {
		return imgs, err
	}
	prog := p.progress()
	var build []int
	for _, i := range missing {
		role := roles[i]
		if copied, err := p.copyFromSource(ctx, role); err != nil {
			return nil, fmt.Errorf("lab role %s: %w", role, err)
		} else if copied {
			continue
		}
		if p.Offline || role.Upstream() == "" {
			build = append(build, i)
			continue
		}
		prog.stepf("%s: pulling %s", role, role.Upstream())
		if err := p.pull(ctx, role.Upstream()); err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			prog.stepf("%s: pull failed (%s); building offline", role, strings.SplitN(err.Error(), "\n", 2)[0])
			build = append(build, i)
		}
	}
	if len(build) > 0 {
		// Each build makes its root filesystem first if needed (the
		// daemon role's and the others' are made side by side, each once).
		errs := make([]error, len(build))
		var wg sync.WaitGroup
		for j, i := range build {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := p.build(ctx, roles[i]); err != nil {
					errs[j] = fmt.Errorf("lab role %s: %w", roles[i], err)
				}
			}()
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			return nil, err
		}
		// A multi-stage recipe (shell) leaves its first stage behind as a
		// dangling image; it is the lab's own, so it goes.
		if _, err := p.Client.ImagePrune(ctx, client.ImagePruneOptions{Filters: make(client.Filters).
			Add("dangling", "true").Add("label", LabelRole+"=rootfs")}); err != nil {
			prog.stepf("could not remove the build stages: %v", err)
		}
	}
	missing, err = p.findAll(ctx, roles, imgs)
	if err == nil && len(missing) > 0 {
		err = fmt.Errorf("lab role %s: its image was made but is not there", roles[missing[0]])
	}
	return imgs, err
}

// findAll fills imgs with the images that fulfil roles now and returns the
// indexes of the roles that have none.
func (p *Provisioner) findAll(ctx context.Context, roles []Role, imgs []Image) ([]int, error) {
	var missing []int
	for i, r := range roles {
		img, ok, err := p.find(ctx, r)
		if err != nil {
			return nil, err
		}
		if !ok {
			missing = append(missing, i)
		}
		imgs[i] = img
	}
	return missing, nil
}

// find returns the image that fulfils role now, if there is one: the
// upstream image, else an offline build of the current recipe.
func (p *Provisioner) find(ctx context.Context, role Role) (Image, bool, error) {
	var img inspected
	var ok bool
	var err error
	if role.Upstream() != "" {
		img, ok, err = p.inspect(ctx, role, role.Upstream())
	}
	if err != nil || ok {
		if ok {
			img.Source = SourceLocal
			if len(img.digests) > 0 {
				img.Source = SourcePulled
			}
		}
		return img.Image, ok, err
	}
	want, err := recipeHash(role)
	if err != nil {
		return Image{}, false, err
	}
	img, ok, err = p.inspect(ctx, role, role.Offline())
	if err != nil || !ok || img.labels[LabelRecipe] != want {
		return Image{}, false, err
	}
	img.Source = SourceBuilt
	return img.Image, true, nil
}

type inspected struct {
	Image
	digests []string
	labels  map[string]string
}

func (p *Provisioner) inspect(ctx context.Context, role Role, ref string) (inspected, bool, error) {
	res, err := p.Client.ImageInspect(ctx, ref)
	if cerrdefs.IsNotFound(err) {
		return inspected{}, false, nil
	}
	if err != nil {
		return inspected{}, false, fmt.Errorf("inspect %s: %w", ref, err)
	}
	created, _ := time.Parse(time.RFC3339Nano, res.Created)
	img := inspected{
		Image:   Image{Role: role, Ref: ref, ID: res.ID, Size: res.Size, Created: created},
		digests: res.RepoDigests,
	}
	if res.Config != nil {
		img.labels = res.Config.Labels
	}
	return img, true, nil
}

func (p *Provisioner) lock(ctx context.Context) (*fileLock, error) {
	dir := p.LockDir
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			cache = os.TempDir()
		}
		dir = filepath.Join(cache, "dockdrill")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return lockFile(ctx, filepath.Join(dir, "lab.lock"), func() {
		p.progress().stepf("waiting for another process that prepares the lab")
	})
}

// pull pulls ref, writing only its summary lines.
func (p *Provisioner) pull(ctx context.Context, ref string) error {
	resp, err := p.Client.ImagePull(ctx, ref, client.ImagePullOptions{})
	if err != nil {
		return err
	}
	for msg, err := range resp.JSONMessages(ctx) {
		if err != nil {
			return err
		}
		if msg.Error != nil {
			return errors.New(msg.Error.Message)
		}
		if msg.ID == "" && msg.Status != "" {
			p.progress().stepf("pull %s: %s", ref, msg.Status)
		}
	}
	return nil
}

// build builds role offline from its embedded recipe on the root filesystem.
func (p *Provisioner) build(ctx context.Context, role Role) error {
	if err := p.ensureRootfs(ctx, role); err != nil {
		return err
	}
	hash, err := recipeHash(role)
	if err != nil {
		return err
	}
	buildCtx, err := recipeContext(role)
	if err != nil {
		return err
	}
	prog := p.progress()
	prog.stepf("%s: building %s offline (recipe %s)", role, role.Offline(), hash)
	stop := prog.heartbeat("building "+string(role), 10*time.Second)
	defer stop()
	_, rootfsRef := rootfsOf(role)
	res, err := p.Client.ImageBuild(ctx, buildCtx, client.ImageBuildOptions{
		Tags: []string{role.Offline()},
		// The recipe's last step labels the image with its role and hash.
		BuildArgs:   map[string]*string{"ROOTFS": &rootfsRef, "RECIPE": &hash},
		Remove:      true,
		ForceRemove: true,
		Version:     build.BuilderV1,
	})
	if err != nil {
		return err
	}
	defer res.Body.Close()
	return streamJSON(res.Body, func(line string) { prog.stepf("%s: %s", role, line) })
}

// ensureRootfs imports the Debian root filesystem that role builds on once,
// unless an import of the current recipe is there. Builds of several roles
// on one root filesystem make it once.
func (p *Provisioner) ensureRootfs(ctx context.Context, role Role) error {
	rootfs, rootfsImage := rootfsOf(role)
	p.rootfsMu.Lock()
	if p.rootfsLocks == nil {
		p.rootfsLocks = map[string]*sync.Mutex{}
	}
	mu := p.rootfsLocks[rootfsImage]
	if mu == nil {
		mu = new(sync.Mutex)
		p.rootfsLocks[rootfsImage] = mu
	}
	p.rootfsMu.Unlock()
	mu.Lock()
	defer mu.Unlock()
	want := rootfs.hash()
	img, ok, err := p.inspect(ctx, "", rootfsImage)
	if err != nil {
		return err
	}
	if ok && img.labels[LabelRecipe] == want {
		return nil
	}
	prog := p.progress()
	prog.stepf("rootfs: making Debian %s with mmdebstrap from the host's apt sources (recipe %s)", rootfs.Suite, want)
	tmp, err := os.MkdirTemp("", "dockdrill-rootfs-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	tarball := filepath.Join(tmp, "rootfs.tar")
	stop := prog.heartbeat("making the root filesystem", 10*time.Second)
	err = buildRootfs(ctx, rootfs, tarball, prog)
	stop()
	if err != nil {
		return err
	}
	f, err := os.Open(tarball)
	if err != nil {
		return err
	}
	defer f.Close()
	prog.stepf("rootfs: importing as %s", rootfsImage)
	res, err := p.Client.ImageImport(ctx, client.ImageImportSource{Source: f, SourceName: "-"}, rootfsImage, client.ImageImportOptions{
		Changes: []string{
			"LABEL " + LabelRole + "=rootfs",
			"LABEL " + LabelRecipe + "=" + want,
			"ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
			`CMD ["bash"]`,
		},
		Message: "dockdrill lab: Debian " + rootfs.Suite + " made by mmdebstrap",
	})
	if err != nil {
		return fmt.Errorf("import %s: %w", rootfsImage, err)
	}
	defer res.Close()
	return streamJSON(res, func(string) {})
}

// streamJSON reads a stream of Docker JSON messages, passing each line of
// output to line and returning the first error message.
func streamJSON(r io.Reader, line func(string)) error {
	dec := json.NewDecoder(r)
	for {
		var msg jsonstream.Message
		if err := dec.Decode(&msg); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
		if msg.Error != nil {
			return errors.New(msg.Error.Message)
		}
		for _, l := range strings.Split(msg.Stream, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				line(l)
			}
		}
	}
}
