package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStatsGolden(t *testing.T) {
	db := progressStore(t)
	tests := []struct {
		name, file string
		tty        bool
		env        map[string]string
		json       bool
	}{
		{"terminal, in colour", "stats/terminal.golden", true, nil, false},
		{"not a terminal: no colour", "stats/plain.golden", false, nil, false},
		{"terminal with NO_COLOR: no colour", "stats/plain.golden", true, map[string]string{"NO_COLOR": "1"}, false},
		{"JSON", "stats/json.golden", false, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			po, run := progressOpts(t, db, tt.tty, tt.env)
			require.NoError(t, runStats(context.Background(), &statsOptions{Factory: po, JSON: tt.json}))
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

// The figures of the golden stats, from the fixture's history.
func TestStatsFigures(t *testing.T) {
	db := progressStore(t)
	po, run := progressOpts(t, db, false, nil)
	require.NoError(t, runStats(context.Background(), &statsOptions{Factory: po, JSON: true}))
	var s struct {
		Heatmap struct {
			Start  string `json:"start"`
			Counts []int  `json:"counts"`
			Total  int    `json:"total"`
		} `json:"heatmap"`
		Streak    int `json:"streak_days"`
		Retention []struct {
			Period string `json:"period"`
			Young  struct{ Passed, Failed int }
			Mature struct{ Passed, Failed int }
		} `json:"true_retention"`
		Forecast struct {
			Days []struct {
				Due int `json:"due"`
			} `json:"days"`
		} `json:"forecast"`
		Knowledge float64 `json:"estimated_total_knowledge"`
		Cards     int     `json:"cards"`
		Reviewed  int     `json:"reviewed"`
	}
	require.NoError(t, json.Unmarshal(run.out.Bytes(), &s))
	assert.Equal(t, "2026-08-10", s.Heatmap.Start)
	assert.Len(t, s.Heatmap.Counts, 110)
	assert.Equal(t, 10, s.Cards)
	assert.Equal(t, 7, s.Reviewed)
	assert.Greater(t, s.Knowledge, 4.0)
	assert.Less(t, s.Knowledge, 7.0)
	assert.Len(t, s.Forecast.Days, 14)
	assert.Equal(t, "Last year", s.Retention[4].Period)
	year := s.Retention[4]
	assert.Positive(t, year.Young.Passed)
	assert.Equal(t, 3, year.Young.Failed, "the three Again ratings on cards in review")
	assert.Zero(t, year.Mature.Passed+year.Mature.Failed, "no card reached a 21-day interval in six weeks")

	// Every review of the fixture is in the heatmap: learning steps
	// included, it counts all answers.
	app, out, _ := testApp(t, "")
	require.Equal(t, ExitOK, Run(context.Background(), []string{"export", "--reviews", "--db", db}, app))
	assert.Equal(t, strings.Count(out.String(), "\n")-1, s.Heatmap.Total)
}
