package main

import (
	"context"
	"fmt"
	"github.com/dockdrill/dockdrill/quiz/ui"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// progressOptions are what the commands that read the learner's progress
// (readiness, exam, stats, export, config) share: the streams, the clock,
// the environment, and where the store and the decks are.
type progressOptions struct {
	IO       *IOStreams
	Now      func() time.Time
	Getenv   func(string) string
	DB       string // --db
	DecksDir string // --decks
	TZ       string // --tz

	// LoadDecks loads the decks; nil means the built-in decks, the user's
	// and --decks. Tests set it to fixed decks.
	LoadDecks func() (*deck.Set, error)
}

func newProgressOptions(app *App) progressOptions {
	return progressOptions{IO: app.IO, Now: app.Now, Getenv: app.getenv}
}

// flags adds --db, --decks and --tz.
func (o *progressOptions) flags(f *pflag.FlagSet) {
	f.StringVar(&o.DB, "db", "", "the review database `PATH` (default $DOCKDRILL_DB, else $XDG_DATA_HOME/dockdrill/dockdrill.db)")
	f.StringVar(&o.DecksDir, "decks", "", "also load the decks in `DIR`")
	f.StringVar(&o.TZ, "tz", "", "the learner's time zone, e.g. Europe/Berlin (default $TZ, else the system's zone)")
}

// decks loads the decks and refuses a set with errors, naming each.
func (o *progressOptions) decks() (*deck.Set, error) {
	if o.LoadDecks != nil {
		return o.LoadDecks()
	}
	return loadDecks(o.IO.ErrOut, o.Getenv, o.DecksDir)
}

// openStore opens the review store named by --db, $DOCKDRILL_DB or the
// default path.
func (o *progressOptions) openStore(ctx context.Context) (*store.Store, error) {
	path, err := store.Path(o.DB, o.Getenv)
	if err != nil {
		return nil, err
	}
	return store.Open(ctx, path)
}

// schedule returns the scheduler and calendar of the learner's time zone,
// as the drill uses them.
func (o *progressOptions) schedule() (*fsrs.Scheduler, store.Calendar, error) {
	loc, err := learnerLocation(o.TZ, o.Getenv("TZ"))
	if err != nil {
		return nil, store.Calendar{}, usagef("--tz: %v", err)
	}
	p := fsrs.DefaultParams()
	p.Location = loc
	s, err := fsrs.NewScheduler(p)
	if err != nil {
		return nil, store.Calendar{}, err
	}
	return s, store.Calendar{Loc: loc, Rollover: p.DayStart}, nil
}

// color reports whether output may be coloured (ui.Detect: a terminal,
// not TERM=dumb, no NO_COLOR).
func (o *progressOptions) color() bool { return o.mode().Color }

// mode is how the command talks to the terminal (ui.Detect).
func (o *progressOptions) mode() ui.Mode { return ui.Detect(o.IO.InTTY, o.IO.OutTTY, o.Getenv) }

// parseShare reads a share written 0.7 or 70%, from 0 to 1.
func parseShare(s string) (float64, error) {
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

// Settings kept in the store's config table.
const (
	configExamDate = "exam-date" // YYYY-MM-DD
	configAssume   = "assume."   // assume.<objective>: an estimate from 0 to 1
)

// checkSetting validates a setting before it is stored, and returns the
// value as it is kept.
func checkSetting(bp *deck.Blueprint, covered map[string]bool, name, value string) (string, error) {
	if v, ok, err := checkScheduleSetting(name, value); ok {
		return v, err
	}
	switch {
	case name == configExamDate:
		d, err := store.ParseDate(value)
		if err != nil {
			return "", err
		}
		return d.String(), nil
	case strings.HasPrefix(name, configAssume):
		id := strings.TrimPrefix(name, configAssume)
		if _, ok := bp.Objective(id); !ok {
			return "", fmt.Errorf("%s: exam %s has no objective %q", name, bp.Exam.ID, id)
		}
		if covered[id] {
			return "", fmt.Errorf("%s: the decks cover %s, so readiness measures it; estimates are for objectives no deck covers", name, id)
		}
		f, err := parseShare(value)
		if err != nil {
			return "", err
		}
		return strconv.FormatFloat(f, 'f', -1, 64), nil
	case name == configDrillTasks:
		return checkOnOff(name, value)
	}
	return "", fmt.Errorf("unknown setting %q; the settings are %s, %s<objective>, %s, %s, %s, %s and %s",
		name, configExamDate, configAssume, configRetention, configParams, configExamRetention, configExamBuffer, configDrillTasks)
}

// coveredObjectives returns the objectives whose areas have cards.
func coveredObjectives(set *deck.Set) map[string]bool {
	covered := map[string]bool{}
	for _, a := range set.Blueprint.Areas {
		if len(set.AreaCards(a.ID)) > 0 {
			covered[a.Objective] = true
		}
	}
	return covered
}
