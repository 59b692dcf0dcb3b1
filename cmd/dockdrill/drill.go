package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/exercises/tasks"
	"github.com/dockdrill/dockdrill/quiz/session"
	"github.com/dockdrill/dockdrill/quiz/store"
	"github.com/dockdrill/dockdrill/quiz/ui"
	"github.com/moby/moby/client"
	"github.com/spf13/cobra"
)

// drillOptions are the inputs of runDrill.
type drillOptions struct {
	*Factory
	New      int
	Limit    int
	Areas    []string
	Decks    []string
	Missed   bool
	ExamDate string // --exam-date
	NewSet   bool   // --new was given: it wins over the exam pace
	Tasks    bool   // do the due hands-on tasks too (or the drill.tasks setting)

	// TaskDocker connects to the engine the tasks are done on; nil means
	// the one the environment names.
	TaskDocker func(ctx context.Context) (*client.Client, error)
	// taskCheck, for tests, checks a task in the drill instead of a
	// checker reading an engine: no Docker is asked.
	taskCheck func(ctx context.Context, c *deck.Card) []tasks.Result
}

func newDrillCmd(f *Factory) *cobra.Command {
	opts := &drillOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "drill",
		Short: "Today's spaced-repetition drill",
		Long: `Drill the cards that are due today, then new ones, scheduled by FSRS-6.

The queue: review cards due now, the ones you are most likely to have
forgotten first; then new cards, at most --new a day (counting the new cards
already seen today), taken in turn from each knowledge area; cards of one area
do not follow each other when that can be avoided. A card answered wrong, or
new, comes back after its learning step (1 and 10 minutes): when its step is
due, or when nothing else is left and it is due within 20 minutes.

Exam mode (an exam date set with 'dockdrill config set exam-date' or
--exam-date): new cards are paced so that every card is introduced
exam-buffer days (5) before the exam, the header saying how many a day; a
rating whose interval would reach the exam day with memory below
exam-retention (0.90) comes due before the exam instead ("due before your
exam"); in the last days the cards weakest on the exam day come first. An
explicit --new wins over the pace. From the exam day on, plain FSRS.

Typed answers (command and cloze cards) are graded at once, as docker would
read them. Right proposes the rating Good, which you may change to Hard or
Easy; wrong is rated Again and shows the answer, why yours differs, the
explanation and the proof on Docker that backs the card. Choice cards take one
pick, multi cards exactly the number asked (no partial credit). Flash cards
show the answer; you rate how well you recalled it.

At any card (in a menu the key alone, at a typed answer the key then Enter):
  ?  show the hint (the card's own, or one derived from its answer)
  u  undo the last answer and ask that card again
  q  end the session
In a menu 1-9 pick (tick and untick in a pick-N); the rating takes 1-4, Enter
or space for the proposed one, and shows the interval each would give. An
empty answer to a typed card is asked again, never graded.

The header counts what is left: new cards, learning steps due in the
session, due reviews, and "card 12 of ~40".

Hands-on tasks (--tasks, or 'dockdrill config set drill.tasks on'): when a
Docker engine answers, the tasks that are due come among the cards, one
after every N cards so that they spread over the session (the header says
N), each done as in 'dockdrill task'; those left when the cards run out come
after the last, and q in a task skips the tasks left. Without Docker no task
is due, and the header says why. The summary lists the cards
missed; --missed goes over the cards missed today again at once, for
practice: graded, not rescheduled a second time.

Every answer is saved before the next card appears: Ctrl-C, SIGTERM or even
a crash loses nothing you have confirmed. Ctrl-C, SIGTERM and SIGHUP (the
terminal closed) end the session with its summary and exit status 130.

In a terminal the drill draws its own screen, wrapped to the window and laid
out again when it is resized. With TERM=dumb, or when standard input or output
is not a terminal, it reads plain lines: one answer per prompt line, choices
by number (a multi pick as "1 3"), ratings as again, hard, good, easy or 1 to
4, an empty line for the proposed one. NO_COLOR or TERM=dumb: no colour.

The reviews are kept in --db, else $DOCKDRILL_DB, else
$XDG_DATA_HOME/dockdrill/dockdrill.db (~/.local/share/dockdrill/dockdrill.db).`,
		Example: `  # today's drill
  dockdrill drill

  # ten cards of the volume and network areas, no new ones
  dockdrill drill --area volumes,networks --limit 10 --new 0

  # a scripted drill: one answer per line, an empty line for the proposed rating
  dockdrill drill --limit 5 < answers.txt`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.NewSet = cmd.Flags().Changed("new")
			return runDrill(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.IntVar(&opts.New, "new", session.DefaultNewPerDay, "at most `N` new cards a day, counting those already introduced today")
	fl.IntVar(&opts.Limit, "limit", 0, "ask at most `N` cards in this session (0: no limit)")
	fl.StringSliceVar(&opts.Areas, "area", nil, "only the cards of knowledge `AREA` (repeatable, or comma-separated)")
	fl.StringSliceVar(&opts.Decks, "deck", nil, "only the cards of `DECK` (repeatable, or comma-separated)")
	fl.BoolVar(&opts.Missed, "missed", false, "go over the cards answered wrong today again, for practice: graded, not rescheduled")
	fl.BoolVar(&opts.Tasks, "tasks", false, "mix the hands-on tasks that are due in among the cards, when a Docker engine answers (also: config set drill.tasks on)")
	fl.StringVar(&opts.ExamDate, "exam-date", "", "the exam's `DATE`, YYYY-MM-DD, for exam mode (default: the exam-date setting)")
	return cmd
}

// drill is a session ready to run, with what it was built from.
type drill struct {
	store   *store.Store
	set     *deck.Set
	session *session.Session
	cal     store.Calendar
}

func runDrill(ctx context.Context, opts *drillOptions) error {
	d, err := openDrill(ctx, opts)
	if err != nil {
		return err
	}
	defer d.store.Close()
	// Today's backup is written beside the session, from one read
	// transaction, and finished before the store closes.
	backedUp := make(chan error, 1)
	go func() {
		_, err := d.store.BackupDaily(context.WithoutCancel(ctx), opts.Now())
		backedUp <- err
	}()
	defer func() {
		if err := <-backedUp; err != nil {
			fmt.Fprintf(opts.IO.ErrOut, "warning: today's backup of the review store failed: %v\n", err)
		}
	}()
	out := opts.IO.Out
	tq, err := drillTasks(ctx, opts, d)
	if err != nil {
		return err
	}

	due, news, learning := d.session.Planned()
	mode := opts.Mode()
	p := ui.NewPrompter(mode, opts.IO.In, out)
	var between func(context.Context, int, bool) error
	if tq != nil {
		defer tq.Close()
		cards := d.session.Remaining()
		if opts.Limit > 0 {
			cards = min(cards, opts.Limit)
		}
		tq.Start(promptLines{p}, p, cards)
		between = tq.Between
		how := fmt.Sprintf("one after every %d cards", tq.Every)
		switch {
		case cards == 0:
			how = "no card is due, so they come now"
		case tq.Every == 1:
			how = "one after every card"
		}
		fmt.Fprintln(p, ui.Wrap(fmt.Sprintf("Tasks: %s due, %s (q in a task skips the tasks left).", plural(len(tq.Due), "task"), how), ui.PrompterWidth(p), ""))
	}
	var runErr error
	switch {
	case d.session.Remaining() == 0 && tq.Pending():
		runErr = tq.Rest(ctx)
	case d.session.Remaining() == 0 && opts.Missed:
		fmt.Fprintln(out, "No card missed today: nothing to go over.")
	case d.session.Remaining() == 0:
		fmt.Fprintln(out, "Nothing to drill now.")
	case opts.Missed:
		fmt.Fprintln(p, ui.Wrap(fmt.Sprintf("Going over %s missed today, for practice: graded, not rescheduled.", plural(due+news, "card")), ui.PrompterWidth(p), ""))
		runErr = ui.DrillBetween(ctx, d.session, p, ui.NewScheme(mode.Color), between)
	default:
		fmt.Fprintln(p, ui.Wrap(fmt.Sprintf("Drill: %s due, %s, %s in learning steps. ? hint · u undo · q quit",
			plural(due, "card"), plural(news, "new card"), plural(learning, "card")), ui.PrompterWidth(p), ""))
		if line := paceLine(d.session.Pace()); line != "" {
			fmt.Fprintln(p, ui.Wrap(fmt.Sprintf("Exam mode: %s.", line), ui.PrompterWidth(p), ""))
		}
		runErr = ui.DrillBetween(ctx, d.session, p, ui.NewScheme(mode.Color), between)
	}
	// The summary is read even when ctx is cancelled: it ends every session.
	if err := d.summary(context.WithoutCancel(ctx), p, opts.Now(), runErr != nil, opts, ui.PrompterWidth(p)); err != nil && runErr == nil {
		runErr = err
	}
	if errors.Is(runErr, ui.ErrInterrupted) {
		return context.Canceled
	}
	return runErr
}

// openDrill loads the decks, opens the store and builds the session.
func openDrill(ctx context.Context, opts *drillOptions) (*drill, error) {
	if opts.New < 0 {
		return nil, usagef("--new: %d is negative", opts.New)
	}
	if opts.Limit < 0 {
		return nil, usagef("--limit: %d is negative", opts.Limit)
	}
	if _, err := opts.Location(); err != nil {
		return nil, err
	}
	set, err := opts.DeckSet()
	if err != nil {
		return nil, err
	}
	if err := set.Blueprint.CheckAreas(opts.Areas); err != nil {
		return nil, usagef("--area: %v", err)
	}
	if err := set.CheckDecks(opts.Decks); err != nil {
		return nil, usagef("--deck: %v", err)
	}
	st, err := opts.OpenStore(ctx)
	if err != nil {
		return nil, err
	}
	d, err := newDrill(ctx, st, set, opts)
	if err != nil {
		st.Close()
		return nil, err
	}
	return d, nil
}

// newDrill builds the session with the scheduler and the exam mode of the
// settings kept in st.
func newDrill(ctx context.Context, st *store.Store, set *deck.Set, opts *drillOptions) (*drill, error) {
	sched, cal, ss, err := opts.StoredScheduler(ctx, st)
	if err != nil {
		return nil, err
	}
	exam, err := examMode(ss, opts.ExamDate)
	if err != nil {
		return nil, err
	}
	exam.KeepNewPerDay = opts.NewSet
	exam.AreaWeights = session.AreaWeights(set.Blueprint)
	var missed []string
	if opts.Missed {
		if missed, err = session.MissedToday(ctx, st, cal, opts.Now()); err != nil {
			return nil, err
		}
		if len(missed) == 0 {
			missed = []string{""} // asks nothing
		}
	}
	sess, err := session.Start(ctx, st, set, session.Config{
		Scheduler: sched,
		Calendar:  cal,
		Now:       opts.Now,
		Practice:  opts.Missed,
		Exam:      exam,
		Options: session.Options{
			NewPerDay: opts.New,
			Limit:     opts.Limit,
			Areas:     opts.Areas,
			Decks:     opts.Decks,
			Only:      missed,
		},
	})
	if err != nil {
		return nil, err
	}
	return &drill{store: st, set: set, session: sess, cal: cal}, nil
}

// summary writes the end of a session: what was done and what comes next.
func (d *drill) summary(ctx context.Context, w io.Writer, now time.Time, cut bool, opts *drillOptions, width int) error {
	streak, err := d.store.Streak(ctx, d.cal, now)
	if err != nil {
		return err
	}
	end := ui.DrillEnd{Streak: streak, Cut: cut}
	if !opts.Missed {
		end.MissedCommand = "dockdrill drill --missed"
	}
	return ui.DrillSummary(w, d.session, end, width, opts.Scheme())
}
