package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/dockdrill/dockdrill/exercises/lab/provision"
	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/handson"
	"github.com/dockdrill/dockdrill/quiz/schedule"
	"github.com/dockdrill/dockdrill/quiz/store"
	"github.com/dockdrill/dockdrill/quiz/ui"
	"github.com/moby/moby/client"
	"github.com/spf13/cobra"
)

type taskOptions struct {
	*Factory
	ID   string
	Keep bool
	List bool

	// Docker returns a client of an engine that answers; tests may
	// replace it.
	Docker func(ctx context.Context) (*client.Client, error)
}

func newTaskCmd(f *Factory) *cobra.Command {
	opts := &taskOptions{Factory: f, Docker: handson.ConnectEngine}
	cmd := &cobra.Command{
		Use:   "task [ID]",
		Short: "Do a hands-on task on your Docker engine; dockdrill checks the result",
		Long: `Do a hands-on task on your own Docker engine while dockdrill waits, then let
it check the result item by item.

Without an ID, the task due first is taken, else the next new one. dockdrill
prints the goal and the images to use here, sets up what the task needs (a
registry on a free port of 127.0.0.1, printed as DD_REGISTRY; a folder with
the task's files, printed as DD_DIR), then waits while you work in another
terminal:

  Enter  check: every item with ✓ or ✗ and, for ✗, what to do
  s      show the reference solution
  q      leave

The review is recorded with the scheduler: all items passing on the first
check is Good (Easy under a minute); passing after a failed check is Hard;
looking at the solution first is Again. Leaving without passing records
nothing.

Task objects are named dd-… so they never collide with your own. Objects
that already carry the task's names are listed before it starts and removed
only when you say yes. After the task, dockdrill offers to remove what the
task created (--keep keeps it).

Ctrl-C, SIGTERM and SIGHUP (the terminal closed) end the task, record
nothing, remove the task's registry, and exit with status 130.`,
		Example: `  # the task due first, or the next new one
  dockdrill task

  # one task by its id
  dockdrill task vol-task-named-redis

  # every task, with its state
  dockdrill task --list`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.ID = args[0]
			}
			return runTask(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&opts.Keep, "keep", false, "keep what the task created (and its registry) instead of offering to remove it")
	fl.BoolVar(&opts.List, "list", false, "list the tasks, when each is due, and stop")
	return cmd
}

func runTask(ctx context.Context, opts *taskOptions) error {
	out := opts.IO.Out
	set, err := opts.DeckSet()
	if err != nil {
		return err
	}
	loc, err := opts.Location()
	if err != nil {
		return err
	}
	st, err := opts.OpenStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	states, err := st.CardStates(ctx)
	if err != nil {
		return err
	}
	now := opts.Now()
	if opts.List {
		for _, l := range handson.List(set.Tasks(), states, now) {
			fmt.Fprintf(out, "%-32s %-10s %s\n", l.Card.ID, l.Card.Area, l.When)
		}
		return nil
	}

	card, due, err := handson.Pick(set, states, opts.ID, now)
	var unknown *handson.UnknownTaskError
	switch {
	case errors.As(err, &unknown):
		return usagef("%s", unknown)
	case err != nil:
		return err
	case !due:
		fmt.Fprintf(out, "No task is due now; the next, %s, is due %s. Do one anyway with dockdrill task ID.\n", card.ID, states[card.ID].Due.In(now.Location()).Format("Mon 2 Jan 15:04"))
		return nil
	}
	task, err := handson.Checker(card)
	if err != nil {
		return err
	}
	cli, err := opts.Docker(ctx)
	if err != nil {
		return fmt.Errorf("a task is done on a Docker engine, and none answers (%v); start Docker and check that `docker info` works", err)
	}
	defer cli.Close()

	sched, _, err := schedule.Default(loc)
	if err != nil {
		return err
	}
	r := taskRunner(opts.Factory, cli, st, sched)
	r.In = handson.NewLines(bufio.NewReader(opts.IO.In))
	r.Keep = opts.Keep
	_, err = r.Run(ctx, card, task)
	return err
}

// taskRunner builds what does the tasks from the Factory.
func taskRunner(f *Factory, cli *client.Client, st *store.Store, sched *fsrs.Scheduler) *handson.Runner {
	return &handson.Runner{
		Out: f.IO.Out, ErrOut: f.IO.ErrOut, Now: f.Now,
		Client: cli, Store: st, Sched: sched,
		DataDir: filepath.Dir(st.Path()),
		Offline: f.Getenv(provision.EnvOffline) == "1",
	}
}

// configDrillTasks is the setting that turns on tasks in the drill.
const configDrillTasks = handson.SettingDrillTasks

// promptLines reads a task's lines through the drill's prompter, which
// owns the terminal (or the buffered input) between cards.
type promptLines struct{ p ui.Prompter }

func (l promptLines) Next(ctx context.Context) (string, error) {
	r, err := l.p.Text(ctx, ui.Question{Label: "task"})
	return r.Text, err
}

// drillTasks returns the hands-on tasks due in the drill, when tasks are on
// (--tasks or the drill.tasks setting) and a Docker engine answers; nil
// when none are. Without Docker no task is due, and the header says why.
func drillTasks(ctx context.Context, opts *drillOptions, d *drill) (*handson.Queue, error) {
	on := opts.Tasks
	if v, ok, err := d.store.Config(ctx, configDrillTasks); err != nil {
		return nil, err
	} else if ok && v == "on" {
		on = true
	}
	if !on {
		return nil, nil
	}
	out := opts.IO.Out
	sched, _, err := schedule.Default(d.cal.Loc)
	if err != nil {
		return nil, err
	}
	do, closeEngine, err := drillTaskDoer(ctx, opts, d, sched)
	if err != nil {
		fmt.Fprintf(out, "Tasks: none due, since no Docker engine answers (%v).\n", err)
		return nil, nil
	}
	states, err := d.store.CardStates(ctx)
	if err != nil {
		closeEngine()
		return nil, err
	}
	due := handson.Due(handson.Filter(d.set.Tasks(), opts.Areas, opts.Decks), states, opts.Now())
	if len(due) == 0 {
		closeEngine()
		fmt.Fprintln(out, "Tasks: none due.")
		return nil, nil
	}
	return handson.NewQueue(due, do, closeEngine), nil
}

// drillTaskDoer returns what does a task in the drill, and what closes the
// engine after the drill: the real task on the engine TaskDocker connects
// to, or (for tests) a task checked by opts.taskCheck, without Docker.
func drillTaskDoer(ctx context.Context, opts *drillOptions, d *drill, sched *fsrs.Scheduler) (handson.Doer, func(), error) {
	if opts.taskCheck != nil {
		r := taskRunner(opts.Factory, nil, d.store, sched)
		return r.CheckDoer(opts.taskCheck), func() {}, nil
	}
	connect := opts.TaskDocker
	if connect == nil {
		connect = handson.ConnectEngine
	}
	cli, err := connect(ctx)
	if err != nil {
		return nil, nil, err
	}
	return taskRunner(opts.Factory, cli, d.store, sched).Doer(), func() { cli.Close() }, nil
}
