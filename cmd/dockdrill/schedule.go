package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/schedule"
	"github.com/dockdrill/dockdrill/quiz/session"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// scheduleSettingsHelp is the config command's help for these settings.
const scheduleSettingsHelp = `
  retention          desired retention of the FSRS scheduler, 0.70 to 0.99
                     (default 0.90); above 0.97 the reviews grow steeply
  fsrs.params        your own 21 FSRS-6 weights, comma-separated, e.g. from
                     the FSRS optimizer run on 'dockdrill export --reviews';
                     17 (FSRS-4.5) or 19 (FSRS-5) are migrated to 21
  exam-retention     retrievability exam mode keeps every card at on the exam
                     day, 0.70 to 0.99 (default 0.90)
  exam-buffer        days before the exam by which exam mode has introduced
                     every card (default 5)`

// warnRetention warns about the workload of a retention above
// fsrs.HeavyRetention.
func warnRetention(w io.Writer, what string, r float64) {
	if r > fsrs.HeavyRetention {
		fmt.Fprintf(w, "warning: %s %v is above %.2f: the reviews a day grow steeply for each point of retention gained\n",
			what, r, fsrs.HeavyRetention)
	}
}

// examMode returns the session's exam mode from the settings, the exam
// day given by flag (YYYY-MM-DD) winning over the setting.
func examMode(s schedule.Settings, flag string) (session.ExamOptions, error) {
	day := s.ExamDay
	if flag != "" {
		d, err := store.ParseDate(flag)
		if err != nil {
			return session.ExamOptions{}, usagef("--exam-date: %v", err)
		}
		day = d
	}
	buffer := s.Buffer
	if buffer == 0 {
		buffer = -1 // 0 days set on purpose: no buffer
	}
	return session.ExamOptions{Day: day, Target: s.Target, Buffer: buffer}, nil
}

// StoredScheduler returns the scheduler and calendar of the learner's time
// zone with the retention and weights set in the store, and the settings.
func (f *Factory) StoredScheduler(ctx context.Context, st *store.Store) (*fsrs.Scheduler, store.Calendar, schedule.Settings, error) {
	loc, err := f.Location()
	if err != nil {
		return nil, store.Calendar{}, schedule.Settings{}, err
	}
	settings, err := st.Configs(ctx)
	if err != nil {
		return nil, store.Calendar{}, schedule.Settings{}, err
	}
	sched, cal, ss, err := schedule.FromSettings(settings, loc)
	var bad *schedule.SettingError
	if errors.As(err, &bad) {
		err = fmt.Errorf("%v; change it with 'dockdrill config set %s ...' or remove it with 'dockdrill config unset %s'", err, bad.Name, bad.Name)
	}
	return sched, cal, ss, err
}

// paceLine says the exam pace in a line, or "" without one: "28 new a
// day to see every card by Dec 9".
func paceLine(p session.Pace) string {
	if !p.Active || p.Remaining == 0 {
		return ""
	}
	by := time.Date(p.By.Year, p.By.Month, p.By.Day, 0, 0, 0, 0, time.UTC).Format("Jan 2")
	line := fmt.Sprintf("%d new a day to see every card by %s", p.PerDay, by)
	if p.TooMany {
		line += fmt.Sprintf(": more than a person can learn well (%d); ", session.MaxNewPerDay)
		if len(p.LeaveOut) > 0 {
			line += "leave out " + strings.Join(p.LeaveOut, ", ") + " (the lightest on the exam) to get below it"
		} else {
			line += "no area can be left out to get below it"
		}
	}
	return line
}
