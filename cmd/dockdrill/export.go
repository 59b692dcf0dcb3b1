package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/export"
)

type exportOptions struct {
	*Factory
	Format    string   // --format: anki or csv
	FormatSet bool     // --format was given
	Reviews   bool     // --reviews: the review log instead of the cards
	Output    string   // -o
	HTML      bool     // --html
	Decks     []string // --deck
	Areas     []string // --area
}

func newExportCmd(f *Factory) *cobra.Command {
	opts := &exportOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write the cards for Anki or as CSV, or the review log for the FSRS optimizer",
		Long: `Export writes the cards, or with --reviews your review log, to -o FILE (or
standard output).

--format anki (the default) writes a tab-separated text file for Anki's
File > Import (Anki 2.1.55 or later), with the file headers of Anki's manual:
  #separator:tab  #html:false  #notetype:Basic  #columns:guid deck Front Back tags
  #guid column:1  #deck column:2  #tags column:5
One note per card: the card's id is the note's GUID, so importing a later
export updates the same notes (their scheduling kept) instead of adding new
ones. Each card goes to the deck dockdrill::<deck>, created when missing.
Front holds the prompt and the lettered options; Back the answer or the right
options, the explanation and the proof. Tags: dockdrill, dockdrill::area::<area>,
dockdrill::kind::<kind>, dockdrill::term::<term> and the card's own. A field
with a tab, a line break or a quote is quoted, its quotes doubled. Anki shows
line breaks of plain-text fields as spaces; --html writes the fields as HTML
(#html:true) with <br> line breaks so snippets keep their lines.

--format csv writes every field of every card as RFC 4180 CSV with a header
row: id, deck, area, kind, prompt, answer, accept, choices, correct, explain,
hint, tags, terms, proof; lists hold one item per line.

--reviews writes the review log, oldest first, in the FSRS optimizer's columns:
card_id, review_time (ms since 1970 UTC), review_rating (1-4), review_state
(the card's state when reviewed: 0 new, 1 learning, 2 review, 3 relearning),
review_duration (ms). 'dockdrill fsrs replay' and the FSRS optimizer read it.`,
		Example: `  # the cards for Anki
  dockdrill export -o dockdrill-anki.txt

  # only the volume cards, as CSV
  dockdrill export --format csv --area volumes -o volumes.csv

  # your review log for the FSRS optimizer, and replayed here
  dockdrill export --reviews -o revlog.csv
  dockdrill fsrs replay revlog.csv`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.FormatSet = cmd.Flags().Changed("format")
			return runExport(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Format, "format", "anki", "`FORMAT` of the cards: anki or csv")
	fl.BoolVar(&opts.Reviews, "reviews", false, "write the review log (FSRS optimizer columns) instead of the cards")
	fl.StringVarP(&opts.Output, "output", "o", "", "write to `FILE` instead of standard output")
	fl.BoolVar(&opts.HTML, "html", false, "anki: write the fields as HTML, keeping line breaks")
	fl.StringSliceVar(&opts.Decks, "deck", nil, "only the cards of `DECK` (repeatable, or comma-separated)")
	fl.StringSliceVar(&opts.Areas, "area", nil, "only the cards of knowledge `AREA` (repeatable, or comma-separated)")
	return cmd
}

func runExport(ctx context.Context, opts *exportOptions) (err error) {
	if opts.Reviews && opts.FormatSet {
		return usagef("--reviews writes the review log in one format; leave out --format")
	}
	if !opts.Reviews && opts.Format != "anki" && opts.Format != "csv" {
		return usagef("--format: %q is not anki or csv", opts.Format)
	}
	var cards []*deck.Card
	if !opts.Reviews {
		set, err := opts.DeckSet()
		if err != nil {
			return err
		}
		if cards, err = selectCards(set, opts.Decks, opts.Areas); err != nil {
			return err
		}
	}

	out, name := opts.IO.Out, "standard output"
	if opts.Output != "" && opts.Output != "-" {
		f, err := os.Create(opts.Output)
		if err != nil {
			return err
		}
		defer func() {
			if cerr := f.Close(); err == nil && cerr != nil {
				err = cerr
			}
		}()
		out, name = f, opts.Output
	}

	if opts.Reviews {
		st, err := opts.OpenStoreReadOnly(ctx)
		if err != nil {
			return err
		}
		defer st.Close()
		n, err := export.WriteRevlog(out, st.Reviews(ctx, time.Time{}, time.Time{}))
		if err != nil {
			return err
		}
		fmt.Fprintf(opts.IO.ErrOut, "wrote %s to %s\n", plural(n, "review"), name)
		return nil
	}
	switch opts.Format {
	case "anki":
		err = export.WriteAnki(out, cards, export.AnkiOptions{HTML: opts.HTML})
	case "csv":
		err = export.WriteCSV(out, cards)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.ErrOut, "wrote %s to %s\n", plural(len(cards), "card"), name)
	return nil
}

// selectCards returns the cards of the decks and areas named (all when none
// is), refusing a name that matches nothing.
func selectCards(set *deck.Set, decks, areas []string) ([]*deck.Card, error) {
	if err := set.CheckDecks(decks); err != nil {
		return nil, usagef("--deck: %v", err)
	}
	if err := set.Blueprint.CheckAreas(areas); err != nil {
		return nil, usagef("--area: %v", err)
	}
	return set.Select(decks, areas)
}
