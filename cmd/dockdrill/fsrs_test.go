package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dockdrill/dockdrill/quiz/export"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestFsrsReplayGolden replays a small log (columns in an unusual order,
// rows out of time order, a manual rating-0 row, learning steps, a lapse,
// a review before 04:00 that belongs to the previous learner's day, and a
// DST change) and compares the output with the golden file.
func TestFsrsReplayGolden(t *testing.T) {
	app, out, errOut := testApp(t, "")
	code := Run(context.Background(), []string{"fsrs", "replay", "--tz", "Europe/Berlin", "testdata/fsrs/replay.csv"}, app)
	require.Equal(t, ExitOK, code, "stderr: %s", errOut)
	assert.Equal(t, "replayed 14 reviews of 3 cards (skipped 1 manual entry with rating 0)\n", errOut.String())

	golden := "testdata/fsrs/replay.golden.jsonl"
	if *update {
		require.NoError(t, os.WriteFile(golden, out.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), out.String())

	// Every line is one JSON object with the documented fields.
	sc := bufio.NewScanner(strings.NewReader(out.String()))
	for sc.Scan() {
		var line map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &line))
		for _, k := range []string{"card_id", "review_time", "rating", "elapsed_days", "retrievability",
			"stability", "difficulty", "state", "interval_days", "due"} {
			assert.Contains(t, line, k)
		}
	}
}

// The same log from stdin, pure FSRS and custom settings: every card is in
// Review after each answer, and the settings reach the scheduler.
func TestFsrsReplayFlags(t *testing.T) {
	in, err := os.ReadFile("testdata/fsrs/replay.csv")
	require.NoError(t, err)
	app, out, errOut := testApp(t, string(in))
	code := Run(context.Background(), []string{"fsrs", "replay", "--tz", "UTC", "--steps", "", "--relearning-steps", "none",
		"--retention", "0.8", "--max-interval", "20", "--day-start", "0s", "-"}, app)
	require.Equal(t, ExitOK, code, "stderr: %s", errOut)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 14)
	for _, l := range lines {
		var line export.ReplayStep
		require.NoError(t, json.Unmarshal([]byte(l), &line))
		assert.Equal(t, "Review", line.State)
		assert.True(t, line.IntervalDays >= 1 && line.IntervalDays <= 20, "interval %d", line.IntervalDays)
		assert.True(t, strings.HasSuffix(line.Due, "T00:00:00Z"), "due at UTC midnight: %s", line.Due)
	}

	// 19 parameters are migrated; $TZ picks the zone when --tz is absent.
	app, out, errOut = testApp(t, string(in))
	app.Getenv = func(k string) string {
		if k == "TZ" {
			return "America/New_York"
		}
		return ""
	}
	code = Run(context.Background(), []string{"fsrs", "replay", "--params",
		"0.40255,1.18385,3.173,15.69105,7.1949,0.5345,1.4604,0.0046,1.54575,0.1192,1.01925,1.9395,0.11,0.29605,2.2698,0.2315,2.9898,0.51655,0.6621"}, app)
	require.Equal(t, ExitOK, code, "stderr: %s", errOut)
	var first export.ReplayStep
	require.NoError(t, json.Unmarshal([]byte(strings.SplitN(out.String(), "\n", 2)[0]), &first))
	assert.Equal(t, 3.173, first.Stability, "w2 of the FSRS-5 vector")
	assert.True(t, strings.HasSuffix(first.Due, "-05:00"), "due in New York time: %s", first.Due)
}

