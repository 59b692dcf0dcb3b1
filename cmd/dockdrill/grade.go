package main

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/dockdrill/dockdrill/quiz/ui"
	"strings"

	"github.com/dockdrill/dockdrill/quiz/grade"
	"github.com/spf13/cobra"
)

type gradeOptions struct {
	IO       *IOStreams
	Mode     string
	Expected string
	Given    string
	Accept   []string
	Prompt   string
	JSON     bool
}

func newGradeCmd(f *Factory) *cobra.Command {
	opts := &gradeOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "grade --expected ANSWER --given ANSWER",
		Short: "Grade a typed answer the way a drill grades it",
		Long: `Grade a typed answer against a card's answer, the way a drill does, and say
why it is right or wrong. Deck authors use it to check an accept list.

Modes:
  docker      a docker command line, read as the docker CLI reads it:
              aliases, short and long flags, flag order and quoting do not
              matter; anything docker would reject is wrong
  dockerfile  Dockerfile instructions: keyword case does not matter; exec
              form and shell form are different answers
  exact       file names, paths, flags: exact after trimming surrounding space
  term        terms: case and surrounding space ignored
Without --mode, the answer chooses: docker for "docker ...", dockerfile for
a Dockerfile instruction, exact otherwise.

Flag values are read as docker reads them: --mount keys in any order and
-v or --tmpfs for the same mount, -p 8080:80 as 0.0.0.0:8080:80/tcp, a
signal by number or name, --format templates as parsed templates, nginx as
nginx:latest, ./Dockerfile as Dockerfile, -H host:port as tcp://host:port.
"sudo docker ..." is graded as "docker ...", and sh as /bin/sh, with a note.
A dash or quote docker would not read (an en dash, a smart quote) is wrong
and named.

With --prompt, the answer is a cloze card's: the prompt's blank (____) is
answered by the blank alone or by the whole line with the blank filled in.

The verdict goes to stdout; the exit status is 0 when the answer is right
and 3 when it is wrong.`,
		Example: `  dockdrill grade --expected 'docker ps -a' --given 'docker container ls --all'
  dockdrill grade --expected 'docker run -p 8080:80 nginx' --given 'docker run -p 80:8080 nginx'
  dockdrill grade --prompt 'docker ps -a ____ status=exited -q' --expected --filter \
      --given 'docker ps -a --filter status=exited -q'
  dockdrill grade --mode dockerfile --expected 'CMD ["nginx", "-g", "daemon off;"]' \
      --accept 'CMD nginx -g "daemon off;"' --given 'cmd nginx -g "daemon off;"' --json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runGrade(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Expected, "expected", "", "the card's answer")
	fl.StringVar(&opts.Given, "given", "", "the typed answer to grade")
	fl.StringVar(&opts.Mode, "mode", "", "how to read answers: docker, dockerfile, exact or term (default: chosen by the answer)")
	fl.StringArrayVar(&opts.Accept, "accept", nil, "another answer the card accepts (repeatable)")
	fl.StringVar(&opts.Prompt, "prompt", "", "the prompt of a cloze card, with its blank written ____")
	fl.BoolVar(&opts.JSON, "json", false, "print the verdict as JSON")
	_ = cmd.MarkFlagRequired("expected")
	_ = cmd.MarkFlagRequired("given")
	return cmd
}

func runGrade(_ context.Context, opts *gradeOptions) error {
	if strings.TrimSpace(opts.Expected) == "" {
		return usagef("--expected: empty; give the card's answer to grade against")
	}
	mode, err := grade.ParseMode(opts.Mode)
	if err != nil {
		return usagef("--mode: %v", err)
	}
	v := grade.Grade(mode, opts.Expected, opts.Accept, opts.Given)
	if opts.Prompt != "" {
		v = grade.GradeCloze(mode, opts.Prompt, opts.Expected, opts.Accept, opts.Given)
	}
	if err := renderVerdict(opts, v); err != nil {
		return err
	}
	if !v.Right {
		return withCode(ExitFailed, nil)
	}
	return nil
}

func renderVerdict(opts *gradeOptions, v grade.Verdict) error {
	out := opts.IO.Out
	if opts.JSON {
		if v.Reasons == nil {
			v.Reasons = []string{}
		}
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(v)
	}
	var b strings.Builder
	if v.Right {
		b.WriteString("RIGHT\n")
	} else {
		b.WriteString("WRONG\n")
	}
	if !v.Right {
		fmt.Fprintf(&b, "answer:    %s\n", ui.Indent(v.Answer, "           "))
	}
	if v.Line != "" {
		fmt.Fprintf(&b, "line:      %s\n", ui.Indent(v.Line, "           "))
	}
	fmt.Fprintf(&b, "canonical: %s\n", ui.Indent(v.Canonical, "           "))
	if v.Matched != "" {
		fmt.Fprintf(&b, "matched:   %s\n", ui.Indent(v.Matched, "           "))
	}
	if len(v.Reasons) > 0 {
		b.WriteString("reasons:\n")
		for _, r := range v.Reasons {
			fmt.Fprintf(&b, "  - %s\n", ui.Indent(r, "    "))
		}
	}
	if len(v.Notes) > 0 {
		b.WriteString("notes:\n")
		for _, n := range v.Notes {
			fmt.Fprintf(&b, "  - %s\n", ui.Indent(n, "    "))
		}
	}
	_, err := fmt.Fprint(out, ui.Fit(b.String(), ui.TermWidth(out)))
	return err
}
