package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runIn runs dockdrill in-process with args and returns its exit code,
// stdout and stderr.
func runIn(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	app, out, errOut := testApp(t, "")
	code := Run(context.Background(), args, app)
	return code, out.String(), errOut.String()
}

func TestInputsAreRefusedWithTheReason(t *testing.T) {
	db := filepath.Join(t.TempDir(), "dockdrill.db")
	for _, tt := range []struct {
		args []string
		err  string
	}{
		// The test app's day is 2026-11-27.
		{[]string{"config", "set", "exam-date", "2026-11-26", "--db", db}, "2026-11-26 is past (today is 2026-11-27)"},
		{[]string{"config", "set", "exam-date", "2026-02-30", "--db", db}, "2026 has no February 30"},
		{[]string{"config", "unset", "nothing", "--db", db}, `unknown setting "nothing"`},
		{[]string{"grade", "--expected", "", "--given", "docker ps"}, "--expected: empty"},
		{[]string{"grade", "--expected", "  ", "--given", "docker ps"}, "--expected: empty"},
		{[]string{"exam", "--mix", "single=0.7,fill=0.5", "--db", db}, "--mix: the shares add up to 1.2, more than 1"},
		{[]string{"exam", "--deck", "nosuch", "--db", db}, `--deck: no deck "nosuch"`},
		{[]string{"stats", "--db", "/nonexistent/dir/x.db"}, "--db /nonexistent/dir/x.db: the directory /nonexistent/dir does not exist"},
	} {
		code, _, errOut := runIn(t, tt.args...)
		assert.Equal(t, ExitUsage, code, "%v: %s", tt.args, errOut)
		assert.Contains(t, errOut, tt.err, "%v", tt.args)
	}
	assert.NoDirExists(t, "/nonexistent/dir", "--db creates no directory")
	code, _, errOut := runIn(t, "config", "set", "exam-date", "2026-11-27", "--db", db)
	assert.Equal(t, ExitOK, code, "today is a valid exam date: %s", errOut)
}

func TestExamDrawsFromTheDeckGiven(t *testing.T) {
	e := newDrillEnv(t, map[string]string{"cmds.toml": commandDeck(6)})
	require.NoError(t, os.MkdirAll(filepath.Dir(e.db), 0o755))
	app, out, errOut := testApp(t, strings.Repeat("docker volume ls\n", 6))
	code := Run(context.Background(), []string{"exam", "--deck-dir", e.decks, "--deck", "cmds", "--questions", "4", "--seed", "1", "--db", e.db}, app)
	require.Equal(t, ExitOK, code, "stdout:\n%s\nstderr:\n%s", out, errOut)
	assert.Contains(t, out.String(), "4 of 4")
	assert.Equal(t, 4, strings.Count(out.String(), "list the volumes"), "every question from the deck")
}

func TestABrokenPersonalDeckIsSkippedWithAWarning(t *testing.T) {
	e := newDrillEnv(t, map[string]string{"cmds.toml": commandDeck(2)})
	config := filepath.Join(e.dir, "config")
	broken := strings.NewReplacer(`id = "cmds"`, `id = "mine"`, "e2e-cmd-", "e2e-mine-").Replace(commandDeck(1)) + "\n[[card]]\nid = \"vol-broken\"\n"
	writeFile(t, filepath.Join(config, "dockdrill", "decks"), "mine.toml", broken)
	e.env["XDG_CONFIG_HOME"] = config
	p := start(t, e, "drill", "--deck-dir", e.decks, "--deck", "cmds")
	p.expect("answer")
	p.send("q")
	assert.Equal(t, ExitOK, p.wait(), p.stderr.String())
	assert.Contains(t, p.stderr.String(), "mine.toml:")
	assert.Contains(t, p.stderr.String(), "warning: skipped 1 broken deck of your own with")

	// The same deck named with --deck-dir stops the command.
	named := filepath.Join(e.dir, "named")
	writeFile(t, named, "mine.toml", broken)
	delete(e.env, "XDG_CONFIG_HOME")
	p = start(t, e, "drill", "--deck-dir", named)
	assert.Equal(t, ExitError, p.wait())
	assert.Contains(t, p.stderr.String(), "deck error")
}

