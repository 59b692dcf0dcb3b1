package provision

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sync"

	"github.com/moby/moby/api/types/image"
)

// A test process of the lab marks itself live while it runs: every run id
// it hands out begins with its process token, and it holds a lock on a
// file named by that token until it exits (the kernel lets go of the lock
// when the process ends, even when it is killed). Clean leaves alone what
// the runs of a live process made, so that cleaning up after an
// interrupted proof never pulls containers and images from under proofs
// still running in another terminal.

// TokenLen is the length of a process token: the first TokenLen hex
// digits of each of its run ids.
const TokenLen = 6

var live struct {
	mu    sync.Mutex
	locks []*fileLock // held until EndLive or the process's end
}

// liveLockPath is the lock file of the process with token.
func liveLockPath(token string) string {
	return filepath.Join(os.TempDir(), "dockdrill-live-"+token+".lock")
}

// MarkLive marks this process, whose run ids begin with token, live until
// it exits. It first removes the marks of processes that have ended: a
// test process that uses the lab without lab.Main (which calls EndLive)
// leaves its file.
func MarkLive(token string) error {
	sweepEnded()
	l, err := tryLock(liveLockPath(token))
	if err != nil {
		return err
	}
	live.mu.Lock()
	live.locks = append(live.locks, l)
	live.mu.Unlock()
	return nil
}

// sweepEnded removes the lock files of ended processes.
func sweepEnded() {
	files, _ := filepath.Glob(liveLockPath("*"))
	for _, f := range files {
		held(f)
	}
}

// EndLive removes this process's marks: it has removed what its runs made.
// A process that ends without it (killed) leaves its lock files, which
// nobody holds then; Live removes them.
func EndLive() {
	live.mu.Lock()
	defer live.mu.Unlock()
	for _, l := range live.locks {
		l.remove()
	}
	live.locks = nil
}

// Live reports whether the process that handed out the run id run is
// still running. A dead process's lock file is removed on the way.
func Live(run string) bool {
	if len(run) < TokenLen {
		return false
	}
	return held(liveLockPath(run[:TokenLen]))
}

// runTag matches the run id in a name a proof gives with Lab.Name
// (dd-<run>-…) or as the tag of a ProofRepository image (…:<run>).
var runTag = regexp.MustCompile(`(?:^|/)dd-([0-9a-f]{12})-|^` + regexp.QuoteMeta(ProofRepository) + `[^:@]+:([0-9a-f]{12})$`)

// imageRuns returns the run ids img carries, in its labels or its names.
func imageRuns(img image.Summary) []string {
	var runs []string
	if r := img.Labels[LabelRun]; r != "" {
		runs = append(runs, r)
	}
	for _, ref := range slices.Concat(img.RepoTags, img.RepoDigests) {
		if m := runTag.FindStringSubmatch(ref); m != nil {
			runs = append(runs, m[1]+m[2])
		}
	}
	return runs
}

// liveImage reports whether a run of a live process made img.
func liveImage(img image.Summary) bool {
	for _, r := range imageRuns(img) {
		if Live(r) {
			return true
		}
	}
	return false
}

// SplitLive splits imgs into what a live run made, with the images those
// are built on (a build's intermediate images, the lab image under them),
// and the rest, idle. kept names the live runs' own images.
func SplitLive(imgs []image.Summary) (kept []string, idle []image.Summary) {
	byID := map[string]image.Summary{}
	for _, img := range imgs {
		byID[img.ID] = img
	}
	keep := map[string]bool{}
	for _, img := range imgs {
		if !liveImage(img) {
			continue
		}
		kept = append(kept, "image "+imageName(img))
		for id := img.ID; id != "" && !keep[id]; id = byID[id].ParentID {
			keep[id] = true
		}
	}
	for _, img := range imgs {
		if !keep[img.ID] {
			idle = append(idle, img)
		}
	}
	return kept, idle
}
