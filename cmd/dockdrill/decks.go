package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/spf13/cobra"
)

// decksOptions are shared by the decks subcommands.
type decksOptions struct {
	IO       *IOStreams
	Getenv   func(string) string
	DecksDir string // --decks: another directory of user decks
}

// loadOptions are the options every command loads the decks with.
func (o *decksOptions) loadOptions() deck.LoadOptions {
	return deck.DefaultOptions(o.Getenv, o.DecksDir)
}

// load loads the decks and refuses a set with any error.
func (o *decksOptions) load() (*deck.Set, error) {
	return loadDecks(o.IO.ErrOut, o.Getenv, o.DecksDir)
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

func newDecksCmd(app *App) *cobra.Command {
	opts := &decksOptions{IO: app.IO, Getenv: app.getenv}
	cmd := &cobra.Command{
		Use:   "decks <command>",
		Short: "List, show and check the card decks",
		Long: `The decks are TOML files of cards. The built-in decks cover objective 702.1 of
LPI exam 701-100; your own decks load beside them from
$XDG_CONFIG_HOME/dockdrill/decks (else ~/.config/dockdrill/decks) and from the
directory given with --decks. Every .toml file there is a deck, except
blueprint-*.toml files, which describe an exam. A user card may not reuse the id
of a built-in card.`,
		Example: `  # the decks and their cards by kind and area
  dockdrill decks list

  # one card in full
  dockdrill decks show term-dockerfile-run-when

  # check your own deck before drilling it
  dockdrill decks lint ~/my-decks/compose.toml`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return cmd.Help()
		},
	}
	cmd.PersistentFlags().StringVar(&opts.DecksDir, "decks", "", "also load the decks in `DIR`")
	cmd.AddCommand(
		newDecksListCmd(opts),
		newDecksShowCmd(opts),
		newDecksLintCmd(opts),
	)
	return cmd
}

type decksListOptions struct {
	*decksOptions
	JSON bool
}

func newDecksListCmd(parent *decksOptions) *cobra.Command {
	opts := &decksListOptions{decksOptions: parent}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the decks with their cards by kind and by knowledge area",
		Long: `List every deck with its number of cards by kind (command, cloze, choice,
multi, flash) and by knowledge area, and how many are practical (backed by a
proof). The totals also show the share of typed cards (command and cloze) and
of picked ones (choice and multi).`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runDecksList(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	return cmd
}

// countsJSON is the JSON form of deck.Counts, with every kind and area
// present even when it has no card.
type countsJSON struct {
	Cards     int `json:"cards"`
	Practical int `json:"practical"`
	// Unprovable cards say why no proof can show their claim; FactOnly
	// cards state a fact and need none.
	Unprovable int            `json:"unprovable"`
	FactOnly   int            `json:"fact_only"`
	Typed      int            `json:"typed"`
	Picked     int            `json:"picked"`
	ByKind     map[string]int `json:"by_kind"`
	ByArea     map[string]int `json:"by_area"`
}

type deckJSON struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	File    string `json:"file"`
	Builtin bool   `json:"builtin"`
	countsJSON
}

type decksListJSON struct {
	Exam  string     `json:"exam"`
	Decks []deckJSON `json:"decks"`
	Total struct {
		Decks int `json:"decks"`
		countsJSON
	} `json:"total"`
}

func toCountsJSON(c deck.Counts, bp *deck.Blueprint) countsJSON {
	out := countsJSON{Cards: c.Cards, Practical: c.Practical, Unprovable: c.Unprovable, FactOnly: c.FactOnly(), Typed: c.Typed(), Picked: c.Picked(), ByKind: map[string]int{}, ByArea: map[string]int{}}
	for _, k := range deck.Kinds {
		out.ByKind[string(k)] = c.ByKind[k]
	}
	for _, a := range bp.Areas {
		out.ByArea[a.ID] = c.ByArea[a.ID]
	}
	return out
}

