package ui

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dockdrill/dockdrill/quiz/session"
)

// DrillEnd is what the end of a drill shows besides the session's own
// figures.
type DrillEnd struct {
	Streak int  // days in a row with a review, today included
	Cut    bool // the session was interrupted
	// MissedCommand is the command that goes over the missed cards
	// again; empty in a practice run.
	MissedCommand string
}

// DrillSummary writes the end of a session: what was done, the cards
// missed, when the next card is due, tomorrow's reviews (the cards due by
// the end of tomorrow, those left from today included, and said so) and
// the streak;
// laid out for width columns (0: no limit).
func DrillSummary(w io.Writer, s *session.Session, end DrillEnd, width int, sc Scheme) error {
	sum := s.Summary()
	title := "session over"
	if end.Cut {
		title = "session ended"
	}
	var b strings.Builder
	field := func(label, format string, args ...any) {
		b.WriteString(Hang(fmt.Sprintf("%-14s", label), fmt.Sprintf(format, args...), width) + "\n")
	}
	fmt.Fprintf(&b, "\n%s\n", sc.Bold("── "+title+" ──"))
	reviewed := plural(sum.Reviewed, "answer")
	if sum.Reviewed > 0 {
		reviewed += fmt.Sprintf(" (%s, %d new)", plural(sum.Cards, "card"), sum.New)
	}
	field("reviewed", "%s", reviewed)
	if sum.Reviewed > 0 {
		field("right", "%d %% (%d of %d)", (100*sum.Passed+sum.Reviewed/2)/sum.Reviewed, sum.Passed, sum.Reviewed)
	} else {
		field("right", "-")
	}
	field("time spent", "%s", sum.Elapsed.Round(time.Second))
	if missed := s.Missed(); len(missed) > 0 {
		how := ""
		if end.MissedCommand != "" {
			how = "; go over them again now: " + end.MissedCommand
		}
		field("missed", "%s%s", plural(len(missed), "card"), how)
		idw := 0
		for _, id := range missed {
			idw = max(idw, len(id))
		}
		for _, id := range missed {
			line := fmt.Sprintf("  %-*s  ", idw, id)
			if c, ok := s.Card(id); ok {
				line += strings.TrimSpace(strings.SplitN(c.Prompt, "\n", 2)[0])
			}
			if width > 0 {
				line = Truncate(line, width)
			}
			b.WriteString(sc.Red(line) + "\n")
		}
	}
	if s.Practice() {
		field("practice", "nothing was rescheduled")
	}
	if sum.Left > 0 {
		field("left", "%s (drill again to go on)", plural(sum.Left, "card"))
	}
	if n, next := s.Learning(); n > 0 {
		now := s.Now()
		when := "due now"
		if next.After(now) {
			when = s.When(next, now)
		}
		field("learning", "%d in learning, next %s", n, when)
	}
	tomorrow := fmt.Sprintf("about %s", plural(sum.DueTomorrow, "review"))
	if c := s.Carried(); c > 0 && sum.DueTomorrow > 0 {
		tomorrow += fmt.Sprintf(" (%d of them left from today)", min(c, sum.DueTomorrow))
	}
	field("tomorrow", "%s", tomorrow)
	streakDays := fmt.Sprintf("%d days", end.Streak)
	if end.Streak == 1 {
		streakDays = "1 day"
	}
	field("streak", "%s", streakDays)
	_, err := io.WriteString(w, b.String())
	return err
}

// plural writes n and the noun, in the plural unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
