package schedule

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// The scheduler's settings, kept in the store's config table.
const (
	SettingRetention     = "retention"      // desired retention, 0.70 to 0.99
	SettingParams        = "fsrs.params"    // 21 FSRS-6 weights (17 or 19 migrated)
	SettingExamRetention = "exam-retention" // R to keep on the exam day, 0.70 to 0.99
	SettingExamBuffer    = "exam-buffer"    // days before the exam by which every card is introduced
	SettingExamDate      = "exam-date"      // YYYY-MM-DD
)

// DefaultExamBuffer is how many days before the exam exam mode has
// introduced every card, unless the exam-buffer setting says otherwise.
const DefaultExamBuffer = 5

// ParseShare reads a share written 0.7 or 70%, from 0 to 1.
func ParseShare(s string) (float64, error) {
	t := strings.TrimSpace(s)
	pct := strings.HasSuffix(t, "%")
	f, err := strconv.ParseFloat(strings.TrimSuffix(t, "%"), 64)
	if err == nil && pct {
		f /= 100
	}
	if err != nil || math.IsNaN(f) || f < 0 || f > 1 {
		return 0, fmt.Errorf("%q is not a share from 0 to 1 (or 0%% to 100%%)", s)
	}
	return f, nil
}

// ParseRetention reads a retention from fsrs.MinRetention to
// fsrs.MaxRetention, written 0.9 or 90%.
func ParseRetention(s string) (float64, error) {
	f, err := ParseShare(s)
	if err != nil || f < fsrs.MinRetention || f > fsrs.MaxRetention {
		return 0, fmt.Errorf("%q is not a retention from %.2f to %.2f", s, fsrs.MinRetention, fsrs.MaxRetention)
	}
	return f, nil
}

// CheckSetting validates a scheduler setting before it is stored and
// returns the value as it is kept; handled is false for any other setting.
func CheckSetting(name, value string) (v string, handled bool, err error) {
	switch name {
	case SettingRetention, SettingExamRetention:
		f, err := ParseRetention(value)
		if err != nil {
			return "", true, fmt.Errorf("%s: %v", name, err)
		}
		return strconv.FormatFloat(f, 'f', -1, 64), true, nil
	case SettingParams:
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
	case SettingExamBuffer:
		n, err := strconv.Atoi(strings.TrimSpace(value))
		if err != nil || n < 0 || n > 60 {
			return "", true, fmt.Errorf("%s: %q is not a number of days from 0 to 60", name, value)
		}
		return strconv.Itoa(n), true, nil
	}
	return "", false, nil
}

// Settings are the scheduler's settings as the store keeps them, the
// defaults filled in.
type Settings struct {
	Params  fsrs.Params
	ExamDay store.Date // zero when no exam date is set
	Target  float64    // the exam retention
	Buffer  int        // days; DefaultExamBuffer unless set
}

// SettingError is a stored setting that does not parse.
type SettingError struct {
	Name string
	Err  error
}

func (e *SettingError) Error() string { return fmt.Sprintf("setting %s: %v", e.Name, e.Err) }
func (e *SettingError) Unwrap() error { return e.Err }

// ReadSettings reads the scheduler's settings from the store's config
// table, in the learner's zone loc, with the defaults for the ones not
// set; a stored value that does not parse is a *SettingError.
func ReadSettings(settings map[string]string, loc *time.Location) (Settings, error) {
	p := fsrs.DefaultParams()
	p.Location = loc
	s := Settings{Params: p, Target: fsrs.DefaultExamRetention, Buffer: DefaultExamBuffer}
	bad := func(name string, err error) error { return &SettingError{Name: name, Err: err} }
	if v, ok := settings[SettingRetention]; ok {
		f, err := ParseRetention(v)
		if err != nil {
			return s, bad(SettingRetention, err)
		}
		s.Params.DesiredRetention = f
	}
	if v, ok := settings[SettingParams]; ok {
		w, err := fsrs.ParseParams(v)
		if err != nil {
			return s, bad(SettingParams, err)
		}
		s.Params.Weights = w
	}
	if err := s.Params.Validate(); err != nil {
		return s, bad(SettingParams, err)
	}
	if v, ok := settings[SettingExamRetention]; ok {
		f, err := ParseRetention(v)
		if err != nil {
			return s, bad(SettingExamRetention, err)
		}
		s.Target = f
	}
	if v, ok := settings[SettingExamBuffer]; ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return s, bad(SettingExamBuffer, fmt.Errorf("%q is not a number of days", v))
		}
		s.Buffer = n
	}
	if v := settings[SettingExamDate]; v != "" {
		d, err := store.ParseDate(v)
		if err != nil {
			return s, bad(SettingExamDate, err)
		}
		s.ExamDay = d
	}
	return s, nil
}

// FromSettings returns the scheduler and the calendar of the learner's days
// in loc with the retention and weights of the stored settings, and the
// settings.
func FromSettings(settings map[string]string, loc *time.Location) (*fsrs.Scheduler, store.Calendar, Settings, error) {
	ss, err := ReadSettings(settings, loc)
	if err != nil {
		return nil, store.Calendar{}, ss, err
	}
	sched, err := fsrs.NewScheduler(ss.Params)
	if err != nil {
		return nil, store.Calendar{}, ss, err
	}
	return sched, store.Calendar{Loc: loc, Rollover: ss.Params.DayStart}, ss, nil
}
