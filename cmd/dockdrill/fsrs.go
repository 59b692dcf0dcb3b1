package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/dockdrill/dockdrill/quiz/export"
	"github.com/dockdrill/dockdrill/quiz/fsrs"
)

func newFsrsCmd(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "fsrs <command>",
		Short: "Look inside the FSRS-6 scheduler",
		Long: `The fsrs commands show how dockdrill's FSRS-6 scheduler treats a review
history, so it can be compared with Anki or another FSRS implementation.`,
		Args: noArgs,
	}
	cmd.AddCommand(newFsrsReplayCmd(f), newFsrsSimulateCmd(f))
	return cmd
}

// fsrsReplayOptions are the inputs of runFsrsReplay: the review log and the
// scheduler's settings as the flags give them.
type fsrsReplayOptions struct {
	*Factory
	Path        string // the review log; "" or "-" reads stdin
	Retention   float64
	Params      string // 21 weights, comma-separated; "" for the defaults
	Steps       string
	Relearning  string
	MaxInterval int
	DayStart    time.Duration
}

func newFsrsReplayCmd(f *Factory) *cobra.Command {
	opts := &fsrsReplayOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "replay [FILE|-]",
		Short: "Schedule a review log with FSRS-6, one JSON line per review",
		Long: `Replay reads a review log as CSV in the FSRS optimizer's format and schedules
every card through dockdrill's FSRS-6 scheduler, as if it had been learned
here. It writes one JSON line per review, in card order (cards as they first
appear in the log, each card's reviews by time).

The log needs a header line. Columns are found by name, in any order, and
unknown columns are ignored:
  card_id          any text (required)
  review_time      milliseconds since 1970-01-01 UTC (required)
  review_rating    1 Again, 2 Hard, 3 Good, 4 Easy (required); 0 marks a
                   manual entry (a reschedule or reset), which is skipped,
                   as the FSRS optimizer skips it
  review_state     0-3 (optional; checked, not used: the scheduler derives
                   the state)
  review_duration  milliseconds (optional; checked, not used)

Each output line holds card_id, review_time, rating, elapsed_days (learner's
days since the card's previous review; 0 for its first), retrievability
(before the review; 0 for a new card), stability and difficulty (after it),
state (Learning, Review or Relearning), interval_days (0 while in learning
steps) and due (RFC 3339, in --tz). Fuzz is off, so the replay is exact and
repeatable.`,
		Example: `  # replay an export, with Anki's defaults
  dockdrill fsrs replay revlog.csv

  # pure FSRS (no learning steps), your own parameters, from stdin
  dockdrill fsrs replay --steps '' --relearning-steps '' \
    --params 0.212,1.2931,2.3065,8.2956,6.4133,0.8334,3.0194,0.001,1.8722,0.1666,0.796,1.4835,0.0614,0.2629,1.6483,0.6014,1.8729,0.5425,0.0912,0.0658,0.1542 - < revlog.csv`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Path = args[0]
			}
			return runFsrsReplay(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.Float64Var(&opts.Retention, "retention", 0.9, "desired retention, 0.70 to 0.99 (above 0.97 the workload grows steeply)")
	fl.StringVar(&opts.Params, "params", "", "21 comma-separated FSRS-6 weights w0,…,w20 (19 or 17 are migrated); default: FSRS-6 defaults")
	fl.StringVar(&opts.Steps, "steps", "1m,10m", "learning steps, comma-separated durations; '' for none")
	fl.StringVar(&opts.Relearning, "relearning-steps", "10m", "relearning steps, comma-separated durations; '' for none")
	fl.IntVar(&opts.MaxInterval, "max-interval", 36500, "maximum interval in days")
	fl.DurationVar(&opts.DayStart, "day-start", 4*time.Hour, "time after midnight at which the learner's day starts")
	return cmd
}

// replayParams turns the flags into the scheduler's parameters, fuzz off
// so that the replay is exact and repeatable.
func replayParams(opts *fsrsReplayOptions) (fsrs.Params, error) {
	p := fsrs.DefaultParams()
	p.EnableFuzz = false
	p.DesiredRetention = opts.Retention
	p.MaximumInterval = opts.MaxInterval
	p.DayStart = opts.DayStart
	if opts.Params != "" {
		w, err := fsrs.ParseParams(opts.Params)
		if err != nil {
			return p, usagef("--params: %v", err)
		}
		p.Weights = w
	}
	var err error
	if p.LearningSteps, err = fsrs.ParseSteps(opts.Steps); err != nil {
		return p, usagef("--steps: %v", err)
	}
	if p.RelearningSteps, err = fsrs.ParseSteps(opts.Relearning); err != nil {
		return p, usagef("--relearning-steps: %v", err)
	}
	if p.Location, err = opts.Location(); err != nil {
		return p, err
	}
	if err := p.Validate(); err != nil {
		return p, usagef("%s", strings.ReplaceAll(err.Error(), "\n", "; "))
	}
	warnRetention(opts.IO.ErrOut, "--retention", opts.Retention)
	return p, nil
}

func runFsrsReplay(ctx context.Context, opts *fsrsReplayOptions) error {
	p, err := replayParams(opts)
	if err != nil {
		return err
	}
	s, err := fsrs.NewScheduler(p)
	if err != nil {
		return err
	}
	name, in := "stdin", opts.IO.In
	if opts.Path != "" && opts.Path != "-" {
		f, err := os.Open(opts.Path)
		if err != nil {
			return err
		}
		defer f.Close()
		name, in = opts.Path, f
	}
	log, err := export.ReadRevlog(ctx, name, in)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(opts.IO.Out)
	enc := json.NewEncoder(out)
	reviews, err := export.Replay(ctx, s, log, p.Location, func(step export.ReplayStep) error { return enc.Encode(step) })
	if err != nil {
		return err
	}
	if err := out.Flush(); err != nil {
		return err
	}
	summary := fmt.Sprintf("replayed %s of %s", plural(reviews, "review"), plural(len(log.Order), "card"))
	if log.Skipped > 0 {
		summary += fmt.Sprintf(" (skipped %s with rating 0)", plural(log.Skipped, "manual entry"))
	}
	_, err = fmt.Fprintln(opts.IO.ErrOut, summary)
	return err
}
