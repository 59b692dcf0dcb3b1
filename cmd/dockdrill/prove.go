package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/dockdrill/dockdrill/quiz/ui"
	"os"
	"strings"

	"github.com/dockdrill/dockdrill/exercises/lab/provision"
	"github.com/dockdrill/dockdrill/quiz/proofs"
	"github.com/dockdrill/dockdrill/quiz/store"
	"github.com/spf13/cobra"
)

// proveOptions are the inputs of runProve.
type proveOptions struct {
	*Factory
	Areas  []string
	Card   string
	All    bool
	Source string // the source tree; empty means the one holding the working directory

	// For tests: the go command, and the lookup of the engine's version.
	goCmd  string
	engine func(context.Context) (string, error)
}

func newProveCmd(f *Factory) *cobra.Command {
	opts := &proveOptions{Factory: f, engine: provision.EngineVersion}
	cmd := &cobra.Command{
		Use:   "prove [--area A | --card ID | --all]",
		Short: "Run the hands-on proofs behind the cards on your Docker engine",
		Long: `Run the proofs behind the practical cards — Go tests that show on a real Docker
engine what the cards say — and record each result for readiness.

The proofs are Go tests, so prove runs 'go test -json' inside dockdrill's source
tree: run it in a clone of the repository. Each proof's result is shown as it
ends (test, pass or fail, seconds); a failed proof names the cards whose answer
is in question and the assertion that failed. --area runs the proofs of the
area's cards and of its tasks' checkers; without --area or --card every proof
runs.

Exit status 3 means a proof failed.`,
		Example: `  dockdrill prove --area volumes
  dockdrill prove --card vol-named-volume-survives
  dockdrill prove --all`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runProve(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringSliceVar(&opts.Areas, "area", nil, "prove the cards of knowledge `AREA` (repeatable, or comma-separated: arch, images, dockerfile, upload, containers, networks, volumes)")
	fl.StringVar(&opts.Card, "card", "", "prove the card with `ID`")
	fl.BoolVar(&opts.All, "all", false, "prove every card (the default)")
	fl.StringVar(&opts.Source, "source", "", "dockdrill's source tree `DIR` (default: the one holding the working directory)")
	return cmd
}

func runProve(ctx context.Context, opts *proveOptions) error {
	n := 0
	for _, set := range []bool{len(opts.Areas) > 0, opts.Card != "", opts.All} {
		if set {
			n++
		}
	}
	if n > 1 {
		return usagef("choose one of --area, --card and --all")
	}
	out, errOut := opts.IO.Out, opts.IO.ErrOut
	set, err := opts.DeckSet()
	if err != nil {
		return err
	}
	selected, err := proofs.Select(set, opts.Areas, opts.Card, opts.All || n == 0)
	if err != nil {
		return &usageError{err}
	}
	dir := opts.Source
	if dir == "" {
		if dir, err = os.Getwd(); err != nil {
			return err
		}
	}
	root, err := proofs.FindSourceTree(dir)
	if err != nil {
		return err
	}
	dockerVersion, err := opts.engine(ctx)
	if err != nil {
		return fmt.Errorf("%w\nThe proofs run on a real Docker engine: start Docker and check that 'docker info' works", err)
	}
	path, err := opts.StorePath()
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	defer st.Close()

	fmt.Fprintf(errOut, "prove: %s with Docker %s, in %s\n", plural(len(selected), "proof"), dockerVersion, root)
	runner := &proofs.Runner{Root: root, Go: opts.goCmd, Env: proofs.Env(opts.getenv)}
	runID := newRunID()
	var passed, failed, skipped int
	var recordErr error
	nameWidth := 70 // the proof's name column; narrower on a narrow terminal
	width := ui.TermWidth(out)
	if width > 0 {
		nameWidth = min(nameWidth, max(20, width-15))
	}
	results, err := runner.Run(ctx, selected, func(r proofs.Result) {
		status := "PASS"
		switch {
		case r.Skipped:
			status, skipped = "SKIP", skipped+1
		case r.Passed:
			passed++
		default:
			status, failed = "FAIL", failed+1
		}
		fmt.Fprintf(out, "%s  %-*s %6.1fs\n", status, nameWidth, ui.Truncate(r.Name, nameWidth), r.Elapsed.Seconds())
		if !r.Passed {
			what := "the answer of card " + strings.Join(r.Cards, ", ") + " is in question:"
			if len(r.Cards) > 1 {
				what = "the answers of cards " + strings.Join(r.Cards, ", ") + " are in question:"
			}
			if r.Skipped {
				what = "not proved; card " + strings.Join(r.Cards, ", ") + " stays unproven:"
			}
			fmt.Fprintln(out, ui.Fit(fmt.Sprintf("      %s\n      %s", what, ui.Indent(r.Message, "      ")), width))
		}
		msg := r.Message
		if r.Skipped {
			msg = "skipped: " + msg
		}
		_, err := st.RecordProof(context.WithoutCancel(ctx), store.ProofResult{
			RunID: runID, Time: opts.Now(), Proof: r.Name, CardIDs: r.Cards,
			Passed: r.Passed, Duration: r.Elapsed, DockerVersion: dockerVersion, Message: msg,
		})
		recordErr = errors.Join(recordErr, err)
	})
	if err != nil {
		if ctx.Err() != nil {
			fmt.Fprintln(errOut, "prove: interrupted; 'dockdrill lab clean' removes what the proofs left in Docker")
		}
		return err
	}
	fmt.Fprintf(out, "%d passed, %d failed, %d skipped of %s; results recorded in %s\n", passed, failed, skipped, plural(len(results), "proof"), path)
	if recordErr != nil {
		return recordErr
	}
	if failed > 0 {
		return withCode(ExitFailed, nil)
	}
	return nil
}

func newRunID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}
