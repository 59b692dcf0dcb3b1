package main

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dockdrill/dockdrill/quiz/export"
)

func TestExportAnkiWritesHeadersAndOneNotePerCard(t *testing.T) {
	po, run := progressOpts(t, t.TempDir()+"/db", false, nil)
	file := filepath.Join(t.TempDir(), "anki.txt")
	require.NoError(t, runExport(context.Background(), &exportOptions{Factory: po, Format: "anki", Output: file}))
	assert.Equal(t, "wrote 10 cards to "+file+"\n", run.errOut.String())
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	text := string(data)
	assert.True(t, strings.HasPrefix(text, "#separator:tab\n#html:false\n#notetype:Basic\n#columns:guid\tdeck\tFront\tBack\ttags\n#guid column:1\n#deck column:2\n#tags column:5\n"), text)
	for _, id := range []string{"arch-daemon", "vol-mount-types", "net-create"} {
		assert.Contains(t, text, "\n"+id+"\tdockdrill::")
	}
}

func TestExportFiltersAndFormats(t *testing.T) {
	db := progressStore(t)
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr string
	}{
		{"csv of one area", []string{"--format", "csv", "--area", "volumes"}, ExitOK,
			[]string{strings.Join(export.CSVColumns, ",") + "\n", "vol-create-named,volumes,volumes,command,"}, "wrote 4 cards to standard output"},
		{"anki of one deck as HTML", []string{"--deck", "arch", "--html"}, ExitOK,
			[]string{"#html:true\n", "arch-info\tdockdrill::arch\t"}, "wrote 4 cards"},
		{"an unknown format", []string{"--format", "apkg"}, ExitUsage, nil, `--format: "apkg" is not anki or csv`},
		{"an unknown area", []string{"--area", "swarm"}, ExitUsage, nil, `--area: no knowledge area "swarm"`},
		{"an unknown deck", []string{"--deck", "swarm"}, ExitUsage, nil, `--deck: no deck "swarm"`},
		{"reviews with a format", []string{"--reviews", "--format", "csv"}, ExitUsage, nil, "leave out --format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app, out, errOut := testApp(t, "")
			// The built-in decks hold the same ids as the fixture's
			// areas, so --decks is not used: these run on the
			// built-ins, the counts differ.
			code := Run(context.Background(), append([]string{"export", "--db", db}, tt.args...), app)
			assert.Equal(t, tt.code, code, "stderr: %s", errOut)
			if code == ExitOK {
				for _, s := range tt.stdout[:1] {
					assert.Contains(t, out.String(), s)
				}
				assert.Contains(t, errOut.String(), "wrote ")
			} else {
				assert.Contains(t, errOut.String(), tt.stderr)
			}
		})
	}
}

// The review log exported is read back by 'dockdrill fsrs replay', which
// schedules every review, and has the FSRS optimizer's columns.
func TestExportedReviewsReplay(t *testing.T) {
	db := progressStore(t)
	file := filepath.Join(t.TempDir(), "revlog.csv")
	app, _, errOut := testApp(t, "")
	require.Equal(t, ExitOK, Run(context.Background(), []string{"export", "--reviews", "--db", db, "-o", file}, app), errOut.String())
	assert.Regexp(t, `^wrote \d+ reviews to `, errOut.String())

	f, err := os.Open(file)
	require.NoError(t, err)
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	require.NoError(t, err)
	assert.Equal(t, []string{"card_id", "review_time", "review_rating", "review_state", "review_duration"}, rows[0])
	first := strconv.FormatInt(fixedNow.AddDate(0, 0, -42).UnixMilli(), 10)
	assert.Equal(t, []string{"arch-daemon", first, "3", "0", "7000"}, rows[1], "the first review: new, Good, 7 s, 42 days ago")

	app, out, errOut := testApp(t, "")
	require.Equal(t, ExitOK, Run(context.Background(), []string{"fsrs", "replay", "--tz", "UTC", file}, app), errOut.String())
	assert.Equal(t, len(rows)-1, strings.Count(out.String(), "\n"), "one line per review")
}
