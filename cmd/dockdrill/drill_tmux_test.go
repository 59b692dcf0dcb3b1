package main

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pane is a tmux session of its own server (its own socket), running one
// command in a terminal of its own size.
type pane struct {
	t    *testing.T
	sock string
}

// newPane starts command in a new tmux server and session, in a 120x40
// terminal. The pane stays open after the command ends, showing "[exit N]".
func newPane(t *testing.T, env []string, command string) *pane {
	t.Helper()
	return newPaneSized(t, env, command, 120, 40)
}

// newPaneSized starts command in a terminal width columns wide and height
// lines high.
func newPaneSized(t *testing.T, env []string, command string, width, height int) *pane {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed: the drill's real-terminal test needs it (CI installs it)")
	}
	p := &pane{t: t, sock: t.TempDir() + "/tmux.sock"}
	cmd := exec.Command("tmux", "-S", p.sock, "-f", "/dev/null", "new-session", "-d", "-s", "drill", "-x", strconv.Itoa(width), "-y", strconv.Itoa(height),
		command+`; echo "[exit $?]"; read x`)
	cmd.Env = append(env, "TERM=xterm-256color")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "tmux new-session: %s", out)
	t.Cleanup(func() { _ = exec.Command("tmux", "-S", p.sock, "kill-server").Run() })
	return p
}

func (p *pane) tmux(args ...string) string {
	p.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", p.sock}, args...)...).CombinedOutput()
	require.NoError(p.t, err, "tmux %v: %s", args, out)
	return string(out)
}

// screen is what the terminal shows now; all is the screen with everything
// scrolled off above it.
func (p *pane) screen() string { return p.tmux("capture-pane", "-p", "-t", "drill") }
func (p *pane) all() string    { return p.tmux("capture-pane", "-p", "-S", "-", "-t", "drill") }

// keys sends keys by tmux's names (Enter, Down, C-c).
func (p *pane) keys(keys ...string) { p.tmux(append([]string{"send-keys", "-t", "drill"}, keys...)...) }

// text types s literally.
func (p *pane) text(s string) { p.tmux("send-keys", "-t", "drill", "-l", s) }

// waitFor polls the terminal until ok holds of everything it has shown,
// for at most 20 seconds, and returns the screen.
func (p *pane) waitFor(what string, ok func(all string) bool) string {
	p.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		if ok(p.all()) {
			return p.screen()
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("waited 20s for %s; the terminal shows:\n%s", what, p.all())
		}
		<-tick.C
	}
}

// waitCount waits until s has been shown n times.
func (p *pane) waitCount(s string, n int) string {
	p.t.Helper()
	return p.waitFor(fmt.Sprintf("%q shown %d times", s, n), func(all string) bool { return strings.Count(all, s) >= n })
}

// TestDrillInARealTerminalEndsOnCtrlCAndSIGTERM interrupts a drill waiting
// in a menu, with Ctrl-C (which raw mode delivers as a key) and
// with SIGTERM (a signal while the terminal is raw): both show the summary,
// exit 130, and leave the terminal as they found it, echoing what is typed.
func TestDrillInARealTerminalEndsOnCtrlCAndSIGTERM(t *testing.T) {
	for _, how := range []string{"Ctrl-C", "SIGTERM"} {
		t.Run(how, func(t *testing.T) {
			e := newDrillEnv(t, map[string]string{"e2e.toml": e2eDeck})
			p := newPane(t, e.environ(), fmt.Sprintf("%s drill --decks %s --deck e2e", dockdrillBinary(t), e.decks))
			p.waitFor("the toggle list", func(all string) bool { return strings.Contains(all, "tick 2 (0 ticked)") })
			if how == "Ctrl-C" {
				p.keys("C-c")
			} else {
				signalChild(t, p, syscall.SIGTERM)
			}
			screen := p.waitFor("the end", func(all string) bool { return strings.Contains(all, "[exit 130]") })
			assert.Contains(t, screen, "── session ended ──\nreviewed      0 answers\n")
			assert.Contains(t, screen, "dockdrill: interrupted\n[exit 130]")
			// The shell's read now runs in the terminal the drill
			// leaves behind: cooked mode echoes the keys.
			p.text("echoed")
			p.waitFor("the typed text echoed", func(string) bool { return strings.Contains(p.screen(), "[exit 130]\nechoed") })
		})
	}
}

// signalChild sends sig to the drill, the child of the pane's shell.
func signalChild(t *testing.T, p *pane, sig syscall.Signal) {
	t.Helper()
	shell := strings.TrimSpace(p.tmux("display-message", "-p", "-t", "drill", "#{pane_pid}"))
	data, err := os.ReadFile(fmt.Sprintf("/proc/%s/task/%s/children", shell, shell))
	require.NoError(t, err)
	kids := strings.Fields(string(data))
	require.Len(t, kids, 1, "the shell runs the drill alone")
	pid, err := strconv.Atoi(kids[0])
	require.NoError(t, err)
	require.NoError(t, syscall.Kill(pid, sig))
}
