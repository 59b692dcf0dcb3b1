package main

import (
	"io"

	"context"
	"encoding/json"
	"fmt"
	"github.com/dockdrill/dockdrill/quiz/ui"
	"strings"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab/provision"
	"github.com/spf13/cobra"
)

func newLabCmd(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "lab <command>",
		Short: "Prepare, inspect and clean the Docker lab the proofs run in",
		Long: `The lab is the set of images the proofs run, one per role:
  shell     POSIX sh, wget, nc, ip, ps, sleep   (upstream busybox)
  base      Debian bookworm for FROM lines       (upstream debian:bookworm-slim)
  redis     redis-server and redis-cli on 6379   (upstream redis:7-alpine)
  web       nginx serving /usr/share/nginx/html  (upstream nginx:alpine)
  registry  Docker registry on port 5000         (upstream registry:2)

An image already present is used as is; otherwise the upstream image is
pulled; where no registry is reachable, the role is built offline from a
Debian root filesystem that mmdebstrap makes from the host's apt sources.`,
	}
	cmd.AddCommand(newLabPrepareCmd(f), newLabStatusCmd(f), newLabCleanCmd(f))
	return cmd
}

type labPrepareOptions struct {
	*Factory
	offline bool
	args    []string // the roles named; none means every role
}

func newLabPrepareCmd(f *Factory) *cobra.Command {
	opts := &labPrepareOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "prepare [ROLE...]",
		Short: "Make every lab role's image available, pulling or building it",
		Example: `  dockdrill lab prepare
  dockdrill lab prepare --offline redis`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.args = args
			return runLabPrepare(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.offline, "offline", false, "build missing images offline without trying to pull them (also "+provision.EnvOffline+"=1)")
	return cmd
}

func runLabPrepare(ctx context.Context, opts *labPrepareOptions) error {
	roles := provision.Roles
	if len(opts.args) > 0 {
		roles = nil
		for _, a := range opts.args {
			r, err := provision.ParseRole(a)
			if err != nil {
				return &usageError{err}
			}
			roles = append(roles, r)
		}
	}
	offline := opts.offline || opts.getenv(provision.EnvOffline) == "1"
	cli, err := provision.Connect(ctx)
	if err != nil {
		return err
	}
	defer cli.Close()
	start := opts.Now()
	p := &provision.Provisioner{Client: cli, Progress: opts.IO.ErrOut, Offline: offline, Now: opts.Now}
	imgs, err := p.Ensure(ctx, roles...)
	if err != nil {
		return err
	}
	for _, img := range imgs {
		fmt.Fprintf(opts.IO.Out, "%-9s %s (%s)\n", img.Role, img.Ref, img.Source)
	}
	fmt.Fprintf(opts.IO.ErrOut, "lab ready in %.1fs\n", opts.Now().Sub(start).Seconds())
	return nil
}

type labStatusOptions struct {
	*Factory
	json bool
}

func newLabStatusCmd(f *Factory) *cobra.Command {
	opts := &labStatusOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show, per role, the image that fulfils it, where it came from, its size and age",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runLabStatus(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.json, "json", false, "print JSON")
	return cmd
}

func runLabStatus(ctx context.Context, opts *labStatusOptions) error {
	cli, err := provision.Connect(ctx)
	if err != nil {
		return err
	}
	defer cli.Close()
	p := &provision.Provisioner{Client: cli}
	st, err := p.Status(ctx)
	if err != nil {
		return err
	}
	out := opts.IO.Out
	if opts.json {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
	}
	t := &ui.Table{Head: []string{"ROLE", "IMAGE", "SOURCE", "SIZE", "AGE"}, Width: ui.TermWidth(out)}
	now := opts.Now()
	for _, s := range st {
		if s.Missing {
			note := "missing: run dockdrill lab prepare"
			if s.Stale != "" {
				note = "stale recipe: " + s.Stale + " will be rebuilt"
			}
			t.Add(string(s.Role), "-", note, "-", "-")
			continue
		}
		t.Add(string(s.Role), s.Ref, string(s.Source), humanSize(s.Size), humanAge(now.Sub(s.Created)))
	}
	_, err = io.WriteString(out, t.String())
	return err
}

type labCleanOptions struct {
	*Factory
	images bool
}

func newLabCleanCmd(f *Factory) *cobra.Command {
	opts := &labCleanOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "clean",
		Short: "Remove what interrupted proofs left in Docker, and say what went",
		Long: `Remove every container, network and volume labelled dockdrill.lab=true and
every image a proof built or pulled: what proofs leave behind when they are
interrupted. With --images, also remove the images the lab built offline (the
roles and the Debian root filesystem); the next proof builds them again.
Upstream images (busybox, redis, ...) are left alone; a name a proof gave
one of them, or a lab image (docker tag busybox dd-…), is removed alone.
What proofs still running made (go test or dockdrill prove in another
terminal) is left to them, and listed.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runLabClean(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.images, "images", false, "also remove the lab's own built images")
	return cmd
}

func runLabClean(ctx context.Context, opts *labCleanOptions) error {
	cli, err := provision.Connect(ctx)
	if err != nil {
		return err
	}
	defer cli.Close()
	rm, err := provision.Clean(ctx, cli, opts.images)
	out := opts.IO.Out
	for _, group := range []struct {
		kind  string
		names []string
	}{{"container", rm.Containers}, {"network", rm.Networks}, {"volume", rm.Volumes}, {"image", rm.Images}} {
		for _, n := range group.names {
			fmt.Fprintf(out, "removed %s %s\n", group.kind, n)
		}
	}
	total := len(rm.Containers) + len(rm.Networks) + len(rm.Volumes) + len(rm.Images)
	fmt.Fprintf(opts.IO.ErrOut, "lab clean: removed %d containers, %d networks, %d volumes, %d images\n",
		len(rm.Containers), len(rm.Networks), len(rm.Volumes), len(rm.Images))
	if len(rm.Kept) > 0 {
		fmt.Fprintf(opts.IO.ErrOut, "lab clean: left %d objects that proofs still running made (they remove them when they end; run lab clean again after them):\n", len(rm.Kept))
		for _, k := range rm.Kept {
			fmt.Fprintf(opts.IO.ErrOut, "  %s\n", k)
		}
	}
	if total == 0 && len(rm.Kept) == 0 && err == nil {
		fmt.Fprintln(opts.IO.ErrOut, "nothing to remove")
	}
	return err
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1fGB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1fMB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1fkB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%dB", n)
}

func humanAge(d time.Duration) string {
	switch {
	case d < 0:
		return "-"
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d minutes", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d hours", int(d.Hours()))
	}
	return strings.TrimSpace(fmt.Sprintf("%d days", int(d.Hours()/24)))
}
