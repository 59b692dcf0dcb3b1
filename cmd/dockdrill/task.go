package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/exercises/lab/provision"
	"github.com/dockdrill/dockdrill/exercises/tasks"
	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/handson"
	"github.com/dockdrill/dockdrill/quiz/readiness"
	"github.com/dockdrill/dockdrill/quiz/schedule"
	"github.com/dockdrill/dockdrill/quiz/session"
	"github.com/dockdrill/dockdrill/quiz/stats"
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
	opts := &taskOptions{Factory: f, Docker: taskDocker}
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

// taskDocker connects to the engine the environment names and checks
// that it answers.
func taskDocker(ctx context.Context) (*client.Client, error) {
	cli, err := provision.NewClient()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if _, err := cli.Ping(ctx, client.PingOptions{}); err != nil {
		cli.Close()
		return nil, err
	}
	return cli, nil
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
		return listTasks(out, set.Tasks(), states, now)
	}

	card, err := pickTask(out, set, states, opts.ID, now)
	if err != nil || card == nil {
		return err
	}
	task, ok := tasks.Lookup(card.Check)
	if !ok {
		return fmt.Errorf("%s:%d: task %s names the checker %q, which this dockdrill does not have", card.File, card.Line, card.ID, card.Check)
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
	in := handson.NewLines(bufio.NewReader(opts.IO.In))
	r := &taskRun{opts: opts, in: in, out: out, cli: cli, card: card, task: task, dataDir: filepath.Dir(st.Path())}
	_, err = r.run(ctx, st, sched)
	return err
}

// pickTask returns the task named id, or the task due first, else the next
// new one; nil (and a message) when none is due.
func pickTask(out io.Writer, set *deck.Set, states map[string]store.CardState, id string, now time.Time) (*deck.Card, error) {
	if id != "" {
		c, ok := set.Card(id)
		if !ok || !c.Task() {
			var ids []string
			for _, t := range set.Tasks() {
				ids = append(ids, t.ID)
			}
			return nil, usagef("no task %q; the tasks are %s (dockdrill task --list)", id, strings.Join(ids, ", "))
		}
		return c, nil
	}
	if len(set.Tasks()) == 0 {
		return nil, fmt.Errorf("the decks hold no tasks")
	}
	c, ok := handson.Next(set.Tasks(), states, now)
	if !ok {
		fmt.Fprintf(out, "No task is due now; the next, %s, is due %s. Do one anyway with dockdrill task ID.\n", c.ID, states[c.ID].Due.In(now.Location()).Format("Mon 2 Jan 15:04"))
		return nil, nil
	}
	return c, nil
}

// listTasks prints every task with its area and when it is due.
func listTasks(out io.Writer, cards []*deck.Card, states map[string]store.CardState, now time.Time) error {
	for _, c := range cards {
		when := "new"
		if st, ok := states[c.ID]; ok && st.State != store.StateNew {
			when = "due " + st.Due.In(now.Location()).Format("2006-01-02 15:04")
			if !st.Due.After(now) {
				when = "due now"
			}
		}
		fmt.Fprintf(out, "%-32s %-10s %s\n", c.ID, c.Area, when)
	}
	return nil
}

// taskRun is one task being done.
type taskRun struct {
	opts     *taskOptions
	in       handson.LineReader
	prompted bool // in shows its own prompt (in a drill)
	out      io.Writer
	cli      *client.Client
	card     *deck.Card
	task     *tasks.Task
	dataDir  string
	env      *tasks.Env

	registryID string
	start      time.Time // when the task began
}

