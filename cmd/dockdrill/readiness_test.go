package main

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// assumeRest are estimates for every objective the fixture's decks do not
// cover, so that the pass probability is neither 0 nor 1.
var assumeRest = []string{"701.1=0.6", "701.2=0.5", "701.3=0.8", "701.4=0.7", "702.2=0.6", "702.3=0.7",
	"703.1=0.6", "703.2=0.5", "703.3=0.5", "704.1=0.7", "704.2=0.4", "705.1=0.6", "705.2=0.6"}

func TestReadinessGolden(t *testing.T) {
	db := progressStore(t)
	tests := []struct {
		name, file string
		tty        bool
		env        map[string]string
		json       bool
	}{
		{"terminal, in colour", "readiness/terminal.golden", true, nil, false},
		{"not a terminal: no colour", "readiness/plain.golden", false, nil, false},
		{"terminal with NO_COLOR: no colour", "readiness/plain.golden", true, map[string]string{"NO_COLOR": "1"}, false},
		{"JSON", "readiness/json.golden", false, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			po, run := progressOpts(t, db, tt.tty, tt.env)
			opts := &readinessOptions{Factory: po, Assume: assumeRest, Seed: 1, Sims: 10_000, ReadyAt: 0.8, JSON: tt.json}
			err := runReadiness(context.Background(), opts)
			var ce *codeError
			require.True(t, errors.As(err, &ce), "not ready: %v", err)
			assert.Equal(t, ExitFailed, ce.Code)
			assert.Nil(t, ce.Err, "the report says why; nothing more is printed")
			assert.Empty(t, run.errOut.String())
			if tt.tty && tt.env == nil {
				assert.Contains(t, run.out.String(), "\x1b[")
			} else {
				assert.NotContains(t, run.out.String(), "\x1b[")
			}
			golden(t, tt.file, run.out.String())
		})
	}
}

// The figures of the golden report, checked by hand from the fixture.
func TestReadinessFigures(t *testing.T) {
	db := progressStore(t)
	po, run := progressOpts(t, db, false, nil)
	opts := &readinessOptions{Factory: po, Assume: assumeRest, Seed: 1, Sims: 10_000, ReadyAt: 0.2, JSON: true}
	require.NoError(t, runReadiness(context.Background(), opts), "ready at 20 %")
	var rep struct {
		ExamDate   string `json:"exam_date"`
		DaysLeft   int    `json:"days_left"`
		Ready      bool   `json:"ready"`
		Objectives []struct {
			ID     string `json:"id"`
			Source string `json:"source"`
			Areas  []struct {
				ID       string `json:"id"`
				Cards    int    `json:"cards"`
				Reviewed int    `json:"reviewed"`
				HandsOn  struct {
					Passed, Of int
				} `json:"hands_on"`
				Accuracy struct {
					DrillPassed  int `json:"drill_passed"`
					DrillReviews int `json:"drill_reviews"`
					ExamRight    int `json:"exam_right"`
					ExamAnswers  int `json:"exam_answers"`
				} `json:"accuracy"`
				Band string `json:"band"`
			} `json:"areas"`
		} `json:"objectives"`
		Pass struct {
			Probability float64 `json:"probability"`
			Low, High   float64
			PassRaw     int `json:"pass_raw"`
		} `json:"pass"`
	}
	require.NoError(t, json.Unmarshal(run.out.Bytes(), &rep))
	assert.Equal(t, "2026-12-14", rep.ExamDate, "from the exam-date setting")
	assert.Equal(t, 17, rep.DaysLeft)
	assert.True(t, rep.Ready)
	assert.Equal(t, 38, rep.Pass.PassRaw)
	assert.Greater(t, rep.Pass.Probability, 0.2)
	assert.Less(t, rep.Pass.Probability, 1.0)
	o := rep.Objectives[4]
	require.Equal(t, "702.1", o.ID)
	areas := map[string]int{}
	for i, a := range o.Areas {
		areas[a.ID] = i
	}
	arch, vol, net := o.Areas[areas["arch"]], o.Areas[areas["volumes"]], o.Areas[areas["networks"]]
	assert.Equal(t, 4, arch.Cards)
	assert.Equal(t, 3, arch.Reviewed)
	assert.Equal(t, 1, arch.HandsOn.Passed, "one proof, passed 3 days ago")
	assert.Equal(t, 1, arch.HandsOn.Of)
	assert.Equal(t, 1, vol.HandsOn.Passed, "create passed on its latest run, read-only failed, the redis proof is 40 days old")
	assert.Equal(t, 3, vol.HandsOn.Of)
	assert.Equal(t, 1, vol.Accuracy.ExamRight)
	assert.Equal(t, 2, vol.Accuracy.ExamAnswers)
	assert.Zero(t, net.Accuracy.ExamAnswers, "the unanswered question and the abandoned exam are left out")
	assert.Equal(t, "not started", net.Band)
	for _, a := range o.Areas {
		if a.Cards == 0 {
			assert.Equal(t, "not started", a.Band, a.ID)
		}
	}
	for _, ob := range rep.Objectives {
		if ob.ID != "702.1" {
			assert.Equal(t, "assumed", ob.Source)
		}
	}
}

