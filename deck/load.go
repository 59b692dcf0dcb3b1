package deck

import (
	"cmp"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
)

//go:embed decks/*.toml
var embedded embed.FS

// BuiltinDir is how the files of the built-in decks are named in messages:
// their place in dockdrill's source tree.
const BuiltinDir = "deck/decks"

// Builtin returns the built-in decks and blueprints, as embedded in the
// program from deck/decks/*.toml.
func Builtin() fs.FS {
	sub, err := fs.Sub(embedded, "decks")
	if err != nil {
		panic(err) // the embed pattern guarantees the directory
	}
	return sub
}

// LoadOptions say where decks come from. Every .toml file whose name starts
// with "blueprint-" is a blueprint; every other .toml file is a deck.
type LoadOptions struct {
	// Builtin holds the built-in decks and blueprints; nil means the
	// embedded ones. Its files are named BuiltinDir/<name> in messages.
	Builtin fs.FS

	// ConfigDir is the user's own deck directory, read when it exists
	// (see ConfigDir); a missing directory is no error.
	ConfigDir string

	// Paths are deck files and directories of decks (each *.toml in
	// them) that must exist, such as the --deck-dir flag's directory.
	Paths []string

	// Replace lets a user deck stand in for the built-in deck with the
	// same id, and a user blueprint for the built-in one of the same
	// exam, instead of clashing with them. Linting the sources of the
	// built-ins before they are embedded needs it.
	Replace bool

	// Exam selects the blueprint cards are checked against; empty means
	// DefaultExam.
	Exam string

	// Retired is the list of retired card ids (the format of
	// deck/retired.toml); nil means the embedded list. A card may not
	// take a retired id.
	Retired []byte

	// skip names files of ConfigDir not to read: the broken decks that
	// LoadSkippingBrokenUserDecks leaves out.
	skip map[string]bool
}

// LoadSkippingBrokenUserDecks loads as Load does, except that a deck file
// in the user's own deck directory (opts.ConfigDir) that has any error is
// left out as a whole, and its errors come back as warnings rather than as
// the error: one broken personal deck does not stop a drill. Errors in the
// built-in decks and in opts.Paths, the decks the learner named on the
// command line, are still the error, together with every other one.
func LoadSkippingBrokenUserDecks(opts LoadOptions) (set *Set, warnings []*Error, err error) {
	set, err = Load(opts)
	var errs *Errors
	if opts.ConfigDir == "" || !errors.As(err, &errs) {
		return set, nil, err
	}
	broken := map[string]bool{}
	for _, e := range errs.List {
		if e.File == "" || filepath.Dir(e.File) != filepath.Clean(opts.ConfigDir) {
			return set, nil, err // not only the user's own decks
		}
		broken[e.File] = true
	}
	opts.skip = broken
	set, err = Load(opts)
	return set, errs.List, err
}

// ConfigDir returns the directory of the user's own decks,
// $XDG_CONFIG_HOME/dockdrill/decks, else $HOME/.config/dockdrill/decks; it
// returns "" when neither variable is set.
func ConfigDir(getenv func(string) string) string {
	if dir := getenv("XDG_CONFIG_HOME"); dir != "" {
		return filepath.Join(dir, "dockdrill", "decks")
	}
	if home := getenv("HOME"); home != "" {
		return filepath.Join(home, ".config", "dockdrill", "decks")
	}
	return ""
}

// DefaultOptions are the options every command loads decks with: the
// built-ins, the user's decks in ConfigDir, and the decks in decksDir (the
// --deck-dir flag; ignored when empty).
func DefaultOptions(getenv func(string) string, decksDir string) LoadOptions {
	opts := LoadOptions{ConfigDir: ConfigDir(getenv)}
	if decksDir != "" {
		opts.Paths = []string{decksDir}
	}
	return opts
}

// Set is every loaded deck together with the blueprint the cards were
// checked against.
type Set struct {
	Blueprint *Blueprint
	Decks     []*Deck // built-ins first, then the user's, each in file name order

	cards  []*Card
	tasks  []*Card
	byID   map[string]*Card
	byArea map[string][]*Card
	decks  map[string]*Deck
}

// Card returns the card with the given id.
func (s *Set) Card(id string) (*Card, bool) {
	c, ok := s.byID[id]
	return c, ok
}

// Tasks returns every task card (KindTask), deck by deck in file order.
// Tasks are not among Cards: they are done on a Docker engine, not asked.
func (s *Set) Tasks() []*Card { return s.tasks }

// Deck returns the deck with the given id.
func (s *Set) Deck(id string) (*Deck, bool) {
	d, ok := s.decks[id]
	return d, ok
}

// Cards returns every card, deck by deck in file order.
func (s *Set) Cards() []*Card { return s.cards }

// AreaCards returns the cards of a knowledge area, deck by deck in file
// order.
func (s *Set) AreaCards(area string) []*Card { return s.byArea[area] }

// Counts counts every card of the set.
func (s *Set) Counts() Counts { return CountCards(s.cards) }