func (r *taskRun) run(ctx context.Context, st *store.Store, sched *fsrs.Scheduler) (handson.Outcome, error) {
	c := r.card
	fmt.Fprintf(r.out, "Task %s (%s)\n\n%s\n\n", c.ID, c.Area, strings.TrimSpace(c.Prompt))
	r.env = &tasks.Env{Client: r.cli, Images: map[string][]string{}, Labels: map[string]string{provision.LabelLab: "true"}}
	if err := r.images(ctx); err != nil {
		return handson.Outcome{}, err
	}

	// Objects that already carry the task's names: listed, and removed
	// only after a yes.
	var fixed []string
	for _, e := range c.Cleanup {
		if !strings.Contains(e, "$DD_REGISTRY") {
			fixed = append(fixed, e)
		}
	}
	existing, err := tasks.Existing(ctx, r.cli, tasks.Objects(r.env, fixed))
	if err != nil {
		return handson.Outcome{}, err
	}
	if len(existing) > 0 {
		fmt.Fprintf(r.out, "These already exist and carry the task's names:\n")
		for _, o := range existing {
			fmt.Fprintf(r.out, "  %s\n", o)
		}
		if !r.ask(ctx, "Remove them and start? [y/N] ", false) {
			fmt.Fprintln(r.out, "Nothing removed; the task did not start.")
			return handson.Outcome{Quit: true}, nil
		}
		removed, err := tasks.Remove(ctx, r.cli, existing)
		r.printRemoved(removed)
		if err != nil {
			return handson.Outcome{}, err
		}
	}

	r.start = r.opts.Now()
	defer r.removeRegistry()
	if err := r.setup(ctx); err != nil {
		return handson.Outcome{}, err
	}

	var random [4]byte
	_, _ = rand.Read(random[:])
	sessionID := "task-" + session.NewID(r.opts.Now(), binary.BigEndian.Uint32(random[:]))
	o, err := handson.Run(ctx, handson.Config{
		Card:     c,
		Check:    func(ctx context.Context) []tasks.Result { return r.task.Run(ctx, r.env) },
		In:       r.in,
		Out:      r.out,
		Now:      r.opts.Now,
		Prompted: r.prompted,
	})
	if err != nil {
		return o, err
	}
	rev, recorded, err := handson.Record(ctx, st, sched, c, o, sessionID, r.opts.Now())
	if err != nil {
		return handson.Outcome{}, err
	}
	printRecorded(r.out, rev, recorded, r.opts.Now())
	return o, r.cleanup(ctx)
}

// images resolves the lab images the task's solution names and prints
// which to use here.
func (r *taskRun) images(ctx context.Context) error {
	var roles []provision.Role
	for _, role := range provision.Roles {
		if strings.Contains(r.card.Solution, role.Upstream()) || slices.Contains(r.card.Needs, deck.NeedRegistry) && role == provision.Registry {
			roles = append(roles, role)
		}
	}
	p := &provision.Provisioner{Client: r.cli, Progress: r.opts.IO.ErrOut, Offline: r.opts.Getenv(provision.EnvOffline) == "1", Now: r.opts.Now}
	imgs, err := p.Ensure(ctx, roles...)
	if err != nil {
		return fmt.Errorf("the task's images: %w", err)
	}
	for _, img := range imgs {
		r.env.Images[string(img.Role)] = []string{img.Role.Upstream(), img.Ref}
		if img.Ref != img.Role.Upstream() && strings.Contains(r.card.Solution, img.Role.Upstream()) {
			fmt.Fprintf(r.out, "Images: use %s where the task says %s (no registry reachable here).\n", img.Ref, img.Role.Upstream())
		}
	}
	return nil
}

// setup makes what the task needs.
func (r *taskRun) setup(ctx context.Context) error {
	if slices.Contains(r.card.Needs, deck.NeedRegistry) {
		img := r.env.Images[string(provision.Registry)]
		labels := map[string]string{provision.LabelLab: "true", "dockdrill.task": r.card.ID}
		id, addr, err := tasks.StartRegistry(ctx, r.cli, img[len(img)-1], "", labels)
		r.registryID = id
		if err != nil {
			return err
		}
		r.env.Registry = addr
		fmt.Fprintf(r.out, "The task's registry:  export DD_REGISTRY=%s\n", addr)
	}
	if slices.Contains(r.card.Needs, deck.NeedFolder) {
		dir := filepath.Join(r.dataDir, "tasks", r.card.ID)
		if err := tasks.PrepareFolder(dir, r.task.Files); err != nil {
			return fmt.Errorf("the task's folder: %w", err)
		}
		r.env.Dir = dir
		fmt.Fprintf(r.out, "The task's folder:    export DD_DIR=%s; cd \"$DD_DIR\"\n", dir)
	}
	return nil
}

// cleanup offers to remove the task's objects.
func (r *taskRun) cleanup(ctx context.Context) error {
	if r.opts.Keep {
		fmt.Fprintln(r.out, "Kept everything the task made (--keep).")
		r.registryID = ""
		return nil
	}
	existing, err := tasks.Existing(ctx, r.cli, tasks.Objects(r.env, r.card.Cleanup))
	if err != nil {
		return err
	}
	// Only what the task made: created after it began.
	if existing = tasks.CreatedSince(existing, r.start, 2*time.Second); len(existing) == 0 {
		return nil
	}
	names := make([]string, len(existing))
	for i, o := range existing {
		names[i] = o.String()
	}
	if !r.ask(ctx, fmt.Sprintf("Remove what the task made (%s)? [Y/n] ", strings.Join(names, ", ")), true) {
		return nil
	}
	removed, err := tasks.Remove(ctx, r.cli, existing)
	r.printRemoved(removed)
	return err
}

