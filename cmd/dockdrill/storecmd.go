package main

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/dockdrill/dockdrill/quiz/store"
	"github.com/dockdrill/dockdrill/quiz/ui"
)

type storeOptions struct {
	*Factory
	From string // restore --from
}

func newStoreCmd(f *Factory) *cobra.Command {
	opts := &storeOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "store <command>",
		Short: "The review store's backups, and restoring one",
		Long: `The review store keeps your whole history. The drill backs it up once a day,
on its first run of the day, into backups/ beside the store (backups/dockdrill-
YYYY-MM-DD.db), and keeps the newest ` + fmt.Sprint(store.KeepBackups) + ` backups.

Restore puts a backup in the store's place: by default the newest, or the file
given with --from. The store it replaces is kept beside it, renamed with
.replaced- and the time, so nothing is lost. Close every dockdrill first.`,
		Example: `  dockdrill store backups
  dockdrill store restore
  dockdrill store restore --from ~/.local/share/dockdrill/backups/dockdrill-2026-12-01.db`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	backups := &cobra.Command{
		Use:   "backups",
		Short: "List the store's backups, newest first",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runStoreBackups(opts)
		},
	}
	restore := &cobra.Command{
		Use:   "restore",
		Short: "Replace the store with a backup (the newest, or --from FILE)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runStoreRestore(cmd.Context(), opts)
		},
	}
	restore.Flags().StringVar(&opts.From, "from", "", "restore this backup `FILE` instead of the newest")
	cmd.AddCommand(backups, restore)
	return cmd
}

func runStoreBackups(opts *storeOptions) error {
	path, err := opts.StorePath()
	if err != nil {
		return err
	}
	backups, err := store.Backups(path)
	if err != nil {
		return err
	}
	if len(backups) == 0 {
		fmt.Fprintf(opts.IO.Out, "No backup of %s yet: the drill writes one a day.\n", path)
		return nil
	}
	t := &ui.Table{Width: ui.TermWidth(opts.IO.Out)}
	for _, b := range backups {
		t.Add(b.Day.Format("2006-01-02"), fmt.Sprintf("%.1f MB", float64(b.Size)/1e6), b.Path)
	}
	_, err = fmt.Fprint(opts.IO.Out, t.String())
	return err
}

func runStoreRestore(ctx context.Context, opts *storeOptions) error {
	path, err := opts.StorePath()
	if err != nil {
		return err
	}
	from := opts.From
	if from == "" {
		backups, err := store.Backups(path)
		if err != nil {
			return err
		}
		if len(backups) == 0 {
			return fmt.Errorf("no backup of %s to restore; the drill writes one a day in %s", path, store.BackupDir(path))
		}
		from = backups[0].Path
	} else if _, err := os.Stat(from); err != nil {
		return usagef("--from: %v", err)
	}
	kept, err := store.Restore(ctx, path, from, opts.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.Out, "Restored %s from %s.\n", path, from)
	if kept != "" {
		fmt.Fprintf(opts.IO.Out, "The store it replaced is kept as %s.\n", kept)
	}
	return nil
}