// Counts counts the cards of the deck.
func (d *Deck) Counts() Counts { return CountCards(d.Cards) }

// Counts summarises a group of cards.
type Counts struct {
	Cards      int
	Practical  int // cards with a proof
	Unprovable int // cards that say why they have none (proof_none)
	ByKind     map[Kind]int
	ByArea     map[string]int
}

// CountCards counts cards by kind and by area.
func CountCards(cards []*Card) Counts {
	c := Counts{Cards: len(cards), ByKind: map[Kind]int{}, ByArea: map[string]int{}}
	for _, card := range cards {
		c.ByKind[card.Kind]++
		c.ByArea[card.Area]++
		if card.Practical() {
			c.Practical++
		}
		if card.Unprovable() {
			c.Unprovable++
		}
	}
	return c
}

// FactOnly is the number of cards that neither name a proof nor say why
// they have none: cards that state a fact rather than a behaviour.
func (c Counts) FactOnly() int { return c.Cards - c.Practical - c.Unprovable }

// Typed is the number of cards answered by typing (command and cloze), like
// the exam's fill-in-the-blank questions.
func (c Counts) Typed() int { return c.ByKind[KindCommand] + c.ByKind[KindCloze] }

// Picked is the number of cards answered by picking (choice and multi), like
// the exam's multiple-choice questions.
func (c Counts) Picked() int { return c.ByKind[KindChoice] + c.ByKind[KindMulti] }

// source is one file to load.
type source struct {
	name    string // as shown to the user
	data    []byte
	builtin bool
}

func (s source) blueprint() bool {
	return strings.HasPrefix(path.Base(filepath.ToSlash(s.name)), "blueprint-")
}

// Load reads the built-in decks and the user's, checks each against the
// blueprint and against each other, and returns them as a Set.
//
// When anything is wrong the error is an *Errors listing every problem with
// its file, line and field. The Set is then still returned, holding every
// deck and card that passed its checks (a card with any problem is left
// out), so that a drill can go on around a typo; it is nil only when no
// usable blueprint was found. Load never panics on bad input.
func Load(opts LoadOptions) (*Set, error) {
	errs := &Errors{}
	sources := readSources(opts, errs)

	exam := opts.Exam
	if exam == "" {
		exam = DefaultExam
	}
	var bp *Blueprint
	blueprints := map[string]source{}
	for _, src := range sources {
		if !src.blueprint() {
			continue
		}
		b := parseBlueprint(src.name, src.data, errs)
		if b == nil {
			continue
		}
		if prev, dup := blueprints[b.Exam.ID]; dup && !(opts.Replace && prev.builtin && !src.builtin) {
			errs.add(src.name, 0, "exam", "id", "exam %q is already defined in %s", b.Exam.ID, prev.name)
			continue
		}
		blueprints[b.Exam.ID] = src
		if b.Exam.ID == exam {
			bp = b
		}
	}
	if bp == nil {
		if _, found := blueprints[exam]; !found {
			errs.add("", 0, "", "", "no blueprint for exam %q; it is read from a blueprint-*.toml file", exam)
		}
	}

	var deckSources []source
	for _, src := range sources {
		if !src.blueprint() {
			deckSources = append(deckSources, src)
		}
	}
	decks := parseDecks(deckSources, bp, errs)
	retiredData := opts.Retired
	if retiredData == nil {
		retiredData = retiredTOML
	}
	retired := parseRetired(RetiredFile, retiredData, errs)
	if opts.Replace {
		decks = replaceBuiltins(decks)
	}

	set := &Set{Blueprint: bp, byID: map[string]*Card{}, byArea: map[string][]*Card{}, decks: map[string]*Deck{}}
	// claims holds every id a card uses, its own problems or not, so that
	// an id used twice is reported even when one of the two cards is left
	// out for another error.
	claims := map[string]*Card{}
	claim := func(d *Deck, c *Card) bool {
		prev, dup := claims[c.ID]
		if !dup {
			claims[c.ID] = c
			return true
		}
		item := fmt.Sprintf("card %q", c.ID)
		if !d.Builtin && builtinDeck(set, prev) {
			errs.add(c.File, c.Line, item, "id", "%q is the id of a built-in card (%s:%d); a user card needs an id of its own", c.ID, prev.File, prev.Line)
		} else {
			errs.add(c.File, c.Line, item, "id", "%q is already used by the card at %s:%d", c.ID, prev.File, prev.Line)
		}
		return false
	}
	for _, d := range decks {
		if prev, dup := set.decks[d.ID]; dup {
			errs.add(d.File, d.Line, "deck", "id", "%q is already the id of the deck in %s", d.ID, prev.File)
			continue
		}
		// In file order, so the later of two cards is the one reported.
		all := slices.SortedFunc(slices.Values(append(slices.Clip(d.Cards), d.rejected...)),
			func(a, b *Card) int { return cmp.Compare(a.Line, b.Line) })
		keep := map[*Card]bool{}
		for _, c := range all {
			keep[c] = claim(d, c)
		}
		kept := d.Cards[:0]
		for _, c := range d.Cards {
			if !keep[c] {
				continue
			}
			if r, ok := retired[c.ID]; ok {
				errs.add(c.File, c.Line, fmt.Sprintf("card %q", c.ID), "id",
					"%q is a retired id (merged into %q, %s:%d); its review history belongs to another question, so give the card an id of its own",
					c.ID, r.MergedInto, RetiredFile, r.Line)
				continue
			}
			set.byID[c.ID] = c
			kept = append(kept, c)
		}
		d.Cards = kept
		d.Cards, d.Tasks = splitTasks(d.Cards)
		set.decks[d.ID] = d
		set.Decks = append(set.Decks, d)
		set.tasks = append(set.tasks, d.Tasks...)
		set.cards = append(set.cards, d.Cards...)
		for _, c := range d.Cards {
			set.byArea[c.Area] = append(set.byArea[c.Area], c)
		}
	}
	if bp == nil {
		set = nil
	}
	if err := errs.err(); err != nil {
		return set, err
	}
	return set, nil
}