// removeRegistry removes the registry the task set up.
func (r *taskRun) removeRegistry() {
	if r.registryID == "" {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	r.cli.ContainerRemove(ctx, r.registryID, client.ContainerRemoveOptions{Force: true, RemoveVolumes: true})
}

func (r *taskRun) printRemoved(removed []tasks.Object) {
	for _, o := range removed {
		fmt.Fprintf(r.out, "removed %s\n", o)
	}
}

// ask asks a yes/no question; an empty answer is def.
func (r *taskRun) ask(ctx context.Context, q string, def bool) bool {
	fmt.Fprint(r.out, q)
	line, err := r.in.Next(ctx)
	if err != nil {
		fmt.Fprintln(r.out)
		return false
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "":
		return def
	case "y", "yes":
		return true
	}
	return false
}

// printRecorded says what a task's review recorded.
func printRecorded(out io.Writer, rev store.Review, recorded bool, now time.Time) {
	if recorded {
		fmt.Fprintf(out, "\nRecorded: %s; next due %s.\n", ratingName(rev.Rating), rev.After.Due.In(now.Location()).Format("Mon 2 Jan 15:04"))
	} else {
		fmt.Fprintln(out, "\nLeft before the task passed: nothing recorded.")
	}
}

func ratingName(r int) string {
	switch fsrs.Rating(r) {
	case fsrs.Again:
		return "Again (the solution was shown)"
	case fsrs.Hard:
		return "Hard (passed after a failed check)"
	case fsrs.Good:
		return "Good (passed on the first check)"
	case fsrs.Easy:
		return "Easy (passed on the first check, under a minute)"
	}
	return fmt.Sprint(r)
}

// configDrillTasks is the setting that turns on tasks in the drill.
const configDrillTasks = "drill.tasks"

// checkOnOff reads an on/off setting.
func checkOnOff(name, value string) (string, error) {
	switch strings.ToLower(value) {
	case "on", "true", "yes", "1":
		return "on", nil
	case "off", "false", "no", "0":
		return "off", nil
	}
	return "", fmt.Errorf("%s: %q is not on or off", name, value)
}

// taskDoer does one task of a drill: in gives the learner's lines, out
// takes what the task shows.
type taskDoer func(ctx context.Context, c *deck.Card, in handson.LineReader, out io.Writer) (handson.Outcome, error)

// drillTaskQueue holds the hands-on tasks due in a drill and does them
// among its cards: one after every `every` answers, and those still left
// when the cards run out after the last.
type drillTaskQueue struct {
	due   []*deck.Card
	every int // answers between two tasks
	next  int // the number of answers after which the next task comes
	do    taskDoer
	close func()
	in    handson.LineReader
	out   io.Writer
}

// taskSpacing returns after how many cards each of n tasks comes in a
// drill of about cards cards, so that the tasks spread over the session:
// cards/(n+1), at least 1 (with 20 cards and 2 tasks, after the 6th and
// the 12th).
func taskSpacing(cards, n int) int { return max(1, cards/(n+1)) }

// pending reports whether tasks are left to do.
func (q *drillTaskQueue) pending() bool { return q != nil && len(q.due) > 0 }

// start sets the queue for a drill of about cards cards whose prompter p
// reads the tasks' lines and shows them.
func (q *drillTaskQueue) start(p ui.Prompter, cards int) {
	q.in, q.out = promptLines{p}, p
	q.every = taskSpacing(cards, len(q.due))
	q.next = q.every
}

// between is the drill's hook after each card answered: the next task when
// its turn has come; when the cards are over, every task left.
func (q *drillTaskQueue) between(ctx context.Context, answered int, over bool) error {
	if over {
		return q.rest(ctx)
	}
	if !q.pending() || answered < q.next {
		return nil
	}
	q.next = answered + q.every
	return q.one(ctx)
}

// rest does the tasks left.
func (q *drillTaskQueue) rest(ctx context.Context) error {
	for q.pending() {
		if err := q.one(ctx); err != nil {
			return err
		}
	}
	return nil
}

// one does the next task; q in it skips the tasks after it.
func (q *drillTaskQueue) one(ctx context.Context) error {
	c := q.due[0]
	q.due = q.due[1:]
	fmt.Fprintln(q.out)
	o, err := q.do(ctx, c, q.in, q.out)
	if err != nil {
		return err
	}
	if o.Quit && len(q.due) > 0 {
		fmt.Fprintf(q.out, "Tasks: %s skipped (q); the cards go on.\n", plural(len(q.due), "task"))
		q.due = nil
	}
	return nil
}

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
func drillTasks(ctx context.Context, opts *drillOptions, d *drill) (*drillTaskQueue, error) {
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
	var cards []*deck.Card
	for _, c := range d.set.Tasks() {
		if (len(opts.Areas) == 0 || slices.Contains(opts.Areas, c.Area)) && (len(opts.Decks) == 0 || slices.Contains(opts.Decks, c.Deck)) {
			cards = append(cards, c)
		}
	}
	due := handson.Due(cards, states, opts.Now())
	if len(due) == 0 {
		closeEngine()
		fmt.Fprintln(out, "Tasks: none due.")
		return nil, nil
	}
	return &drillTaskQueue{due: due, do: do, close: closeEngine}, nil
}

// drillTaskDoer returns what does a task in the drill, and what closes the
// engine after the drill: the real task on the engine TaskDocker connects
// to, or (for tests) a task checked by opts.taskCheck, without Docker.
func drillTaskDoer(ctx context.Context, opts *drillOptions, d *drill, sched *fsrs.Scheduler) (taskDoer, func(), error) {
	record := func(ctx context.Context, c *deck.Card, o handson.Outcome, out io.Writer) error {
		var random [4]byte
		_, _ = rand.Read(random[:])
		sessionID := "task-" + session.NewID(opts.Now(), binary.BigEndian.Uint32(random[:]))
		rev, recorded, err := handson.Record(ctx, d.store, sched, c, o, sessionID, opts.Now())
		if err == nil {
			printRecorded(out, rev, recorded, opts.Now())
		}
		return err
	}
	if opts.taskCheck != nil {
		return func(ctx context.Context, c *deck.Card, in handson.LineReader, out io.Writer) (handson.Outcome, error) {
			fmt.Fprintf(out, "Task %s (%s)\n\n%s\n", c.ID, c.Area, strings.TrimSpace(c.Prompt))
			o, err := handson.Run(ctx, handson.Config{Card: c, Check: func(ctx context.Context) []tasks.Result { return opts.taskCheck(ctx, c) },
				In: in, Out: out, Now: opts.Now, Prompted: true})
			if err != nil {
				return o, err
			}
			return o, record(ctx, c, o, out)
		}, func() {}, nil
	}
	connect := opts.TaskDocker
	if connect == nil {
		connect = taskDocker
	}
	cli, err := connect(ctx)
	if err != nil {
		return nil, nil, err
	}
	topts := &taskOptions{Factory: opts.Factory}
	dataDir := filepath.Dir(d.store.Path())
	return func(ctx context.Context, c *deck.Card, in handson.LineReader, out io.Writer) (handson.Outcome, error) {
		task, ok := tasks.Lookup(c.Check)
		if !ok {
			fmt.Fprintf(out, "%s:%d: task %s names the checker %q, which this dockdrill does not have; skipped\n", c.File, c.Line, c.ID, c.Check)
			return handson.Outcome{}, nil
		}
		r := &taskRun{opts: topts, in: in, out: out, cli: cli, card: c, task: task, dataDir: dataDir, prompted: true}
		return r.run(ctx, d.store, sched)
	}, func() { cli.Close() }, nil
}

// tasksPassed returns the tasks passed in readiness's window.
func tasksPassed(ctx context.Context, st *store.Store, set *deck.Set, cal store.Calendar, now time.Time) (map[string]bool, error) {
	since := cal.Start(cal.Day(now).AddDays(-(readiness.DefaultWindow - 1)))
	reviews, err := st.ReviewsSince(ctx, since)
	if err != nil {
		return nil, err
	}
	return readiness.TasksPassed(set.Tasks(), reviews), nil
}

// taskSummary sums up every review of the tasks.
func taskSummary(ctx context.Context, st *store.Store, set *deck.Set) (*stats.Tasks, error) {
	reviews, err := st.ReviewsSince(ctx, time.Time{})
	if err != nil {
		return nil, err
	}
	return stats.TaskSummary(set.Tasks(), reviews), nil
}
