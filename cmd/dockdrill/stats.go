package main

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/dockdrill/dockdrill/quiz/handson"
	"github.com/dockdrill/dockdrill/quiz/ui"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/dockdrill/dockdrill/quiz/stats"
	"github.com/dockdrill/dockdrill/quiz/store"
)

type statsOptions struct {
	*Factory
	JSON bool
}

func newStatsCmd(f *Factory) *cobra.Command {
	opts := &statsOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Your reviews as charts: heatmap, streak, true retention, due forecast, memory by area",
		Long: `Stats draws your history in the terminal, the way Anki's statistics screen
shows it:

  heatmap          reviews per day over the last 16 weeks, one column a week
                   (Monday on top), shaded by the quarter of the busiest day's
                   count a day reaches: · none, ░ ▒ ▓ █ up to the busiest
  streak           days in a row with at least one review, up to today (today
                   not over yet does not break it)
  true retention   as Anki counts it: the first review of each card on each
                   day, for cards in review (scheduled in days; first sights
                   and learning steps are left out); Again fails, Hard, Good
                   and Easy pass. Young cards were reviewed at an interval
                   under 21 days, mature ones at 21 days or more. Periods end
                   today: today, yesterday, the last 7, 30 and 365 days.
  due forecast     cards due on each of the next 14 days; today's bar also
                   holds the overdue ones
  memory by area   mean retrievability now of each knowledge area's reviewed
                   cards, and how many of its cards you have reviewed
  knowledge        Anki's estimated total knowledge: the sum of the
                   retrievability of every card now, the number of cards you
                   would recall if asked them all today

Days start at 04:00 in your time zone (--tz, else $TZ). Colours are off when
standard output is not a terminal or NO_COLOR is set.`,
		Example: `  dockdrill stats
  dockdrill stats --json | jq .true_retention`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runStats(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	return cmd
}

func runStats(ctx context.Context, opts *statsOptions) error {
	// A bad --tz is refused before the store is opened.
	if _, err := opts.Location(); err != nil {
		return err
	}
	set, err := opts.DeckSet()
	if err != nil {
		return err
	}
	st, err := opts.OpenStoreReadOnly(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	// The retention and weights set in the store (config set retention,
	// fsrs.params).
	sched, cal, _, err := opts.StoredScheduler(ctx, st)
	if err != nil {
		return err
	}
	s, err := stats.Compute(ctx, st, stats.Options{
		Cards: set.Cards(), Areas: set.Blueprint.Areas, Scheduler: sched, Calendar: cal, Now: opts.Now(),
	})
	if err != nil {
		return err
	}
	if s.Tasks, err = handson.Summary(ctx, st, set); err != nil {
		return err
	}
	if opts.JSON {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(s)
	}
	return renderStats(opts.IO.Out, s, opts.Scheme())
}

// heatGlyphs are the heatmap's shades, level 0 to 4.
var heatGlyphs = []string{"·", "░", "▒", "▓", "█"}

func renderStats(w io.Writer, s *stats.Stats, p ui.Scheme) error {
	var b strings.Builder
	width := ui.TermWidth(w) // 0 for a pipe: no limit
	h := s.Heatmap
	start, err := store.ParseDate(h.Start)
	if err != nil {
		return err
	}
	today, err := store.ParseDate(s.Today)
	if err != nil {
		return err
	}
	fmt.Fprintf(&b, "%s\n", p.Bold(fmt.Sprintf("Reviews per day, last %d weeks (%s to %s)", h.Weeks, h.Start, s.Today)))
	// Month names over the week in which a month's first Monday falls.
	months := []rune(strings.Repeat(" ", 2*h.Weeks+2))
	free := 0
	for wk := range h.Weeks {
		mon := start.AddDays(7 * wk)
		if wk > 0 && mon.Month == start.AddDays(7*(wk-1)).Month {
			continue
		}
		name := mon.Month.String()[:3]
		if at := 2 * wk; at >= free {
			copy(months[at:], []rune(name))
			free = at + len(name) + 1
		}
	}
	fmt.Fprintf(&b, "     %s\n", strings.TrimRight(string(months), " "))
	for wd := range 7 {
		var row strings.Builder
		for wk := range h.Weeks {
			i := 7*wk + wd
			if i >= len(h.Counts) {
				break
			}
			lv := h.Level(h.Counts[i])
			row.WriteString(heat(p, lv, heatGlyphs[lv]) + " ")
		}
		name := time.Weekday((wd + 1) % 7).String()[:3]
		fmt.Fprintf(&b, "%s  %s\n", name, strings.TrimRight(row.String(), " "))
	}
	var legend strings.Builder
	for lv, g := range heatGlyphs {
		legend.WriteString(heat(p, lv, g) + " ")
	}
	fmt.Fprintf(&b, "     less %smore   %s on %s of %d days; busiest %d\n\n", legend.String(),
		plural(h.Total, "review"), dayCount(h.Active), today.Sub(start)+1, h.Max)

	fmt.Fprintf(&b, "%s %s in a row\n\n", p.Bold("Streak:"), dayCount(s.Streak))

	fmt.Fprintf(&b, "%s\n", p.Bold("True retention (first review of a card in review each day; Again fails)"))
	t := &ui.Table{Head: []string{"PERIOD", "YOUNG", "MATURE", "TOTAL"}, Right: []bool{false, true, true, true}}
	t.Width = width
	cell := func(tl stats.Tally) string {
		if tl.N() == 0 {
			return "-"
		}
		return fmt.Sprintf("%.1f %% (%d/%d)", 100*tl.Rate(), tl.Passed, tl.N())
	}
	for _, r := range s.Retention {
		t.Add(r.Period, cell(r.Young), cell(r.Mature), cell(r.Total()))
	}
	b.WriteString(t.String())
	fmt.Fprintf(&b, "young: reviewed at an interval under %d days; mature: %d days or more\n\n", stats.MatureDays, stats.MatureDays)

	fmt.Fprintf(&b, "%s\n", p.Bold(fmt.Sprintf("Due in the next %d days", len(s.Forecast.Days))))
	most := 0
	for _, d := range s.Forecast.Days {
		most = max(most, d.Due)
	}
	const barWidth = 30
	for i, d := range s.Forecast.Days {
		day, err := store.ParseDate(d.Day)
		if err != nil {
			return err
		}
		wd := time.Date(day.Year, day.Month, day.Day, 12, 0, 0, 0, time.UTC).Weekday().String()[:3]
		n := 0
		if most > 0 && d.Due > 0 {
			n = max(1, int(math.Round(barWidth*float64(d.Due)/float64(most))))
		}
		note := ""
		if i == 0 && s.Forecast.Overdue > 0 {
			note = fmt.Sprintf(" (%d overdue)", s.Forecast.Overdue)
		}
		label := fmt.Sprintf("%s %02d-%02d", wd, day.Month, day.Day)
		if i == 0 {
			label = "today    "
		}
		fmt.Fprintf(&b, "%s  %s%s %d%s\n", label, p.Cyan(strings.Repeat("█", n)), strings.Repeat(" ", barWidth-n), d.Due, note)
	}
	b.WriteString("\n")

	fmt.Fprintf(&b, "%s\n", p.Bold("Memory now, by area (mean retrievability of the reviewed cards)"))
	t = &ui.Table{Head: []string{"AREA", "RETRIEVABILITY", "", "REVIEWED"}, Right: []bool{false, false, true, true}}
	t.Width = width
	const areaWidth = 20
	for _, a := range s.Areas {
		bar, val := p.Dim(strings.Repeat("░", areaWidth)), "-"
		if a.Reviewed > 0 {
			n := int(math.Round(areaWidth * a.Mean))
			bar = p.Cyan(strings.Repeat("█", n)) + p.Dim(strings.Repeat("░", areaWidth-n))
			val = pct(a.Mean)
		}
		t.Add(a.ID, bar, val, strconv.Itoa(a.Reviewed)+"/"+strconv.Itoa(a.Cards))
	}
	b.WriteString(t.String())
	b.WriteString("\n")
	fmt.Fprintf(&b, "%s %.1f of %d cards (the sum of every card's retrievability now; %d reviewed)\n",
		p.Bold("Estimated total knowledge:"), s.Knowledge, s.Cards, s.Reviewed)
	if t := s.Tasks; t != nil {
		fmt.Fprintf(&b, "%s %d of %d done; %s, %s passed\n", p.Bold("Hands-on tasks:"), t.Done, t.Tasks, plural(t.Attempts, "attempt"), pct(t.PassRate()))
	}
	_, err = io.WriteString(w, ui.Fit(b.String(), width))
	return err
}

// dayCount writes n days.
func dayCount(n int) string {
	if n == 1 {
		return "1 day"
	}
	return strconv.Itoa(n) + " days"
}
