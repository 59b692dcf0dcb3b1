package lab

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/moby/moby/client"
)

// Main runs a proof package's tests and then checks that they left nothing
// behind: a container, network or volume of this package still there after
// its tests is reported, removed, and fails the run. Call it from TestMain.
func Main(m *testing.M) {
	setDefaultEnv()
	code := m.Run()
	runExitHooks()
	if cli, err := connect(); err == nil {
		if left := leftovers(cli); left != "" {
			fmt.Fprintf(os.Stderr, "lab: package %s left behind: %s\n", packageName(), left)
			code = 1
		}
	}
	os.Exit(code)
}

// leftovers removes and describes what this package's proofs left behind.
func leftovers(cli *client.Client) string {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	f := make(client.Filters).Add("label", LabelPackage+"="+packageName())
	var left []string
	if ctrs, err := cli.ContainerList(ctx, client.ContainerListOptions{All: true, Filters: f}); err == nil {
		for _, c := range ctrs.Items {
			left = append(left, "container "+containerName(c.Names, c.ID))
		}
	}
	if nets, err := cli.NetworkList(ctx, client.NetworkListOptions{Filters: f}); err == nil {
		for _, n := range nets.Items {
			left = append(left, "network "+n.Name)
		}
	}
	if vols, err := cli.VolumeList(ctx, client.VolumeListOptions{Filters: f}); err == nil {
		for _, v := range vols.Items {
			left = append(left, "volume "+v.Name)
		}
	}
	if len(left) == 0 {
		return ""
	}
	removeLabelled(ctx, cli, LabelPackage+"="+packageName(), nil)
	return fmt.Sprint(left)
}