func runDecksList(_ context.Context, opts *decksListOptions) error {
	set, err := opts.load()
	if err != nil {
		return err
	}
	bp := set.Blueprint
	if opts.JSON {
		var out decksListJSON
		out.Exam = bp.Exam.ID
		out.Decks = []deckJSON{}
		for _, d := range set.Decks {
			out.Decks = append(out.Decks, deckJSON{ID: d.ID, Title: d.Title, File: d.File, Builtin: d.Builtin, countsJSON: toCountsJSON(d.Counts(), bp)})
		}
		out.Total.Decks = len(set.Decks)
		out.Total.countsJSON = toCountsJSON(set.Counts(), bp)
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}

	w := tabwriter.NewWriter(opts.IO.Out, 0, 0, 2, ' ', 0)
	// Numbers are right-aligned under their headings; tabwriter aligns
	// every column alike, so they are padded here.
	numbers := func(head []string, values []int) string {
		cells := make([]string, len(values))
		for i, v := range values {
			cells[i] = fmt.Sprintf("%*d", len(head[i]), v)
		}
		return strings.Join(cells, "\t")
	}
	total := set.Counts()

	kindHead := []string{"CARDS"}
	for _, k := range deck.Kinds {
		kindHead = append(kindHead, strings.ToUpper(string(k)))
	}
	kindHead = append(kindHead, "PRACTICAL")
	kindValues := func(c deck.Counts) []int {
		v := []int{c.Cards}
		for _, k := range deck.Kinds {
			v = append(v, c.ByKind[k])
		}
		return append(v, c.Practical)
	}
	fmt.Fprintf(w, "DECK\t%s\tTITLE\n", strings.Join(kindHead, "\t"))
	for _, d := range set.Decks {
		fmt.Fprintf(w, "%s\t%s\t%s\n", d.ID, numbers(kindHead, kindValues(d.Counts())), deckTitle(d))
	}
	fmt.Fprintf(w, "TOTAL\t%s\n\n", numbers(kindHead, kindValues(total)))

	var areaHead []string
	for _, a := range bp.Areas {
		areaHead = append(areaHead, strings.ToUpper(a.ID))
	}
	areaValues := func(c deck.Counts) []int {
		var v []int
		for _, a := range bp.Areas {
			v = append(v, c.ByArea[a.ID])
		}
		return v
	}
	fmt.Fprintf(w, "DECK\t%s\n", strings.Join(areaHead, "\t"))
	for _, d := range set.Decks {
		fmt.Fprintf(w, "%s\t%s\n", d.ID, numbers(areaHead, areaValues(d.Counts())))
	}
	fmt.Fprintf(w, "TOTAL\t%s\n", numbers(areaHead, areaValues(total)))
	if err := w.Flush(); err != nil {
		return err
	}
	_, err = fmt.Fprintf(opts.IO.Out, "\nExam %s: %s, %s: %d typed (%s), %d picked (%s), %d flash; %d practical.\n",
		bp.Exam.ID, plural(len(set.Decks), "deck"), plural(total.Cards, "card"),
		total.Typed(), percent(total.Typed(), total.Cards),
		total.Picked(), percent(total.Picked(), total.Cards),
		total.ByKind[deck.KindFlash], total.Practical)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(opts.IO.Out, "Proofs: %d proven on a real engine, %d unprovable here (each says why: decks show ID), %d fact-only.\n",
		total.Practical, total.Unprovable, total.FactOnly())
	return err
}

func deckTitle(d *deck.Deck) string {
	if d.Builtin {
		return d.Title
	}
	return d.Title + " (" + d.File + ")"
}

func percent(n, of int) string {
	if of == 0 {
		return "0 %"
	}
	return fmt.Sprintf("%.0f %%", 100*float64(n)/float64(of))
}

type decksShowOptions struct {
	*decksOptions
	ID string
}

func newDecksShowCmd(parent *decksOptions) *cobra.Command {
	opts := &decksShowOptions{decksOptions: parent}
	return &cobra.Command{
		Use:   "show ID",
		Short: "Show a deck's cards, or one card in full",
		Long: `Show a deck, given its id, with one line per card; or one card, given its
id, with every field: prompt, answer or choices, explanation, hint and proof.`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID = args[0]
			return runDecksShow(cmd.Context(), opts)
		},
	}
}

func runDecksShow(_ context.Context, opts *decksShowOptions) error {
	set, err := opts.load()
	if err != nil {
		return err
	}
	if d, ok := set.Deck(opts.ID); ok {
		return showDeck(opts.IO.Out, set, d)
	}
	if c, ok := set.Card(opts.ID); ok {
		return showCard(opts.IO.Out, set, c)
	}
	return fmt.Errorf("no deck or card with id %q; 'dockdrill decks list' lists the decks", opts.ID)
}

