package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // --tz works on hosts without a zoneinfo database

	"github.com/spf13/cobra"

	"github.com/dockdrill/dockdrill/quiz/fsrs"
)

func newFsrsCmd(app *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "fsrs <command>",
		Short: "Look inside the FSRS-6 scheduler",
		Long: `The fsrs commands show how dockdrill's FSRS-6 scheduler treats a review
history, so it can be compared with Anki or another FSRS implementation.`,
		Args: noArgs,
	}
	cmd.AddCommand(newFsrsReplayCmd(app), newFsrsSimulateCmd(app))
	return cmd
}

// fsrsReplayOptions are the inputs of runFsrsReplay.
type fsrsReplayOptions struct {
	IO     *IOStreams
	Path   string // the review log; "" or "-" reads stdin
	Params fsrs.Params
}

func newFsrsReplayCmd(app *App) *cobra.Command {
	var (
		retention              float64
		params, steps, relearn string
		maxInterval            int
		dayStart               time.Duration
		tz                     string
	)
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
			p := fsrs.DefaultParams()
			p.EnableFuzz = false
			p.DesiredRetention = retention
			p.MaximumInterval = maxInterval
			p.DayStart = dayStart
			if params != "" {
				w, err := fsrs.ParseParams(params)
				if err != nil {
					return usagef("--params: %v", err)
				}
				p.Weights = w
			}
			var err error
			if p.LearningSteps, err = parseSteps(steps); err != nil {
				return usagef("--steps: %v", err)
			}
			if p.RelearningSteps, err = parseSteps(relearn); err != nil {
				return usagef("--relearning-steps: %v", err)
			}
			if p.Location, err = learnerLocation(tz, app.getenv("TZ")); err != nil {
				return usagef("--tz: %v", err)
			}
			if err := p.Validate(); err != nil {
				return usagef("%s", strings.ReplaceAll(err.Error(), "\n", "; "))
			}
			warnRetention(app.IO.ErrOut, "--retention", retention)
			opts := fsrsReplayOptions{IO: app.IO, Params: p}
			if len(args) == 1 {
				opts.Path = args[0]
			}
			return runFsrsReplay(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.Float64Var(&retention, "retention", 0.9, "desired retention, 0.70 to 0.99 (above 0.97 the workload grows steeply)")
	f.StringVar(&params, "params", "", "21 comma-separated FSRS-6 weights w0,…,w20 (19 or 17 are migrated); default: FSRS-6 defaults")
	f.StringVar(&steps, "steps", "1m,10m", "learning steps, comma-separated durations; '' for none")
	f.StringVar(&relearn, "relearning-steps", "10m", "relearning steps, comma-separated durations; '' for none")
	f.IntVar(&maxInterval, "max-interval", 36500, "maximum interval in days")
	f.DurationVar(&dayStart, "day-start", 4*time.Hour, "time after midnight at which the learner's day starts")
	f.StringVar(&tz, "tz", "", "the learner's time zone, e.g. Europe/Berlin (default $TZ, else the system's zone)")
	return cmd
}

// parseSteps reads comma-separated durations such as "1m,10m"; "" and
// "none" mean no steps.
func parseSteps(s string) ([]time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "none" {
		return nil, nil
	}
	var out []time.Duration
	for i, f := range strings.Split(s, ",") {
		d, err := time.ParseDuration(strings.TrimSpace(f))
		if err != nil {
			return nil, fmt.Errorf("step %d: %q is not a duration such as 10m or 1h30m", i+1, strings.TrimSpace(f))
		}
		out = append(out, d)
	}
	return out, nil
}

// learnerLocation returns the zone named by the flag, else by $TZ, else
// the system's zone.
func learnerLocation(flag, env string) (*time.Location, error) {
	name := flag
	if name == "" {
		name = strings.TrimPrefix(env, ":")
	}
	if name == "" {
		return time.Local, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q", name)
	}
	return loc, nil
}

// logReview is one row of a review log.
type logReview struct {
	cardID string
	ms     int64
	rating fsrs.Rating
}

// replayLine is one line of replay's output.
type replayLine struct {
	CardID         string  `json:"card_id"`
	ReviewTime     int64   `json:"review_time"`
	Rating         int     `json:"rating"`
	ElapsedDays    int     `json:"elapsed_days"`
	Retrievability float64 `json:"retrievability"`
	Stability      float64 `json:"stability"`
	Difficulty     float64 `json:"difficulty"`
	State          string  `json:"state"`
	IntervalDays   int     `json:"interval_days"`
	Due            string  `json:"due"`
}

func runFsrsReplay(ctx context.Context, opts fsrsReplayOptions) error {
	s, err := fsrs.NewScheduler(opts.Params)
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
	cards, order, skipped, err := readReviewLog(ctx, name, in)
	if err != nil {
		return err
	}

	loc := opts.Params.Location
	out := bufio.NewWriter(opts.IO.Out)
	enc := json.NewEncoder(out)
	reviews := 0
	for _, id := range order {
		if err := ctx.Err(); err != nil {
			return err
		}
		revs := cards[id]
		slices.SortStableFunc(revs, func(a, b logReview) int { return cmpInt64(a.ms, b.ms) })
		var c fsrs.Card
		for _, r := range revs {
			now := time.UnixMilli(r.ms).In(loc)
			line := replayLine{
				CardID:         id,
				ReviewTime:     r.ms,
				Rating:         int(r.rating),
				ElapsedDays:    s.ElapsedDays(c.LastReview, now),
				Retrievability: s.Retrievability(c, now),
			}
			c = s.Review(c, r.rating, now, 0)
			line.Stability, line.Difficulty = c.Stability, c.Difficulty
			line.State = c.State.String()
			line.IntervalDays = s.IntervalDays(c)
			line.Due = c.Due.In(loc).Format(time.RFC3339)
			if err := enc.Encode(line); err != nil {
				return err
			}
			reviews++
		}
	}
	if err := out.Flush(); err != nil {
		return err
	}
	summary := fmt.Sprintf("replayed %s of %s", plural(reviews, "review"), plural(len(order), "card"))
	if skipped > 0 {
		summary += fmt.Sprintf(" (skipped %s with rating 0)", plural(skipped, "manual entry"))
	}
	_, err = fmt.Fprintln(opts.IO.ErrOut, summary)
	return err
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// readReviewLog parses a review log in the FSRS optimizer's CSV format and
// groups its reviews by card, keeping the order in which cards first
// appear. Errors name the file, the line and the column.
func readReviewLog(ctx context.Context, name string, in io.Reader) (cards map[string][]logReview, order []string, skipped int, err error) {
	r := csv.NewReader(in)
	r.ReuseRecord = true
	header, err := r.Read()
	if err == io.EOF {
		return nil, nil, 0, fmt.Errorf("%s: empty file; want a header line naming card_id, review_time and review_rating", name)
	}
	if err != nil {
		return nil, nil, 0, csvError(name, err)
	}
	header = slices.Clone(header) // the reader reuses its record
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, dup := col[h]; dup && h != "" {
			return nil, nil, 0, fmt.Errorf("%s:1: column %s appears twice", name, h)
		}
		col[h] = i
	}
	for _, need := range []string{"card_id", "review_time", "review_rating"} {
		if _, ok := col[need]; !ok {
			return nil, nil, 0, fmt.Errorf("%s:1: missing column %s; the header needs card_id, review_time and review_rating", name, need)
		}
	}
	stateCol, hasState := col["review_state"]
	durCol, hasDur := col["review_duration"]

	cards = map[string][]logReview{}
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, nil, 0, err
			}
		}
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, 0, csvError(name, err)
		}
		bad := func(field int, format string, args ...any) error {
			line, _ := r.FieldPos(field)
			return fmt.Errorf("%s:%d: %s: %s", name, line, header[field], fmt.Sprintf(format, args...))
		}
		i := col["card_id"]
		id := strings.TrimSpace(rec[i])
		if id == "" {
			return nil, nil, 0, bad(i, "empty")
		}
		i = col["review_time"]
		ms, err := strconv.ParseInt(strings.TrimSpace(rec[i]), 10, 64)
		if err != nil {
			return nil, nil, 0, bad(i, "%q is not a whole number of milliseconds since the epoch", rec[i])
		}
		i = col["review_rating"]
		rating, err := strconv.Atoi(strings.TrimSpace(rec[i]))
		if err != nil || rating < 0 || rating > 4 {
			return nil, nil, 0, bad(i, "%q is not 1-4", rec[i])
		}
		if hasState {
			if v := strings.TrimSpace(rec[stateCol]); v != "" {
				if st, err := strconv.Atoi(v); err != nil || st < 0 || st > 3 {
					return nil, nil, 0, bad(stateCol, "%q is not 0-3", rec[stateCol])
				}
			}
		}
		if hasDur {
			if v := strings.TrimSpace(rec[durCol]); v != "" {
				if d, err := strconv.ParseInt(v, 10, 64); err != nil || d < 0 {
					return nil, nil, 0, bad(durCol, "%q is not a whole, non-negative number of milliseconds", rec[durCol])
				}
			}
		}
		if rating == 0 {
			skipped++
			continue
		}
		if _, seen := cards[id]; !seen {
			order = append(order, id)
		}
		cards[id] = append(cards[id], logReview{cardID: id, ms: ms, rating: fsrs.Rating(rating)})
	}
	return cards, order, skipped, nil
}

// csvError names the file and line of a CSV syntax error.
func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d: %v", name, pe.Line, pe.Err)
	}
	return fmt.Errorf("%s: %v", name, err)
}
