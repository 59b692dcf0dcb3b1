package readiness

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/schedule"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// The settings readiness reads from the store's config table.
const (
	SettingExamDate = schedule.SettingExamDate // YYYY-MM-DD
	SettingAssume   = "assume."                // assume.<objective>: an estimate from 0 to 1
)

// CheckEstimate is the rule for the learner's own estimates: an estimate
// names an objective of the exam that no deck covers (covered, as
// deck.Set.CoveredObjectives returns it), since readiness measures the
// covered ones; share is the share of questions right, from 0 to 1.
func CheckEstimate(bp *deck.Blueprint, covered map[string]bool, id string, share float64) error {
	if _, ok := bp.Objective(id); !ok {
		return fmt.Errorf("exam %s has no objective %q", bp.Exam.ID, id)
	}
	if covered[id] {
		return fmt.Errorf("the decks cover %s, so readiness measures it; estimates are for objectives no deck covers", id)
	}
	if share < 0 || share > 1 || math.IsNaN(share) {
		return fmt.Errorf("%g is not a share of questions right, from 0 to 1", share)
	}
	return nil
}

// CheckSetting validates a readiness setting before it is stored, and
// returns the value as it is kept. today is the learner's day: an exam
// date before it is refused.
func CheckSetting(set *deck.Set, name, value string, today store.Date) (string, error) {
	switch {
	case name == SettingExamDate:
		d, err := CheckExamDate(value, today)
		if err != nil {
			return "", err
		}
		return d.String(), nil
	case strings.HasPrefix(name, SettingAssume):
		id := strings.TrimPrefix(name, SettingAssume)
		if err := CheckEstimate(set.Blueprint, set.CoveredObjectives(), id, 0); err != nil {
			return "", fmt.Errorf("%s: %w", name, err)
		}
		f, err := schedule.ParseShare(value)
		if err != nil {
			return "", err
		}
		return strconv.FormatFloat(f, 'f', -1, 64), nil
	}
	return "", fmt.Errorf("unknown setting %q; the settings are %s and %s<objective>", name, SettingExamDate, SettingAssume)
}

// CheckExamDate parses an exam date and refuses one that does not exist or
// is before today: readiness and the schedule aim at a day still to come.
func CheckExamDate(value string, today store.Date) (store.Date, error) {
	d, err := store.ParseDate(value)
	if err != nil {
		return store.Date{}, err
	}
	if d.Before(today) {
		return store.Date{}, fmt.Errorf("%s is past (today is %s); the exam date is today or later", d, today)
	}
	return d, nil
}

// Estimates returns the learner's estimates kept in settings, by
// objective.
func Estimates(settings map[string]string) (map[string]float64, error) {
	assume := map[string]float64{}
	for name, v := range settings {
		if id, ok := strings.CutPrefix(name, SettingAssume); ok {
			f, err := schedule.ParseShare(v)
			if err != nil {
				return nil, fmt.Errorf("setting %s: %v", name, err)
			}
			assume[id] = f
		}
	}
	return assume, nil
}

// ExamDate returns the exam date kept in settings; ok is false when none is
// set.
func ExamDate(settings map[string]string) (d store.Date, ok bool, err error) {
	v := settings[SettingExamDate]
	if v == "" {
		return store.Date{}, false, nil
	}
	if d, err = store.ParseDate(v); err != nil {
		return store.Date{}, false, fmt.Errorf("setting %s: %v", SettingExamDate, err)
	}
	return d, true, nil
}

// IsSetting reports whether name is one of readiness's settings.
func IsSetting(name string) bool {
	return name == SettingExamDate || strings.HasPrefix(name, SettingAssume)
}
