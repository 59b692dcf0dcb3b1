package lab

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/moby/moby/client"

	"github.com/dockdrill/dockdrill/exercises/lab/provision"
)

// Main runs a proof package's tests and then checks that they left nothing
// behind: a container, network or volume of this package still there after
// its tests is reported, removed, and fails the run. Call it from TestMain.
func Main(m *testing.M) {
	setDefaultEnv()
	setParallel()
	code := m.Run()
	runExitHooks()
	if cli, err := connect(); err == nil {
		if left := leftovers(cli); left != "" {
			fmt.Fprintf(os.Stderr, "lab: package %s left behind: %s\n", packageName(), left)
			code = 1
		}
	}
	provision.EndLive()
	os.Exit(code)
}

// leftovers removes and describes what this package's proofs left behind.
// Only what this process's tests made counts: the same package may be
// running in another process (another clone, another user of the engine)
// at the same time, and what those tests made is theirs.
func leftovers(cli *client.Client) string {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	f := make(client.Filters).Add("label", LabelPackage+"="+packageName())
	var left []string
	doomed := map[string]bool{}
	mine := func(labels map[string]string, what string) {
		if run := labels[LabelRun]; ownRun(run) {
			left = append(left, what)
			doomed[run] = true
		}
	}
	if ctrs, err := cli.ContainerList(ctx, client.ContainerListOptions{All: true, Filters: f}); err == nil {
		for _, c := range ctrs.Items {
			mine(c.Labels, "container "+provision.ContainerName(c.Names, c.ID))
		}
	}
	if nets, err := cli.NetworkList(ctx, client.NetworkListOptions{Filters: f}); err == nil {
		for _, n := range nets.Items {
			mine(n.Labels, "network "+n.Name)
		}
	}
	if vols, err := cli.VolumeList(ctx, client.VolumeListOptions{Filters: f}); err == nil {
		for _, v := range vols.Items {
			mine(v.Labels, "volume "+v.Name)
		}
	}
	if len(left) == 0 {
		return ""
	}
	for run := range doomed {
		provision.RemoveLabelled(ctx, cli, LabelRun+"="+run, nil)
	}
	return fmt.Sprint(left)
}

var runs sync.Map // the run ids this process handed out

// runBytes is the length of a run id in bytes: 12 hex digits, as names
// made with Lab.Name carry them (dd-<run>-…).
const runBytes = 6

// process is this test process's token, the first half of each of its run
// ids, made and marked live (provision.MarkLive) by the first run.
var process struct {
	once  sync.Once
	token string
}

// newRun returns a new run id and remembers it as this process's. Every
// run id begins with the process's token, so that lab clean can tell what
// a running test process made and leave it alone.
func newRun() string {
	process.once.Do(func() {
		process.token = newID(provision.TokenLen / 2)
		// Without the mark, lab clean treats this process's runs as
		// ended ones, as it did before processes marked themselves.
		_ = provision.MarkLive(process.token)
	})
	id := process.token + newID(runBytes-provision.TokenLen/2)
	runs.Store(id, true)
	return id
}

// ownRun reports whether this process handed out the run id.
func ownRun(id string) bool {
	_, ok := runs.Load(id)
	return ok
}