// TestReadOnlyCommandsWorkOnAReadOnlyStore runs stats, readiness, config
// list and export with the real binary on a store in a directory mounted
// read-only (in a mount namespace of their own, as root ignores
// permission bits; else the directory loses its write bits).
func TestReadOnlyCommandsWorkOnAReadOnlyStore(t *testing.T) {
	e := newDrillEnv(t, map[string]string{"cmds.toml": commandDeck(3)})
	p := start(t, e, "drill", "--deck-dir", e.decks, "--deck", "cmds")
	for range 3 {
		p.expect("answer")
		p.send("docker volume rm x")
	}
	p.expect("answer")
	p.send("q")
	require.Equal(t, ExitOK, p.wait(), p.stderr.String())
	code, _, errOut := runIn(t, "config", "set", "exam-retention", "0.9", "--db", e.db)
	require.Equal(t, ExitOK, code, errOut)
	dir := filepath.Dir(e.db)

	bin := dockdrillBinary(t)
	for _, args := range [][]string{
		{"stats"}, {"readiness"}, {"config", "list"}, {"config", "get", "exam-retention"}, {"export", "--reviews"}, {"plan", "--exam-date", "2027-01-10"},
	} {
		all := append(args, "--deck-dir", e.decks)
		var cmd *exec.Cmd
		if os.Geteuid() == 0 {
			cmd = exec.Command("unshare", append([]string{"-m", "sh", "-c",
				`mount --bind -o ro "$1" "$1" && touch "$1/probe" 2>/dev/null && exit 99; shift; exec "$@"`, "sh", dir, bin}, all...)...)
		} else {
			require.NoError(t, os.Chmod(dir, 0o555))
			t.Cleanup(func() { os.Chmod(dir, 0o755) })
			cmd = exec.Command(bin, all...)
		}
		cmd.Env = e.environ()
		out, err := cmd.CombinedOutput()
		if exit, ok := err.(*exec.ExitError); ok && args[0] == "readiness" && exit.ExitCode() == ExitFailed {
			err = nil // not ready: readiness ran
		}
		require.NoError(t, err, "%v on a read-only store:\n%s", args, out)
		assert.NotContains(t, string(out), "readonly", "%v", args)
	}
}

func TestTheDrillBacksUpDailyAndACorruptStoreNamesTheRestore(t *testing.T) {
	e := newDrillEnv(t, map[string]string{"cmds.toml": commandDeck(2)})
	p := start(t, e, "drill", "--deck-dir", e.decks, "--deck", "cmds")
	p.expect("answer")
	p.send("docker volume rm x")
	p.expect("answer")
	p.send("q")
	require.Equal(t, ExitOK, p.wait(), p.stderr.String())
	// The first drill had no review to back up; the second has one.
	p = start(t, e, "drill", "--deck-dir", e.decks, "--deck", "cmds")
	p.expect("answer")
	p.send("q")
	require.Equal(t, ExitOK, p.wait(), p.stderr.String())
	backups, err := filepath.Glob(filepath.Join(filepath.Dir(e.db), "backups", "dockdrill-*.db"))
	require.NoError(t, err)
	require.Len(t, backups, 1, "one backup today")

	// Damage the store: its pages after the header.
	data, err := os.ReadFile(e.db)
	require.NoError(t, err)
	for i := 100; i < len(data); i++ {
		data[i] = 0x5a
	}
	require.NoError(t, os.WriteFile(e.db, data, 0o600))
	os.Remove(e.db + "-wal")
	os.Remove(e.db + "-shm")

	p = start(t, e, "drill", "--deck-dir", e.decks)
	assert.Equal(t, ExitError, p.wait())
	assert.Contains(t, p.stderr.String(), "the newest backup is "+backups[0])
	assert.Contains(t, p.stderr.String(), "restore it with: dockdrill store restore")

	p = start(t, e, "store", "restore")
	require.Equal(t, ExitOK, p.wait(), p.stderr.String())
	assert.Contains(t, p.out.String(), "Restored "+e.db+" from "+backups[0])
	assert.Len(t, e.reviews(t), 1, "the review of the first drill is back")
}
