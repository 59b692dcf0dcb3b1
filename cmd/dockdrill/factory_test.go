package main

import (
	"context"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// --db, --deck-dir (and its old spelling --decks) and --tz are the root's,
// declared once; no command declares its own.
func TestGlobalFlagsAreDeclaredOnce(t *testing.T) {
	app, _, _ := testApp(t, "")
	root := newRootCmd(app)
	for _, name := range []string{"db", "deck-dir", "decks", "tz", "color"} {
		assert.NotNil(t, root.PersistentFlags().Lookup(name), name)
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, name := range []string{"db", "deck-dir", "decks", "tz", "color"} {
			assert.Nil(t, c.LocalNonPersistentFlags().Lookup(name), "%s declares --%s again", c.CommandPath(), name)
			if c != root {
				assert.Nil(t, c.PersistentFlags().Lookup(name), "%s declares --%s again", c.CommandPath(), name)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// --deck-dir names the directory; --decks still does, hidden from help.
func TestDeckDirAndItsOldSpelling(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "mine.toml", userDeck)
	for _, flag := range []string{"--deck-dir", "--decks"} {
		app, out, errOut := testApp(t, "")
		code := Run(context.Background(), []string{"decks", "list", flag, dir}, app)
		require.Equal(t, ExitOK, code, "stderr: %s", errOut)
		assert.Contains(t, out.String(), "\nmine ", flag)
	}
	app, out, _ := testApp(t, "")
	require.Equal(t, ExitOK, Run(context.Background(), []string{"decks", "--help"}, app))
	assert.Contains(t, out.String(), "--deck-dir DIR")
	assert.NotContains(t, out.String(), "--decks ")
}

func TestColorFollowsTheFlagThenTheTerminal(t *testing.T) {
	tests := []struct {
		mode    string
		tty     bool
		noColor string
		want    bool
	}{
		{"auto", true, "", true},
		{"auto", false, "", false},
		{"auto", true, "1", false},
		{"always", false, "1", true},
		{"never", true, "", false},
	}
	for _, tt := range tests {
		f := &Factory{IO: &IOStreams{OutTTY: tt.tty}, Color: tt.mode, Getenv: func(k string) string {
			if k == "NO_COLOR" {
				return tt.noColor
			}
			return ""
		}}
		assert.Equal(t, tt.want, f.Colored(), "%+v", tt)
	}
	app, _, errOut := testApp(t, "")
	assert.Equal(t, ExitUsage, Run(context.Background(), []string{"version", "--color", "sometimes"}, app))
	assert.True(t, strings.Contains(errOut.String(), "not auto, always or never"), errOut.String())
}
