package provision

import (
	"context"
	"os"
	"path/filepath"
)

// The legacy builder reuses any image on the engine whose parent and
// instruction match a build step. When one process removes an image (and
// with it the untagged images it was built on) while another process's
// build has just picked one of them from the cache, that build fails with
// "unable to find image". Builds therefore hold the machine's image lock
// shared and image removals hold it exclusively: builds run together, and
// nothing the cache may hand out disappears under them.

// imageLockPath is the image lock's file, one per machine. A removal
// waiting for the lock holds the gate beside it, so that new builds queue
// behind the removal instead of starving it.
func imageLockPath() (lock, gate string) {
	dir := os.TempDir()
	return filepath.Join(dir, "dockdrill-images.lock"), filepath.Join(dir, "dockdrill-images.gate")
}

// LockForBuild takes the image lock shared, for a build, and returns its
// release.
func LockForBuild(ctx context.Context) (unlock func(), err error) {
	return lockImages(ctx, lockFileShared)
}

// LockForRemoval takes the image lock exclusively, for removing images,
// and returns its release.
func LockForRemoval(ctx context.Context) (unlock func(), err error) {
	return lockImages(ctx, func(ctx context.Context, path string) (*fileLock, error) {
		return lockFile(ctx, path, nil)
	})
}

// lockImages passes the gate and takes the image lock, both with take.
func lockImages(ctx context.Context, take func(context.Context, string) (*fileLock, error)) (func(), error) {
	lock, gate := imageLockPath()
	g, err := take(ctx, gate)
	if err != nil {
		return nil, err
	}
	defer g.unlock()
	l, err := take(ctx, lock)
	if err != nil {
		return nil, err
	}
	return func() { l.unlock() }, nil
}

// LockFor takes the image lock the docker CLI arguments args need: shared
// for a build, exclusive for a removal. For any other command it takes
// nothing. It returns the release.
func LockFor(ctx context.Context, args []string) (unlock func(), err error) {
	switch {
	case Builds(args):
		return LockForBuild(ctx)
	case RemovesImages(args):
		return LockForRemoval(ctx)
	}
	return func() {}, nil
}

// RemovesImages reports whether the docker CLI arguments args remove
// images (rmi, image rm or prune, system or builder prune).
func RemovesImages(args []string) bool {
	cmd := cliCommand(args)
	switch cmd {
	case "rmi", "image rm", "image remove", "image prune", "system prune", "builder prune":
		return true
	}
	return false
}

// Builds reports whether the docker CLI arguments args make an image from
// build steps or a container (build, commit).
func Builds(args []string) bool {
	cmd := cliCommand(args)
	return cmd == "build" || cmd == "image build" || cmd == "builder build" || cmd == "commit" || cmd == "container commit"
}

// cliCommand returns the docker CLI command args name: its first word,
// and the second for a management command ("image rm").
func cliCommand(args []string) string {
	var words []string
	for i := 0; i < len(args) && len(words) < 2; i++ {
		a := args[i]
		switch {
		case a == "-H" || a == "--host" || a == "--context" || a == "-c" || a == "--config" || a == "-l" || a == "--log-level" || a == "--tlscacert" || a == "--tlscert" || a == "--tlskey":
			i++ // the global option's value
		case len(a) > 0 && a[0] == '-':
		default:
			words = append(words, a)
		}
		if len(words) == 1 {
			switch words[0] {
			case "image", "container", "system", "builder":
			default:
				return words[0]
			}
		}
	}
	if len(words) == 0 {
		return ""
	}
	if len(words) == 1 {
		return words[0]
	}
	return words[0] + " " + words[1]
}
