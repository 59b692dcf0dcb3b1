package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
// default. A --db path whose directory does not exist is refused (a typo
// there would otherwise start a new, empty history); the default data
// directory is created when the store is first written.
func (f *Factory) StorePath() (string, error) {
	path, err := store.Path(f.DB, f.getenv)
	if err != nil {
		return "", err
	}
	if f.DB != "" {
		dir := filepath.Dir(path)
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return "", usagef("--db %s: the directory %s does not exist; create it first, or leave --db out to use the default data directory", f.DB, dir)
		}
	}
	return path, nil
}

// OpenStore opens the review store for reading and writing; the caller
// closes it. A damaged store's error says how to restore its newest
// backup.
func (f *Factory) OpenStore(ctx context.Context) (*store.Store, error) {
	return f.openStore(ctx, store.Open)
}

// OpenStoreReadOnly opens the review store for the commands that only read
// it: they work on a read-only file or directory, and create nothing when
// there is no store yet.
func (f *Factory) OpenStoreReadOnly(ctx context.Context) (*store.Store, error) {
	return f.openStore(ctx, store.OpenReadOnly)
}

func (f *Factory) openStore(ctx context.Context, open func(context.Context, string) (*store.Store, error)) (*store.Store, error) {
	path, err := f.StorePath()
	if err != nil {
		return nil, err
	}
	st, err := open(ctx, path)
	if err != nil && (errors.Is(err, store.ErrCorrupt) || errors.Is(err, store.ErrNotDatabase)) {
		return nil, restoreAdvice(err, path)
	}
	return st, err
}

// restoreAdvice adds to a damaged store's error what to do next: restore
// the newest backup, or where there is none, move the file away.
func restoreAdvice(err error, path string) error {
	backups, _ := store.Backups(path)
	if len(backups) == 0 {
		return fmt.Errorf("%w\nno backup of it exists; move %s away to start a new history", err, path)
	}
	b := backups[0]
	return fmt.Errorf("%w\nthe newest backup is %s (%s); restore it with: dockdrill store restore", err, b.Path, b.Day.Format("Mon Jan 2"))
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
// and decksDir). A broken deck of the user's deck directory is skipped with
// a warning naming each problem, so a drill goes on with the rest. Any
// other deck error stops the command that asked: every problem is listed on
// errOut, one a line as 'decks lint' lists them, and the error returned
// counts them.
func loadDecks(errOut io.Writer, getenv func(string) string, decksDir string) (*deck.Set, error) {
	set, warnings, err := deck.LoadSkippingBrokenUserDecks(deck.DefaultOptions(getenv, decksDir))
	if len(warnings) > 0 {
		files := map[string]bool{}
		for _, w := range warnings {
			files[w.File] = true
			fmt.Fprintln(errOut, "warning:", w)
		}
		fmt.Fprintf(errOut, "warning: skipped %s of your own with %s; check with 'dockdrill decks lint'\n",
			plural(len(files), "broken deck"), plural(len(warnings), "error"))
	}
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
