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
// command in a 120x40 terminal.
type pane struct {
	t    *testing.T
	sock string
}

// newPane starts command in a new tmux server and session. The pane stays
// open after the command ends, showing "[exit N]".
func newPane(t *testing.T, env []string, command string) *pane {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed: the drill's real-terminal test needs it (CI installs it)")
	}
	p := &pane{t: t, sock: t.TempDir() + "/tmux.sock"}
	cmd := exec.Command("tmux", "-S", p.sock, "-f", "/dev/null", "new-session", "-d", "-s", "drill", "-x", "120", "-y", "40",
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

// waitMenu waits until the screen shows a whole menu under label: its
// cursor, and the last entry, which is a command's (q); it returns the
// screen.
func (p *pane) waitMenu(label string) string {
	p.t.Helper()
	return p.waitMenuWith(label, "")
}

// waitMenuWith waits for a whole menu that also shows entry.
func (p *pane) waitMenuWith(label, entry string) string {
	p.t.Helper()
	var screen string
	p.waitFor(fmt.Sprintf("the menu %q with %q", label, entry), func(string) bool {
		screen = p.screen()
		i := strings.LastIndex(screen, "\n"+label+"\n")
		if i < 0 {
			return false
		}
		menu := screen[i:]
		return strings.Contains(menu, "▸ ") && strings.Contains(menu, entry) && strings.Contains(menu, "q  ")
	})
	return screen
}

// menu reads the menu at the bottom of screen, under the line that starts
// with label: its entries, and the index of the one under the cursor.
func menu(t *testing.T, screen, label string) ([]string, int) {
	t.Helper()
	lines := strings.Split(screen, "\n")
	top := -1
	for i, l := range lines {
		if strings.HasPrefix(l, label) {
			top = i
		}
	}
	require.GreaterOrEqual(t, top, 0, "no menu %q on the screen:\n%s", label, screen)
	var items []string
	cursor := -1
	for _, l := range lines[top+1:] {
		l = strings.TrimSpace(l)
		if l == "" {
			break
		}
		if rest, ok := strings.CutPrefix(l, "▸ "); ok {
			cursor = len(items)
			l = rest
		}
		items = append(items, l)
	}
	require.GreaterOrEqual(t, cursor, 0, "no cursor in the menu %q:\n%s", label, screen)
	return items, cursor
}

// moveTo returns the keys that move a menu's cursor from one entry to
// another.
func moveTo(from, to int) []string {
	var keys []string
	for ; from < to; from++ {
		keys = append(keys, "Down")
	}
	for ; from > to; from-- {
		keys = append(keys, "Up")
	}
	return keys
}

func indexOf(t *testing.T, items []string, want string) int {
	t.Helper()
	for i, it := range items {
		if it == want {
			return i
		}
	}
	t.Fatalf("no entry %q in %q", want, items)
	return -1
}

// TestDrillInARealTerminal runs the drill binary in a tmux terminal, so
// promptui draws its prompts and menus, and checks what the learner sees
// while answering a multi (toggle list), a choice, a flash card and two
// typed answers, one wrong, then quitting.
func TestDrillInARealTerminal(t *testing.T) {
	e := newDrillEnv(t, map[string]string{"e2e.toml": e2eDeck})
	bin := dockdrillBinary(t)
	p := newPane(t, e.environ(), fmt.Sprintf("%s drill --decks %s --deck e2e", bin, e.decks))

	// The multi: a toggle list; mark bridge and overlay, then done.
	screen := p.waitMenuWith("pick: mark 2", "done (0 of 2 marked)")
	assert.Contains(t, screen, "── 1 · arch · multi · new · 5 left ──")
	assert.Contains(t, screen, "Which two are network drivers that ship with Docker? (choose two)")
	assert.Contains(t, screen, "↑/↓ move · Enter marks or unmarks · then choose done")
	items, cursor := menu(t, screen, "pick: mark 2")
	assert.Equal(t, []string{"done (0 of 2 marked)", "?  hint", "u  undo", "q  quit"}, items[4:])
	for n, choice := range []string{"bridge", "overlay"} {
		i := indexOf(t, items, "[ ] "+choice)
		p.keys(append(moveTo(cursor, i), "Enter")...)
		screen = p.waitMenuWith("pick: mark 2", fmt.Sprintf("done (%d of 2 marked)", n+1))
		items, cursor = menu(t, screen, "pick: mark 2")
		assert.Contains(t, items, "[x] "+choice)
	}
	p.keys(append(moveTo(cursor, 4), "Enter")...)
	screen = p.waitMenu("rate")
	assert.Contains(t, screen, "pick: ")
	assert.Contains(t, screen, "✔ right\n  explain: bridge and overlay ship with Docker")
	items, cursor = menu(t, screen, "rate")
	assert.Equal(t, []string{"again", "hard", "good", "easy", "q  save and quit"}, items)
	assert.Equal(t, 2, cursor, "Good is proposed")
	p.keys("Enter")
	p.waitCount("saved: good · next in 10 min", 1)

	// The choice: move to the right answer.
	screen = p.waitMenu("pick one")
	assert.Contains(t, screen, "Which keys detach")
	items, cursor = menu(t, screen, "pick one")
	p.keys(append(moveTo(cursor, indexOf(t, items, "Ctrl-P Ctrl-Q")), "Enter")...)
	p.waitFor("the verdict", func(all string) bool { return strings.Contains(all, "pick one: Ctrl-P Ctrl-Q") })
	p.waitCount("✔ right", 2)
	p.waitMenu("rate")
	p.keys("Enter")
	p.waitCount("saved: good", 2)

	// The flash card: Enter reveals the answer.
	p.waitFor("the flash card", func(all string) bool {
		return strings.Contains(all, "recall it, then Enter shows the answer [? u q]>")
	})
	p.keys("Enter")
	p.waitFor("the revealed answer", func(all string) bool {
		return strings.Contains(all, "answer:  The image's layers that the registry lacks, then its manifest.")
	})
	p.waitMenu("rate")
	p.keys("Up", "Up", "Enter") // from good to again
	p.waitCount("saved: again", 1)

	// A wrong typed answer: what to type, why, the explanation, the proof.
	// Type only once the prompt is drawn: before, the terminal is not
	// yet raw and would echo the keys itself, as it would for a learner.
	p.waitFor("the networks card's prompt", func(all string) bool {
		return strings.Contains(all, "List the networks of the engine.\nanswer [? u q]>")
	})
	p.text("docker network rm")
	p.keys("Enter")
	screen = p.waitCount("saved: again", 2)
	assert.Regexp(t, `answer \[\? u q\]> docker network rm\n  ✘ wrong\n  answer:  docker network ls\n  why:     `, screen)
	assert.Contains(t, screen, "proof:   networks/TestPredefinedNetworks")

	// A right typed answer in another form.
	p.waitFor("the volumes card's prompt", func(all string) bool {
		return strings.Contains(all, "Create a named volume called pgdata.\nanswer [? u q]>")
	})
	p.text("docker volume create pgdata")
	p.keys("Enter")
	p.waitCount("✔ right", 3)
	p.waitMenu("rate")
	p.keys("Enter")
	p.waitCount("saved: good", 3)

	// The cards answered wrong come back, the one answered first first;
	// q ends the session.
	p.waitCount("What does docker push send to a registry?", 2)
	p.waitCount("recall it, then Enter shows the answer", 2)
	p.text("q")
	p.keys("Enter")
	screen = p.waitFor("the summary", func(all string) bool { return strings.Contains(all, "[exit 0]") })
	assert.Contains(t, screen, `── session over ──
reviewed      5 answers (5 cards, 5 new)
right         60 % (3 of 5)
`)
	assert.Contains(t, screen, "streak        1 day\n[exit 0]")
	assert.Len(t, e.reviews(t), 5)

	// Nothing the prompts drew overwrote a line of the cards: each
	// question and each answered line is there once.
	all := p.all()
	for _, line := range []string{
		"Which two are network drivers that ship with Docker? (choose two)\npick: bridge; overlay\n",
		"Which keys detach from an attached container and leave it running?\npick one: Ctrl-P Ctrl-Q\n",
		"List the networks of the engine.\nanswer [? u q]> docker network rm\n",
		"Create a named volume called pgdata.\nanswer [? u q]> docker volume create pgdata\n  ✔ right\n",
		"What does docker push send to a registry?\nrecall it, then Enter shows the answer [? u q]> q\n",
	} {
		assert.Equal(t, 1, strings.Count(all, line), "%q in:\n%s", line, all)
	}
}

// TestDrillInARealTerminalEndsOnCtrlCAndSIGTERM interrupts a drill waiting
// in a promptui menu, with Ctrl-C (which raw mode delivers as a key) and
// with SIGTERM (a signal while the terminal is raw): both show the summary,
// exit 130, and leave the terminal as they found it, echoing what is typed.
func TestDrillInARealTerminalEndsOnCtrlCAndSIGTERM(t *testing.T) {
	for _, how := range []string{"Ctrl-C", "SIGTERM"} {
		t.Run(how, func(t *testing.T) {
			e := newDrillEnv(t, map[string]string{"e2e.toml": e2eDeck})
			p := newPane(t, e.environ(), fmt.Sprintf("%s drill --decks %s --deck e2e", dockdrillBinary(t), e.decks))
			p.waitFor("the toggle list", func(all string) bool { return strings.Contains(all, "done (0 of 2 marked)") })
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
