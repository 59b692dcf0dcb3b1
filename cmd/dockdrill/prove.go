package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/dockdrill/dockdrill/quiz/proofs"
	"github.com/dockdrill/dockdrill/quiz/store"
	"github.com/moby/moby/client"
	"github.com/spf13/cobra"
)

type proveOptions struct {
	app      *App
	area     string
	card     string
	all      bool
	db       string
	decksDir string
	source   string // the source tree; empty means the one holding the working directory

	// For tests: the go command, and the lookup of the engine's version.
	goCmd  string
	engine func(context.Context) (string, error)
}

func newProveCmd(app *App) *cobra.Command {
	opts := &proveOptions{app: app, engine: engineVersion}
	cmd := &cobra.Command{
		Use:   "prove [--area A | --card ID | --all]",
		Short: "Run the hands-on proofs behind the cards on your Docker engine",
		Long: `Run the proofs behind the practical cards — Go tests that show on a real Docker
engine what the cards say — and record each result for readiness.

The proofs are Go tests, so prove runs 'go test -json' inside dockdrill's source
tree: run it in a clone of the repository. Each proof's result is shown as it
ends (test, pass or fail, seconds); a failed proof names the cards whose answer
is in question and the assertion that failed. Without --area or --card every
proof runs.

Exit status 3 means a proof failed.`,
		Example: `  dockdrill prove --area volumes
  dockdrill prove --card vol-named-volume-survives
  dockdrill prove --all`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			n := 0
			for _, set := range []bool{opts.area != "", opts.card != "", opts.all} {
				if set {
					n++
				}
			}
			if n > 1 {
				return usagef("choose one of --area, --card and --all")
			}
			if n == 0 {
				opts.all = true
			}
			return runProve(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.area, "area", "", "prove the cards of knowledge `AREA` (arch, images, dockerfile, upload, containers, networks, volumes)")
	f.StringVar(&opts.card, "card", "", "prove the card with `ID`")
	f.BoolVar(&opts.all, "all", false, "prove every card (the default)")
	f.StringVar(&opts.db, "db", "", "review store `PATH` (default $"+store.EnvDB+", else $XDG_DATA_HOME/dockdrill/dockdrill.db)")
	f.StringVar(&opts.decksDir, "decks", "", "also load the decks in `DIR`")
	f.StringVar(&opts.source, "source", "", "dockdrill's source tree `DIR` (default: the one holding the working directory)")
	return cmd
}

func runProve(ctx context.Context, opts *proveOptions) error {
	out, errOut := opts.app.IO.Out, opts.app.IO.ErrOut
	set, err := loadDecks(errOut, opts.app.getenv, opts.decksDir)
	if err != nil {
		return err
	}
	selected, err := proofs.Select(set, opts.area, opts.card, opts.all)
	if err != nil {
		return &usageError{err}
	}
	dir := opts.source
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
	path, err := store.Path(opts.db, opts.app.getenv)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	defer st.Close()

	fmt.Fprintf(errOut, "prove: %s with Docker %s, in %s\n", plural(len(selected), "proof"), dockerVersion, root)
	runner := &proofs.Runner{Root: root, Go: opts.goCmd, Env: proveEnv(opts.app.getenv)}
	runID := newRunID()
	var passed, failed, skipped int
	var recordErr error
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
		fmt.Fprintf(out, "%s  %-70s %6.1fs\n", status, r.Name, r.Elapsed.Seconds())
		if !r.Passed {
			what := "the answer of card " + strings.Join(r.Cards, ", ") + " is in question:"
			if len(r.Cards) > 1 {
				what = "the answers of cards " + strings.Join(r.Cards, ", ") + " are in question:"
			}
			if r.Skipped {
				what = "not proved; card " + strings.Join(r.Cards, ", ") + " stays unproven:"
			}
			fmt.Fprintf(out, "      %s\n      %s\n", what, indent(strings.TrimRight(r.Message, "\n"), "      "))
		}
		msg := r.Message
		if r.Skipped {
			msg = "skipped: " + msg
		}
		_, err := st.RecordProof(context.WithoutCancel(ctx), store.ProofResult{
			RunID: runID, Time: opts.app.Now(), Proof: r.Name, CardIDs: r.Cards,
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

// proveEnv is the environment of the proofs: a proof that cannot reach
// Docker fails instead of skipping, and testcontainers runs without its
// reaper unless told otherwise. Where published ports are reached the lab
// decides from the engine's address (127.0.0.1 for a local engine).
func proveEnv(getenv func(string) string) []string {
	env := []string{lab.EnvRequireDocker + "=1"}
	for k, v := range map[string]string{
		"TESTCONTAINERS_RYUK_DISABLED": "true",
	} {
		if getenv(k) == "" {
			env = append(env, k+"="+v)
		}
	}
	return env
}

// engineVersion returns the version of the Docker engine the proofs use.
func engineVersion(ctx context.Context) (string, error) {
	cli, err := dockerClient(ctx)
	if err != nil {
		return "", err
	}
	defer cli.Close()
	v, err := cli.ServerVersion(ctx, client.ServerVersionOptions{})
	if err != nil {
		return "", err
	}
	return v.Version, nil
}

func newRunID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}
