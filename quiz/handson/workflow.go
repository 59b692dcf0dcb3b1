package handson

import (
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
	"github.com/dockdrill/dockdrill/quiz/readiness"
	"github.com/dockdrill/dockdrill/quiz/session"
	"github.com/dockdrill/dockdrill/quiz/stats"
	"github.com/dockdrill/dockdrill/quiz/store"
	"github.com/moby/moby/client"
)

// Runner does hands-on tasks on one Docker engine, with its IO, clock and
// engine injected: the task command and the drill each build one.
type Runner struct {
	In       LineReader // the learner's lines
	Prompted bool       // In shows its own prompt (in a drill)
	Out      io.Writer  // what the task shows
	ErrOut   io.Writer  // the images' progress
	Now      func() time.Time

	Client  *client.Client
	Store   *store.Store
	Sched   *fsrs.Scheduler
	DataDir string // the task folders go under DataDir/tasks
	Keep    bool   // keep what the task made instead of offering to remove it
	Offline bool   // the images are never pulled
}

// Checker returns the checker card c names; the error names the card's
// file and line when this dockdrill does not have it.
func Checker(c *deck.Card) (*tasks.Task, error) {
	task, ok := tasks.Lookup(c.Check)
	if !ok {
		return nil, fmt.Errorf("%s:%d: task %s names the checker %q, which this dockdrill does not have", c.File, c.Line, c.ID, c.Check)
	}
	return task, nil
}