func TestFsrsReplayErrors(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "reviews.csv")
	const header = "card_id,review_time,review_rating,review_state,review_duration\n"
	const ok = "a,1700000000000,3,0,1000\n"
	tests := []struct {
		name string
		csv  string // written to reviews.csv; "" means no file
		args []string
		code int
		want string // the whole error line after "dockdrill: "; %s is the file
	}{
		{"rating out of range", header + ok + ok + "a,1700000600000,5,1,1000\n", nil, ExitError,
			`%s:4: review_rating: "5" is not 1-4`},
		{"rating not a number", header + "a,1700000000000,good,0,1\n", nil, ExitError,
			`%s:2: review_rating: "good" is not 1-4`},
		{"time not a number", header + ok + "a,yesterday,3,0,1\n", nil, ExitError,
			`%s:3: review_time: "yesterday" is not a whole number of milliseconds since the epoch`},
		{"empty card id", header + " ,1700000000000,3,0,1\n", nil, ExitError, `%s:2: card_id: empty`},
		{"bad state", header + "a,1700000000000,3,7,1\n", nil, ExitError, `%s:2: review_state: "7" is not 0-3`},
		{"negative duration", header + "a,1700000000000,3,0,-5\n", nil, ExitError,
			`%s:2: review_duration: "-5" is not a whole, non-negative number of milliseconds`},
		{"missing column", "card_id,review_time\na,1\n", nil, ExitError,
			`%s:1: missing column review_rating; the header needs card_id, review_time and review_rating`},
		{"duplicate column", "card_id,review_time,review_rating,card_id\n", nil, ExitError, `%s:1: column card_id appears twice`},
		{"wrong number of fields", header + ok + "a,1700000000000,3\n", nil, ExitError, `%s:3: wrong number of fields`},
		{"bare quote", header + "a\"b,1700000000000,3,0,1\n", nil, ExitError, `%s:2: bare " in non-quoted-field`},
		{"empty file", "", []string{"@empty"}, ExitError,
			`%s: empty file; want a header line naming card_id, review_time and review_rating`},
		{"no such file", "", []string{"@missing"}, ExitError, `open %s: no such file or directory`},
		{"retention out of range", header + ok, []string{"--retention", "0.5"}, ExitUsage,
			`desired retention 0.5 is out of range [0.70, 0.99]`},
		{"parameters out of range", header + ok, []string{"--params", "0.212,1.2931,2.3065,8.2956,6.4133,0.8334,100,0.001,1.8722,0.1666,0.796,1.4835,0.0614,0.2629,1.6483,0.6014,1.8729,0.5425,0.0912,0.0658,0.1542"}, ExitUsage,
			`weight w6 = 100 is out of range [0.001, 4] (difficulty step per grade)`},
		{"parameters unreadable", header + ok, []string{"--params", "1,2,x"}, ExitUsage, `--params: parameter 3: "x" is not a number`},
		{"parameters too few", header + ok, []string{"--params", "1,2"}, ExitUsage,
			`--params: got 2 parameters, want 21 (FSRS-6), 19 (FSRS-5) or 17 (FSRS-4.5)`},
		{"bad step", header + ok, []string{"--steps", "1m,ten"}, ExitUsage, `--steps: step 2: "ten" is not a duration such as 10m or 1h30m`},
		{"zero relearning step", header + ok, []string{"--relearning-steps", "0s"}, ExitUsage, `relearning step 1 is 0s; steps must be positive`},
		{"unknown zone", header + ok, []string{"--tz", "Mars/Olympus"}, ExitUsage, `--tz: unknown time zone "Mars/Olympus"`},
		{"max interval and day start", header + ok, []string{"--max-interval", "0", "--day-start", "25h"}, ExitUsage,
			`maximum interval 0 days is out of range [1, 36500]; day start 25h0m0s is out of range [0, 24h)`},
		{"two files", header + ok, []string{"@file", "other.csv"}, ExitUsage, `accepts at most 1 arg(s), received 2`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := path
			require.NoError(t, os.WriteFile(path, []byte(tt.csv), 0o644))
			args := []string{"fsrs", "replay", "--tz", "UTC"}
			hasFile := false
			for _, a := range tt.args {
				switch a {
				case "@empty", "@file":
					args, hasFile = append(args, path), true
				case "@missing":
					file = filepath.Join(dir, "missing.csv")
					args, hasFile = append(args, file), true
				default:
					args = append(args, a)
				}
			}
			if !hasFile {
				args = append(args, path)
			}
			app, out, errOut := testApp(t, "")
			code := Run(context.Background(), args, app)
			assert.Equal(t, tt.code, code)
			want := tt.want
			if strings.Contains(want, "%s") {
				want = strings.ReplaceAll(want, "%s", file)
			}
			firstLine := strings.SplitN(errOut.String(), "\n", 2)[0]
			assert.Equal(t, "dockdrill: "+want, firstLine)
			assert.Empty(t, out.String(), "no output on error")
		})
	}

	// Errors in a log read from stdin name stdin.
	app, _, errOut := testApp(t, header+"a,1700000000000,9,0,1\n")
	assert.Equal(t, ExitError, Run(context.Background(), []string{"fsrs", "replay", "--tz", "UTC"}, app))
	assert.Equal(t, "dockdrill: stdin:2: review_rating: \"9\" is not 1-4\n", errOut.String())
}

func TestFsrsReplayInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	app, _, _ := testApp(t, "card_id,review_time,review_rating\na,1700000000000,3\n")
	assert.Equal(t, ExitInterrupted, Run(ctx, []string{"fsrs", "replay", "--tz", "UTC"}, app))
}