func showDeck(out io.Writer, set *deck.Set, d *deck.Deck) error {
	c := d.Counts()
	fmt.Fprintf(out, "%s: %s\n%s\n%s, %d practical; %s\n\n", d.ID, d.Title, d.Description, plural(c.Cards, "card"), c.Practical, d.File)
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "CARD\tKIND\tAREA\tPROOF\tPROMPT")
	for _, card := range d.Cards {
		proof := card.Proof
		if proof == "" {
			proof = "-"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", card.ID, card.Kind, card.Area, proof, firstLine(card.Prompt, 60))
	}
	return w.Flush()
}

// firstLine returns the first line of s, cut to at most n runes.
func firstLine(s string, n int) string {
	s, _, _ = strings.Cut(s, "\n")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func showCard(out io.Writer, set *deck.Set, c *deck.Card) error {
	var b strings.Builder
	field := func(name, value string) {
		if value != "" {
			fmt.Fprintf(&b, "%-8s %s\n", name+":", value)
		}
	}
	block := func(name, text string) {
		if text == "" {
			return
		}
		fmt.Fprintf(&b, "\n%s:\n", name)
		for _, line := range strings.Split(text, "\n") {
			fmt.Fprintf(&b, "  %s\n", line)
		}
	}
	area := c.Area
	if a, ok := set.Blueprint.Area(c.Area); ok {
		area = fmt.Sprintf("%s (%s %s)", a.ID, a.Objective, a.Title)
	}
	field("card", c.ID)
	field("kind", string(c.Kind))
	field("area", area)
	field("deck", fmt.Sprintf("%s (%s:%d)", c.Deck, c.File, c.Line))
	field("terms", strings.Join(c.Terms, ", "))
	field("tags", strings.Join(c.Tags, ", "))
	field("grade", c.Grade)
	field("proof", c.Proof)
	field("proof_none", c.ProofNone)
	block("Prompt", c.Prompt)
	if len(c.Choices) > 0 {
		b.WriteString("\nChoices:\n")
		for _, ch := range c.Choices {
			mark := "[ ]"
			for _, ok := range c.Correct {
				if ok == ch {
					mark = "[x]"
				}
			}
			fmt.Fprintf(&b, "  %s %s\n", mark, ch)
		}
	}
	block("Answer", c.Answer)
	if len(c.Accept) > 0 {
		b.WriteString("\nAlso accepted:\n")
		for _, a := range c.Accept {
			fmt.Fprintf(&b, "  %s\n", a)
		}
	}
	block("Hint", c.Hint)
	block("Explain", c.Explain)
	_, err := io.WriteString(out, b.String())
	return err
}

type decksLintOptions struct {
	*decksOptions
	Paths []string
}

func newDecksLintCmd(parent *decksOptions) *cobra.Command {
	opts := &decksLintOptions{decksOptions: parent}
	return &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Check decks and list every error with its file, line and field",
		Long: `Check decks against the schema and the exam blueprint, and list every
error with its file, line and field; the exit status is 1 when there is any.

Without PATH, lint checks what every command loads: the built-in decks and your
own. With PATH (deck files, or directories of them), it checks those beside the
built-ins; a deck with the id of a built-in deck stands in for it, so the
sources in deck/decks can be checked before they are built in.`,
		Example: `  dockdrill decks lint
  dockdrill decks lint ~/my-decks/compose.toml
  dockdrill decks lint deck/decks`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runDecksLint(cmd.Context(), opts)
		},
	}
}

func runDecksLint(_ context.Context, opts *decksLintOptions) error {
	lo := opts.loadOptions()
	if len(opts.Paths) > 0 {
		lo = deck.LoadOptions{Paths: opts.Paths, Replace: true}
		if opts.DecksDir != "" {
			lo.Paths = append(lo.Paths, opts.DecksDir)
		}
	}
	set, err := deck.Load(lo)
	var errs *deck.Errors
	if errors.As(err, &errs) {
		for _, e := range errs.List {
			fmt.Fprintln(opts.IO.ErrOut, e)
		}
		return fmt.Errorf("%s in %s", plural(errs.Len(), "error"), plural(errs.Files(), "file"))
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(opts.IO.Out, "%s, %s, ok\n", plural(len(set.Decks), "deck"), plural(len(set.Cards()), "card"))
	return err
}