// ConnectEngine connects to the engine the environment names and checks
// that it answers.
func ConnectEngine(ctx context.Context) (*client.Client, error) {
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

// UnknownTaskError is a task id that names no task.
type UnknownTaskError struct {
	ID    string
	Tasks []string // every task's id
}

func (e *UnknownTaskError) Error() string {
	return fmt.Sprintf("no task %q; the tasks are %s (dockdrill task --list)", e.ID, strings.Join(e.Tasks, ", "))
}

// Pick returns the task named id, or the task due first, else the next new
// one; due is false when none is due, and c is then the one due next.
func Pick(set *deck.Set, states map[string]store.CardState, id string, now time.Time) (c *deck.Card, due bool, err error) {
	if id != "" {
		c, ok := set.Card(id)
		if !ok || !c.Task() {
			var ids []string
			for _, t := range set.Tasks() {
				ids = append(ids, t.ID)
			}
			return nil, false, &UnknownTaskError{ID: id, Tasks: ids}
		}
		return c, true, nil
	}
	if len(set.Tasks()) == 0 {
		return nil, false, fmt.Errorf("the decks hold no tasks")
	}
	c, ok := Next(set.Tasks(), states, now)
	return c, ok, nil
}

// Listing is one task and when it is due: "new", "due now" or "due" and
// the time in now's location.
type Listing struct {
	Card *deck.Card
	When string
}

// List returns every task with when it is due.
func List(cards []*deck.Card, states map[string]store.CardState, now time.Time) []Listing {
	var out []Listing
	for _, c := range cards {
		when := "new"
		if st, ok := states[c.ID]; ok && st.State != store.StateNew {
			when = "due " + st.Due.In(now.Location()).Format("2006-01-02 15:04")
			if !st.Due.After(now) {
				when = "due now"
			}
		}
		out = append(out, Listing{Card: c, When: when})
	}
	return out
}

// run is one task being done.
type run struct {
	*Runner
	card *deck.Card
	task *tasks.Task
	env  *tasks.Env

	registryID string
	start      time.Time // when the task began
}

// Run does the task card c, checked by task: it prints the goal, offers
// to remove objects that already carry the task's names, sets up what the
// task needs, waits for the learner, records the review and offers to
// remove what the task made.
func (r *Runner) Run(ctx context.Context, c *deck.Card, task *tasks.Task) (Outcome, error) {
	return (&run{Runner: r, card: c, task: task}).run(ctx)
}

func (r *run) run(ctx context.Context) (Outcome, error) {
	c := r.card
	fmt.Fprintf(r.Out, "Task %s (%s)\n\n%s\n\n", c.ID, c.Area, strings.TrimSpace(c.Prompt))
	r.env = &tasks.Env{Client: r.Client, Images: map[string][]string{}, Labels: map[string]string{provision.LabelLab: "true"}}
	if err := r.images(ctx); err != nil {
		return Outcome{}, err
	}

	// Objects that already carry the task's names: listed, and removed
	// only after a yes.
	var fixed []string
	for _, e := range c.Cleanup {
		if !strings.Contains(e, "$DD_REGISTRY") {
			fixed = append(fixed, e)
		}
	}
	existing, err := tasks.Existing(ctx, r.Client, tasks.Objects(r.env, fixed))
	if err != nil {
		return Outcome{}, err
	}
	if len(existing) > 0 {
		fmt.Fprintf(r.Out, "These already exist and carry the task's names:\n")
		for _, o := range existing {
			fmt.Fprintf(r.Out, "  %s\n", o)
		}
		if !r.ask(ctx, "Remove them and start? [y/N] ", false) {
			fmt.Fprintln(r.Out, "Nothing removed; the task did not start.")
			return Outcome{Quit: true}, nil
		}
		removed, err := tasks.Remove(ctx, r.Client, existing)
		r.printRemoved(removed)
		if err != nil {
			return Outcome{}, err
		}
	}

	r.start = r.Now()
	defer r.removeRegistry()
	if err := r.setup(ctx); err != nil {
		return Outcome{}, err
	}

	o, err := Run(ctx, Config{
		Card:     c,
		Check:    func(ctx context.Context) []tasks.Result { return r.task.Run(ctx, r.env) },
		In:       r.In,
		Out:      r.Out,
		Now:      r.Now,
		Prompted: r.Prompted,
	})
	if err != nil {
		return o, err
	}
	if err := r.record(ctx, c, o); err != nil {
		return Outcome{}, err
	}
	return o, r.cleanup(ctx)
}

// record records the outcome's review of c and says what it recorded.
func (r *Runner) record(ctx context.Context, c *deck.Card, o Outcome) error {
	var random [4]byte
	_, _ = rand.Read(random[:])
	sessionID := "task-" + session.NewID(r.Now(), binary.BigEndian.Uint32(random[:]))
	rev, recorded, err := Record(ctx, r.Store, r.Sched, c, o, sessionID, r.Now())
	if err != nil {
		return err
	}
	printRecorded(r.Out, rev, recorded, r.Now())
	return nil
}

// images resolves the lab images the task's solution names and prints
// which to use here.
func (r *run) images(ctx context.Context) error {
	roles := taskRoles(*r.card)
	p := &provision.Provisioner{Client: r.Client, Progress: r.ErrOut, Offline: r.Offline, Now: r.Now}
	imgs, err := p.Ensure(ctx, roles...)
	if err != nil {
		return fmt.Errorf("the task's images: %w", err)
	}
	for _, img := range imgs {
		r.env.Images[string(img.Role)] = []string{img.Role.Upstream(), img.Ref}
		if img.Ref != img.Role.Upstream() && strings.Contains(r.card.Solution, img.Role.Upstream()) {
			fmt.Fprintf(r.Out, "Images: use %s where the task says %s (no registry reachable here).\n", img.Ref, img.Role.Upstream())
		}
	}
	return nil
}

// taskRoles returns the lab roles a task needs: those whose upstream image
// its solution names, and the registry when the task needs one. A role
// without an upstream image (the daemon) is never needed by name: the empty
// name is in every solution.
func taskRoles(c deck.Card) []provision.Role {
	var roles []provision.Role
	for _, role := range provision.Roles {
		named := role.Upstream() != "" && strings.Contains(c.Solution, role.Upstream())
		if named || slices.Contains(c.Needs, deck.NeedRegistry) && role == provision.Registry {
			roles = append(roles, role)
		}
	}
	return roles
}

// setup makes what the task needs.
func (r *run) setup(ctx context.Context) error {
	if slices.Contains(r.card.Needs, deck.NeedRegistry) {
		img := r.env.Images[string(provision.Registry)]
		labels := map[string]string{provision.LabelLab: "true", "dockdrill.task": r.card.ID}
		id, addr, err := tasks.StartRegistry(ctx, r.Client, img[len(img)-1], "", labels)
		r.registryID = id
		if err != nil {
			return err
		}
		r.env.Registry = addr
		fmt.Fprintf(r.Out, "The task's registry:  export DD_REGISTRY=%s\n", addr)
	}
	if slices.Contains(r.card.Needs, deck.NeedFolder) {
		dir := filepath.Join(r.DataDir, "tasks", r.card.ID)
		if err := tasks.PrepareFolder(dir, r.task.Files); err != nil {
			return fmt.Errorf("the task's folder: %w", err)
		}
		r.env.Dir = dir
		fmt.Fprintf(r.Out, "The task's folder:    export DD_DIR=%s; cd \"$DD_DIR\"\n", dir)
	}
	return nil
}

// cleanup offers to remove the task's objects.
func (r *run) cleanup(ctx context.Context) error {
	if r.Keep {
		fmt.Fprintln(r.Out, "Kept everything the task made (--keep).")
		r.registryID = ""
		return nil
	}
	existing, err := tasks.Existing(ctx, r.Client, tasks.Objects(r.env, r.card.Cleanup))
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
	removed, err := tasks.Remove(ctx, r.Client, existing)
	r.printRemoved(removed)
	return err
}

// removeRegistry removes the registry the task set up.
func (r *run) removeRegistry() {
	if r.registryID == "" {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	r.Client.ContainerRemove(ctx, r.registryID, client.ContainerRemoveOptions{Force: true, RemoveVolumes: true})
}

func (r *run) printRemoved(removed []tasks.Object) {
	for _, o := range removed {
		fmt.Fprintf(r.Out, "removed %s\n", o)
	}
}

// ask asks a yes/no question; an empty answer is def.
func (r *run) ask(ctx context.Context, q string, def bool) bool {
	fmt.Fprint(r.Out, q)
	line, err := r.In.Next(ctx)
	if err != nil {
		fmt.Fprintln(r.Out)
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

// SettingDrillTasks is the setting that turns on tasks in the drill.
const SettingDrillTasks = "drill.tasks"

// CheckOnOff reads an on/off setting: "on" or "off".
func CheckOnOff(name, value string) (string, error) {
	switch strings.ToLower(value) {
	case "on", "true", "yes", "1":
		return "on", nil
	case "off", "false", "no", "0":
		return "off", nil
	}
	return "", fmt.Errorf("%s: %q is not on or off", name, value)
}

// Passed returns the tasks passed in readiness's window ending at now.
func Passed(ctx context.Context, st *store.Store, set *deck.Set, cal store.Calendar, now time.Time) (map[string]bool, error) {
	since := cal.Start(cal.Day(now).AddDays(-(readiness.DefaultWindow - 1)))
	reviews, err := st.ReviewsSince(ctx, since)
	if err != nil {
		return nil, err
	}
	return readiness.TasksPassed(set.Tasks(), reviews), nil
}

// Summary sums up every review of the tasks.
func Summary(ctx context.Context, st *store.Store, set *deck.Set) (*stats.Tasks, error) {
	reviews, err := st.ReviewsSince(ctx, time.Time{})
	if err != nil {
		return nil, err
	}
	return stats.TaskSummary(set.Tasks(), reviews), nil
}
