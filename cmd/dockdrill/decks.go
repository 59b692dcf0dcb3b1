package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/dockdrill/dockdrill/quiz/ui"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/spf13/cobra"
)

func newDecksCmd(f *Factory) *cobra.Command {
	opts := f
	cmd := &cobra.Command{
		Use:   "decks <command>",
		Short: "List, show and check the card decks",
		Long: `The decks are TOML files of cards. The built-in decks cover objective 702.1 of
LPI exam 701-100; your own decks load beside them from
$XDG_CONFIG_HOME/dockdrill/decks (else ~/.config/dockdrill/decks) and from the
directory given with --deck-dir. Every .toml file there is a deck, except
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
	cmd.AddCommand(
		newDecksListCmd(opts),
		newDecksShowCmd(opts),
		newDecksLintCmd(opts),
	)
	return cmd
}

type decksListOptions struct {
	*Factory
	JSON bool
}

func newDecksListCmd(parent *Factory) *cobra.Command {
	opts := &decksListOptions{Factory: parent}
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
	set, err := opts.DeckSet()
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

	width := ui.TermWidth(opts.IO.Out) // 0 for a pipe: no limit
	cells := func(values []int) []string {
		out := make([]string, len(values))
		for i, v := range values {
			out[i] = strconv.Itoa(v)
		}
		return out
	}
	right := func(n int) []bool { // DECK, then n numbers, then a title
		r := make([]bool, n+2)
		for i := 1; i <= n; i++ {
			r[i] = true
		}
		return r
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
	kinds := &ui.Table{Head: append(append([]string{"DECK"}, kindHead...), "TITLE"), Right: right(len(kindHead)), Width: width}
	for _, d := range set.Decks {
		kinds.Add(append(append([]string{d.ID}, cells(kindValues(d.Counts()))...), deckTitle(d))...)
	}
	kinds.Add(append([]string{"TOTAL"}, cells(kindValues(total))...)...)

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
	areas := &ui.Table{Head: append([]string{"DECK"}, areaHead...), Right: right(len(areaHead)), Width: width}
	for _, d := range set.Decks {
		areas.Add(append([]string{d.ID}, cells(areaValues(d.Counts()))...)...)
	}
	areas.Add(append([]string{"TOTAL"}, cells(areaValues(total))...)...)
	if _, err := io.WriteString(opts.IO.Out, kinds.String()+"\n"+areas.String()); err != nil {
		return err
	}
	_, err = fmt.Fprintln(opts.IO.Out, ui.Fit(fmt.Sprintf("\nExam %s: %s, %s: %d typed (%s), %d picked (%s), %d flash; %d practical.",
		bp.Exam.ID, plural(len(set.Decks), "deck"), plural(total.Cards, "card"),
		total.Typed(), percent(total.Typed(), total.Cards),
		total.Picked(), percent(total.Picked(), total.Cards),
		total.ByKind[deck.KindFlash], total.Practical), width))
	if err == nil {
		_, err = fmt.Fprintln(opts.IO.Out, ui.Fit(fmt.Sprintf("Proofs: %d proven on a real engine, %d unprovable here (each says why: decks show ID), %d fact-only.",
			total.Practical, total.Unprovable, total.FactOnly()), width))
	}
	if err == nil && len(set.Tasks()) > 0 {
		_, err = fmt.Fprintln(opts.IO.Out, ui.Fit(fmt.Sprintf("Hands-on: %s (dockdrill task --list).", plural(len(set.Tasks()), "task")), width))
	}
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
	*Factory
	ID string
}

func newDecksShowCmd(parent *Factory) *cobra.Command {
	opts := &decksShowOptions{Factory: parent}
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
	set, err := opts.DeckSet()
	if err != nil {
		return err
	}
	if d, ok := set.Deck(opts.ID); ok {
		return showDeck(opts.IO.Out, set, d)
	}
	if c, ok := set.Card(opts.ID); ok {
		return showCard(opts.IO.Out, set, c)
	}
	if r, ok := deck.Retired()[opts.ID]; ok {
		return fmt.Errorf("card %q was retired: it was merged into %q ('dockdrill decks show %s')", opts.ID, r.MergedInto, r.MergedInto)
	}
	return fmt.Errorf("no deck or card with id %q; 'dockdrill decks list' lists the decks", opts.ID)
}

func showDeck(out io.Writer, set *deck.Set, d *deck.Deck) error {
	c := d.Counts()
	width := ui.TermWidth(out) // 0 for a pipe: no limit
	tasks := ""
	if len(d.Tasks) > 0 {
		tasks = ", " + plural(len(d.Tasks), "hands-on task")
	}
	head := fmt.Sprintf("%s: %s\n%s\n%s, %d practical%s; %s\n\n", d.ID, d.Title, d.Description, plural(c.Cards, "card"), c.Practical, tasks, d.File)
	t := &ui.Table{Head: []string{"CARD", "KIND", "AREA", "PROOF", "PROMPT"}, Width: width}
	for _, card := range append(slices.Clone(d.Cards), d.Tasks...) {
		proof := card.Proof
		if proof == "" {
			proof = "-"
		}
		t.Add(card.ID, string(card.Kind), card.Area, proof, firstLine(card.Prompt, 60))
	}
	_, err := io.WriteString(out, ui.Fit(head, width)+t.String())
	return err
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
	width := ui.TermWidth(out) // 0 for a pipe: no limit
	field := func(name, value string) {
		if value != "" {
			b.WriteString(ui.Hang(fmt.Sprintf("%-8s ", name+":"), value, width) + "\n")
		}
	}
	block := func(name, text string) {
		if text == "" {
			return
		}
		fmt.Fprintf(&b, "\n%s:\n", name)
		for _, line := range strings.Split(text, "\n") {
			b.WriteString(ui.Fit("  "+line, width) + "\n")
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
	field("check", c.Check)
	field("needs", strings.Join(c.Needs, ", "))
	field("cleanup", strings.Join(c.Cleanup, ", "))
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
			b.WriteString(ui.Hang("  "+mark+" ", ch, width) + "\n")
		}
	}
	block("Answer", c.Answer)
	if len(c.Accept) > 0 {
		b.WriteString("\nAlso accepted:\n")
		for _, a := range c.Accept {
			fmt.Fprintf(&b, "  %s\n", a)
		}
	}
	block("Solution", c.Solution)
	block("Hint", c.Hint)
	block("Explain", c.Explain)
	_, err := io.WriteString(out, b.String())
	return err
}

type decksLintOptions struct {
	*Factory
	Paths []string
}

func newDecksLintCmd(parent *Factory) *cobra.Command {
	opts := &decksLintOptions{Factory: parent}
	return &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Check decks and list every error with its file, line and field",
		Long: `Check decks against the schema and the exam blueprint, and list every
error with its file, line and field; the exit status is 1 when there is any.
It also warns (exit status 0) about a choice or pick-N card in the decks it
reads from disk whose right option is more than 1.5 times as long as its
longest wrong one: a learner could pick it by its length alone.

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
	lo := opts.DeckOptions()
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
	// Warnings concern the decks read from disk (the user's, or the
	// sources of the built-ins); they do not change the exit status.
	var own []*deck.Card
	for _, d := range set.Decks {
		if !d.Builtin {
			own = append(own, d.Cards...)
		}
	}
	for _, w := range deck.Warnings(own) {
		fmt.Fprintln(opts.IO.ErrOut, "warning: "+w.Error())
	}
	_, err = fmt.Fprintf(opts.IO.Out, "%s, %s, ok\n", plural(len(set.Decks), "deck"), plural(len(set.Cards()), "card"))
	return err
}
