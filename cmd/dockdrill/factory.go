package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	_ "time/tzdata" // --tz works on hosts without a zoneinfo database

	"github.com/spf13/pflag"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/store"
	"github.com/dockdrill/dockdrill/quiz/ui"
)

// Factory is built once, from the App and the global flags, and hands every
// command what the commands share, each built lazily when a command first
// asks: the deck set, the review store, the scheduler and the calendar of
// the learner's days (StoredScheduler, with the settings kept in the
// store), the colour choice and the prompter. It plays the part
// of cli/cli's cmdutil.Factory.
type Factory struct {
	IO     *IOStreams
	Now    func() time.Time
	Getenv func(string) string

	DB       string // --db
	DecksDir string // --deck-dir (the hidden --decks is its old spelling)
	TZ       string // --tz
	Color    string // --color: auto, always or never

	// LoadDecks loads the decks; nil means the built-in decks, the user's
	// and --deck-dir. Tests set it to fixed decks.
	LoadDecks func() (*deck.Set, error)

	set    *deck.Set
	setErr error
	loaded bool
}

// newFactory returns the factory of app; the global flags fill it in.
func newFactory(app *App) *Factory {
	return &Factory{IO: app.IO, Now: app.Now, Getenv: app.getenv, Color: "auto"}
}

// addGlobalFlags declares the flags every command shares, once, as
// persistent flags of the root command.
func (f *Factory) addGlobalFlags(fs *pflag.FlagSet) {
	fs.StringVar(&f.DB, "db", "", "the review database `PATH` (default $"+store.EnvDB+", else $XDG_DATA_HOME/dockdrill/dockdrill.db)")
	fs.StringVar(&f.DecksDir, "deck-dir", "", "also load the decks in `DIR`")
	fs.StringVar(&f.DecksDir, "decks", "", "also load the decks in `DIR` (old spelling of --deck-dir)")
	_ = fs.MarkHidden("decks")
	fs.StringVar(&f.TZ, "tz", "", "the learner's time `ZONE`, e.g. Europe/Berlin (default $TZ, else the system's zone)")
	fs.Var(colorFlag{&f.Color}, "color", "colour the output: `WHEN` is auto (a terminal without NO_COLOR), always or never")
}

// getenv reads the environment through the factory, so tests control it.
func (f *Factory) getenv(key string) string {
	if f.Getenv == nil {
		return ""
	}
	return f.Getenv(key)
}

// DeckSet loads the decks once and refuses a set with errors, listing each on
// ErrOut.
func (f *Factory) DeckSet() (*deck.Set, error) {
	if !f.loaded {
		if f.LoadDecks != nil {
			f.set, f.setErr = f.LoadDecks()
		} else {
			f.set, f.setErr = loadDecks(f.IO.ErrOut, f.getenv, f.DecksDir)
		}
		f.loaded = true
	}
	return f.set, f.setErr
}

// DeckOptions are the options the decks are loaded with: the built-in
// decks, the user's and --deck-dir.
func (f *Factory) DeckOptions() deck.LoadOptions {
	return deck.DefaultOptions(f.getenv, f.DecksDir)
}

// StorePath is the review store's path: --db, else $DOCKDRILL_DB, else the
// default.
func (f *Factory) StorePath() (string, error) { return store.Path(f.DB, f.getenv) }

// OpenStore opens the review store; the caller closes it.
func (f *Factory) OpenStore(ctx context.Context) (*store.Store, error) {
	path, err := f.StorePath()
	if err != nil {
		return nil, err
	}
	return store.Open(ctx, path)
}

// Location is the learner's time zone: --tz, else $TZ, else the system's.
func (f *Factory) Location() (*time.Location, error) {
	loc, err := learnerLocation(f.TZ, f.getenv("TZ"))
	if err != nil {
		return nil, usagef("--tz: %v", err)
	}
	return loc, nil
}

// Mode is how the command talks to the terminal (ui.Detect: interactive
// when both ends are a terminal and TERM is not dumb; colour on a terminal
// without NO_COLOR or TERM=dumb), with --color always or never winning
// over the colour detected.
func (f *Factory) Mode() ui.Mode {
	m := ui.Detect(f.IO.InTTY, f.IO.OutTTY, f.getenv)
	switch f.Color {
	case "always":
		m.Color = true
	case "never":
		m.Color = false
	}
	return m
}

// Colored reports whether output is coloured (Mode).
func (f *Factory) Colored() bool { return f.Mode().Color }

// Scheme is the colour scheme of the command's output.
func (f *Factory) Scheme() ui.Scheme { return ui.NewScheme(f.Colored()) }

// Prompter returns the prompts of Mode: a terminal's screens when
// interactive, plain lines otherwise.
func (f *Factory) Prompter() ui.Prompter { return ui.NewPrompter(f.Mode(), f.IO.In, f.IO.Out) }

// colorFlag is the value of --color: auto, always or never.
type colorFlag struct{ v *string }

func (c colorFlag) String() string {
	if c.v == nil {
		return ""
	}
	return *c.v
}
func (c colorFlag) Type() string { return "string" }
func (c colorFlag) Set(s string) error {
	switch s {
	case "auto", "always", "never":
		*c.v = s
		return nil
	}
	return fmt.Errorf("%q is not auto, always or never", s)
}

// loadDecks loads the built-in decks and the user's (the config directory
// and decksDir). Any deck error stops the command that asked: every problem
// is listed on errOut, one a line as 'decks lint' lists them, and the error
// returned counts them.
func loadDecks(errOut io.Writer, getenv func(string) string, decksDir string) (*deck.Set, error) {
	set, err := deck.Load(deck.DefaultOptions(getenv, decksDir))
	var errs *deck.Errors
	if errors.As(err, &errs) {
		for _, e := range errs.List {
			fmt.Fprintln(errOut, e)
		}
		return nil, fmt.Errorf("%s in %s: fix them, then check with 'dockdrill decks lint'",
			plural(errs.Len(), "deck error"), plural(errs.Files(), "file"))
	}
	if err != nil {
		return nil, err
	}
	return set, nil
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