func TestReadinessThroughTheCommandLine(t *testing.T) {
	db := progressStore(t)
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"not covered objectives count 0 and say so", []string{"--exam-date", "2026-12-14"}, ExitFailed,
			"Not covered by dockdrill, counted 0: 701.1, 701.2", ""},
		{"an exam date in the past", []string{"--exam-date", "2026-11-01"}, ExitUsage, "", "--exam-date: 2026-11-01 is before today, 2026-11-27"},
		{"a date that is no date", []string{"--exam-date", "14.12.2026"}, ExitUsage, "", `date "14.12.2026" is not YYYY-MM-DD`},
		{"an estimate for a covered objective", []string{"--assume", "702.1=0.9"}, ExitUsage, "", "the decks cover 702.1"},
		{"an estimate for no objective", []string{"--assume", "799.1=0.9"}, ExitUsage, "", `exam 701-100 has no objective "799.1"`},
		{"an estimate out of range", []string{"--assume", "704.1=1.2"}, ExitUsage, "", `"1.2" is not a share from 0 to 1`},
		{"an estimate without a share", []string{"--assume", "704.1"}, ExitUsage, "", "write OBJECTIVE=SHARE"},
		{"a mix of unknown kinds", []string{"--mix", "essay=1"}, ExitUsage, "", `"essay" is not a question kind`},
		{"ready at 0", []string{"--ready-at", "0"}, ExitOK, "Ready: the pass probability reaches 0 %", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app, out, errOut := testApp(t, "")
			code := Run(context.Background(), append([]string{"readiness", "--db", db, "--tz", "UTC"}, tt.args...), app)
			assert.Equal(t, tt.code, code, "stderr: %s", errOut)
			assert.Contains(t, out.String(), tt.stdout)
			assert.Contains(t, errOut.String(), tt.stderr)
		})
	}
}

func TestReadinessWithoutAnExamDateProjectsToToday(t *testing.T) {
	app, out, errOut := testApp(t, "")
	db := t.TempDir() + "/empty.db"
	code := Run(context.Background(), []string{"readiness", "--db", db, "--tz", "UTC"}, app)
	assert.Equal(t, ExitFailed, code)
	assert.Contains(t, errOut.String(), "no exam date: projecting to today")
	assert.Contains(t, out.String(), "on 2026-11-27, today")
	assert.True(t, strings.Contains(out.String(), "not started"))
}

func TestConfigSetGetListUnset(t *testing.T) {
	db := t.TempDir() + "/dockdrill.db"
	run := func(args ...string) (int, string, string) {
		app, out, errOut := testApp(t, "")
		code := Run(context.Background(), append([]string{"config"}, append(args, "--db", db)...), app)
		return code, out.String(), errOut.String()
	}
	code, _, errOut := run("set", "exam-date", "2026-12-14")
	require.Equal(t, ExitOK, code, errOut)
	code, _, errOut = run("set", "assume.704.1", "70%")
	require.Equal(t, ExitOK, code, errOut)
	code, out, _ := run("get", "exam-date")
	assert.Equal(t, ExitOK, code)
	assert.Equal(t, "2026-12-14\n", out)
	code, out, _ = run("list")
	assert.Equal(t, ExitOK, code)
	assert.Equal(t, "assume.704.1  0.7\nexam-date     2026-12-14\n", out)
	code, _, _ = run("unset", "assume.704.1")
	assert.Equal(t, ExitOK, code)
	code, _, errOut = run("get", "assume.704.1")
	assert.Equal(t, ExitError, code)
	assert.Contains(t, errOut, "assume.704.1 is not set")

	for _, bad := range []struct {
		args []string
		err  string
	}{
		{[]string{"set", "exam-date", "tomorrow"}, `date "tomorrow" is not YYYY-MM-DD`},
		{[]string{"set", "assume.702.1", "0.5"}, "the decks cover 702.1"},
		{[]string{"set", "assume.704.9", "0.5"}, `exam 701-100 has no objective "704.9"`},
		{[]string{"set", "colour", "blue"}, `unknown setting "colour"`},
		{[]string{"set", "exam-date"}, "accepts 2 arg(s)"},
	} {
		code, _, errOut := run(bad.args...)
		assert.Equal(t, ExitUsage, code, "%v", bad.args)
		assert.Contains(t, errOut, bad.err)
	}
}