// parseDecks parses the deck files side by side, as they do not depend on
// each other, and returns the decks and problems in file order.
func parseDecks(sources []source, bp *Blueprint, errs *Errors) []*Deck {
	type result struct {
		deck *Deck
		errs Errors
	}
	results := make([]result, len(sources))
	parse := func(i int) {
		results[i].deck = parseDeck(sources[i].name, sources[i].data, bp, &results[i].errs)
	}
	workers := min(runtime.GOMAXPROCS(0), len(sources))
	if workers <= 1 {
		for i := range sources {
			parse(i)
		}
	} else {
		next := make(chan int)
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for i := range next {
					parse(i)
				}
			})
		}
		for i := range sources {
			next <- i
		}
		close(next)
		wg.Wait()
	}
	var decks []*Deck
	for i, r := range results {
		errs.List = append(errs.List, r.errs.List...)
		if r.deck != nil {
			r.deck.Builtin = sources[i].builtin
			decks = append(decks, r.deck)
		}
	}
	return decks
}

func builtinDeck(s *Set, c *Card) bool {
	d, ok := s.decks[c.Deck]
	return ok && d.Builtin
}

// replaceBuiltins drops each built-in deck that a user deck with the same id
// stands in for.
func replaceBuiltins(decks []*Deck) []*Deck {
	user := map[string]bool{}
	for _, d := range decks {
		if !d.Builtin {
			user[d.ID] = true
		}
	}
	return slices.DeleteFunc(decks, func(d *Deck) bool { return d.Builtin && user[d.ID] })
}

// readSources reads the built-ins, the config directory and the paths, in
// that order, each directory in file name order. A file reached twice is
// read once.
func readSources(opts LoadOptions, errs *Errors) []source {
	var sources []source
	builtin := opts.Builtin
	if builtin == nil {
		builtin = Builtin()
	}
	entries, err := fs.ReadDir(builtin, ".")
	if err != nil {
		errs.add(BuiltinDir, 0, "", "", "reading the built-in decks: %v", err)
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".toml") {
			continue
		}
		name := path.Join(BuiltinDir, e.Name())
		data, err := fs.ReadFile(builtin, e.Name())
		if err != nil {
			errs.add(name, 0, "", "", "%v", err)
			continue
		}
		sources = append(sources, source{name: name, data: data, builtin: true})
	}

	seen := map[string]bool{}
	read := func(name string) {
		key := name
		if abs, err := filepath.Abs(name); err == nil {
			key = abs
		}
		if seen[key] {
			return
		}
		seen[key] = true
		data, err := os.ReadFile(name)
		if err != nil {
			errs.add(name, 0, "", "", "%v", unwrapPathError(err))
			return
		}
		sources = append(sources, source{name: name, data: data})
	}
	readDir := func(dir string, optional bool) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			if optional && errors.Is(err, fs.ErrNotExist) {
				return
			}
			errs.add(dir, 0, "", "", "%v", unwrapPathError(err))
			return
		}
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".toml") || strings.HasPrefix(e.Name(), ".") {
				continue
			}
			if name := filepath.Join(dir, e.Name()); !opts.skip[name] {
				read(name)
			}
		}
	}

	if opts.ConfigDir != "" {
		readDir(opts.ConfigDir, true)
	}
	for _, p := range opts.Paths {
		info, err := os.Stat(p)
		switch {
		case err != nil:
			errs.add(p, 0, "", "", "%v", unwrapPathError(err))
		case info.IsDir():
			readDir(p, false)
		default:
			read(p)
		}
	}
	return sources
}

// unwrapPathError drops the operation and path of an *fs.PathError, since
// the message names the file already.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// splitTasks separates the task cards of a deck from its question cards.
func splitTasks(cards []*Card) (questions, tasks []*Card) {
	for _, c := range cards {
		if c.Task() {
			tasks = append(tasks, c)
		} else {
			questions = append(questions, c)
		}
	}
	return questions, tasks
}
