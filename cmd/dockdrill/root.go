package main

import (
	"context"

	"github.com/spf13/cobra"
)

// Run executes the dockdrill command line args and returns the process's
// exit code. Errors are printed here, once, and nowhere else.
func Run(ctx context.Context, args []string, app *App) int {
	root := newRootCmd(app)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err != nil {
		printError(app.IO.ErrOut, err)
	}
	return exitCode(ctx, err)
}

func newRootCmd(app *App) *cobra.Command {
	f := newFactory(app)
	root := &cobra.Command{
		Use:   "dockdrill <command>",
		Short: "Drill Docker for LPI 701-100 (702.1 Container Usage) and prove it on a real engine",
		Long: `dockdrill turns the Docker knowledge of LPI exam 701-100, objective 702.1
Container Usage, into memory and proof. It schedules daily spaced-repetition
drills from TOML decks, sits timed mock exams, scores exam readiness, and backs
every practical answer with a test that runs on a real Docker engine.

` + exitCodesHelp,
		Example: `  # the daily drill
  dockdrill drill

  # prove the volume cards on your Docker engine
  dockdrill prove --area volumes

  # make the lab images available (pulls, or builds them offline)
  dockdrill lab prepare

  # check how a typed answer is graded
  dockdrill grade --expected 'docker ps -a' --given 'docker container ls --all'`,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetIn(app.IO.In)
	root.SetOut(app.IO.Out)
	root.SetErr(app.IO.ErrOut)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return &usageError{err}
	})
	f.addGlobalFlags(root.PersistentFlags())
	// Cobra's own completion command stays; it documents itself.
	root.CompletionOptions.DisableDefaultCmd = false

	root.AddCommand(
		newVersionCmd(f),
		newLabCmd(f),
		newFsrsCmd(f),
		newProveCmd(f),
		newDecksCmd(f),
		newGradeCmd(f),
		newDrillCmd(f),
		newReadinessCmd(f),
		newConfigCmd(f),
		newStatsCmd(f),
		newExportCmd(f),
		newExamCmd(f),
		newPlanCmd(f),
		newTaskCmd(f),
		newStoreCmd(f),
	)
	return root
}
