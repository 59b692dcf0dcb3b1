package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/session"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// The scheduler's settings kept in the store's config table.
const (
	configRetention     = "retention"      // desired retention, 0.70 to 0.99
	configParams        = "fsrs.params"    // 21 FSRS-6 weights (17 or 19 migrated)
	configExamRetention = "exam-retention" // R to keep on the exam day, 0.70 to 0.99
	configExamBuffer    = "exam-buffer"    // days before the exam by which every card is introduced
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

// checkScheduleSetting validates a scheduler setting and returns the value
// as it is kept; handled is false for any other setting.
func checkScheduleSetting(name, value string) (v string, handled bool, err error) {
	switch name {
	case configRetention, configExamRetention:
		f, err := parseRetention(value)
		if err != nil {
			return "", true, fmt.Errorf("%s: %v", name, err)
		}
		return strconv.FormatFloat(f, 'f', -1, 64), true, nil
	case configParams:
		w, err := fsrs.ParseParams(value)
		if err != nil {
			return "", true, fmt.Errorf("%s: %v", name, err)
		}
		p := fsrs.DefaultParams()
		p.Weights = w
		if err := p.Validate(); err != nil {
			return "", true, fmt.Errorf("%s: %s", name, strings.ReplaceAll(err.Error(), "\n", "; "))
		}
		parts := make([]string, len(w))
		for i, x := range w {
			parts[i] = strconv.FormatFloat(x, 'f', -1, 64)
		}
		return strings.Join(parts, ","), true, nil
	case configExamBuffer:
		n, err := strconv.Atoi(strings.TrimSpace(value))
		if err != nil || n < 0 || n > 60 {
			return "", true, fmt.Errorf("%s: %q is not a number of days from 0 to 60", name, value)
		}
		return strconv.Itoa(n), true, nil
	}
	return "", false, nil
}

// parseRetention reads a retention from 0.70 to 0.99, written 0.9 or 90%.
func parseRetention(s string) (float64, error) {
	f, err := parseShare(s)
	if err != nil || f < fsrs.MinRetention || f > fsrs.MaxRetention {
		return 0, fmt.Errorf("%q is not a retention from %.2f to %.2f", s, fsrs.MinRetention, fsrs.MaxRetention)
	}
	return f, nil
}

// warnRetention warns about the workload of a retention above
// fsrs.HeavyRetention.
func warnRetention(w io.Writer, what string, r float64) {
	if r > fsrs.HeavyRetention {
		fmt.Fprintf(w, "warning: %s %v is above %.2f: the reviews a day grow steeply for each point of retention gained\n",
			what, r, fsrs.HeavyRetention)
	}
}

// scheduleSettings are the scheduler's settings as the store keeps them.
type scheduleSettings struct {
	Params  fsrs.Params
	ExamDay store.Date // zero when no exam date is set
	Target  float64
	Buffer  int
}

// readScheduleSettings reads the scheduler's settings from the store's
// config table, with the defaults for the ones not set; a stored value
// that does not parse is an error naming the setting.
func readScheduleSettings(settings map[string]string, loc *time.Location) (scheduleSettings, error) {
	p := fsrs.DefaultParams()
	p.Location = loc
	s := scheduleSettings{Params: p, Target: fsrs.DefaultExamRetention, Buffer: session.DefaultExamBuffer}
	bad := func(name string, err error) error {
		return fmt.Errorf("setting %s: %v; change it with 'dockdrill config set %s ...' or remove it with 'dockdrill config unset %s'", name, err, name, name)
	}
	if v, ok := settings[configRetention]; ok {
		f, err := parseRetention(v)
		if err != nil {
			return s, bad(configRetention, err)
		}
		s.Params.DesiredRetention = f
	}
	if v, ok := settings[configParams]; ok {
		w, err := fsrs.ParseParams(v)
		if err != nil {
			return s, bad(configParams, err)
		}
		s.Params.Weights = w
	}
	if err := s.Params.Validate(); err != nil {
		return s, bad(configParams, err)
	}
	if v, ok := settings[configExamRetention]; ok {
		f, err := parseRetention(v)
		if err != nil {
			return s, bad(configExamRetention, err)
		}
		s.Target = f
	}
	if v, ok := settings[configExamBuffer]; ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return s, bad(configExamBuffer, fmt.Errorf("%q is not a number of days", v))
		}
		s.Buffer = n
	}
	if v := settings[configExamDate]; v != "" {
		d, err := store.ParseDate(v)
		if err != nil {
			return s, bad(configExamDate, err)
		}
		s.ExamDay = d
	}
	return s, nil
}

// examOptions returns the session's exam mode from the settings, the exam
// day given by flag (YYYY-MM-DD) winning over the setting.
func (s scheduleSettings) examOptions(flag string) (session.ExamOptions, error) {
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

// storedScheduler returns the scheduler and calendar of the learner's time
// zone with the retention and weights set in the store.
func (o *progressOptions) storedScheduler(ctx context.Context, st *store.Store) (*fsrs.Scheduler, store.Calendar, scheduleSettings, error) {
	loc, err := learnerLocation(o.TZ, o.Getenv("TZ"))
	if err != nil {
		return nil, store.Calendar{}, scheduleSettings{}, usagef("--tz: %v", err)
	}
	settings, err := st.Configs(ctx)
	if err != nil {
		return nil, store.Calendar{}, scheduleSettings{}, err
	}
	ss, err := readScheduleSettings(settings, loc)
	if err != nil {
		return nil, store.Calendar{}, scheduleSettings{}, err
	}
	sched, err := fsrs.NewScheduler(ss.Params)
	if err != nil {
		return nil, store.Calendar{}, scheduleSettings{}, err
	}
	return sched, store.Calendar{Loc: loc, Rollover: ss.Params.DayStart}, ss, nil
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
